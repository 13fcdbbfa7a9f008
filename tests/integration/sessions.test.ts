/** Sign-in and sessions under attack: parallel guesses, user enumeration, sessions
 *  that must end, a forced password change, throttled secrets, server-issued ids,
 *  and refusals that come before input parsing. Real app, real encrypted database. */
import { demoApp, startApp, tempHome, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { serveOverHttp } from '../support/http';
import type { ApiResult } from '../../src/main/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const WRONG = { username: 'officer', password: 'wrong-password' };

async function userId(app: TestApp, username: string): Promise<string> {
  const all = await app.call('users.list', {}, 'admin');
  return all.find((u) => u.username === username)!.id;
}

function codeOf(result: ApiResult): string {
  return result.ok ? 'OK' : result.error.code;
}

describe('login lockout', () => {
  it('twenty parallel wrong passwords over HTTP lock the account exactly as five sequential ones do', async () => {
    t = await demoApp();
    const http = await serveOverHttp(t.app);
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => http.invoke('auth.login', WRONG)));
      const failed = answers.filter((a) => codeOf(a) === 'LOGIN_FAILED');
      expect(failed.map((a) => (a.ok ? null : a.error.details.remaining)).sort()).toEqual([1, 2, 3, 4]);
      expect(answers.filter((a) => codeOf(a) === 'ACCOUNT_LOCKED')).toHaveLength(16);
      const right = await http.invoke('auth.login', { username: 'officer', password: 'demo1234' });
      expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
    } finally {
      await http.close();
    }
  });

  it('answers an unknown user name exactly as a known one, lockout included', async () => {
    t = await demoApp();
    const answersFor = async (username: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 6; i++) out.push(await t!.fail('auth.login', { username, password: 'wrong-password' }));
      return out;
    };
    const known = await answersFor('officer');
    const unknown = await answersFor('no.such.user');
    expect(unknown).toEqual(known);
    expect(known[0]).toEqual({ code: 'LOGIN_FAILED', details: { remaining: 4 } });
    expect(known[5]).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it('refuses a disabled account only after the right password, so a wrong one reveals nothing', async () => {
    t = await demoApp('admin');
    await t.call('users.update', { userId: await userId(t, 'agent'), disabled: true }, 'admin');
    expect(await t.fail('auth.login', { username: 'agent', password: 'nope-nope' })).toEqual({
      code: 'LOGIN_FAILED',
      details: { remaining: 4 },
    });
    expect((await t.fail('auth.login', { username: 'agent', password: 'demo1234' })).code).toBe('USER_DISABLED');
  });
});

describe('sessions end when the credentials they were granted on change', () => {
  const changes: Array<{ what: string; change: (app: TestApp, id: string) => Promise<unknown> }> = [
    {
      what: 'a password reset',
      change: (app, id) => app.call('users.resetPassword', { userId: id, newPassword: 'Reset2026x' }, 'admin'),
    },
    { what: 'a role change', change: (app, id) => app.call('users.update', { userId: id, role: 'cs_agent' }, 'admin') },
    {
      what: 'an approval limit change',
      change: (app, id) => app.call('users.update', { userId: id, approvalLimitFen: 1 }, 'admin'),
    },
    {
      what: 'a branch change',
      change: (app, id) => app.call('users.update', { userId: id, branchId: null }, 'admin'),
    },
    { what: 'disabling', change: (app, id) => app.call('users.update', { userId: id, disabled: true }, 'admin') },
  ];
  for (const { what, change } of changes) {
    it(`${what} ends every session of the user, including a login in flight`, async () => {
      t = await demoApp('admin', 'officer');
      await t.call('auth.login', { username: 'officer', password: 'demo1234' }, 'second window');
      const id = await userId(t, 'officer');
      // A third login is checking its password while the administrator acts.
      const inFlight = t.dispatch('auth.login', { username: 'officer', password: 'demo1234' }, 'in flight');
      await change(t, id);
      await inFlight;
      for (const caller of ['officer', 'second window', 'in flight']) {
        expect((await t.fail('customers.list', {}, caller)).code, caller).toBe('NOT_AUTHENTICATED');
        expect((await t.call('app.status', {}, caller)).session, caller).toBeNull();
      }
      // Other users keep theirs.
      expect((await t.call('users.list', {}, 'admin')).length).toBeGreaterThan(0);
    });
  }

  it("a user's own password change ends their other sessions and keeps this one", async () => {
    t = await demoApp('officer');
    await t.call('auth.login', { username: 'officer', password: 'demo1234' }, 'other window');
    await t.call('auth.changePassword', { currentPassword: 'demo1234', newPassword: 'Changed2026' }, 'officer');
    expect((await t.call('customers.list', {}, 'officer')).total).toBeGreaterThanOrEqual(0);
    expect((await t.fail('customers.list', {}, 'other window')).code).toBe('NOT_AUTHENTICATED');
  });
});

