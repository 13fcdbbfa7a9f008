/** Test helpers: a real app core on a real encrypted database in a temp folder,
 *  with a controllable clock. Callers are named ('admin', 'officer' …): each name
 *  carries the session id the main process issued to it, as a window would. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type ApiResult, type AppCore } from '../../src/main/app';
import type { Api, Method } from '../../src/main/api/registry';
import type { Keychain } from '../../src/main/security/keychain';
import type { HostCapabilities } from '../../src/main/features/files/host';

export const TEST_PASSPHRASE = 'correct horse battery';

export interface TestApp {
  app: AppCore;
  home: string;
  clock: { ms: number; advanceMinutes: (m: number) => void };
  /** Moves the clock to `isoInstant` with the users active meanwhile (no idle lock). */
  travel: (isoInstant: string) => void;
  call: <M extends Method>(method: M, input?: Api[M]['input'], caller?: string) => Promise<Api[M]['output']>;
  fail: (
    method: Method,
    input?: unknown,
    caller?: string,
  ) => Promise<{ code: string; details: Record<string, unknown> }>;
  /** One call as `caller`, answer as it is (for races: start several, then await). */
  dispatch: (method: Method, input?: unknown, caller?: string) => Promise<ApiResult>;
  /** The session id the main process issued to `caller`, if any. */
  sessionIdOf: (caller: string) => string | null;
  cleanup: () => void;
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'loandesk-test-'));
}

/** A running app on `home` (a new profile by default). It waits for a format
 *  rebuild the profile needs unless `settle` is false. */
export async function startApp(
  options: {
    home?: string;
    keychain?: Keychain | null;
    passphrase?: string;
    host?: HostCapabilities;
    settle?: boolean;
  } = {},
): Promise<TestApp> {
  const home = options.home ?? tempHome();
  const clock = {
    ms: Date.parse('2026-03-02T02:00:00Z'),
    advanceMinutes(m: number) {
      clock.ms += m * 60_000;
    },
  };
  const app = await createApp({
    home,
    keychain: options.keychain ?? null,
    passphrase: 'passphrase' in options ? options.passphrase : TEST_PASSPHRASE,
    now: () => new Date(clock.ms),
    host: options.host,
  });
  if (options.settle !== false) await app.settled();
  const issued = new Map<string, string>();
  const dispatch = async (method: Method, input?: unknown, caller = 'test') => {
    const result = await app.dispatch(method, input, issued.get(caller) ?? null);
    if (result.session && 'issued' in result.session) issued.set(caller, result.session.issued);
    else if (result.session) issued.delete(caller);
    return result;
  };
  const call = async (method: Method, input?: unknown, caller = 'test') => {
    const result = await dispatch(method, input, caller);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${JSON.stringify(result.error.details)}`);
    return result.value;
  };
  const fail = async (method: Method, input?: unknown, caller = 'test') => {
    const result = await dispatch(method, input, caller);
    if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
    return result.error;
  };
  return {
    app,
    home,
    clock,
    travel(isoInstant: string) {
      clock.ms = Date.parse(isoInstant);
      for (const session of app.sessions.values()) session.lastActiveMs = clock.ms;
    },
    call: call as TestApp['call'],
    fail,
    dispatch,
    sessionIdOf: (caller) => issued.get(caller) ?? null,
    cleanup: () => {
      app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A profile with the demo company, logged in as each `username` (caller name = user name). */
export async function demoApp(...usernames: string[]): Promise<TestApp> {
  const t = await startApp();
  await t.call('setup.createDemo', {});
  for (const username of usernames) await t.call('auth.login', { username, password: 'demo1234' }, username);
  return t;
}

/** `demoApp` with a demo company of `customers` persons (LOANDESK_DEMO_CUSTOMERS set
 *  for its seeding only). */
export async function demoAppOf(customers: number, ...usernames: string[]): Promise<TestApp> {
  const before = process.env.LOANDESK_DEMO_CUSTOMERS;
  process.env.LOANDESK_DEMO_CUSTOMERS = String(customers);
  try {
    return await demoApp(...usernames);
  } finally {
    if (before === undefined) delete process.env.LOANDESK_DEMO_CUSTOMERS;
    else process.env.LOANDESK_DEMO_CUSTOMERS = before;
  }
}
