/** The convergence harness: for each seed, three desktops (real encrypted
 *  databases, the real API) and one or two sync server instances on one PostgreSQL
 *  database. Desktops go offline at random, work on shared customers and loans
 *  (registrations, applications, approvals, disbursements, repayments including
 *  backdated ones, reversals, ends of day) and make deliberate conflicts (two
 *  disbursements of one loan, approve against decline, two closes of one branch
 *  day, one person registered twice). After everyone syncs, each desktop must equal
 *  a fresh desktop of its scope built from the server's log, nothing it made may be
 *  lost, doubled or refused without it showing, and each conflict must end with
 *  exactly one side accepted. */
import { startApp, type TestApp } from '../support/app';
import { Line } from '../support/line';
import { createProduct, registerCustomer, residentId } from '../support/lending';
import { events, rejections } from '../../src/server/schema';
import { SETUP_CODE, startSyncServer, type SyncServer } from '../support/syncServer';
import { asc } from 'drizzle-orm';
import type { LocalDb } from '../../src/main/db/connection';
import { join as joinCompany } from '../../src/main/features/sync/engine';
import { compareTable, verifyRebuild } from '../../src/main/events/rebuild';
import { PROJECTION_TABLES } from '../../src/main/projectors/index';
import { trialBalance } from '../../src/main/features/ledger/queries';

export interface ConvergenceSummary {
  seeds: number;
  eventsAccepted: number;
  eventsRejected: number;
  lost: number;
  duplicated: number;
  silentRejections: number;
  divergentDevices: number;
  /** Deliberate conflicts made, and those not ending with exactly one side accepted. */
  conflicts: number;
  unresolvedConflicts: number;
  /** Seeds with a problem, and what it was (empty when all is well). */
  failures: Array<{ seed: number; problems: string[] }>;
}

export interface ConvergenceOptions {
  seeds: number;
  seedBase?: number;
  /** A PostgreSQL database URL maker (one fresh database per seed). */
  newDatabase: () => Promise<string>;
  rounds?: number;
  opsPerRound?: number;
  log?: (line: string) => void;
  /** For proving the harness: breaks desktop B's database after its last
   *  offline change (the checks must then report it). */
  sabotage?: (db: LocalDb) => void;
}

/** mulberry32: a small seeded generator, so a seed replays exactly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[Math.floor(next() * xs.length)] : undefined),
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

interface Desktop {
  name: string;
  t: TestApp;
  line: Line;
  /** null: head office (every branch). */
  scope: string[] | null;
  /** The users who work here (logged in under their own names). */
  officers: string[];
  manager: string;
  /** This desktop's events seen so far (local seq), to find what each call made. */
  lastSeq: number;
  /** Days ahead of the company's clock (clocks a day apart). */
  skewDays: number;
  /** Calls by method and answer (ok or the code), for the log. */
  outcomes: Map<string, number>;
}

interface Made {
  desktop: string;
  id: string;
  type: string;
  aggregateId: string;
}

interface Conflict {
  what: string;
  events: [string, string];
}

const PASSWORD = 'demo1234';

function own(d: Desktop): Made[] {
  const rows = d.t.app
    .db()
    .$client.prepare('SELECT seq, id, type, aggregate_id AS a FROM events WHERE device_id = ? AND seq > ? ORDER BY seq')
    .all(d.t.app.deviceId(), d.lastSeq) as Array<{ seq: number; id: string; type: string; a: string }>;
  const all = d.t.app.db().$client.prepare('SELECT max(seq) AS s FROM events').get() as { s: number | null };
  d.lastSeq = all.s ?? 0;
  return rows.map((r) => ({ desktop: d.name, id: r.id, type: r.type, aggregateId: r.a }));
}

function rows<T>(d: Desktop, sql: string, ...params: unknown[]): T[] {
  return d.t.app
    .db()
    .$client.prepare(sql)
    .all(...params) as T[];
}

interface ApprovedLoan {
  id: string;
  version: number;
  branch_id: string | null;
  approved_by: string;
  maker: string;
}

const APPROVED_LOANS = `SELECT l.id, l.version, l.branch_id, l.approved_by, a.created_by AS maker
  FROM loans l JOIN applications a ON a.id = l.application_id WHERE l.status = 'approved' ORDER BY l.id`;

