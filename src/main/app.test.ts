import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoApp, startApp, tempHome, TEST_PASSPHRASE, type TestApp } from '../../tests/support/app';
import { DB_FILE } from './security/profile';
import { currentTotp } from './security/totp';
import type { Keychain } from './security/keychain';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function memoryKeychain(): Keychain & { keys: Map<string, Buffer> } {
  const keys = new Map<string, Buffer>();
  return { keys, getKey: async (a) => keys.get(a) ?? null, setKey: async (a, k) => void keys.set(a, Buffer.from(k)) };
}

describe('the encrypted profile', () => {
  it('asks for a new passphrase on first start without a keychain, then creates an encrypted database', async () => {
    t = await startApp({ passphrase: undefined });
    expect((await t.call('app.status')).vault).toBe('needsNewPassphrase');
    expect((await t.fail('app.createPassphrase', { passphrase: 'abcdefgh', confirm: 'abcdefgx' })).code).toBe(
      'INPUT_INVALID',
    );
    await t.call('app.createPassphrase', { passphrase: TEST_PASSPHRASE, confirm: TEST_PASSPHRASE });
    await t.call('setup.createOrganisation', {
      organisationName: '明珠小额贷款有限公司',
      branchCode: 'HQ',
      branchName: '营业部',
      adminUsername: 'boss',
      adminDisplayName: '张三丰',
      adminPassword: 'Secret123',
    });
    t.app.db().$client.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(join(t.home, DB_FILE));
    expect(bytes.subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(bytes.includes(Buffer.from('张三丰'))).toBe(false);
    expect(bytes.includes(Buffer.from('明珠小额贷款'))).toBe(false);
  });

  it('reopens with the right passphrase and refuses a wrong one without touching the file', async () => {
    const home = tempHome();
    t = await startApp({ home });
    await t.call('setup.createDemo', {});
    t.app.close();
    const before = readFileSync(join(home, DB_FILE));
    t = await startApp({ home, passphrase: 'wrong passphrase' });
    expect((await t.call('app.status')).vault).toBe('needsPassphrase');
    expect((await t.fail('app.unlock', { passphrase: 'still wrong!' })).code).toBe('PASSPHRASE_WRONG');
    expect(readFileSync(join(home, DB_FILE)).equals(before)).toBe(true);
    await t.call('app.unlock', { passphrase: TEST_PASSPHRASE });
    expect((await t.call('app.status')).organisation?.isDemo).toBe(true);
  });

  it('keeps the key in the keychain, and reports a wrong key instead of creating a new database', async () => {
    const keychain = memoryKeychain();
    const home = tempHome();
    t = await startApp({ home, keychain, passphrase: undefined });
    expect((await t.call('app.status')).vault).toBe('ready');
    await t.call('setup.createDemo', {});
    t.app.close();
    const [account] = [...keychain.keys.keys()];
    keychain.keys.set(account!, Buffer.alloc(32, 7));
    t = await startApp({ home, keychain, passphrase: undefined });
    const status = await t.call('app.status');
    expect(status).toMatchObject({ vault: 'error', vaultError: 'DB_KEY_INVALID' });
    keychain.keys.delete(account!);
    t.app.close();
    t = await startApp({ home, keychain, passphrase: undefined });
    expect(await t.call('app.status')).toMatchObject({ vault: 'error', vaultError: 'DB_KEY_MISSING' });
  });
});

describe('the API registry', () => {
  it('refuses a handler the role lacks, from the main process, and audits the attempt', async () => {
    t = await demoApp('officer', 'admin');
    const denied = await t.fail('users.list', {}, 'officer');
    expect(denied).toEqual({ code: 'PERMISSION_DENIED', details: { permission: 'users.manage' } });
    expect((await t.call('users.list', {}, 'admin')).length).toBe(6);
    const audit = await t.call('audit.list', { outcome: 'denied' }, 'admin');
    expect(audit[0]).toMatchObject({ action: 'users.list', username: 'officer', outcome: 'denied' });
  });

  it('refuses calls without a session and unknown methods', async () => {
    t = await demoApp();
    expect((await t.fail('users.list', {})).code).toBe('NOT_AUTHENTICATED');
    expect((await t.fail('nope.nothing' as never, {})).code).toBe('METHOD_UNKNOWN');
    expect((await t.fail('toString' as never, {})).code).toBe('METHOD_UNKNOWN');
  });

  it('validates input in the main process and names the field', async () => {
    t = await demoApp('admin');
    const error = await t.fail(
      'users.create',
      { username: 'X', displayName: '', role: 'boss', branchId: null, approvalLimitFen: -1, initialPassword: 'a' },
      'admin',
    );
    expect(error.code).toBe('INPUT_INVALID');
    const paths = (error.details.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'role', 'approvalLimitFen']));
    expect((await t.call('users.list', {}, 'admin')).length).toBe(6);
  });
});

