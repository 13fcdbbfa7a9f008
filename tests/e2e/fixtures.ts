/** Playwright fixtures for LoanDesk in browser mode: one host process per test
 *  (src/main/host.ts on its own temp profile), plus helpers for the screens that
 *  come before the main window. */
import { test as base, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_PASSWORD = 'demo1234';
export const PASSPHRASE = 'e2e passphrase 2026';

/** Where a test's pictures of the screens go, made if missing: test-results/screenshots/<lang>
 *  in a test run (the tree stays clean), docs/screenshots/<lang> when `npm run screenshots`
 *  refreshes the committed ones (LOANDESK_SCREENSHOTS=docs). */
export function screenshotDir(lang: string): string {
  const dir =
    process.env.LOANDESK_SCREENSHOTS === 'docs'
      ? join(REPO_ROOT, 'docs', 'screenshots', lang)
      : join(REPO_ROOT, 'test-results', 'screenshots', lang);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface HostOptions {
  /** Generated demo history (persons); 0 by default to keep journeys fast. */
  demoCustomers?: number;
  /** Profile folder; a new temp folder (deleted on stop) when omitted. */
  home?: string;
  /** LOANDESK_PASSPHRASE: creates or unlocks the vault without the window. */
  passphrase?: string;
  /** Keep the profile folder after stop (for restarts on the same profile). */
  keepHome?: boolean;
  /** More environment for the host (LOANDESK_CLOCK_OFFSET_FILE, LOANDESK_SCHEDULER_MS, LOANDESK_SYNC_EVERY_MS …). */
  env?: Record<string, string>;
}

export interface Host {
  /** The address the host printed, with `#token=…`. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  token: string;
  home: string;
  /** stdout + stderr so far, for diagnostics. */
  log: () => string;
  /** Calls the API from Node as a named caller (a new one by default), which
   *  carries the session id the main process issued to it at login. */
  invoke: (method: string, input?: unknown, caller?: string) => Promise<ApiResult>;
  /** SIGTERM, wait for exit, delete the temp profile (unless kept). */
  stop: () => Promise<void>;
}

export type ApiResult = (
  { ok: true; value: unknown } | { ok: false; error: { code: string; details: Record<string, unknown> } }
) & { session?: { issued: string } | { ended: true } };

const URL_LINE = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/;
const START_TIMEOUT_MS = 30_000;

export function tempProfile(prefix = 'loandesk-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A host on a profile that `script` (tests/e2e/<script>, run under a controlled
 *  clock in its own process) made; the script's last output line is JSON (the ids
 *  the test needs), given back beside the host. */
export async function hostOnProfile<T>(script: string, prefix: string): Promise<{ host: Host; made: T }> {
  const home = tempProfile(prefix);
  const printed = execFileSync(process.execPath, ['--import', 'tsx', join('tests', 'e2e', script), home, PASSPHRASE], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  const made = JSON.parse(printed.trim().split('\n').at(-1)!) as T;
  return { host: await startHost({ home, passphrase: PASSPHRASE }), made };
}

function waitForExit(proc: ChildProcess, ms: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startHost(options: HostOptions = {}): Promise<Host> {
  const ownHome = options.home === undefined;
  const home = options.home ?? tempProfile();
  const token = randomBytes(24).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOANDESK_HOME: home,
    LOANDESK_PORT: '0',
    LOANDESK_HTTP_TOKEN: token,
    LOANDESK_NO_KEYCHAIN: '1',
    LOANDESK_NO_BROWSER: '1',
    // The demo company without its generated history, unless the journey needs it.
    LOANDESK_DEMO_CUSTOMERS: String(options.demoCustomers ?? 0),
    ...options.env,
  };
  delete env.LOANDESK_PASSPHRASE;
  if (options.passphrase !== undefined) env.LOANDESK_PASSPHRASE = options.passphrase;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main/host.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => (output += chunk));

  const found = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no address within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    function fail(why: string) {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      if (ownHome) rmSync(home, { recursive: true, force: true });
      reject(new Error(`LoanDesk host did not start (${why}). Output:\n${output}`));
    }
    proc.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const m = output.match(URL_LINE);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    proc.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
    proc.once('error', (e) => fail(e.message));
  });
  const port = Number(found[1]);
  const origin = `http://127.0.0.1:${port}`;
  let stopped = false;
  const issued = new Map<string, string>();

  return {
    url: found[0],
    origin,
    port,
    token,
    home,
    log: () => output,
    async invoke(method, input = {}, caller = randomUUID()) {
      const sessionId = issued.get(caller);
      const response = await fetch(`${origin}/api/invoke`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
          ...(sessionId ? { 'X-LoanDesk-Session': sessionId } : {}),
        },
        body: JSON.stringify({ method, input }),
      });
      if (!response.ok) throw new Error(`${method}: HTTP ${response.status}`);
      const result = (await response.json()) as ApiResult;
      if (result.session && 'issued' in result.session) issued.set(caller, result.session.issued);
      else if (result.session) issued.delete(caller);
      return result;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        if (!(await waitForExit(proc, 10_000))) {
          proc.kill('SIGKILL');
          await waitForExit(proc, 5_000);
        }
      }
      if (ownHome && !options.keepHome) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Calls the API and fails the test unless it succeeds. */
