/** End of day (日终) for one business date: every active loan is recomputed as of
 *  the date (accrual, penalty, DPD, bucket, five-tier class, provision) and its
 *  journal brought to match. Batches commit separately; the run keeps a cursor so
 *  a crash or a cancel resumes where it stopped; a closed day is never redone. */
import { and, asc, eq, gt } from 'drizzle-orm';
import { eodRuns, loans } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { appendEvent, type EventMeta } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { addDays, businessDateOf, type BusinessDate } from '../../../core/dates';
import { refreshLoan } from '../loans/engine';
import { lastClosedDate } from './businessDate';
import { readSettings } from '../settings/store';
import { snapshotPortfolio } from '../monitoring/summaries';

export const EOD_BATCH_LOANS = 200;

export interface EodProgress {
  date: BusinessDate;
  done: number;
  total: number;
  status: 'running' | 'done' | 'cancelled';
}

export interface EodOptions {
  meta: EventMeta;
  now: Date;
  onProgress?: (p: EodProgress) => void;
  shouldStop?: () => boolean;
  /** Lets other work (the window's calls) run between batches. */
  yieldBetweenBatches?: () => Promise<void>;
}

/** The day that the next end of day must close. */
export function nextEodDate(db: LocalDb, now: Date): BusinessDate {
  const closed = lastClosedDate(db);
  return closed ? addDays(closed, 1) : businessDateOf(now, readSettings(db).locale.timeZone);
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
  const total = db.$client.prepare("SELECT count(*) AS n FROM loans WHERE status = 'active'").get() as { n: number };
  if (!existing) {
    db.insert(eodRuns)
      .values({
        businessDate: date,
        status: 'running',
        loansTotal: total.n,
        startedAt: options.meta.occurredAt,
        actorId: options.meta.actorId,
      })
      .run();
  }
  let cursor = existing?.cursor ?? '';
  let done = existing?.loansDone ?? 0;
  for (;;) {
    if (options.shouldStop?.()) {
      options.onProgress?.({ date, done, total: total.n, status: 'cancelled' });
      return { date, done, total: total.n, status: 'cancelled', alreadyClosed: false };
    }
    const batch = db
      .select({ id: loans.id })
      .from(loans)
      .where(and(eq(loans.status, 'active'), gt(loans.id, cursor)))
      .orderBy(asc(loans.id))
      .limit(EOD_BATCH_LOANS)
      .all();
    if (batch.length === 0) break;
    db.transaction(() => {
      for (const { id } of batch) refreshLoan(db, id, date, `日终 EOD ${date}`, options.meta.occurredAt);
      cursor = batch[batch.length - 1]!.id;
      done += batch.length;
      db.update(eodRuns).set({ cursor, loansDone: done }).where(eq(eodRuns.businessDate, date)).run();
    });
    options.onProgress?.({ date, done, total: Math.max(total.n, done), status: 'running' });
    await options.yieldBetweenBatches?.();
  }
  db.transaction(() => {
    appendEvent(
      db,
      { aggregate: 'day', aggregateId: date, type: 'DayClosed', payload: { date, loans: done } },
      options.meta,
      0,
    );
    snapshotPortfolio(db, date);
    db.update(eodRuns)
      .set({ status: 'done', finishedAt: new Date().toISOString() })
      .where(eq(eodRuns.businessDate, date))
      .run();
  });
  options.onProgress?.({ date, done, total: Math.max(total.n, done), status: 'done' });
  return { date, done, total: Math.max(total.n, done), status: 'done', alreadyClosed: false };
}