describe('a password an administrator set must be changed first', () => {
  it('the main process allows only the change, logout and status until then', async () => {
    t = await demoApp('admin');
    const id = await userId(t, 'officer');
    await t.call('users.resetPassword', { userId: id, newPassword: 'Temp2026x' }, 'admin');
    const login = await t.call('auth.login', { username: 'officer', password: 'Temp2026x' }, 'officer');
    expect(login.session?.mustChangePassword).toBe(true);
    expect((await t.fail('customers.list', {}, 'officer')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.fail('auth.totpBegin', {}, 'officer')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.call('app.status', {}, 'officer')).session?.mustChangePassword).toBe(true);
    await t.call('auth.changePassword', { currentPassword: 'Temp2026x', newPassword: 'Mine2026x' }, 'officer');
    expect((await t.call('customers.list', {}, 'officer')).total).toBeGreaterThanOrEqual(0);
  });
});

describe('throttled secrets', () => {
  it('the lock screen counts wrong passwords, slows them down, audits them and signs out at the limit', async () => {
    t = await demoApp('officer', 'auditor');
    await t.call('auth.lock', {}, 'officer');
    for (let i = 0; i < 3; i++) {
      expect((await t.fail('auth.unlock', { password: `wrong-${i}` }, 'officer')).code).toBe('LOGIN_FAILED');
    }
    expect(await t.fail('auth.unlock', { password: 'demo1234' }, 'officer')).toEqual({
      code: 'PASSWORD_THROTTLED',
      details: { retryAfterSeconds: 1 },
    });
    t.clock.ms += 1_000;
    expect((await t.fail('auth.unlock', { password: 'wrong-3' }, 'officer')).code).toBe('LOGIN_FAILED');
    expect((await t.fail('auth.unlock', { password: 'demo1234' }, 'officer')).details).toEqual({
      retryAfterSeconds: 2,
    });
    t.clock.ms += 2_000;
    expect(await t.fail('auth.unlock', { password: 'wrong-4' }, 'officer')).toEqual({
      code: 'NOT_AUTHENTICATED',
      details: { reason: 'PASSWORD_FAILURES' },
    });
    expect((await t.call('app.status', {}, 'officer')).session).toBeNull();
    t.travel(new Date(t.clock.ms).toISOString());
    const audit = await t.call('audit.list', { action: 'auth.unlock' }, 'auditor');
    expect(audit.map((r) => JSON.parse(r.summaryJson).reason)).toEqual([
      'password',
      'throttled',
      'password',
      'throttled',
      'password',
      'password',
      'password',
    ]);
    expect(audit.every((r) => r.outcome === 'failed' && r.username === 'officer')).toBe(true);
  });

  it('parallel wrong unlocks are counted before they are checked', async () => {
    t = await demoApp('officer');
    await t.call('auth.lock', {}, 'officer');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t!.dispatch('auth.unlock', { password: `wrong-${i}` }, 'officer')),
    );
    expect(answers.filter((a) => codeOf(a) === 'LOGIN_FAILED')).toHaveLength(3);
    expect(answers.filter((a) => codeOf(a) === 'PASSWORD_THROTTLED')).toHaveLength(7);
  });

  it('the vault passphrase is throttled, its failures audited once the database opens, and scrypt does not block', async () => {
    const home = tempHome();
    t = await startApp({ home });
    await t.call('setup.createDemo', {});
    t.app.close();
    t = await startApp({ home, passphrase: undefined });
    expect((await t.call('app.status')).vault).toBe('needsPassphrase');

    // While one unlock runs its scrypt, another call is answered.
    let unlockSettled = false;
    const first = t.dispatch('app.unlock', { passphrase: 'wrong passphrase 1' }).then((r) => {
      unlockSettled = true;
      return r;
    });
    expect((await t.call('app.status')).vault).toBe('needsPassphrase');
    expect(unlockSettled).toBe(false);
    expect(codeOf(await first)).toBe('PASSPHRASE_WRONG');

    for (const attempt of [2, 3]) {
      expect((await t.fail('app.unlock', { passphrase: `wrong passphrase ${attempt}` })).code).toBe('PASSPHRASE_WRONG');
    }
    expect(await t.fail('app.unlock', { passphrase: TEST_PASSPHRASE })).toEqual({
      code: 'VAULT_THROTTLED',
      details: { retryAfterSeconds: 1 },
    });
    t.clock.ms += 1_000;
    await t.call('app.unlock', { passphrase: TEST_PASSPHRASE });
    await t.call('auth.login', { username: 'auditor', password: 'demo1234' }, 'auditor');
    const audit = await t.call('audit.list', { action: 'app.unlock' }, 'auditor');
    expect(audit.map((r) => [r.outcome, JSON.parse(r.summaryJson).reason ?? null])).toEqual([
      ['ok', null],
      ['failed', 'throttled'],
      ['failed', 'passphrase'],
      ['failed', 'passphrase'],
      ['failed', 'passphrase'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('wrong passphrase');
  });
});

describe('session ids', () => {
  it('are issued by the server, and a login on a session of another user is refused, not replaced', async () => {
    t = await demoApp('officer');
    const officerId = t.sessionIdOf('officer');
    expect(officerId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The manager's login arrives on the officer's session.
    const replaced = await t.app.dispatch('auth.login', { username: 'manager', password: 'demo1234' }, officerId);
    expect(codeOf(replaced)).toBe('SESSION_ACTIVE');
    expect((await t.call('app.status', {}, 'officer')).session?.username).toBe('officer');
    // An id the server did not issue is no session at all.
    const made = await t.app.dispatch('customers.list', {}, 'A'.repeat(43));
    expect(made).toEqual({ ok: false, error: { code: 'NOT_AUTHENTICATED', details: {} }, session: { ended: true } });
  });

  it('logout ends the session id and the transport is told to forget it', async () => {
    t = await demoApp('officer');
    const id = t.sessionIdOf('officer');
    const out = await t.app.dispatch('auth.logout', {}, id);
    expect(out).toMatchObject({ ok: true, session: { ended: true } });
    expect(codeOf(await t.app.dispatch('customers.list', {}, id))).toBe('NOT_AUTHENTICATED');
  });
});

describe('dispatch checks who before what', () => {
  const garbage = { username: 'X', displayName: '', role: 'boss', branchId: 7, approvalLimitFen: -1 };

  it('an unauthenticated caller gets NOT_AUTHENTICATED, not field errors', async () => {
    t = await demoApp();
    expect(await t.fail('users.create', garbage, 'nobody')).toEqual({ code: 'NOT_AUTHENTICATED', details: {} });
  });

  it('a role without the permission is refused and audited as denied even when its input is bad', async () => {
    t = await demoApp('officer', 'admin');
    expect(await t.fail('users.create', garbage, 'officer')).toEqual({
      code: 'PERMISSION_DENIED',
      details: { permission: 'users.manage' },
    });
    const [denied] = await t.call('audit.list', { outcome: 'denied' }, 'admin');
    expect(denied).toMatchObject({ action: 'users.create', username: 'officer', outcome: 'denied' });
  });
});
