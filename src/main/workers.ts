/** Starting a worker thread of the main process: its built entry (`<name>.js`, an
 *  entry of electron.vite.config.ts emitted beside this module's chunk) or, when
 *  running from source (tsx, vitest), its TypeScript entry loaded through tsx. */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function startWorker(
  entry: { built: string; source: URL },
  options: WorkerOptions & { workerData: Record<string, unknown> },
): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL(`./${entry.built}`, import.meta.url), options);
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const boot = `const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });`;
  return new Worker(boot, {
    ...options,
    eval: true,
    workerData: {
      ...options.workerData,
      tsxApi: pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href,
      entry: entry.source.href,
    },
  });
}
