#!/usr/bin/env node
// `npm run screenshots`: refreshes the committed pictures in docs/screenshots/<lang>
// on purpose. Builds the app, then runs the Playwright specs that take pictures
// with LOANDESK_SCREENSHOTS=docs (a plain `npm test` writes them to
// test-results/screenshots and leaves the tree clean). Extra arguments go to
// Playwright, e.g. `npm run screenshots -- tests/e2e/sync.spec.ts`.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let status = run([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
if (status !== 0) process.exit(status);
const e2e = join(root, 'tests', 'e2e');
const specs = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(e2e)
      .filter((f) => f.endsWith('.spec.ts') && readFileSync(join(e2e, f), 'utf8').includes('screenshotDir('))
      .map((f) => join('tests', 'e2e', f));
status = run([join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...specs], {
  LOANDESK_SCREENSHOTS: 'docs',
});
process.exit(status);
