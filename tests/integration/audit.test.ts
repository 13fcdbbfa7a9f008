/** The audit trail under attack: identifiers sent with the wrong type, user names
 *  typed by strangers, and someone with the database key and a SQLite shell who
 *  deletes records at the end or in the middle and re-hashes the chain. */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoApp, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { residentId } from '../support/lending';
import { main } from '../../src/cli/index';
import type { CliIo } from '../../src/cli/types';
import { openHeadless } from '../../src/main/headless';
import { chainKey, ANCHOR_FILE } from '../../src/main/security/chain';
import { ANCHOR_EVERY_MS } from '../../src/main/app';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

async function summaries(app: TestApp, action: string): Promise<unknown[]> {
  const rows = await app.call('audit.list', { action }, 'auditor');
  return rows.map((r) => JSON.parse(r.summaryJson) as unknown);
}

describe('what the audit keeps', () => {
  it('masks a resident ID, phone or bank card whatever type it was sent as', async () => {
    t = await demoApp('officer', 'auditor');
    // Numbers a JavaScript client can send exactly: a 15-digit (old-style) ID, a card.
    const id = Number(residentId('1988-06-15', 321).slice(0, 15));
    await t.fail(
      'customers.registerPerson',
      {
        name: '张三',
        residentId: id,
        phone: 13812345678,
        bankCard: [6222020200112233],
        address: '北京',
        consent: true,
      },
      'officer',
    );
    const [summary] = await summaries(t, 'customers.registerPerson');
    const text = JSON.stringify(summary);
    expect(text).not.toContain(String(id));
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('6222020200112233');
    expect(summary).toMatchObject({
      input: { residentId: `***********${String(id).slice(-4)}`, phone: '*******5678', bankCard: ['************2233'] },
    });
  });

  it('keeps a user name that has no account only as a keyed pseudonym', async () => {
    t = await demoApp('auditor');
    for (const username of ['mallory.secret', 'mallory.secret', 'eve.other']) {
      await t.fail('auth.login', { username, password: 'guess-1234' }, 'stranger');
    }
    await t.fail('auth.login', { username: 'bidi\u202Ename', password: 'x' }, 'stranger');
    const logins = await t.call('audit.list', { action: 'auth.login', outcome: 'failed' }, 'auditor');
    const text = JSON.stringify(logins);
    expect(text).not.toContain('mallory');
    expect(text).not.toContain('eve.other');
    expect(text).not.toContain('bidi');
    const names = logins.map((r) => {
      const s = JSON.parse(r.summaryJson) as { username?: string; input?: { username?: string } };
      return s.username ?? s.input?.username;
    });
    expect(names.every((n) => /^unknown:[0-9a-f]{24}$/.test(n ?? ''))).toBe(true);
    // The same name gives the same pseudonym, another name another one.
    const [bidi, eve, mallory2, mallory1] = names;
    expect(mallory1).toBe(mallory2);
    expect(new Set([mallory1, eve, bidi]).size).toBe(3);
    expect(logins.every((r) => r.username === null && r.userId === null)).toBe(true);
  });
});

function capture(env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void out.push(s), readStdin: async () => '', env };
  return { io, out };
}

