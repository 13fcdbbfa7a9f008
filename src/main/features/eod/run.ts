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
import { everyBranchAmong, loansToRefresh, writePlannedLoans, type RefreshStep } from '../../projectors/loans';
import type { LoanFigures } from '../../projectors/quiet';
import { eventsApplied } from '../../projectors/index';
import { defaultWorkers, startPlanners } from './parallel';
import type { EodProgress } from '../../../contract/topics';
import { branchesOpenOn, currentBusinessDate } from './businessDate';
import { readSettings } from '../settings/store';

export const EOD_BATCH_LOANS = 200;

export type { EodProgress };

/** A batch of loans (their rows) and what the planners made of its first share (the
 *  rest is refreshed by the writer), with the count of events applied when it was read. */
interface Batch {
  loans: LoanFigures[];
  at: number;
  steps: Promise<RefreshStep[][]>;
}

export interface EodOptions {
  meta: Omit<EventMeta, 'businessDate'>;
  now: Date;
  onProgress?: (p: EodProgress) => void;
  shouldStop?: () => boolean;
  /** Loans per batch (one transaction each; EOD_BATCH_LOANS by default). */
  batchLoans?: number;
  /** Lets other work (the window's calls) run between batches. */
  yieldBetweenBatches?: () => Promise<void>;
  /** Worker threads planning the batches while this thread writes (0: none; by
   *  default one per core beyond this one, at most 3, for a book of 2,000 loans or more). */
  workers?: number;
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
  const batchLoans = options.batchLoans ?? EOD_BATCH_LOANS;
  const workers = options.workers ?? defaultWorkers(total - done);
  const planners = workers > 0 ? startPlanners(db, workers) : null;
  try {
    // The batches: the next loans not yet brought to the day, in one walk of the book
    // when every branch with loans closes the day, else branch after branch.
    const walks: Array<string | undefined> = everyBranchAmong(db, branchIds) ? [undefined] : branchIds;
    let walk = 0;
    let after = 0;
    const nextLoans = (): LoanFigures[] => {
      for (; walk < walks.length; walk++, after = 0) {
        const next = loansToRefresh(db, walks[walk], date, { afterRowid: after, limit: batchLoans });
        if (next.loans.length > 0) {
          after = next.lastRowid;
          return next.loans;
        }
      }
      return [];
    };
    // The share of each batch the planners plan (this thread refreshes the rest while
    // it writes), moved batch by batch towards the point where neither side waits.
    let share = 0.8;
    const ask = (): Batch => {
      const at = eventsApplied();
      const loans = nextLoans();
      const planned = planners ? loans.slice(0, Math.round(loans.length * share)) : [];
      const steps = planned.length > 0 ? planners!.plan(planned, date) : Promise.resolve([]);
      // A batch planned ahead and then not written (a cancel, a failure) is let go.
      steps.catch(() => undefined);
      return { loans, at, steps };
    };
    let next = ask();
    for (;;) {
      if (options.shouldStop?.()) {
        options.onProgress?.({ date, done, total, status: 'cancelled', workers });
        return { date, done, total, status: 'cancelled', alreadyClosed: false, workers };
      }
      const current = next;
      const asked = performance.now();
      const steps = await current.steps;
      if (current.loans.length === 0) break;
      if (planners) {
        share = performance.now() - asked > 1 ? Math.max(0.05, share - 0.05) : Math.min(0.95, share + 0.05);
        // The next batch is planned while this one is written.
        next = ask();
      }
      db.transaction(() => {
        writePlannedLoans(db, date, current.loans, steps, current.at !== eventsApplied());
        done += current.loans.length;
        db.update(eodRuns)
          .set({ cursor: current.loans.at(-1)!.id, loansDone: done })
          .where(eq(eodRuns.businessDate, date))
          .run();
      });
      options.onProgress?.({ date, done, total: Math.max(total, done), status: 'running', workers });
      await options.yieldBetweenBatches?.();
      if (!planners) next = ask();
    }
  } finally {
    await planners?.close();
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
  options.onProgress?.({ date, done, total: Math.max(total, done), status: 'done', workers });
  return { date, done, total: Math.max(total, done), status: 'done', alreadyClosed: false, workers };
}