export async function mustInvoke(host: Host, method: string, input: unknown = {}, caller?: string): Promise<unknown> {
  const result = await host.invoke(method, input, caller);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${JSON.stringify(result.error.details)}`);
  return result.value;
}

/** The demo company through the API (the host must have been started with a passphrase). */
export async function createDemoViaApi(host: Host): Promise<void> {
  await mustInvoke(host, 'setup.createDemo', {});
}

interface Fixtures {
  /** Set with test.use({ hostPassphrase: '…' }) to start the host with LOANDESK_PASSPHRASE. */
  hostPassphrase: string | undefined;
  /** Set with test.use({ demo: true }) to create the demo company before the test (needs hostPassphrase). */
  demo: boolean;
  host: Host;
}

export const test = base.extend<Fixtures>({
  hostPassphrase: [undefined, { option: true }],
  demo: [false, { option: true }],
  // (`provide` is Playwright's `use`; named so the React hooks lint rule leaves it alone.)
  host: async ({ hostPassphrase, demo }, provide, testInfo) => {
    const host = await startHost({ passphrase: hostPassphrase });
    if (demo)
      await createDemoViaApi(host).catch(async (e: unknown) => {
        await host.stop();
        throw e;
      });
    await provide(host);
    await host.stop();
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('host-output.txt', { body: host.log(), contentType: 'text/plain' });
  },
});

export { expect };

// ---------------------------------------------------------------------------
// Screen helpers (they work in both languages)

/** Fills and submits the new-passphrase screen (Enter submits). */
export async function createPassphrase(page: Page, passphrase = PASSPHRASE, confirm = passphrase): Promise<void> {
  await page.getByTestId('passphrase').fill(passphrase);
  await page.getByTestId('passphrase-confirm').fill(confirm);
  await page.getByTestId('passphrase-confirm').press('Enter');
}

/** On the setup screen: opens the demo company and waits for the login screen. */
export async function openDemoCompany(page: Page): Promise<void> {
  await page.getByRole('button', { name: /打开演示公司|Open the demo company/ }).click();
  await expect(page.getByTestId('login-username')).toBeVisible({ timeout: 20_000 });
}

/** Fills the login form and submits; does not wait for the outcome. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Logs in and waits for the main window (the user menu in the top bar). */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, username, password);
  await expect(page.getByTestId('user-menu')).toBeVisible({ timeout: 20_000 });
}

/** A window of its own at 1366x768 in `lang` (Shanghai time), signed in as `username`. */
export async function signedInWindow(browser: Browser, url: string, lang: string, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: lang,
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript((l) => localStorage.setItem('loandesk.language', l), lang);
  const page = await context.newPage();
  await page.goto(url);
  await login(page, username);
  return page;
}

/** Moves the window to a route (the hash router; no reload, the session stays) and
 *  waits for `ready`. Right after login the router may not be listening yet (its
 *  hashchange listener is added in an effect), so the change is announced again
 *  until the screen shows. */
export async function goTo(page: Page, hash: string, ready: Locator): Promise<void> {
  await expect(async () => {
    await page.evaluate((h) => {
      if (window.location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'));
      else window.location.hash = h;
    }, hash);
    await expect(ready).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** From a fresh profile (no LOANDESK_PASSPHRASE): passphrase -> demo -> login screen. */
export async function freshDemo(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);
  await createPassphrase(page);
  await openDemoCompany(page);
}

/** The navigation's menu items. */
export function navItems(page: Page) {
  return page.getByTestId('nav').getByRole('menuitem');
}

/** One navigation item by its exact label (the icon's aria-label is not part of the text). */
export function navItem(page: Page, label: string) {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return navItems(page).filter({ hasText: exact });
}

/** Checks which navigation items show and which do not. Other items (sections
 *  added later) are allowed, so the checks are about these labels only. */
export async function expectNav(page: Page, present: string[], absent: string[] = []): Promise<void> {
  for (const label of present) await expect(navItem(page, label), `nav item ${label}`).toBeVisible();
  for (const label of absent) await expect(navItem(page, label), `nav item ${label}`).toHaveCount(0);
}
