/** Worker-thread entry of the customer import: reads one uploaded file into rows
 *  (CSV, or XLSX as a stream) and posts them back, so a large or hostile file
 *  never holds the main process. Started by readInWorker.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { isDomainError } from '../../../core/errors';
import { readSheet } from './sheet';

export interface ImportJob {
  fileName: string;
  bytes: Uint8Array;
  maxRows: number;
  maxUnzippedBytes: number;
}

export type ImportReply =
  | { ok: true; sheet: Awaited<ReturnType<typeof readSheet>> }
  | { ok: false; code: string; details: Record<string, unknown> };

const job = workerData as ImportJob;
readSheet(
  job.fileName,
  Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength),
  job.maxRows,
  job.maxUnzippedBytes,
).then(
  (sheet) => parentPort?.postMessage({ ok: true, sheet } satisfies ImportReply),
  (e: unknown) =>
    parentPort?.postMessage(
      (isDomainError(e)
        ? { ok: false, code: e.code, details: e.details }
        : { ok: false, code: 'IMPORT_FILE_UNREADABLE', details: { field: 'file' } }) satisfies ImportReply,
    ),
);
