/** The business date (营业日): the day after the last closed day, or, before the
 *  first end of day, today in the organisation's time zone. */
import { desc, eq } from 'drizzle-orm';
import { eodRuns } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { addDays, businessDateOf, type BusinessDate } from '../../../core/dates';
import { readSettings } from '../settings/store';

export function lastClosedDate(db: LocalDb): BusinessDate | null {
  return (
    db
      .select({ d: eodRuns.businessDate })
      .from(eodRuns)
      .where(eq(eodRuns.status, 'done'))
      .orderBy(desc(eodRuns.businessDate))
      .limit(1)
      .get()?.d ?? null
  );
}

export function currentBusinessDate(db: LocalDb, now: Date): BusinessDate {
  const closed = lastClosedDate(db);
  return closed ? addDays(closed, 1) : businessDateOf(now, readSettings(db).locale.timeZone);
}
