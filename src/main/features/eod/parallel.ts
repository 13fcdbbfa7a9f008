/** The end of day's planners: worker threads that compute the loans' refresh steps
 *  (reading each loan and replaying its contract: most of a loan's CPU) while the
 *  main thread, the one writer, applies the batch before. A batch of loan ids is
 *  split among the workers; the steps come back in the ids' order. */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { LocalDb } from '../../db/connection';
import { openedWith } from '../../db/connection';
import type { LoanFigures } from '../../projectors/quiet';
import type { RefreshStep } from '../../projectors/loans';
import { startWorker } from '../../workers';
import type { PlanReply, PlanRequest } from './planWorker';

/** Below this many loans to bring to the day, starting threads costs more than it saves. */
export const PARALLEL_MIN_LOANS = 2000;

/** The planners to start for `loans` loans: one per core beyond the writer's, at most 3. */
export function defaultWorkers(loans: number): number {
  return loans < PARALLEL_MIN_LOANS ? 0 : Math.min(3, availableParallelism() - 1);
}

export interface Planners {
  size: number;
  /** The refresh steps of each of `loans` (their rows) as of `date`, in their order. */
  plan(loans: readonly LoanFigures[], date: string): Promise<RefreshStep[][]>;
  close(): Promise<void>;
}

export function startPlanners(db: LocalDb, size: number): Planners {
  const opened = openedWith(db);
  if (!opened) throw new Error('end of day: the database was not opened through openDatabase');
  const workers: Worker[] = [];
  const waiting = new Map<number, { resolve: (steps: RefreshStep[][]) => void; reject: (e: Error) => void }>();
  let failed: Error | null = null;
  const fail = (e: Error) => {
    failed ??= e;
    for (const w of waiting.values()) w.reject(failed);
    waiting.clear();
  };
  for (let i = 0; i < size; i++) {
    const worker = startWorker(
      { built: 'planWorker.js', source: new URL('./planWorker.ts', import.meta.url) },
      { workerData: { file: opened.file, key: new Uint8Array(opened.key) } },
    );
    worker.on('message', (reply: PlanReply) => {
      const w = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) w?.resolve(reply.steps);
      else w?.reject(new Error(`end of day planner: ${reply.message}`));
    });
    worker.on('error', (e) => fail(e));
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`end of day planner stopped (exit code ${code})`));
    });
    workers.push(worker);
  }
  let next = 0;
  const ask = (worker: Worker, request: Omit<PlanRequest, 'id'>) =>
    new Promise<RefreshStep[][]>((resolve, reject) => {
      if (failed) return reject(failed);
      const id = ++next;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies PlanRequest);
    });
  return {
    size,
    async plan(loans, date) {
      const share = Math.ceil(loans.length / workers.length);
      const parts = await Promise.all(
        workers
          .map((w, k) => [w, loans.slice(k * share, (k + 1) * share)] as const)
          .filter(([, part]) => part.length > 0)
          .map(([w, part]) => ask(w, { loans: part, date })),
      );
      return parts.flat();
    },
    async close() {
      failed ??= new Error('end of day planners closed');
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
