#!/usr/bin/env node
// `npm start`: Electron where its binary exists, otherwise browser mode over the
// same main-process code (the built host, out/main/host.js). Builds the app first
// when the build is missing or older than the sources.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

// Looks for an installed Electron without calling require('electron'), which
// would try to download the binary.
function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathTxt = join(dir, 'path.txt');
    if (!existsSync(pathTxt)) return null;
    const binary = join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'),
      readFileSync(pathTxt, 'utf8').trim(),
    );
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const built = join(root, 'out', 'renderer', 'index.html');
const builtHost = join(root, 'out', 'main', 'host.js');
if (!existsSync(built) || !existsSync(builtHost) || statSync(built).mtimeMs < newestMtime(join(root, 'src'))) {
  console.log('Building LoanDesk …');
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = process.env.LOANDESK_BROWSER_MODE === '1' ? null : electronBinary();
const child = electron
  ? spawn(electron, ['.'], { cwd: root, stdio: 'inherit' })
  : (console.log('Electron is not installed here: starting browser mode.'),
    spawn(process.execPath, [builtHost], { cwd: root, stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