describe('login and sessions', () => {
  it('locks an account for 15 minutes after 5 failed logins', async () => {
    t = await demoApp();
    for (let i = 1; i <= 4; i++) {
      const e = await t.fail('auth.login', { username: 'officer', password: 'nope' });
      expect(e).toEqual({ code: 'LOGIN_FAILED', details: { remaining: 5 - i } });
    }
    expect((await t.fail('auth.login', { username: 'officer', password: 'nope' })).code).toBe('ACCOUNT_LOCKED');
    expect((await t.fail('auth.login', { username: 'officer', password: 'demo1234' })).code).toBe('ACCOUNT_LOCKED');
    t.clock.advanceMinutes(16);
    expect((await t.call('auth.login', { username: 'officer', password: 'demo1234' })).session?.role).toBe(
      'loan_officer',
    );
  });

  it('locks an idle session and unlocks it with the password', async () => {
    t = await demoApp('admin');
    t.clock.advanceMinutes(16);
    expect((await t.fail('users.list', {}, 'admin')).code).toBe('SESSION_LOCKED');
    expect((await t.fail('auth.unlock', { password: 'bad' }, 'admin')).code).toBe('LOGIN_FAILED');
    await t.call('auth.unlock', { password: 'demo1234' }, 'admin');
    expect((await t.call('users.list', {}, 'admin')).length).toBe(6);
  });

  it('asks for a TOTP code once the second factor is enrolled', async () => {
    t = await demoApp('manager');
    const { secret, qrDataUrl } = await t.call('auth.totpBegin', {}, 'manager');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    await t.call('auth.totpConfirm', { code: currentTotp(secret, t.clock.ms) }, 'manager');
    const first = await t.call('auth.login', { username: 'manager', password: 'demo1234' }, 'again');
    expect(first).toEqual({ needsTotp: true, session: null });
    expect(
      (await t.fail('auth.login', { username: 'manager', password: 'demo1234', totpCode: '000000' }, 'again')).code,
    ).toBe('TOTP_INVALID');
    const ok = await t.call(
      'auth.login',
      { username: 'manager', password: 'demo1234', totpCode: currentTotp(secret, t.clock.ms) },
      'again',
    );
    expect(ok.session?.totpEnabled).toBe(true);
  });

  it('lets an admin add, disable and reset users, and a disabled user cannot log in', async () => {
    t = await demoApp('admin');
    const [branch] = await t.call('branches.list', {}, 'admin');
    const { id } = await t.call(
      'users.create',
      {
        username: 'newbie',
        displayName: '新人',
        role: 'loan_officer',
        branchId: branch!.id,
        approvalLimitFen: 1_000_000,
        initialPassword: 'Start1234',
      },
      'admin',
    );
    const login = await t.call('auth.login', { username: 'newbie', password: 'Start1234' }, 'newbie');
    expect(login.session?.mustChangePassword).toBe(true);
    await t.call('users.update', { userId: id, disabled: true }, 'admin');
    const dropped = await t.fail(
      'auth.changePassword',
      { currentPassword: 'Start1234', newPassword: 'Other1234' },
      'newbie',
    );
    expect(dropped.code).toBe('NOT_AUTHENTICATED');
    expect((await t.fail('auth.login', { username: 'newbie', password: 'Start1234' })).code).toBe('USER_DISABLED');
    await t.call('users.update', { userId: id, disabled: false }, 'admin');
    await t.call('users.resetPassword', { userId: id, newPassword: 'Again1234' }, 'admin');
    expect((await t.call('auth.login', { username: 'newbie', password: 'Again1234' })).session?.username).toBe(
      'newbie',
    );
  });
});

describe('the audit trail', () => {
  it('chains every record and finds the first changed one', async () => {
    t = await demoApp('admin', 'auditor');
    await t.fail('auth.login', { username: 'admin', password: 'wrong' });
    expect(await t.call('audit.verify', {}, 'auditor')).toMatchObject({ ok: true });
    const rows = await t.call('audit.list', { limit: 500 }, 'auditor');
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['setup.createDemo', 'auth.login']));
    expect(JSON.stringify(rows)).not.toContain('demo1234');
    const victim = rows[rows.length - 2]!;
    const client = t.app.db().$client;
    expect(() => client.prepare('DELETE FROM audit_log WHERE seq = ?').run(victim.seq)).toThrow(/APPEND_ONLY/);
    expect(() => client.prepare("UPDATE audit_log SET outcome = 'ok' WHERE seq = ?").run(victim.seq)).toThrow(
      /APPEND_ONLY/,
    );
    // Someone with the key and a SQLite shell drops the guard: the chain still tells.
    client.exec('DROP TRIGGER audit_log_no_update');
    client.prepare("UPDATE audit_log SET outcome = 'ok', summary_json = '{}' WHERE seq = ?").run(victim.seq);
    expect(await t.call('audit.verify', {}, 'auditor')).toMatchObject({
      ok: false,
      firstBroken: { seq: victim.seq, reason: 'mac' },
    });
  });
});
