/** Browser mode's start (issue 12, scenario 9), on the built app:
 *  - the script the login screen loads: the renderer's entry chunk and its static
 *    imports, from the build's manifest (out/renderer/.vite/manifest.json), in bytes
 *    (target under 1 MB, 1,000,000 bytes);
 *  - from starting browser mode (`node scripts/start.mjs`, what `npm start` runs,
 *    with LOANDESK_BROWSER_MODE=1) on a profile with the demo company to the login
 *    form being editable in Chromium (/usr/bin/chromium, launched beforehand), the
 *    median of BENCH_STARTUP_RUNS (3) starts (target under 3 s), against the floor
 *    of starting Node and exiting;
 *  - the main process's resident memory (VmRSS) once the login screen shows
 *    (target under 400 MB).
 *  The profile is made once (vault by passphrase, setup.createDemo with
 *  BENCH_STARTUP_PERSONS generated persons, 0 by default); BENCH_STARTUP_PROFILE
 *  (with BENCH_STARTUP_PASSPHRASE) starts on an existing profile instead, e.g. one
 *  the scale generator made. The app is built first when the build is missing or
 *  older than the sources. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { tempFolder } from './company';
import { registerScenario } from './registry';

const ROOT = join(import.meta.dirname, '..');
const RENDERER = join(ROOT, 'out', 'renderer');
const MANIFEST = join(RENDERER, '.vite', 'manifest.json');
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const PERSONS = Number(process.env.BENCH_STARTUP_PERSONS ?? 0);
const FIRST_SCREEN_TARGET_BYTES = 1_000_000;
const START_TARGET_MS = 3_000;
const RSS_TARGET_BYTES = 400 * 1024 * 1024;
const URL_LINE = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/;

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** The files the login screen loads before it runs: the HTML entry's chunk and,
 *  transitively, its static imports (what index.html modulepreloads). */
export function firstScreenScript(renderer: string): { files: string[]; bytes: number } {
  const manifest = JSON.parse(readFileSync(join(renderer, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]!.imports ?? []) visit(k);
  };
  visit('index.html');
  const files = [...seen].map((k) => manifest[k]!.file);
  return { files, bytes: files.reduce((sum, f) => sum + statSync(join(renderer, f)).size, 0) };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale(): boolean {
  const host = join(ROOT, 'out', 'main', 'host.js');
  if (existsSync(host) && existsSync(MANIFEST) && statSync(MANIFEST).mtimeMs >= newestMtime(join(ROOT, 'src')))
    return false;
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: ROOT,
      stdio: 'ignore',
    },
  );
  if (result.status !== 0) throw new Error('electron-vite build failed');
  return true;
}

interface Started {
  proc: ChildProcess;
  url: string;
  origin: string;
  token: string;
  /** The host process (start.mjs's child): the main process. */
  hostPid: () => number;
  stop: () => Promise<void>;
}

/** `node scripts/start.mjs` in browser mode on `home`, resolved when it printed its address. */
function startBrowserMode(home: string, passphrase: string, extra: Record<string, string> = {}): Promise<Started> {
  const token = randomBytes(24).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOANDESK_BROWSER_MODE: '1',
    LOANDESK_HOME: home,
    LOANDESK_PORT: '0',
    LOANDESK_HTTP_TOKEN: token,
    LOANDESK_NO_KEYCHAIN: '1',
    LOANDESK_NO_BROWSER: '1',
    LOANDESK_PASSPHRASE: passphrase,
    LOANDESK_SYNC_EVERY_MS: '0',
    ...extra,
  };
  const proc = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('no address within 60 s'), 60_000);
    function fail(why: string) {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new Error(`browser mode did not start (${why}):\n${output}`));
    }
    let ready = false;
    proc.once('exit', (code) => ready || fail(`exited with ${code}`));
    proc.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const m = output.match(URL_LINE);
      if (!m) return;
      if (ready) return;
      ready = true;
      clearTimeout(timer);
      resolve({
        proc,
        url: m[0],
        origin: `http://127.0.0.1:${m[1]}`,
        token: m[2]!,
        hostPid: () => {
          const children = readFileSync(`/proc/${proc.pid}/task/${proc.pid}/children`, 'utf8').trim().split(/\s+/);
          if (children.length !== 1 || !children[0]) throw new Error(`start.mjs has children "${children.join(' ')}"`);
          return Number(children[0]);
        },
        stop: async () => {
          proc.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}

function residentBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line!.replace(/\D+/g, '')) * 1024;
}

