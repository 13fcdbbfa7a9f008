/** Backup and restore on real encrypted profiles: a round trip gives identical
 *  ledgers and trial balance; one changed byte, a foreign key, a wrong
 *  passphrase or a tampered journal are refused with their codes and leave
 *  nothing behind; scheduled backups keep N generations. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { demoAppOf, startApp, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { main } from '../../src/cli/index';
import type { CliIo } from '../../src/cli/types';
import { openKeyed } from '../../src/main/db/connection';
import { decodeBackup, encodeBackup } from '../../src/main/features/backup/format';
import { runDueBackup } from '../../src/main/features/backup/schedule';

let t: TestApp;
let folder: string;
let scratch: string;
const others: TestApp[] = [];

beforeAll(async () => {
  t = await demoAppOf(40, 'admin', 'manager');
  scratch = mkdtempSync(join(tmpdir(), 'loandesk-backup-test-'));
  folder = join(scratch, 'backups');
  await t.call('backup.configure', { enabled: false, folder, intervalHours: 24, keep: 3 }, 'admin');
}, 120_000);
afterAll(() => {
  t?.cleanup();
  for (const o of others) o.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

async function books(app: TestApp, user: string) {
  const { businessDate } = await app.call('app.status', {}, user);
  const tb = await app.call('ledger.trialBalance', { date: businessDate! }, user);
  const loans = await app.call('ledger.loans', { limit: 1000 }, user);
  const journal = await app.call(
    'ledger.journal',
    { range: { from: '2000-01-01', to: businessDate! }, limit: 1000 },
    user,
  );
  return { tb, loans, journal: journal.totals };
}

function leftovers(target: string): string[] {
  return readdirSync(dirname(target)).filter((n) => n.includes('restoring'));
}

describe('a backup', () => {
  it('round-trips: the restored profile holds identical ledgers and trial balance', async () => {
    const made = await t.call('backup.run', {}, 'admin');
    expect(made.file.startsWith(folder)).toBe(true);
    expect(made.sha256).toMatch(/^[0-9a-f]{64}$/);
    const migrations = (
      JSON.parse(readFileSync(join(__dirname, '..', '..', 'drizzle', 'local', 'meta', '_journal.json'), 'utf8')) as {
        entries: unknown[];
      }
    ).entries.length;
    expect(await t.call('backup.verify', { file: made.file }, 'admin')).toMatchObject({ ok: true, migrations });
    // The snapshot inside is encrypted: without the key SQLite cannot read it.
    const { database } = decodeBackup(readFileSync(made.file));
    expect(database.subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
    const into = join(scratch, 'restored');
    const report = await t.call(
      'backup.restore',
      { file: made.file, into, newPassphrase: 'restored profile pass' },
      'admin',
    );
    expect(report).toMatchObject({ verified: true, into, keyFrom: 'currentProfile', keyStorage: 'passphrase' });
    expect(report.checks.trialBalance.balanced).toBe(true);
    expect(report.checks.journalEntries).toBeGreaterThan(10);

    const restored = await startApp({ home: into, passphrase: 'restored profile pass' });
    others.push(restored);
    await restored.call('auth.login', { username: 'manager', password: 'demo1234' }, 'manager');
    expect(await books(restored, 'manager')).toEqual(await books(t, 'manager'));
  });

  it('with one byte changed is refused with BACKUP_CORRUPTED, and nothing is created', async () => {
    const made = await t.call('backup.run', {}, 'admin');
    const bytes = readFileSync(made.file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    const bad = join(scratch, 'corrupted.ldbackup');
    writeFileSync(bad, bytes);
    expect((await t.fail('backup.verify', { file: bad }, 'admin')).code).toBe('BACKUP_CORRUPTED');
    const into = join(scratch, 'never');
    expect(await t.fail('backup.restore', { file: bad, into, newPassphrase: 'whatever pass' }, 'admin')).toMatchObject({
      code: 'BACKUP_CORRUPTED',
      details: { check: 'checksum' },
    });
    expect(existsSync(into)).toBe(false);
    expect(leftovers(into)).toEqual([]);
    // The refusal is in the audit log as a failed call.
    const failed = await t.call('audit.list', { action: 'backup.restore', outcome: 'failed', limit: 5 }, 'admin');
    expect(failed[0]!.summaryJson).toContain('BACKUP_CORRUPTED');
  });

  it('whose journal was tampered with inside a valid container is refused by the chain check', async () => {
    const made = await t.call('backup.run', {}, 'admin');
    const { manifest, database } = decodeBackup(readFileSync(made.file));
    const snapshot = join(scratch, 'tamper.db');
    writeFileSync(snapshot, database);
    const vault = t.app.vault();
    if (vault.kind !== 'ready') throw new Error('not ready');
    const client = openKeyed(snapshot, vault.key);
    client.exec('DROP TRIGGER IF EXISTS journal_lines_no_update');
    for (const row of client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{
      name: string;
    }>)
      client.exec(`DROP TRIGGER "${row.name}"`);
    client
      .prepare(
        'UPDATE journal_lines SET debit_fen = debit_fen + 1 WHERE rowid = (SELECT min(rowid) FROM journal_lines WHERE debit_fen > 0)',
      )
      .run();
    client.close();
    const { database: _old, ...rest } = manifest;
    const forged = join(scratch, 'forged.ldbackup');
    writeFileSync(forged, encodeBackup(rest, readFileSync(snapshot)));
    const into = join(scratch, 'forged-restore');
    expect((await t.fail('backup.restore', { file: forged, into, newPassphrase: 'whatever pass' }, 'admin')).code).toBe(
      'RESTORE_JOURNAL_CHAIN_BROKEN',
    );
    expect(existsSync(into)).toBe(false);
  });
});

describe('a backup made under another key', () => {
  let other: TestApp;
  beforeAll(async () => {
    other = await startApp();
    others.push(other);
    await other.call('setup.createDemo', {});
    await other.call('auth.login', { username: 'admin', password: 'demo1234' }, 'admin');
    await other.call(
      'backup.configure',
      { enabled: false, folder: join(scratch, 'other'), intervalHours: 24, keep: 3 },
      'admin',
    );
  });

  it('without a backup passphrase cannot be opened here', async () => {
    const made = await other.call('backup.run', {}, 'admin');
    expect(
      await t.fail(
        'backup.restore',
        { file: made.file, into: join(scratch, 'foreign-1'), newPassphrase: 'x1234567' },
        'admin',
      ),
    ).toMatchObject({ code: 'BACKUP_KEY_FOREIGN', details: { passphraseKey: false } });
  });

  it('asks for that backup passphrase, refuses a wrong one, restores with the right one', async () => {
    await other.call('backup.setPassphrase', { passphrase: 'backup pass 2026', confirm: 'backup pass 2026' }, 'admin');
    const made = await other.call('backup.run', {}, 'admin');
    const into = join(scratch, 'foreign-2');
    expect(await t.fail('backup.restore', { file: made.file, into }, 'admin')).toMatchObject({
      code: 'BACKUP_KEY_FOREIGN',
      details: { passphraseKey: true },
    });
    expect(
      (await t.fail('backup.restore', { file: made.file, into, backupPassphrase: 'nope nope' }, 'admin')).code,
    ).toBe('BACKUP_PASSPHRASE_WRONG');
    expect(existsSync(into)).toBe(false);
    const report = await t.call(
      'backup.restore',
      { file: made.file, into, backupPassphrase: 'backup pass 2026' },
      'admin',
    );
    expect(report).toMatchObject({ verified: true, keyFrom: 'backupPassphrase' });
    // Without a keychain the new profile's key is wrapped with the backup passphrase.
    const restored = await startApp({ home: into, passphrase: 'backup pass 2026' });
    others.push(restored);
    await restored.call('auth.login', { username: 'admin', password: 'demo1234' }, 'admin');
    expect((await restored.call('app.status', {}, 'admin')).organisation?.isDemo).toBe(true);
  });
});

describe('the command line', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIo = {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      readStdin: async () => '',
      env: { LOANDESK_HOME: t.home, LOANDESK_PASSPHRASE: TEST_PASSPHRASE, LOANDESK_NO_KEYCHAIN: '1' },
    };
    return { cli, out, err };
  };

  it('backs up to a file, restores it, and refuses a corrupted copy with exit 2 and its code', async () => {
    const file = join(scratch, 'cli.ldbackup');
    const b = io();
    expect(await main(['backup', '--out', file, '--json'], b.cli)).toBe(0);
    const made = JSON.parse(b.out.join('')) as { file: string; bytes: number; sha256: string };
    expect(made.file).toBe(file);
    expect(made.bytes).toBe(readFileSync(file).length);
    // Never overwritten.
    const again = io();
    expect(await main(['backup', '--out', file], again.cli)).toBe(1);
    expect(again.err.join('')).toContain('BACKUP_FILE_EXISTS');

    const r = io();
    expect(await main(['restore', '--from', file, '--into', join(scratch, 'cli-restored'), '--json'], r.cli)).toBe(0);
    expect(JSON.parse(r.out.join(''))).toMatchObject({ verified: true, keyFrom: 'currentProfile' });

    const bytes = readFileSync(file);
    bytes[100]! ^= 0xff;
    writeFileSync(join(scratch, 'cli-bad.ldbackup'), bytes);
    const bad = io();
    const into = join(scratch, 'cli-never');
    expect(
      await main(['restore', '--from', join(scratch, 'cli-bad.ldbackup'), '--into', into, '--json'], bad.cli),
    ).toBe(2);
    expect(JSON.parse(bad.out.join(''))).toMatchObject({ verified: false, error: { code: 'BACKUP_CORRUPTED' } });
    expect(bad.err.join('')).toContain('BACKUP_CORRUPTED');
    expect(existsSync(into)).toBe(false);
  });
});

describe('scheduled backups', () => {
  it('run when due, not before, and keep N generations', async () => {
    const scheduled = join(scratch, 'scheduled');
    await t.call('backup.configure', { enabled: true, folder: scheduled, intervalHours: 6, keep: 2 }, 'admin');
    // The backups above count (the CLI's at the real time): the first scheduled one is due 6 hours after the last.
    const start = Date.parse((await t.call('backup.status', {}, 'admin')).lastOkAt!);
    const clockBefore = t.clock.ms;
    t.clock.ms = start + 5 * 3_600_000;
    expect(runDueBackup(t.app)).toBeNull();
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      t.clock.ms = start + (i + 1) * 6 * 3_600_000 + 60_000;
      const r = runDueBackup(t.app);
      expect(r).toMatchObject({ file: expect.stringContaining(scheduled) });
      made.push((r as { file: string }).file);
      t.clock.ms += 60_000;
      expect(runDueBackup(t.app)).toBeNull();
    }
    expect(readdirSync(scheduled).sort()).toEqual(
      made
        .slice(-2)
        .map((f) => f.slice(scheduled.length + 1))
        .sort(),
    );
    t.travel(new Date(t.clock.ms).toISOString());
    const status = await t.call('backup.status', {}, 'admin');
    expect(status.files).toHaveLength(2);
    expect(status.runs.filter((r) => r.kind === 'scheduled')).toHaveLength(4);
    t.travel(new Date(clockBefore).toISOString());
  });
});
