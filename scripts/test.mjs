#!/usr/bin/env node
// `npm test`: checks the system prerequisites, builds the app, runs the unit and
// integration tests (inside a D-Bus session with an unlocked gnome-keyring, so the
// real keychain is tested), then the Playwright journeys in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

const prerequisites = [
  { what: 'Chromium (browser-mode e2e tests)', ok: () => existsSync('/usr/bin/chromium'), pkg: 'chromium' },
  {
    what: 'CJK fonts (screenshots)',
    ok: () => existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
    pkg: 'fonts-noto-cjk',
  },
  {
    what: 'libsecret (keytar)',
    ok: () =>
      spawnSync('pkg-config', ['--exists', 'libsecret-1']).status === 0 ||
      existsSync('/usr/lib/x86_64-linux-gnu/libsecret-1.so.0'),
    pkg: 'libsecret-1-dev',
  },
  {
    what: 'gnome-keyring (keychain test)',
    ok: () => existsSync('/usr/bin/gnome-keyring-daemon'),
    pkg: 'gnome-keyring',
  },
  { what: 'D-Bus session runner (keychain test)', ok: () => existsSync('/usr/bin/dbus-run-session'), pkg: 'dbus' },
  {
    what: "pdftotext and pdfinfo (the printed documents' PDFs in e2e)",
    ok: () => existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo'),
    pkg: 'poppler-utils',
  },
];
const missing = prerequisites.filter((p) => !p.ok());
if (missing.length > 0) {
  console.error('LoanDesk tests need these system packages, which are missing:');
  for (const m of missing) console.error(`  - ${m.pkg}: ${m.what}`);
  console.error('\nInstall them on Debian/Ubuntu with:\n  sudo bash scripts/install-system-deps.sh\n');
  process.exit(1);
}

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const reports = mkdtempSync(join(tmpdir(), 'loandesk-reports-'));
let status = run('build', process.execPath, [
  join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
  'build',
]);
if (status !== 0) process.exit(status);

const vitestJson = join(reports, 'vitest.json');
const vitest = `${bin('vitest')} run --reporter=default --reporter=json --outputFile.json=${vitestJson}`;
// A keyring of its own in a fresh folder, unlocked with a throwaway password, so
// the test never meets (or prompts for) the user's real keyring.
const keyring = "printf '%s' loandesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1;";
status = run(
  'unit and integration tests (vitest, real keychain)',
  'dbus-run-session',
  ['--', 'sh', '-c', `${keyring} exec ${vitest}`],
  {
    LOANDESK_REAL_KEYCHAIN: '1',
    XDG_DATA_HOME: mkdtempSync(join(tmpdir(), 'loandesk-keyring-')),
  },
);

const playwrightJson = join(reports, 'playwright.json');
const e2e = run(
  'end-to-end journeys (Playwright, browser mode, Debian Chromium)',
  bin('playwright'),
  ['test', '--reporter=list,json'],
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
  passed += p.expected + (p.flaky ?? 0);
  failed += p.unexpected;
  skipped += p.skipped;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status !== 0 || e2e !== 0 || failed > 0 ? 1 : 0);
