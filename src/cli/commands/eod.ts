/** `loandesk eod --date D`: closes one business day (日终) on the local profile.
 *  Progress goes to stderr; Ctrl+C stops after the current batch and a rerun of
 *  the same date resumes where it stopped. */
import { flagValue, parseArgs, requiredFlag } from '../args';
import { intFlag } from './format';
import { UsageError, type CliCommand } from '../types';
import { openHeadless } from '../../main/headless';
import { runEod, type EodProgress } from '../../main/features/eod/run';
import { isValidDate } from '../../core/dates';
import { anchorAuditHead, appendAudit } from '../../main/security/audit';
import type { LocalDb } from '../../main/db/connection';

const EXIT_CANCELLED = 130;
const MAX_BATCH_LOANS = 10_000;
const MAX_WORKERS = 16;

// Helpers shared by the lending-operations commands (export, seed, trial-balance).

export function dateFlag(value: string, flag: string): string {
  if (!isValidDate(value)) throw new UsageError(`--${flag} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

export function auditCli(db: LocalDb, deviceId: string, action: string, summary: unknown): void {
  db.transaction(() =>
    appendAudit(db, {
      userId: null,
      username: 'cli',
      deviceId,
      action,
      summary,
      outcome: 'ok',
      at: new Date().toISOString(),
    }),
  );
  anchorAuditHead(db);
}

/** While `fn` runs, the first SIGINT asks it to stop (the second kills as usual). */
export async function withInterrupt<T>(fn: (stopRequested: () => boolean) => Promise<T>): Promise<T> {
  let stop = false;
  const onSigint = () => {
    if (stop) process.exit(130);
    stop = true;
  };
  process.on('SIGINT', onSigint);
  try {
    return await fn(() => stop);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export const eodCommand: CliCommand = {
  name: 'eod',
  summary: 'end of day (日终): accrue, age and classify every active loan for one business date',
  usage:
    'loandesk eod --date YYYY-MM-DD [--batch-loans N] [--workers N] [--json]\nCtrl+C stops cleanly after the current batch; running the same date again resumes (also after a crash: every batch of N loans, default 200, is committed on its own).\n--workers: threads planning the batches beside the writer (0: none; by default one per core beyond the first, at most 3, for 2,000 loans or more).',
  async run(argv, io) {
    const args = parseArgs(argv, ['date', 'batch-loans', 'workers']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const date = dateFlag(requiredFlag(args, 'date'), 'date');
    const batchText = flagValue(args, 'batch-loans');
    const batchLoans = batchText === undefined ? undefined : intFlag(batchText, 'batch-loans');
    if (batchLoans !== undefined && (batchLoans < 1 || batchLoans > MAX_BATCH_LOANS))
      throw new UsageError(`--batch-loans must be between 1 and ${MAX_BATCH_LOANS}, got "${batchText}"`);
    const workersText = flagValue(args, 'workers');
    const workers = workersText === undefined ? undefined : intFlag(workersText, 'workers');
    if (workers !== undefined && (workers < 0 || workers > MAX_WORKERS))
      throw new UsageError(`--workers must be between 0 and ${MAX_WORKERS}, got "${workersText}"`);
    const json = args.switches.has('json');
    const profile = await openHeadless(io.env, 'write');
    const { db, deviceId } = profile;
    try {
      let lastShown = -1;
      const onProgress = (p: EodProgress) => {
        const percent = p.total > 0 ? Math.floor((p.done * 100) / p.total) : 100;
        if (p.status !== 'running' || percent !== lastShown)
          io.err(`eod ${p.date}: ${p.done}/${p.total} loans (${percent}%) ${p.status}`);
        lastShown = percent;
      };
      const result = await withInterrupt((stopRequested) =>
        runEod(db, date, {
          meta: { actorId: null, deviceId, branchId: null, occurredAt: new Date().toISOString() },
          now: new Date(),
          onProgress,
          ...(batchLoans ? { batchLoans } : {}),
          ...(workers !== undefined ? { workers } : {}),
          shouldStop: stopRequested,
          yieldBetweenBatches: () => new Promise((resolve) => setImmediate(resolve)),
        }),
      );
      if (!result.alreadyClosed) auditCli(db, deviceId, 'cli.eod', result);
      if (json) io.out(JSON.stringify(result));
      else if (result.alreadyClosed) io.out(`${date} was already closed (${result.done} loans)`);
      else if (result.status === 'cancelled')
        io.out(`${date}: stopped after ${result.done} of ${result.total} loans; run the same command again to resume`);
      else io.out(`${date} closed: ${result.done} loans`);
      return result.status === 'cancelled' ? EXIT_CANCELLED : 0;
    } finally {
      profile.close();
    }
  },
};
