/** The business date (营业日): the day after the last closed day, or, before the
 *  first end of day, today in the organisation's time zone. */
import { desc, eq, sql } from 'drizzle-orm';
import { eodRuns, journalEntries } from '../../db/schema';
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

/** The first business date the books hold: the earliest day closed by an end of
 *  day or dated by a journal entry (posting or value date); the current business
 *  date when there is nothing yet. */
export function firstBusinessDate(db: LocalDb, now: Date): BusinessDate {
  const run = db
    .select({ d: sql<string | null>`min(${eodRuns.businessDate})` })
    .from(eodRuns)
    .get()?.d;
  const entry = db
    .select({
      posting: sql<string | null>`min(${journalEntries.postingDate})`,
      value: sql<string | null>`min(${journalEntries.valueDate})`,
    })
    .from(journalEntries)
    .get();
  const dates = [run, entry?.posting, entry?.value].filter((d): d is string => typeof d === 'string');
  return dates.length > 0 ? dates.sort()[0]! : currentBusinessDate(db, now);
}
