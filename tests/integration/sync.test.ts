/** Sync between desktops and the central server, with real parts: the server
 *  (src/server) on PGlite (its default) and on PostgreSQL 15, real encrypted
 *  desktop databases through the API, and a TCP line per desktop that goes offline
 *  or breaks answers. Each test would fail if sync lost, doubled or silently
 *  refused anything, or if the server learned what it must not. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, count, eq, sql } from 'drizzle-orm';
import { startApp, TEST_PASSPHRASE, tempHome, type TestApp } from '../support/app';
import { createProduct, registerCustomer, residentId } from '../support/lending';
import { attachedDesktop, joinedDesktop, startSyncServer, type SyncServer } from '../support/syncServer';
import { startPostgres, postgresAvailable, type TestPostgres } from '../support/postgres';
import type { Line } from '../support/line';
import { events as serverEvents, identities } from '../../src/server/schema';
import { compareTable, verifyRebuild } from '../../src/main/events/rebuild';
import { PROJECTION_TABLES } from '../../src/main/projectors/index';
import { trialBalance } from '../../src/main/features/ledger/queries';
import { seedDemo } from '../../src/main/features/seed/demoSeed';
import { join as joinCompany, syncConfig, syncNow, syncState } from '../../src/main/features/sync/engine';
import { deviceClient } from '../../src/main/features/sync/client';
import { sealEvent } from '../../src/main/features/sync/seal';
import { eventFromRow } from '../../src/main/events/store';
import { syncRunner } from '../../src/main/features/sync/scheduler';
import { runSeed } from '../convergence/harness';
import { BRANCH_SCOPED } from '../../src/server/pull';
import { MAX_PULL_EVENTS } from '../../src/contract/sync/protocol';

const REPO = join(import.meta.dirname, '..', '..');
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function track<T extends { t: TestApp; line: Line }>(d: T): T {
  cleanups.push(async () => {
    d.t.cleanup();
    await d.line.close();
  });
  return d;
}

async function pglite(): Promise<{ server: SyncServer; dir: string; ports: () => number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'loandesk-server-'));
  const holder = { server: await startSyncServer({ dataDir: dir }) };
  cleanups.push(async () => {
    await holder.server.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get server() {
      return holder.server;
    },
    set server(s: SyncServer) {
      holder.server = s;
    },
    dir,
    ports: () => [holder.server.port],
  } as { server: SyncServer; dir: string; ports: () => number[] };
}

function rows<T>(t: TestApp, sql: string, ...params: unknown[]): T[] {
  return t.app
    .db()
    .$client.prepare(sql)
    .all(...params) as T[];
}

function equalTables(a: TestApp, b: TestApp): string[] {
  const out: string[] = [];
  for (const table of PROJECTION_TABLES) {
    const c = compareTable(a.app.db(), b.app.db(), table);
    if (c.differences > 0) out.push(`${table}: ${c.differences}`);
  }
  if (JSON.stringify(trialBalance(a.app.db(), '2999-12-31')) !== JSON.stringify(trialBalance(b.app.db(), '2999-12-31')))
    out.push('trial balance');
  return out;
}

function rebuildDiffers(t: TestApp): string[] {
  return Object.entries(verifyRebuild(t.app.db()).tables)
    .filter(([, c]) => c.differences > 0)
    .map(([table]) => table);
}

async function serverCount(server: SyncServer): Promise<number> {
  return (await server.opened.db.select({ n: count() }).from(serverEvents))[0]!.n;
}

/** A 16-digit card number with a valid Luhn check digit. */
function bankCard(first15: string): string {
  const digits = [...first15].map(Number);
  const sum = digits
    .reverse()
    .map((d, i) => (i % 2 === 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d))
    .reduce((a, b) => a + b, 0);
  return first15 + String((10 - (sum % 10)) % 10);
}

const STAFF = ['manager', 'officer', 'officer2'];