/** Someone here who may disburse the loan: neither its approver nor, for a loan the
 *  system approved, the officer who took the application. */
function disburser(d: Desktop, loan: ApprovedLoan): string | undefined {
  return d.officers.find((o) => {
    const id = rows<{ id: string }>(d, 'SELECT id FROM users WHERE username = ?', o)[0]?.id;
    return id !== loan.approved_by && id !== loan.maker;
  });
}

function inScope(d: Desktop, branchId: string | null): boolean {
  return d.scope === null || branchId === null || d.scope.includes(branchId);
}

function businessDate(d: Desktop, branchId: string | null): string {
  const closed = rows<{ d: string | null }>(
    d,
    branchId
      ? 'SELECT max(business_date) AS d FROM days_closed WHERE branch_id = ?'
      : 'SELECT min(c) AS d FROM (SELECT (SELECT max(business_date) FROM days_closed x WHERE x.branch_id = b.id) AS c FROM branches b)',
    ...(branchId ? [branchId] : []),
  )[0]?.d;
  return closed ? addDays(closed, 1) : '2026-03-02';
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Sets each desktop's clock to the company's day (plus its skew), office hours. */
function setClocks(desktops: Desktop[], day: string): void {
  for (const d of desktops) d.t.travel(`${addDays(day, d.skewDays)}T02:00:00Z`);
}

type Outcome = { ok: true; value: unknown } | { ok: false; code: string };

async function act(d: Desktop, method: string, input: unknown, caller: string): Promise<Outcome> {
  const r = await d.t.dispatch(method as never, input, caller);
  const key = `${method} ${r.ok ? 'ok' : r.error.code}`;
  d.outcomes.set(key, (d.outcomes.get(key) ?? 0) + 1);
  return r.ok ? { ok: true, value: r.value } : { ok: false, code: r.error.code };
}

/** One random operation on desktop `d`; answers what it made. */
async function randomOp(d: Desktop, r: Rng, productId: string, personSeq: { n: number }): Promise<Made[]> {
  const officer = r.pick(d.officers)!;
  const kind = r.pick([
    'register',
    'apply',
    'apply',
    'decide',
    'disburse',
    'disburse',
    'repay',
    'repay',
    'repay',
    'reverse',
    'eod',
  ] as const)!;
  switch (kind) {
    case 'register':
      personSeq.n++;
      await registerCustomer(d.t, officer, {
        residentId: residentId('1985-04-12', personSeq.n, '110106'),
        monthlyIncomeFen: 90_000_00,
      }).catch(() => undefined);
      break;
    case 'apply': {
      const customer = r.pick(rows<{ id: string }>(d, "SELECT id FROM customers WHERE kind = 'person' ORDER BY id"));
      if (!customer) break;
      await act(
        d,
        'applications.submit',
        {
          customerId: customer.id,
          productId,
          amountFen: r.int(3, 45) * 1_000_00,
          periods: r.pick([6, 12]),
          purpose: '经营周转 working capital',
        },
        officer,
      );
      break;
    }
    case 'decide': {
      const app = r.pick(
        rows<{ id: string; version: number; branch_id: string | null }>(
          d,
          "SELECT id, version, branch_id FROM applications WHERE status = 'review' ORDER BY id",
        ).filter((a) => inScope(d, a.branch_id)),
      );
      if (!app) break;
      const how = r.pick(['applications.approve', 'applications.approve', 'applications.decline'])!;
      await act(
        d,
        how,
        { applicationId: app.id, expectedVersion: app.version, reason: '材料不全 incomplete' },
        d.manager,
      );
      break;
    }
    case 'disburse': {
      const loan = r.pick(rows<ApprovedLoan>(d, APPROVED_LOANS));
      const by = loan && disburser(d, loan);
      if (!loan || !by) break;
      await act(
        d,
        'loans.disburse',
        { loanId: loan.id, expectedVersion: loan.version, channel: r.pick(['bank', 'cash']) },
        by,
      );
      break;
    }
    case 'repay': {
      const loan = r.pick(
        rows<{ id: string; branch_id: string | null; disbursed_on: string; principal_fen: number }>(
          d,
          "SELECT id, branch_id, disbursed_on, principal_fen FROM loans WHERE status = 'active' ORDER BY id",
        ),
      );
      if (!loan) break;
      const today = businessDate(d, loan.branch_id);
      const back = addDays(today, -r.int(0, 6));
      await act(
        d,
        'repayments.record',
        {
          loanId: loan.id,
          amountFen: Math.max(100, Math.round((loan.principal_fen * r.int(2, 25)) / 100)),
          valueDate: back < loan.disbursed_on ? loan.disbursed_on : back,
          channel: r.pick(['bank', 'cash']),
          acceptOverpayment: true,
        },
        officer,
      );
      break;
    }
    case 'reverse': {
      const tx = r.pick(
        rows<{ id: string }>(
          d,
          "SELECT id FROM loan_transactions WHERE kind = 'repayment' AND reversed_by_id IS NULL ORDER BY id",
        ),
      );
      if (!tx) break;
      await act(d, 'repayments.reverse', { transactionId: tx.id, reason: '录入错误 entry error' }, d.manager);
      break;
    }
    case 'eod':
      await runEod(d);
      break;
  }
  return own(d);
}

async function runEod(d: Desktop): Promise<Outcome> {
  const status = await act(d, 'eod.status', {}, d.manager);
  if (!status.ok) return status;
  const { nextDate } = status.value as { nextDate: string };
  return act(d, 'eod.run', { date: nextDate }, d.manager);
}

/** A deliberate conflict between two desktops that both see its subject. */
type ConflictKind = 'disburse' | 'decide' | 'close' | 'register';

async function conflict(
  x: Desktop,
  y: Desktop,
  kind: ConflictKind,
  r: Rng,
  personSeq: { n: number },
): Promise<{ made: Made[]; conflict: Conflict | null }> {
  const made: Made[] = [];
  const decisive = (d: Desktop, type: string, aggregateId?: string) => {
    const mine = own(d);
    made.push(...mine);
    return mine.find((m) => m.type === type && (!aggregateId || m.aggregateId === aggregateId))?.id;
  };
  if (kind === 'disburse') {
    const shared = rows<ApprovedLoan>(x, APPROVED_LOANS).filter(
      (l) =>
        inScope(y, l.branch_id) &&
        rows(y, "SELECT 1 FROM loans WHERE id = ? AND status = 'approved' AND version = ?", l.id, l.version).length,
    );
    const loan = r.pick(shared.filter((l) => disburser(x, l) && disburser(y, l)));
    if (!loan) return { made, conflict: null };
    const ids: string[] = [];
    for (const d of [x, y]) {
      const by = disburser(d, loan)!;
      await act(d, 'loans.disburse', { loanId: loan.id, expectedVersion: loan.version, channel: 'bank' }, by);
      const id = decisive(d, 'LoanDisbursed', loan.id);
      if (id) ids.push(id);
    }
    return {
      made,
      conflict: ids.length === 2 ? { what: `two disbursements of ${loan.id}`, events: [ids[0]!, ids[1]!] } : null,
    };
  }
  if (kind === 'decide') {
    const shared = rows<{ id: string; version: number; branch_id: string | null }>(
      x,
      "SELECT id, version, branch_id FROM applications WHERE status = 'review' ORDER BY id",
    ).filter(
      (a) =>
        inScope(x, a.branch_id) &&
        inScope(y, a.branch_id) &&
        rows(y, "SELECT 1 FROM applications WHERE id = ? AND status = 'review' AND version = ?", a.id, a.version)
          .length,
    );
    const app = r.pick(shared);
    if (!app) return { made, conflict: null };
    await act(x, 'applications.approve', { applicationId: app.id, expectedVersion: app.version }, x.manager);
    const a = decisive(x, 'ApplicationApproved', app.id);
    await act(
      y,
      'applications.decline',
      { applicationId: app.id, expectedVersion: app.version, reason: '风险过高 too risky' },
      y.manager,
    );
    const b = decisive(y, 'ApplicationDeclined', app.id);
    return { made, conflict: a && b ? { what: `approve against decline of ${app.id}`, events: [a, b] } : null };
  }
  if (kind === 'close') {
    // Both close the same day of a branch both keep the books of.
    const branch = r.pick(
      rows<{ id: string }>(x, 'SELECT id FROM branches ORDER BY code').filter(
        (b) => inScope(x, b.id) && inScope(y, b.id),
      ),
    );
    if (!branch) return { made, conflict: null };
    const dx = businessDate(x, branch.id);
    if (dx !== businessDate(y, branch.id)) return { made, conflict: null };
    const ids: string[] = [];
    for (const d of [x, y]) {
      await runEod(d);
      const id = decisive(d, 'DayClosed', `${branch.id}:${dx}`);
      if (id) ids.push(id);
    }
    return {
      made,
      conflict: ids.length === 2 ? { what: `two closes of ${branch.id} ${dx}`, events: [ids[0]!, ids[1]!] } : null,
    };
  }
  personSeq.n++;
  const person = residentId('1979-09-30', personSeq.n, '110108');
  const ids: string[] = [];
  for (const d of [x, y]) {
    await registerCustomer(d.t, d.officers[0], { residentId: person, monthlyIncomeFen: 90_000_00 }).catch(
      () => undefined,
    );
    const id = decisive(d, 'CustomerRegistered');
    if (id) ids.push(id);
  }
  return {
    made,
    conflict: ids.length === 2 ? { what: `one person registered twice`, events: [ids[0]!, ids[1]!] } : null,
  };
}

async function sync(d: Desktop, caller = d.manager): Promise<Outcome> {
  return act(d, 'sync.now', {}, caller);
}

function projectionDiffs(a: Desktop, b: Desktop): string[] {
  const out: string[] = [];
  for (const table of PROJECTION_TABLES) {
    const c = compareTable(a.t.app.db(), b.t.app.db(), table);
    if (c.differences > 0)
      out.push(`${a.name}≠${b.name} ${table}: ${c.differences} (${c.examples.map((e) => e.key).join(', ')})`);
  }
  const ta = JSON.stringify(trialBalance(a.t.app.db(), '2999-12-31'));
  const tb = JSON.stringify(trialBalance(b.t.app.db(), '2999-12-31'));
  if (ta !== tb) out.push(`${a.name}≠${b.name} trial balance`);
  return out;
}

interface SeedResult {
  accepted: number;
  rejected: number;
  lost: number;
  duplicated: number;
  silent: number;
  divergent: number;
  conflicts: number;
  unresolved: number;
  problems: string[];
}

export async function runSeed(seed: number, databaseUrl: string, options: ConvergenceOptions): Promise<SeedResult> {
  const r = rng(seed * 7919 + 17);
  const log = options.log ?? (() => undefined);
  const instances: SyncServer[] = [await startSyncServer({ databaseUrl })];
  if (r.chance(0.5)) instances.push(await startSyncServer({ databaseUrl }));
  const ports = () => instances.map((i) => i.port);
  const desktops: Desktop[] = [];
  const lines: Line[] = [];
  const made: Made[] = [];
  const conflicts: Conflict[] = [];
  const problems: string[] = [];
  const personSeq = { n: seed * 1000 };
  try {
    // A: the company's first desktop, with its products and a few running loans.
    const a: Desktop = {
      name: 'A',
      t: await startApp(),
      line: await Line.open(ports),
      scope: null,
      officers: ['officer', 'officer2'],
      manager: 'manager',
      lastSeq: 0,
      skewDays: 0,
      outcomes: new Map(),
    };
    lines.push(a.line);
    // The demo's users and branches without its generated history: the harness
    // makes its own loans.
    const demoCustomers = process.env.LOANDESK_DEMO_CUSTOMERS;
    process.env.LOANDESK_DEMO_CUSTOMERS = '0';
    try {
      await a.t.call('setup.createDemo', {});
    } finally {
      if (demoCustomers === undefined) delete process.env.LOANDESK_DEMO_CUSTOMERS;
      else process.env.LOANDESK_DEMO_CUSTOMERS = demoCustomers;
    }
    for (const u of ['admin', 'manager', 'officer', 'officer2'])
      await a.t.call('auth.login', { username: u, password: PASSWORD }, u);
    const productId = await createProduct(
      a.t,
      'admin',
      { maxAmountFen: 500_000_00, autoApproveLimitFen: 20_000_00 },
      'CONV12',
    );
    for (let i = 0; i < 3; i++) {
      personSeq.n++;
      await registerCustomer(a.t, r.pick(a.officers)!, {
        residentId: residentId('1988-02-03', personSeq.n, '110105'),
        monthlyIncomeFen: 90_000_00,
      });
    }
    for (const c of rows<{ id: string }>(a, 'SELECT id FROM customers ORDER BY id')) {
      const maker = r.pick(a.officers)!;
      const app = await a.t.call(
        'applications.submit',
        {
          customerId: c.id,
          productId,
          amountFen: r.int(5, 18) * 1_000_00,
          periods: 12,
          purpose: '经营周转 working capital',
        },
        maker,
      );
      const disburser = a.officers.find((o) => o !== maker)!;
      if (app.loanId && r.chance(0.7))
        await a.t.call('loans.disburse', { loanId: app.loanId, expectedVersion: 1, channel: 'bank' }, disburser);
    }
    made.push(...own(a));
    await a.t.call('sync.attach', { serverUrl: a.line.url, setupCode: SETUP_CODE }, 'admin');
    const branches = rows<{ id: string; code: string }>(a, 'SELECT id, code FROM branches ORDER BY code');
    const cy = branches.find((b) => b.code === 'CY')!.id;

    const joinDesktop = async (name: string, scope: string[] | null, skewDays: number): Promise<Desktop> => {
      const { code } = await a.t.call('sync.enrollCode', { branchIds: scope }, 'admin');
      const line = await Line.open(ports);
      lines.push(line);
      const t = await startApp();
      await joinCompany(t.app.db(), t.app.deviceId(), { serverUrl: line.url, code, name });
      const d: Desktop = {
        name,
        t,
        line,
        scope,
        officers: scope ? ['officer2'] : ['officer', 'officer2'],
        manager: 'manager',
        lastSeq: 0,
        skewDays,
        outcomes: new Map(),
      };
      for (const u of new Set([...d.officers, d.manager]))
        await t.call('auth.login', { username: u, password: PASSWORD }, u);
      own(d);
      return d;
    };
    desktops.push(a, await joinDesktop('B', null, 1), await joinDesktop('C', [cy], 0));
    let day = businessDate(a, null);
    setClocks(desktops, day);

    const rounds = options.rounds ?? 6;
    const perRound = options.opsPerRound ?? 14;
    for (let round = 0; round < rounds; round++) {
      for (const d of desktops) {
        d.line.online = d === a ? r.chance(0.85) : r.chance(0.65);
      }
      for (let i = 0; i < perRound; i++) {
        const d = r.pick(desktops)!;
        made.push(...(await randomOp(d, r, productId, personSeq)));
      }
      // A conflict between two desktops, of the first kind they can have.
      const [x, y] = [...desktops].sort(() => r.next() - 0.5);
      const kinds: ConflictKind[] = ['disburse', 'decide', 'close', 'register'];
      for (const kind of kinds.sort(() => r.next() - 0.5)) {
        const c = await conflict(x!, y!, kind, r, personSeq);
        made.push(...c.made);
        if (c.conflict) {
          conflicts.push(c.conflict);
          break;
        }
      }
      // Mid-round, a line may drop while a sync is under way.
      for (const d of [...desktops].sort(() => r.next() - 0.5)) {
        const running = sync(d);
        const cut = d.line.online && r.chance(0.1) ? setTimeout(() => (d.line.online = false), r.int(0, 30)) : null;
        await running;
        if (cut) clearTimeout(cut);
      }
      day = [...desktops].map((d) => businessDate(d, null)).reduce((m, x) => (x > m ? x : m));
      setClocks(desktops, day);
      log(`seed ${seed} round ${round}: ${made.length} events made, day ${day}`);
    }

    if (options.sabotage) {
      const victim = desktops[1]!;
      victim.line.online = false;
      personSeq.n++;
      await registerCustomer(victim.t, victim.officers[0], {
        residentId: residentId('1990-01-01', personSeq.n, '110101'),
      });
      made.push(...own(victim));
      options.sabotage(victim.t.app.db());
    }

    // Everyone online; sync until nothing moves.
    for (const d of desktops) d.line.online = true;
    for (let pass = 0; pass < 3; pass++) for (const d of desktops) await sync(d);
    for (const d of desktops) {
      const last = await sync(d);
      if (!last.ok) problems.push(`${d.name}: last sync failed ${last.code}`);
    }

    // What the server holds.
    const server = instances[0]!.opened.db;
    const accepted = await server
      .select({
        id: events.id,
        type: events.type,
        aggregate: events.aggregate,
        aggregateId: events.aggregateId,
        version: events.version,
        kind: events.kind,
      })
      .from(events)
      .orderBy(asc(events.globalSeq));
    const refused = await server.select({ eventId: rejections.eventId, code: rejections.code }).from(rejections);
    const acceptedIds = new Set(accepted.map((e) => e.id));
    const refusedIds = new Map(refused.map((e) => [e.eventId, e.code]));

    // Nothing lost, nothing refused without the desktop showing it.
    let lost = 0;
    let silent = 0;
    for (const m of made) {
      const d = desktops.find((x) => x.name === m.desktop)!;
      const local = rows<{ status: string }>(d, 'SELECT status FROM events WHERE id = ?', m.id)[0];
      if (acceptedIds.has(m.id)) {
        if (local?.status !== 'confirmed') {
          lost++;
          problems.push(`${m.desktop} ${m.type} ${m.id}: accepted but ${local?.status ?? 'missing'} on its desktop`);
        }
      } else if (refusedIds.has(m.id)) {
        if (local?.status !== 'rejected') {
          silent++;
          problems.push(`${m.desktop} ${m.type} ${m.id}: refused (${refusedIds.get(m.id)}) but not shown`);
        }
      } else {
        lost++;
        problems.push(`${m.desktop} ${m.type} ${m.id}: neither accepted nor refused (${local?.status ?? 'missing'})`);
      }
    }

    // Nothing doubled: one event per transition version, one disbursement per loan.
    let duplicated = 0;
    const versions = new Map<string, number>();
    const disbursed = new Map<string, number>();
    for (const e of accepted) {
      if (e.kind === 'transition') {
        const key = `${e.aggregate}:${e.aggregateId}:${e.version}`;
        versions.set(key, (versions.get(key) ?? 0) + 1);
      }
      if (e.type === 'LoanDisbursed') disbursed.set(e.aggregateId, (disbursed.get(e.aggregateId) ?? 0) + 1);
    }
    for (const [key, n] of [...versions, ...disbursed])
      if (n > 1) {
        duplicated += n - 1;
        problems.push(`doubled: ${key} ×${n}`);
      }
    for (const d of desktops) {
      const twice = rows<{ n: number }>(
        d,
        "SELECT count(*) AS n FROM (SELECT global_seq FROM events WHERE status = 'confirmed' GROUP BY global_seq HAVING count(*) > 1)",
      )[0]!.n;
      if (twice > 0) {
        duplicated += twice;
        problems.push(`${d.name}: ${twice} global sequence numbers twice`);
      }
    }

    // Each conflict: exactly one side accepted, the other refused.
    let unresolved = 0;
    const transitions = new Set(
      accepted.filter((e) => e.kind === 'transition').map((e) => `${e.aggregate}:${e.aggregateId}:${e.version}`),
    );
    for (const c of conflicts) {
      const n = c.events.filter((id) => acceptedIds.has(id)).length;
      const visible = c.events.filter((id) => refusedIds.has(id)).length;
      const keys = c.events.map((id) => {
        for (const d of desktops) {
          const e = rows<{ a: string; id: string; v: number; kind: string }>(
            d,
            'SELECT aggregate AS a, aggregate_id AS id, version AS v, kind FROM events WHERE id = ?',
            id,
          )[0];
          if (e) return e.kind === 'transition' ? `${e.a}:${e.id}:${e.v}` : null;
        }
        return null;
      });
      // Both sides may lose to a third desktop: one that decided the same version
      // first, or closed a later day of the branch (its clock ahead) first, which
      // refuses both ends of day, or both postings dated on the day it closed.
      const dayClosedFirst = (id: string) =>
        ['EOD_DAY_CLOSED', 'BUSINESS_DAY_CLOSED'].includes(refusedIds.get(id) ?? '');
      const thirdWon =
        n === 0 &&
        visible === 2 &&
        (keys.every((k) => k !== null && transitions.has(k)) || c.events.every(dayClosedFirst));
      if (!thirdWon && (n !== 1 || visible !== 1)) {
        unresolved++;
        problems.push(
          `conflict ${c.what}: ${n} accepted, ${visible} refused (${c.events.map((id) => refusedIds.get(id) ?? 'accepted').join(', ')})`,
        );
      }
    }

    // Every desktop equals a fresh desktop of its scope built from the server's log.
    let divergent = 0;
    for (const d of desktops) {
      const pending = rows<{ n: number }>(d, "SELECT count(*) AS n FROM events WHERE status = 'pending'")[0]!.n;
      const rebuild = verifyRebuild(d.t.app.db());
      const self = Object.entries(rebuild.tables)
        .filter(([, c]) => c.differences > 0)
        .map(([table]) => table);
      const fresh = await joinDesktop(`${d.name}′`, d.scope, 0);
      const diffs = projectionDiffs(d, fresh);
      const theirs = rows<{ id: string }>(fresh, "SELECT id FROM events WHERE status = 'confirmed' ORDER BY global_seq")
        .map((e) => e.id)
        .join();
      const mine = rows<{ id: string }>(d, "SELECT id FROM events WHERE status = 'confirmed' ORDER BY global_seq")
        .map((e) => e.id)
        .join();
      fresh.t.cleanup();
      if (pending > 0 || self.length > 0 || diffs.length > 0 || theirs !== mine) {
        divergent++;
        problems.push(
          `${d.name} diverges: pending ${pending}, self-rebuild ${self.join('/') || 'equal'}, ${diffs.join('; ') || 'tables equal'}, log ${theirs === mine ? 'equal' : 'differs'}`,
        );
      }
    }
    const outcomes = new Map<string, number>();
    for (const d of desktops) for (const [k, n] of d.outcomes) outcomes.set(k, (outcomes.get(k) ?? 0) + n);
    log(
      `seed ${seed} calls: ${[...outcomes]
        .sort()
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ')}`,
    );
    const codes = new Map<string, number>();
    for (const x of refused) codes.set(x.code, (codes.get(x.code) ?? 0) + 1);
    log(`seed ${seed} refusals: ${[...codes].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    return {
      accepted: accepted.length,
      rejected: refused.length,
      lost,
      duplicated,
      silent,
      divergent,
      conflicts: conflicts.length,
      unresolved,
      problems,
    };
  } finally {
    // LOANDESK_CONVERGENCE_KEEP=1 keeps the desktops' profiles for a post-mortem.
    for (const d of desktops)
      if (process.env.LOANDESK_CONVERGENCE_KEEP === '1') {
        log(`seed ${seed}: desktop ${d.name} kept in ${d.t.home}`);
        d.t.app.close();
      } else d.t.cleanup();
    for (const l of lines) await l.close();
    for (const i of instances) await i.close();
  }
}

export async function runConvergence(options: ConvergenceOptions): Promise<ConvergenceSummary> {
  const summary: ConvergenceSummary = {
    seeds: 0,
    eventsAccepted: 0,
    eventsRejected: 0,
    lost: 0,
    duplicated: 0,
    silentRejections: 0,
    divergentDevices: 0,
    conflicts: 0,
    unresolvedConflicts: 0,
    failures: [],
  };
  const base = options.seedBase ?? 1;
  for (let seed = base; seed < base + options.seeds; seed++) {
    const result = await runSeed(seed, await options.newDatabase(), options);
    summary.seeds++;
    summary.eventsAccepted += result.accepted;
    summary.eventsRejected += result.rejected;
    summary.lost += result.lost;
    summary.duplicated += result.duplicated;
    summary.silentRejections += result.silent;
    summary.divergentDevices += result.divergent;
    summary.conflicts += result.conflicts;
    summary.unresolvedConflicts += result.unresolved;
    if (result.problems.length > 0) summary.failures.push({ seed, problems: result.problems });
    options.log?.(
      `seed ${seed}: ${result.accepted} accepted, ${result.rejected} refused, ${result.conflicts} conflicts${result.problems.length ? `, ${result.problems.length} problems` : ''}`,
    );
  }
  return summary;
}
