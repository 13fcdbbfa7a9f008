/** Runs the reading of an uploaded import file in a worker thread, with a memory
 *  ceiling and a time limit, so the window and every other API call stay
 *  responsive and a hostile file can at worst end its own worker. */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../workers';
import { DomainError } from '../../../core/errors';
import { MAX_IMPORT_ROWS } from '../../../contract/schemas/customers';
import { MAX_IMPORT_UNZIPPED_BYTES } from './xlsxStream';
import type { Sheet } from './sheet';
import type { ImportJob, ImportReply } from './importWorker';

export const IMPORT_TIMEOUT_MS = 30_000;
const WORKER_HEAP_MB = 256;

function startImportWorker(job: ImportJob): Worker {
  return startWorker(
    { built: 'importWorker.js', source: new URL('./importWorker.ts', import.meta.url) },
    {
      workerData: { ...job },
      transferList: [job.bytes.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    },
  );
}

/** The rows of an uploaded file, read off the main thread; the same refusals as
 *  `readSheet` (IMPORT_TOO_MANY_ROWS, IMPORT_TOO_LARGE …) as DomainErrors. */
export function readSheetInWorker(
  fileName: string,
  bytes: Buffer,
  limits: { maxRows?: number; maxUnzippedBytes?: number } = {},
): Promise<Sheet> {
  // A copy the worker owns (transferred, not cloned).
  const own = new Uint8Array(bytes.length);
  own.set(bytes);
  const worker = startImportWorker({
    fileName,
    bytes: own,
    maxRows: limits.maxRows ?? MAX_IMPORT_ROWS,
    maxUnzippedBytes: limits.maxUnzippedBytes ?? MAX_IMPORT_UNZIPPED_BYTES,
  });
  return new Promise<Sheet>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () =>
        settle(() => reject(new DomainError('IMPORT_TIMEOUT', { field: 'file', seconds: IMPORT_TIMEOUT_MS / 1000 }))),
      IMPORT_TIMEOUT_MS,
    );
    worker.once('message', (reply: ImportReply) =>
      settle(() => (reply.ok ? resolve(reply.sheet) : reject(new DomainError(reply.code, reply.details)))),
    );
    worker.once('error', (e: Error & { code?: string }) =>
      settle(() =>
        reject(
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DomainError('IMPORT_TOO_LARGE', {
                field: 'file',
                maxBytes: MAX_IMPORT_UNZIPPED_BYTES,
                maxMb: MAX_IMPORT_UNZIPPED_BYTES / 2 ** 20,
              })
            : new DomainError('IMPORT_FILE_UNREADABLE', { field: 'file' }),
        ),
      ),
    );
    worker.once('exit', () => settle(() => reject(new DomainError('IMPORT_FILE_UNREADABLE', { field: 'file' }))));
  });
}
