/** Test helpers: a real app core on a real encrypted database in a temp folder,
 *  with a controllable clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type AppCore } from '../../src/main/app';
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
  call: <M extends Method>(method: M, input?: Api[M]['input'], sessionKey?: string) => Promise<Api[M]['output']>;
  fail: (
    method: Method,
    input?: unknown,
    sessionKey?: string,
  ) => Promise<{ code: string; details: Record<string, unknown> }>;
  cleanup: () => void;
}

export function tempHome(): string {
  return mkdtempSync(join(tmpdir(), 'loandesk-test-'));
}

export async function startApp(
  options: { home?: string; keychain?: Keychain | null; passphrase?: string; host?: HostCapabilities } = {},
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
  const call = async (method: Method, input?: unknown, sessionKey = 'test') => {
    const result = await app.dispatch(method, input, sessionKey);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${JSON.stringify(result.error.details)}`);
    return result.value;
  };
  const fail = async (method: Method, input?: unknown, sessionKey = 'test') => {
    const result = await app.dispatch(method, input, sessionKey);
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
    cleanup: () => {
      app.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A profile with the demo company, logged in as `username` on session key `username`. */
export async function demoApp(...usernames: string[]): Promise<TestApp> {
  const t = await startApp();
  await t.call('setup.createDemo', {});
  for (const username of usernames) await t.call('auth.login', { username, password: 'demo1234' }, username);
  return t;
}
