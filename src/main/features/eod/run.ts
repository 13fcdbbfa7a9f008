/** End of day (日终) for one business date: every branch whose open day it is gets
 *  a DayClosed event; the day's derived work (accrual, penalty, DPD, bucket, class,
 *  provision, and the journal block of the date, for every open loan) is what that
 *  event's projector does. A large book is brought to the date first in batches,
 *  each its own transaction, so a crash or a cancel resumes where it stopped; the
 *  event then finds the loans done. A closed day is never redone. */
import { eq } from 'drizzle-orm';
import { eodRuns } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { draft, emit, type EventMeta } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { businessDateOf, type BusinessDate } from '../../../core/dates';
import { refreshBranchLoans } from '../../projectors/loans';
import type { EodProgress } from '../../../contract/topics';
import { branchesOpenOn, currentBusinessDate } from './businessDate';
import { readSettings } from '../settings/store';

export const EOD_BATCH_LOANS = 200;

export type { EodProgress };

export interface EodOptions {
  meta: Omit<EventMeta, 'businessDate'>;
  now: Date;
  onProgress?: (p: EodProgress) => void;
  shouldStop?: () => boolean;
  /** Loans per batch (one transaction each; EOD_BATCH_LOANS by default). */
  batchLoans?: number;
  /** Lets other work (the window's calls) run between batches. */
  yieldBetweenBatches?: () => Promise<void>;
}

/** The day that the next end of day must close: the earliest open day of all branches. */
export function nextEodDate(db: LocalDb, now: Date): BusinessDate {
  return currentBusinessDate(db, now);
}

function loansToDo(db: LocalDb, branchIds: readonly string[], date: string): number {
  if (branchIds.length === 0) return 0;
  const row = db.$client
    .prepare(
      `SELECT count(*) AS n FROM loans WHERE status = 'active' AND disbursed_on <= ? AND (position_as_of IS NULL OR position_as_of < ?) AND branch_id IN (${branchIds.map(() => '?').join(',')})`,
    )
    .get(date, date, ...branchIds) as { n: number };
  return row.n;
}

export async function runEod(
  db: LocalDb,
  date: BusinessDate,
  options: EodOptions,
): Promise<EodProgress & { alreadyClosed: boolean }> {
  const existing = db.select().from(eodRuns).where(eq(eodRuns.businessDate, date)).get();
  if (existing?.status === 'done')
    return { date, done: existing.loansDone, total: existing.loansTotal, status: 'done', alreadyClosed: true };
  const expected = nextEodDate(db, options.now);
  if (date !== expected)
    throw new DomainError(date > expected ? 'EOD_DAY_SKIPPED' : 'EOD_DAY_CLOSED', { expected, date });
  if (date > businessDateOf(options.now, readSettings(db).locale.timeZone))
    throw new DomainError('EOD_DATE_IN_FUTURE', { date });
  const branchIds = branchesOpenOn(db, options.now, date);
  let done = existing?.loansDone ?? 0;
  const total = done + loansToDo(db, branchIds, date);
  if (!existing) {
    db.insert(eodRuns)
      .values({
        businessDate: date,
        status: 'running',
        loansTotal: total,
        startedAt: options.meta.occurredAt,
        actorId: options.meta.actorId,
      })
      .run();
  }
  for (const branchId of branchIds) {
    let cursor = '';
    for (;;) {
      if (options.shouldStop?.()) {
        options.onProgress?.({ date, done, total, status: 'cancelled' });
        return { date, done, total, status: 'cancelled', alreadyClosed: false };
      }
      const batch = db.transaction(() => {
        const result = refreshBranchLoans(db, branchId, date, {
          afterId: cursor,
          limit: options.batchLoans ?? EOD_BATCH_LOANS,
        });
        done += result.done;
        db.update(eodRuns).set({ cursor: result.lastId, loansDone: done }).where(eq(eodRuns.businessDate, date)).run();
        return result;
      });
      if (batch.done === 0) break;
      cursor = batch.lastId!;
      options.onProgress?.({ date, done, total: Math.max(total, done), status: 'running' });
      await options.yieldBetweenBatches?.();
    }
  }
  db.transaction(() => {
    emit(
      db,
      { ...options.meta, businessDate: date },
      branchIds.map((branchId) => ({ ...draft('DayClosed', `${branchId}:${date}`, { branchId, date }, 0), branchId })),
    );
    db.update(eodRuns)
      .set({ status: 'done', finishedAt: new Date().toISOString() })
      .where(eq(eodRuns.businessDate, date))
      .run();
  });
  options.onProgress?.({ date, done, total: Math.max(total, done), status: 'done' });
  return { date, done, total: Math.max(total, done), status: 'done', alreadyClosed: false };
}
