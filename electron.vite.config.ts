import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin({ include: ['keytar'] })],
    // The workers are entries of their own, emitted beside index.js (workers.ts: the
    // customer import's reader, the end of day's planners);
    // so is browser mode's host (scripts/start.mjs runs out/main/host.js, no tsx).
    // Shared chunks sit beside the entries too, so `new URL('./<name>.js',
    // import.meta.url)` resolves wherever workers.ts lands.
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          host: resolve('src/main/host.ts'),
          importWorker: resolve('src/main/features/customers/importWorker.ts'),
          planWorker: resolve('src/main/features/eod/planWorker.ts'),
        },
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // A sandboxed preload must be CommonJS.
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    // Minified, and split by route (app/lazyPage.tsx): the login screen loads only
    // the entry chunk and its static imports. The manifest is the import graph
    // bench/startup.ts measures the first screen's script from.
    build: {
      minify: true,
      manifest: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      chunkSizeWarningLimit: 1000,
    },
  },
});
