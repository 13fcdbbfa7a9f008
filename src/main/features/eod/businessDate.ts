/** The business date (营业日) of a branch: the day after its last closed day, or,
 *  before its first end of day, today in the organisation's time zone. Without a branch: the earliest open day of all
 *  branches, the day the next end of day closes. */
import type { LocalDb } from '../../db/connection';
import { addDays, businessDateOf, type BusinessDate } from '../../../core/dates';
import { readSettings } from '../settings/store';
import { deviceBranches } from '../sync/scope';

export function lastClosedDate(db: LocalDb, branchId?: string | null): BusinessDate | null {
  const row = (
    branchId
      ? db.$client.prepare('SELECT max(business_date) AS d FROM days_closed WHERE branch_id = ?').get(branchId)
      : db.$client.prepare('SELECT max(business_date) AS d FROM days_closed').get()
  ) as { d: string | null };
  return row.d;
}

interface BranchDay {
  id: string;
  closed: string | null;
}

/** The open days of the branches this desktop keeps the books of. */
function branchDays(db: LocalDb, scoped = true): BranchDay[] {
  const all = db.$client
    .prepare(
      'SELECT b.id, (SELECT max(business_date) FROM days_closed d WHERE d.branch_id = b.id) AS closed FROM branches b ORDER BY b.code',
    )
    .all() as BranchDay[];
  const scope = scoped ? deviceBranches(db) : null;
  return scope ? all.filter((b) => scope.includes(b.id)) : all;
}

function dayOf(b: BranchDay, today: BusinessDate): BusinessDate {
  return b.closed ? addDays(b.closed, 1) : today;
}

function wallClockDate(db: LocalDb, now: Date): BusinessDate {
  return businessDateOf(now, readSettings(db).locale.timeZone);
}

export function currentBusinessDate(db: LocalDb, now: Date, branchId?: string | null): BusinessDate {
  const today = wallClockDate(db, now);
  if (branchId) {
    const b = branchDays(db, false).find((x) => x.id === branchId);
    if (b) return dayOf(b, today);
  }
  const all = branchDays(db);
  if (all.length === 0) return today;
  return all.map((b) => dayOf(b, today)).reduce((min, d) => (d < min ? d : min));
}

/** The branches whose open day is `date` (the ones an end of day of `date` closes). */
export function branchesOpenOn(db: LocalDb, now: Date, date: BusinessDate): string[] {
  const today = wallClockDate(db, now);
  return branchDays(db)
    .filter((b) => dayOf(b, today) === date)
    .map((b) => b.id);
}

/** The first business date the books hold: the earliest day closed or dated by a
 *  journal entry (posting or value date); the current business date when there is
 *  nothing yet. */
export function firstBusinessDate(db: LocalDb, now: Date): BusinessDate {
  const row = db.$client
    .prepare(
      `SELECT min(d) AS d FROM (
         SELECT min(business_date) AS d FROM days_closed
         UNION ALL SELECT min(posting_date) FROM journal_entries
         UNION ALL SELECT min(value_date) FROM journal_entries)`,
    )
    .get() as { d: string | null };
  return row.d ?? currentBusinessDate(db, now);
}