describe('sync on the embedded server (PGlite)', () => {
  it('brings offline work to every desktop, with numbers that never collide', async () => {
    const s = await pglite();
    const a = track(await attachedDesktop(s.ports, STAFF));
    const productId = await createProduct(a.t, 'admin', {}, 'SYNC12');
    await registerCustomer(a.t, 'officer');
    await a.t.call('sync.now', {}, 'manager');
    const b = track(await joinedDesktop(a.t, s.ports, null, STAFF));
    expect(equalTables(a.t, b.t)).toEqual([]);

    // B works a day offline: a new customer and an application.
    b.line.online = false;
    const customerId = await registerCustomer(b.t, 'officer', { monthlyIncomeFen: 60_000_00 });
    await b.t.call(
      'applications.submit',
      { customerId, productId, amountFen: 8_000_00, periods: 12, purpose: '经营周转 working capital' },
      'officer',
    );
    const offline = await b.t.fail('sync.now', {}, 'manager');
    expect(offline.code).toBe('SERVER_UNREACHABLE');
    const status = await b.t.call('sync.status', {}, 'manager');
    expect(status.offlineSince).not.toBeNull();
    expect(status.pending).toBeGreaterThan(2);
    // Meanwhile A registers too: both numbered, never the same number.
    await registerCustomer(a.t, 'officer');

    b.line.online = true;
    const done = await b.t.call('sync.now', {}, 'manager');
    expect(done.rejected).toEqual([]);
    expect(done.status).toMatchObject({ pending: 0, refused: 0, offlineSince: null, lastError: null });
    await a.t.call('sync.now', {}, 'manager');
    await b.t.call('sync.now', {}, 'manager');
    const numbers = rows<{ number: string }>(a.t, 'SELECT number FROM customers ORDER BY number').map((r) => r.number);
    expect(numbers).toHaveLength(3);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers.filter((n) => n.startsWith('C02'))).toHaveLength(1);
    expect(rows(a.t, 'SELECT 1 FROM applications WHERE customer_id = ?', customerId)).toHaveLength(1);
    expect(equalTables(a.t, b.t)).toEqual([]);
    expect(rebuildDiffers(a.t)).toEqual([]);
    expect(rebuildDiffers(b.t)).toEqual([]);
  });

  it('stops a large first sync on request and resumes it where it stopped', async () => {
    const s = await pglite();
    const a = track(
      await attachedDesktop(s.ports, STAFF, async (t) => {
        await seedDemo(t.app.db(), { today: '2026-03-02', deviceId: t.app.deviceId(), persons: 300, seed: 5 });
      }),
    );
    const total = await serverCount(s.server);
    expect(total).toBeGreaterThan(MAX_PULL_EVENTS);
    const { code } = await a.t.call('sync.enrollCode', { branchIds: null }, 'admin');
    const t = await startApp();
    cleanups.push(() => t.cleanup());
    const progress: number[] = [];
    const line = a.line; // the same line serves the new desktop here
    const stopped = await joinCompany(
      t.app.db(),
      t.app.deviceId(),
      { serverUrl: line.url, code },
      (p) => progress.push(p.pulled),
      () => progress.length >= 1,
    ).catch((e: { code?: string }) => e.code);
    expect(stopped).toBe('SYNC_CANCELLED');
    // What arrived is kept: one whole page, applied at a checkpoint.
    const kept = rows<{ n: number }>(t, "SELECT count(*) AS n FROM events WHERE status = 'confirmed'")[0]!.n;
    expect(kept).toBe(progress[0]);
    expect(kept).toBeLessThan(total);
    expect(rebuildDiffers(t)).toEqual([]);
    const resumed = await syncNow(t.app.db(), t.app.deviceId());
    expect(resumed.pulled).toBe(total - kept);
    await t.call('auth.login', { username: 'manager', password: 'demo1234' }, 'manager');
    expect(equalTables(a.t, t)).toEqual([]);
  }, 240_000);

  it('loses and doubles nothing when answers are cut, truncated or garbled, pushes overlap or the server restarts', async () => {
    const s = await pglite();
    const a = track(await attachedDesktop(s.ports, STAFF));
    const productId = await createProduct(a.t, 'admin', {}, 'SYNC12');
    const customerId = await registerCustomer(a.t, 'officer');
    const own = () =>
      rows<{ n: number }>(a.t, 'SELECT count(*) AS n FROM events WHERE device_id = ?', a.t.app.deviceId())[0]!.n;

    // The server took the push, the desktop never heard (nor did its one resend
    // on a fresh connection): the next sync is told the same numbers, nothing twice.
    a.line.breakNext('cut-after-request');
    a.line.breakNext('cut-after-request');
    expect((await a.t.fail('sync.now', {}, 'manager')).code).toBe('SERVER_UNREACHABLE');
    expect(await serverCount(s.server)).toBe(own());
    await a.t.call('sync.now', {}, 'manager');
    expect(await serverCount(s.server)).toBe(own());

    // A garbled push answer and a truncated pull page: nothing applied of them.
    await a.t.call(
      'applications.submit',
      { customerId, productId, amountFen: 6_000_00, periods: 6, purpose: '周转 working capital' },
      'officer',
    );
    a.line.breakNext('garble');
    expect((await a.t.fail('sync.now', {}, 'manager')).code).toBe('SERVER_ANSWER_INVALID');
    expect((await a.t.call('sync.status', {}, 'manager')).lastError).toBe('SERVER_ANSWER_INVALID');
    const b = track(await joinedDesktop(a.t, s.ports, null, STAFF));
    await registerCustomer(b.t, 'officer');
    await b.t.call('sync.now', {}, 'manager');
    const cursor = syncState(a.t.app.db()).cursor;
    a.line.breakNext('truncate', 1); // the push answer passes, the pull page is cut
    expect(['SERVER_UNREACHABLE', 'SERVER_ANSWER_INVALID']).toContain((await a.t.fail('sync.now', {}, 'manager')).code);
    expect(syncState(a.t.app.db()).cursor).toBe(cursor);
    expect(a.line.broken).toEqual({ 'cut-after-request': 2, truncate: 1, garble: 1 });

    // Two syncs of one desktop at once (a second window, a retry): one order.
    await registerCustomer(a.t, 'officer2');
    await Promise.allSettled([syncNow(a.t.app.db(), a.t.app.deviceId()), syncNow(a.t.app.db(), a.t.app.deviceId())]);
    await a.t.call('sync.now', {}, 'manager');

    // The embedded server restarts on its folder: the order goes on from where it was.
    const before = await serverCount(s.server);
    const port = s.server.port;
    await s.server.close();
    expect((await a.t.fail('sync.now', {}, 'manager')).code).toBe('SERVER_UNREACHABLE');
    s.server = await startSyncServer({ dataDir: s.dir }, port);
    await registerCustomer(a.t, 'officer');
    await a.t.call('sync.now', {}, 'manager');
    await b.t.call('sync.now', {}, 'manager');
    const seqs = (await s.server.opened.db.select().from(serverEvents).orderBy(asc(serverEvents.globalSeq))).map(
      (e) => e.globalSeq,
    );
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.length).toBeGreaterThan(before);
    for (const d of [a.t, b.t]) {
      expect(rows(d, "SELECT 1 FROM events WHERE status != 'confirmed'")).toEqual([]);
      expect(rebuildDiffers(d)).toEqual([]);
    }
    expect(equalTables(a.t, b.t)).toEqual([]);
    expect(own()).toBe(
      rows<{ n: number }>(b.t, 'SELECT count(*) AS n FROM events WHERE device_id = ?', a.t.app.deviceId())[0]!.n,
    );
  }, 120_000);

  it('locks out a user disabled on another desktop at the next sync, and tells a revoked desktop why', async () => {
    const s = await pglite();
    const a = track(await attachedDesktop(s.ports, STAFF));
    const b = track(await joinedDesktop(a.t, s.ports, null, STAFF));
    await b.t.call('customers.list', {}, 'officer2');
    const [officer2] = rows<{ id: string }>(a.t, "SELECT id FROM users WHERE username = 'officer2'");
    await a.t.call('users.update', { userId: officer2!.id, disabled: true }, 'admin');
    await a.t.call('sync.now', {}, 'manager');
    await b.t.call('sync.now', {}, 'manager');
    expect((await b.t.fail('customers.list', {}, 'officer2')).code).toMatch(/NOT_AUTHENTICATED|USER_DISABLED/);
    expect((await b.t.fail('auth.login', { username: 'officer2', password: 'demo1234' }, 'officer2')).code).toMatch(
      /LOGIN_FAILED|USER_DISABLED/,
    );

    const devices = await a.t.call('sync.devices', {}, 'admin');
    expect(devices.map((d) => d.deviceNo).sort()).toEqual([1, 2]);
    await a.t.call('sync.revoke', { deviceId: b.t.app.deviceId() }, 'admin');
    expect((await b.t.fail('sync.now', {}, 'manager')).code).toBe('DEVICE_REVOKED');
    expect(await b.t.call('sync.status', {}, 'manager')).toMatchObject({ revoked: true, lastError: 'DEVICE_REVOKED' });
  });

  it('records a bank-statement line once when two desktops import the same statement offline', async () => {
    const s = await pglite();
    const a = track(await attachedDesktop(s.ports, STAFF));
    const productId = await createProduct(a.t, 'admin', { autoApproveLimitFen: 50_000_00 }, 'SYNCST');
    const customerId = await registerCustomer(a.t, 'officer', { monthlyIncomeFen: 50_000_00 });
    const app = await a.t.call(
      'applications.submit',
      { customerId, productId, amountFen: 20_000_00, periods: 12, purpose: '经营周转 working capital' },
      'officer',
    );
    const { loan } = await a.t.call('loans.get', { loanId: app.loanId! }, 'manager');
    await a.t.call('loans.disburse', { loanId: loan.id, expectedVersion: loan.version, channel: 'bank' }, 'manager');
    await a.t.call('sync.now', {}, 'manager');
    const b = track(await joinedDesktop(a.t, s.ports, null, STAFF));
    // The open business day (the loan was disbursed on it).
    const today = rows<{ d: string }>(a.t, 'SELECT disbursed_on AS d FROM loans WHERE id = ?', loan.id)[0]!.d;
    const statement = (...lines: string[]) =>
      Buffer.from(['交易日期,贷方金额,交易流水号,对方户名,对方账号,摘要', ...lines].join('\n'), 'utf8').toString(
        'base64',
      );
    const shared = `${today},300.00,ICBC-7001,王小明,,还款 ${loan.number}`;
    const importOn = (d: TestApp, contentBase64: string, lines: number[]) =>
      d.call(
        'statements.import',
        { fileName: 'icbc.csv', contentBase64, lines: lines.map((line) => ({ line })) },
        'officer',
      );

    // Both desktops import the same statement line offline; B's file has a line of its own.
    a.line.online = false;
    b.line.online = false;
    expect(await importOn(a.t, statement(shared), [2])).toMatchObject({ imported: 1 });
    expect(
      await importOn(b.t, statement(shared, `${today},200.00,ICBC-7002,王小明,,还款 ${loan.number}`), [2, 3]),
    ).toMatchObject({ imported: 2 });
    a.line.online = true;
    b.line.online = true;
    expect((await a.t.call('sync.now', {}, 'manager')).rejected).toEqual([]);
    const answer = await b.t.call('sync.now', {}, 'manager');
    // The server refuses B's copy of the line A recorded first (and its receipt), and only that.
    expect(answer.rejected.map((r) => [r.type, r.code, r.reason])).toEqual([
      ['RepaymentRecorded', 'STATEMENT_REF_IMPORTED', { reference: 'ICBC-7001' }],
      ['ReceiptIssued', 'RECEIPT_NOT_REPAYMENT', {}],
    ]);
    await a.t.call('sync.now', {}, 'manager');
    for (const d of [a.t, b.t]) {
      expect(
        rows(
          d,
          "SELECT transfer_ref, amount_fen FROM loan_transactions WHERE kind = 'repayment' ORDER BY transfer_ref",
        ),
      ).toEqual([
        { transfer_ref: 'ICBC-7001', amount_fen: 300_00 },
        { transfer_ref: 'ICBC-7002', amount_fen: 200_00 },
      ]);
    }
    expect(equalTables(a.t, b.t)).toEqual([]);
    expect(rebuildDiffers(b.t)).toEqual([]);
    // A later import of the same line on B records nothing (its refusal is not a way round).
    expect(await importOn(b.t, statement(shared), [2])).toMatchObject({ imported: 0, duplicates: [2] });
  });

  it('claims the bank references of repayments a server accepted before references were unique', async () => {
    const s = await pglite();
    const db = s.server.opened.db;
    const event = (globalSeq: number, aggregateId: string, payload: Record<string, unknown>) => ({
      globalSeq,
      id: randomUUID(),
      aggregate: 'loan',
      aggregateId,
      version: globalSeq,
      kind: 'fact',
      type: 'RepaymentRecorded',
      schemaVersion: 3,
      payloadJson: JSON.stringify(payload),
      actorId: null,
      deviceId: randomUUID(),
      branchId: null,
      businessDate: '2026-03-02',
      requestId: null,
      occurredAt: '2026-03-02T02:00:00.000Z',
    });
    await db
      .insert(serverEvents)
      .values([
        event(1, 'loan-a', { transferRef: 'ICBC-1' }),
        event(2, 'loan-b', { transferRef: 'ICBC-1' }),
        event(3, 'loan-b', { transferRef: 'ICBC-2' }),
        event(4, 'loan-c', { note: null }),
      ]);
    const migration = readFileSync(join(REPO, 'drizzle/server/0001_transfer_refs.sql'), 'utf8');
    await db.execute(sql.raw(migration));
    expect(
      await db
        .select({ value: identities.value, aggregateId: identities.aggregateId })
        .from(identities)
        .where(eq(identities.kind, 'transferRef'))
        .orderBy(asc(identities.value)),
    ).toEqual([
      { value: 'ICBC-1', aggregateId: 'loan-a' },
      { value: 'ICBC-2', aggregateId: 'loan-b' },
    ]);
  });

  it('pushes a local change in the background and shows it synced', async () => {
    const s = await pglite();
    const a = track(await attachedDesktop(s.ports, STAFF));
    const stop = syncRunner(a.t.app).start(50);
    cleanups.push(stop);
    const states: number[] = [];
    const off = a.t.app.onPush((e) => e.topic === 'sync.state' && states.push(e.payload.pending));
    cleanups.push(off);
    await registerCustomer(a.t, 'officer');
    await vi.waitFor(
      async () => {
        expect((await a.t.call('sync.status', {}, 'manager')).pending).toBe(0);
        expect(states.some((n) => n > 0)).toBe(true);
        expect(states.at(-1)).toBe(0);
      },
      { timeout: 30_000, interval: 100 },
    );
  });

  it('finishes a first sync after the desktop was killed in the middle of it', async () => {
    const s = await pglite();
    const a = track(
      await attachedDesktop(s.ports, STAFF, async (t) => {
        await seedDemo(t.app.db(), { today: '2026-03-02', deviceId: t.app.deviceId(), persons: 300, seed: 9 });
      }),
    );
    const { code } = await a.t.call('sync.enrollCode', { branchIds: null }, 'admin');
    const home = tempHome();
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const env = {
      ...process.env,
      LOANDESK_HOME: home,
      LOANDESK_PASSPHRASE: TEST_PASSPHRASE,
      LOANDESK_NO_KEYCHAIN: '1',
    };
    const child = spawn(
      process.execPath,
      [join(REPO, 'bin', 'loandesk.mjs'), 'sync', 'join', '--server', a.line.url, '--code', code, '--json'],
      { env, cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
        if (/sync join: \d+ events/.test(err) && child.exitCode === null) {
          child.kill('SIGKILL');
          resolve(true);
        }
      });
      child.on('exit', () => resolve(false));
    });
    await new Promise((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve(null) : child.on('exit', resolve),
    );
    expect(killed).toBe(true);
    // The desktop opens again, consistent, and the next sync brings the rest.
    const t = await startApp({ home });
    cleanups.push(() => t.app.close());
    expect(syncConfig(t.app.db())).not.toBeNull();
    expect(rebuildDiffers(t)).toEqual([]);
    await syncNow(t.app.db(), t.app.deviceId());
    expect(equalTables(a.t, t)).toEqual([]);
  }, 240_000);
});