/** A profile holding the demo company, made through browser mode's own API. */
async function demoProfile(passphrase: string): Promise<string> {
  const home = tempFolder('startup');
  const host = await startBrowserMode(home, passphrase, { LOANDESK_DEMO_CUSTOMERS: String(PERSONS) });
  try {
    const response = await fetch(`${host.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify({ method: 'setup.createDemo', input: {} }),
    });
    const result = (await response.json()) as { ok: boolean; error?: unknown };
    if (!result.ok) throw new Error(`setup.createDemo: ${JSON.stringify(result.error)}`);
  } finally {
    await host.stop();
  }
  return home;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT MET');

registerScenario({
  name: 'startup: browser mode (first screen script, start to login, resident memory)',
  run: async (out) => {
    if (buildIfStale()) out.note('built the app first (npx electron-vite build)');
    const first = firstScreenScript(RENDERER);
    out.note(
      `first screen (login) script: ${first.bytes.toLocaleString('en-US')} bytes in ${first.files.length} files ` +
        `(target < ${FIRST_SCREEN_TARGET_BYTES.toLocaleString('en-US')}: ${met(first.bytes < FIRST_SCREEN_TARGET_BYTES)})`,
    );

    let started = performance.now();
    const floor = spawnSync(process.execPath, ['-e', ''], { cwd: ROOT });
    if (floor.status !== 0) throw new Error('node -e "" failed');
    out.baseline('bare runtime', {
      name: 'start node and exit',
      unit: 'starts',
      count: 1,
      ms: performance.now() - started,
    });

    const passphrase = process.env.BENCH_STARTUP_PASSPHRASE ?? 'bench startup passphrase';
    const home = process.env.BENCH_STARTUP_PROFILE ?? (await demoProfile(passphrase));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    try {
      const times: number[] = [];
      const rss: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
        const page = await context.newPage();
        started = performance.now();
        const host = await startBrowserMode(home, passphrase);
        try {
          await page.goto(host.url);
          const username = page.getByTestId('login-username');
          await username.waitFor({ state: 'visible', timeout: 60_000 });
          await page.waitForFunction(
            () => {
              const input = document.querySelector<HTMLInputElement>('[data-testid="login-username"]');
              return input !== null && !input.disabled && document.activeElement === input;
            },
            undefined,
            { timeout: 60_000 },
          );
          times.push(performance.now() - started);
          rss.push(residentBytes(host.hostPid()));
        } finally {
          await context.close();
          await host.stop();
        }
      }
      const ms = median(times);
      out.row({ name: `start → interactive login in Chromium (median of ${RUNS})`, unit: 'starts', count: 1, ms });
      out.note(
        `start to login: ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')} ` +
          `(target < ${START_TARGET_MS / 1000} s: ${met(ms < START_TARGET_MS)})`,
      );
      const resident = Math.max(...rss);
      out.note(
        `main process resident after start: ${mb(resident)} ` +
          `(target < ${mb(RSS_TARGET_BYTES)}: ${met(resident < RSS_TARGET_BYTES)})` +
          (process.env.BENCH_STARTUP_PROFILE ? ` on ${home}` : ` on the demo company, ${PERSONS} generated persons`),
      );
    } finally {
      await browser.close();
    }
  },
});