describe('tamper evidence of the audit chain', () => {
  it('rewrites the anchor at most every ANCHOR_EVERY_MS in a burst of calls, and the last head once it ends', async () => {
    t = await demoApp('officer');
    const home = t.home;
    const client = t.app.db().$client;
    const anchored = () =>
      (JSON.parse(readFileSync(join(home, ANCHOR_FILE), 'utf8')) as { audit: { seq: number } }).audit.seq;
    const head = () => (client.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
    // Long enough for a pending write to happen and its own window to pass.
    const pause = () => new Promise((resolve) => setTimeout(resolve, 2 * ANCHOR_EVERY_MS + 100));
    // The officer's login first (a call of its own), then a quiet spell.
    await t.fail('users.list', {}, 'officer');
    await pause();
    await t.fail('users.list', {}, 'officer');
    expect(anchored()).toBe(head());
    await t.fail('users.list', {}, 'officer');
    expect(anchored()).toBe(head() - 1);
    await pause();
    expect(anchored()).toBe(head());
    await pause();
    await t.fail('users.list', {}, 'officer');
    await t.fail('users.list', {}, 'officer');
    const last = head();
    t.app.close();
    expect(anchored()).toBe(last);
  });

  async function closedProfile() {
    t = await demoApp('admin', 'officer');
    for (let i = 0; i < 6; i++) await t.fail('users.list', {}, 'officer');
    t.app.close();
    const env = { LOANDESK_HOME: t.home, LOANDESK_PASSPHRASE: TEST_PASSPHRASE, LOANDESK_NO_KEYCHAIN: '1' };
    const { db } = await openHeadless(env, 'write');
    const client = db.$client;
    const count = (client.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    return { env, db, client, count };
  }
  async function verify(env: NodeJS.ProcessEnv) {
    const run = capture(env);
    const code = await main(['verify', '--json'], run.io);
    return { code, report: JSON.parse(run.out[0]!) as { audit: Record<string, unknown> } };
  }

  it('verify passes on an untouched profile and the chain key is in no table', async () => {
    const { env, db, client } = await closedProfile();
    const key = chainKey(client, 'audit').toString('hex');
    const tables = client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
      name: string;
    }>;
    for (const { name } of tables) {
      const dump = JSON.stringify(client.prepare(`SELECT * FROM "${name}"`).all(), (_k, v: unknown) =>
        Buffer.isBuffer(v) ? v.toString('hex') : v,
      );
      expect(dump.includes(key), name).toBe(false);
    }
    db.$client.close();
    const { code, report } = await verify(env);
    expect(code).toBe(0);
    expect(report.audit).toMatchObject({ ok: true, gaps: [], anchor: { status: 'ok' } });
  });

  it('detects records deleted from the end of the chain', async () => {
    const { env, client, count } = await closedProfile();
    client.exec('DROP TRIGGER audit_log_no_delete');
    client.prepare('DELETE FROM audit_log WHERE seq > ?').run(count - 3);
    client.close();
    const { code, report } = await verify(env);
    expect(code).toBe(1);
    expect(report.audit).toMatchObject({ ok: false, anchor: { status: 'truncated', seq: count } });
    const text = capture(env);
    await main(['verify'], text.io);
    expect(text.out.join('\n')).toMatch(/cut off at the end/);
  });

  it('detects rows deleted in the middle and the rest re-hashed, with the sequence gap', async () => {
    const { env, client, count } = await closedProfile();
    client.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update');
    client.prepare('DELETE FROM audit_log WHERE seq BETWEEN 3 AND 5').run();
    // Re-link and re-hash every later record, as the old unkeyed chain would allow.
    const rows = client.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<Record<string, string>>;
    let prev = rows.find((r) => Number(r.seq) === 2)!.hash!;
    for (const r of rows.filter((row) => Number(row.seq) > 5)) {
      const body = [r.id, r.at, r.user_id ?? '', r.username ?? '', r.device_id, r.action, r.summary_json, r.outcome];
      const hash = createHash('sha256')
        .update([prev, ...body].join('\u001f'), 'utf8')
        .digest('hex');
      client.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
      prev = hash;
    }
    client.close();
    const { code, report } = await verify(env);
    expect(code).toBe(1);
    expect(report.audit).toMatchObject({
      ok: false,
      checked: 2,
      firstBroken: { seq: 6, reason: 'gap' },
      gaps: [[3, 5]],
      anchor: { status: 'rewritten', seq: count },
    });
  });

  it('detects an edited or removed anchor file', async () => {
    const { env, client, count } = await closedProfile();
    client.close();
    const file = join(env.LOANDESK_HOME, ANCHOR_FILE);
    const anchors = JSON.parse(readFileSync(file, 'utf8')) as { audit: { seq: number } };
    anchors.audit.seq = count - 2;
    writeFileSync(file, JSON.stringify(anchors));
    expect((await verify(env)).report.audit).toMatchObject({ ok: false, anchor: { status: 'anchorInvalid' } });
    rmSync(file);
    expect((await verify(env)).report.audit).toMatchObject({ ok: false, anchor: { status: 'anchorMissing' } });
  });
});