const pgDescribe = postgresAvailable() ? describe : describe.skip;

pgDescribe('sync on PostgreSQL', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await pg?.stop();
  });

  async function server(): Promise<{ server: SyncServer; ports: () => number[] }> {
    const started = await startSyncServer({ databaseUrl: await pg.newDatabase() });
    cleanups.push(() => started.close());
    return { server: started, ports: () => [started.port] };
  }

  it('answers nothing without a credential, keeps each desktop to its branches, refuses forged and tampered events and ignores a replayed push', async () => {
    const { server: srv, ports } = await server();
    for (const [method, path] of [
      ['GET', '/v1/sync/pull?after=0'],
      ['POST', '/v1/sync/push'],
      ['GET', '/v1/devices'],
    ] as const) {
      const res = await fetch(`${srv.url}${path}`, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
        body: method === 'POST' ? JSON.stringify({ events: [] }) : undefined,
      });
      expect(res.status).toBe(401);
    }
    expect((await fetch(`${srv.url}/health`)).status).toBe(200);

    const a = track(await attachedDesktop(ports, STAFF));
    const productId = await createProduct(a.t, 'admin', {}, 'SYNC12');
    const [hq, cy] = ['HQ', 'CY'].map(
      (c) => rows<{ id: string }>(a.t, 'SELECT id FROM branches WHERE code = ?', c)[0]!.id,
    );
    // One application in each branch (officer is HQ's, officer2 CY's).
    for (const officer of ['officer', 'officer2']) {
      const customerId = await registerCustomer(a.t, officer);
      await a.t.call(
        'applications.submit',
        { customerId, productId, amountFen: 6_000_00, periods: 6, purpose: '周转 working capital' },
        officer,
      );
    }
    await a.t.call('sync.now', {}, 'manager');
    const c = track(await joinedDesktop(a.t, ports, [cy!], ['officer2', 'manager']));
    const branchesSeen = rows<{ b: string }>(c.t, 'SELECT DISTINCT branch_id AS b FROM applications').map((r) => r.b);
    expect(branchesSeen).toEqual([cy]);
    const scoped = BRANCH_SCOPED.map(() => '?').join(', ');
    expect(
      rows(c.t, `SELECT 1 FROM events WHERE branch_id = ? AND aggregate IN (${scoped})`, hq, ...BRANCH_SCOPED),
    ).toEqual([]);
    const config = syncConfig(c.t.app.db())!;
    const client = deviceClient({ url: c.line.url }, { deviceId: c.t.app.deviceId(), privateKey: config.privateKey });
    const pulled = await client.call<{ events: Array<{ branchId: string | null; aggregate: string }> }>(
      'GET',
      '/v1/sync/pull?after=0',
    );
    expect(pulled.events.filter((e) => e.branchId === hq && BRANCH_SCOPED.includes(e.aggregate as never))).toEqual([]);
    expect(pulled.events.length).toBeGreaterThan(10);

    // Forged on C: an event for HQ, and an event claiming to come from A.
    const hqApp = rows<Record<string, unknown>>(
      a.t,
      "SELECT * FROM events WHERE type = 'ApplicationSubmitted' AND branch_id = ?",
      hq,
    )[0]!;
    const template = eventFromRow(hqApp as never);
    const forged = (changes: Record<string, unknown>) =>
      sealEvent(Buffer.from(config.dataKey, 'base64'), {
        ...template,
        seq: undefined,
        status: undefined,
        globalSeq: undefined,
        id: '019a0000-0000-7000-8000-00000000000' + String(Object.keys(changes).length),
        deviceId: c.t.app.deviceId(),
        ...changes,
      } as never);
    const answer = await client.call<{ results: Array<{ status: string; code?: string }> }>('POST', '/v1/sync/push', {
      events: [
        forged({ aggregateId: '019a0000-0000-7000-8000-0000000000aa' }),
        forged({ deviceId: a.t.app.deviceId(), aggregateId: '019a0000-0000-7000-8000-0000000000bb', x: 1 }),
      ],
      audit: [],
    });
    expect(answer.results.map((r) => r.code)).toEqual(['BRANCH_OUT_OF_SCOPE', 'DEVICE_MISMATCH']);

    // Tampered on A: an application's route changed after its assessment.
    a.line.online = false;
    const customerId = await registerCustomer(a.t, 'officer');
    await a.t.call(
      'applications.submit',
      { customerId, productId, amountFen: 150_000_00, periods: 12, purpose: '周转 working capital' },
      'officer',
    );
    // Someone with the database key edits the log behind the app's back.
    const raw = a.t.app.db().$client;
    const trigger = (
      raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'events_no_rewrite'").get() as { sql: string }
    ).sql;
    raw.exec('DROP TRIGGER events_no_rewrite');
    raw
      .prepare(
        "UPDATE events SET payload_json = json_set(payload_json, '$.route', 'autoApproved') WHERE status = 'pending' AND type = 'ApplicationSubmitted'",
      )
      .run();
    raw.exec(trigger);
    a.line.online = true;
    const result = await a.t.call('sync.now', {}, 'manager');
    expect(result.rejected.map((r) => [r.type, r.code])).toEqual([['ApplicationSubmitted', 'ASSESSMENT_MISMATCH']]);
    const refusals = await a.t.call('sync.refusals', {}, 'manager');
    expect(refusals[0]).toMatchObject({
      type: 'ApplicationSubmitted',
      code: 'ASSESSMENT_MISMATCH',
      actorName: '李信贷',
    });
    expect(rows(a.t, 'SELECT 1 FROM applications WHERE customer_id = ?', customerId)).toEqual([]);
    expect(rebuildDiffers(a.t)).toEqual([]);

    // An old push sent again: the same answers, nothing new in the log.
    const aConfig = syncConfig(a.t.app.db())!;
    const aClient = deviceClient({ url: a.line.url }, { deviceId: a.t.app.deviceId(), privateKey: aConfig.privateKey });
    const old = rows<Record<string, unknown>>(
      a.t,
      "SELECT * FROM events WHERE status = 'confirmed' ORDER BY seq LIMIT 20",
    )
      .map((r) => eventFromRow(r as never))
      .map(({ seq: _s, status: _st, globalSeq: _g, ...e }) =>
        sealEvent(Buffer.from(aConfig.dataKey, 'base64'), e as never),
      );
    const before = await serverCount(srv);
    const replay = await aClient.call<{ results: Array<{ status: string; globalSeq?: number }> }>(
      'POST',
      '/v1/sync/push',
      {
        events: old,
        audit: [],
      },
    );
    expect(replay.results.every((r) => r.status === 'accepted')).toBe(true);
    expect(replay.results.map((r) => r.globalSeq)).toEqual(
      rows<{ g: number }>(
        a.t,
        "SELECT global_seq AS g FROM events WHERE status = 'confirmed' ORDER BY seq LIMIT 20",
      ).map((r) => r.g),
    );
    expect(await serverCount(srv)).toBe(before);

    // What an operator watches, without a credential.
    const metrics = await (await fetch(`${srv.url}/metrics`)).text();
    expect(metrics).toContain(`loandesk_events_total ${before}`);
    expect(metrics).toMatch(/loandesk_events_rejected_total [1-9]/);
    expect(metrics.match(/loandesk_device_lag_events\{/g)).toHaveLength(2);
  });

  it('never holds a resident ID, phone or bank card in clear', async () => {
    const { server: srv, ports } = await server();
    const a = track(await attachedDesktop(ports, STAFF));
    const id = residentId('1991-07-23', 417, '310104');
    const phone = '13912345678';
    const card = bankCard('622202020011223');
    await registerCustomer(a.t, 'officer', { residentId: id, phone, bankCard: card });
    await a.t.call('sync.now', {}, 'manager');
    const b = track(await joinedDesktop(a.t, ports, null, STAFF));
    // The joined desktop can read them (it holds the organisation key)…
    const customerId = rows<{ id: string }>(b.t, 'SELECT id FROM customers')[0]!.id;
    const shown = await b.t.call('customers.reveal', { customerId, fields: ['residentId'] }, 'officer');
    expect(JSON.stringify(shown)).toContain(id);
    // …the server cannot: no table holds them in clear.
    const tables = (await srv.opened.db.execute(
      "SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ('public', 'drizzle')" as never,
    )) as unknown as { rows: Array<{ table_schema: string; table_name: string }> };
    let scanned = 0;
    for (const { table_schema, table_name } of tables.rows) {
      const dump = (await srv.opened.db.execute(
        `SELECT coalesce(string_agg(t::text, ' '), '') AS text FROM "${table_schema}"."${table_name}" t` as never,
      )) as unknown as { rows: Array<{ text: string }> };
      const text = dump.rows[0]!.text;
      scanned += text.length;
      for (const secret of [id, phone, card, id.slice(6, 14) + id.slice(0, 6)]) expect(text).not.toContain(secret);
    }
    expect(scanned).toBeGreaterThan(1000);
  });

  it('converges for every seed: three desktops, one or two server instances, lines dropping, conflicts', async () => {
    const seeds = Number(process.env.LOANDESK_CONVERGENCE_SEEDS ?? 20);
    const base = Number(process.env.LOANDESK_CONVERGENCE_SEED_BASE ?? 1);
    const problems: string[] = [];
    let conflicts = 0;
    for (let seed = base; seed < base + seeds; seed++) {
      const r = await runSeed(seed, await pg.newDatabase(), { seeds: 1, newDatabase: pg.newDatabase });
      problems.push(...r.problems.map((p) => `seed ${seed}: ${p}`));
      conflicts += r.conflicts;
      expect({ seed, lost: r.lost, duplicated: r.duplicated, silent: r.silent, divergent: r.divergent }).toEqual({
        seed,
        lost: 0,
        duplicated: 0,
        silent: 0,
        divergent: 0,
      });
    }
    expect(problems).toEqual([]);
    expect(conflicts).toBeGreaterThan(seeds / 2);
  }, 1_800_000);

  it('the harness sees an event that never reached the server', async () => {
    const r = await runSeed(3, await pg.newDatabase(), {
      seeds: 1,
      newDatabase: pg.newDatabase,
      rounds: 2,
      sabotage: (db) => {
        // The desktop believes an event confirmed that the server never had.
        db.$client
          .prepare(
            "UPDATE events SET status = 'confirmed', global_seq = 999999 WHERE seq = (SELECT max(seq) FROM events WHERE status = 'pending')",
          )
          .run();
      },
    });
    expect(r.lost + r.divergent).toBeGreaterThan(0);
  }, 300_000);
});
