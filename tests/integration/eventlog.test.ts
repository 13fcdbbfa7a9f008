/** The event log is the single source of truth: after any sequence of API calls
 *  the tables equal a rebuild from the log, and the commuting facts of a day give
 *  the same tables, journal and trial balance in whatever order they arrive. */
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoApp, startApp, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { unwrapKey, type WrappedKey } from '../../src/main/security/keywrap';
import { createProduct, registerCustomer, residentId } from '../support/lending';
import { openDatabase, type LocalDb } from '../../src/main/db/connection';
import { compareTable, verifyRebuild } from '../../src/main/events/rebuild';
import { canonicalEvents, type StoredEvent } from '../../src/main/events/store';
import { applyEvent, PROJECTION_TABLES } from '../../src/main/projectors/index';
import { trialBalance } from '../../src/main/features/ledger/queries';
import { seedDemo } from '../../src/main/features/seed/demoSeed';
import { readSettingsSection } from '../../src/main/features/settings/store';
import { getLoanFigures } from '../../src/main/projectors/loans';
import { quietSettingsKey, quietStep } from '../../src/main/projectors/quiet';

let t: TestApp;
afterEach(() => t?.cleanup());

function setDate(t: TestApp, date: string): void {
  t.travel(`${date}T02:00:00Z`);
}

function expectRebuildEqual(t: TestApp, step: string): void {
  const report = verifyRebuild(t.app.db());
  const differing = Object.entries(report.tables)
    .filter(([, c]) => c.differences > 0)
    .map(([name, c]) => `${name}: ${c.differences} (${c.examples.map((e) => `${e.key} ${e.side}`).join(', ')})`);
  expect({ step, differing }).toEqual({ step, differing: [] });
}

async function approvedLoan(t: TestApp, productId: string, amountFen: number, customerId?: string) {
  const customer = customerId ?? (await registerCustomer(t, 'officer', { monthlyIncomeFen: 90_000_00 }));
  const app = await t.call(
    'applications.submit',
    { customerId: customer, productId, amountFen, periods: 12, purpose: '经营周转 working capital' },
    'officer',
  );
  const loanId =
    app.loanId ??
    (await t.call('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'manager')).loanId;
  return { loanId, customerId: customer, applicationId: app.id };
}

async function disburse(t: TestApp, loanId: string, channel: 'bank' | 'cash' = 'bank') {
  const { loan } = await t.call('loans.get', { loanId }, 'manager');
  await t.call('loans.disburse', { loanId, expectedVersion: loan.version, channel }, 'officer2');
}

const op = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('register' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('apply' as const),
      amount: fc.integer({ min: 5, max: 80 }),
      review: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('decide' as const),
      pick: fc.nat(),
      how: fc.constantFrom('approve', 'approve', 'decline', 'return'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('disburse' as const), pick: fc.nat(), cash: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('repay' as const),
      pick: fc.nat(),
      share: fc.integer({ min: 5, max: 120 }),
      backDays: fc.integer({ min: 0, max: 20 }),
      cash: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('eod' as const), days: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('override' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('document' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('updateCustomer' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('admin' as const),
      which: fc.constantFrom('settings', 'user', 'watchlist', 'product'),
    }),
  },
);

describe('rebuild from the log', () => {
  it('equals the live tables after every step of any sequence of calls', async () => {
    const done = { loans: 0, repayments: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 24 }), async (ops) => {
        t = await demoApp('admin', 'officer', 'officer2', 'manager');
        try {
          setDate(t, '2026-03-02');
          const productId = await createProduct(t, 'admin', {
            maxAmountFen: 500_000_00,
            autoApproveLimitFen: 30_000_00,
          });
          const customers: string[] = [await registerCustomer(t, 'officer', { monthlyIncomeFen: 90_000_00 })];
          const inReview: Array<{ id: string; version: number }> = [];
          const approved: string[] = [];
          const active: string[] = [];
          const repayments: string[] = [];
          // Every sequence starts with two running loans and one in review.
          for (const amount of [8_000_00, 12_000_00]) {
            const { loanId } = await approvedLoan(t, productId, amount, customers[0]);
            await disburse(t, loanId);
            active.push(loanId);
          }
          const queued = await t.call(
            'applications.submit',
            {
              customerId: customers[0]!,
              productId,
              amountFen: 60_000_00,
              periods: 12,
              purpose: '周转 working capital',
            },
            'officer',
          );
          inReview.push({ id: queued.id, version: 1 });
          let n = 0;
          for (const o of ops) {
            n++;
            const label = `${n}:${o.kind}`;
            switch (o.kind) {
              case 'register':
                customers.push(await registerCustomer(t, 'officer', { monthlyIncomeFen: 90_000_00 }));
                break;
              case 'apply': {
                const app = await t.call(
                  'applications.submit',
                  {
                    customerId: customers.at(-1)!,
                    productId,
                    amountFen: o.amount * 1_000_00 + (o.review ? 30_000_00 : 0),
                    periods: 12,
                    purpose: '周转 working capital',
                  },
                  'officer',
                );
                if (app.status === 'review') inReview.push({ id: app.id, version: 1 });
                if (app.loanId) approved.push(app.loanId);
                break;
              }
              case 'decide': {
                const target = inReview.splice(o.pick % Math.max(1, inReview.length), 1)[0];
                if (!target) break;
                if (o.how === 'approve') {
                  const r = await t.call(
                    'applications.approve',
                    { applicationId: target.id, expectedVersion: target.version },
                    'manager',
                  );
                  approved.push(r.loanId);
                } else
                  await t.call(
                    o.how === 'decline' ? 'applications.decline' : 'applications.return',
                    { applicationId: target.id, expectedVersion: target.version, reason: '材料不全 incomplete' },
                    'manager',
                  );
                break;
              }
              case 'disburse': {
                const loanId = approved.splice(o.pick % Math.max(1, approved.length), 1)[0];
                if (!loanId) break;
                await disburse(t, loanId, o.cash ? 'cash' : 'bank');
                active.push(loanId);
                break;
              }
              case 'repay': {
                const loanId = active[o.pick % Math.max(1, active.length)];
                if (!loanId) break;
                const { loan, installments, businessDate } = await t.call('loans.get', { loanId }, 'officer');
                if (loan.status !== 'active') break;
                const back = new Date(Date.parse(`${businessDate}T00:00:00Z`) - o.backDays * 86_400_000)
                  .toISOString()
                  .slice(0, 10);
                const valueDate = back < loan.disbursedOn! ? loan.disbursedOn! : back;
                const amountFen = Math.max(100, Math.round((installments[0]!.paymentFen * o.share) / 100));
                const r = await t.call(
                  'repayments.record',
                  { loanId, amountFen, valueDate, channel: o.cash ? 'cash' : 'bank', acceptOverpayment: true },
                  'officer',
                );
                repayments.push(r.transactionId);
                break;
              }
              case 'reverse': {
                const id = repayments.splice(o.pick % Math.max(1, repayments.length), 1)[0];
                if (id)
                  await t.call('repayments.reverse', { transactionId: id, reason: '录入错误 entry error' }, 'manager');
                break;
              }
              case 'eod': {
                for (let d = 0; d < o.days; d++) {
                  const { nextDate } = await t.call('eod.status', {}, 'manager');
                  setDate(t, nextDate);
                  await t.call('eod.run', { date: nextDate }, 'manager');
                }
                setDate(t, (await t.call('eod.status', {}, 'manager')).nextDate);
                break;
              }
              case 'override': {
                const loanId = active[o.pick % Math.max(1, active.length)];
                if (!loanId) break;
                const { loan } = await t.call('loans.get', { loanId }, 'manager');
                if (loan.status !== 'active') break;
                await t.call(
                  'loans.overrideClassification',
                  { loanId, classification: 'specialMention', reason: '行业下行 sector downturn' },
                  'manager',
                );
                break;
              }
              case 'document': {
                const loanId = [...active, ...approved][o.pick % Math.max(1, active.length + approved.length)];
                if (!loanId) break;
                await t.call(
                  'documents.attach',
                  {
                    loanId,
                    fileName: `收入证明-${n}.txt`,
                    mime: 'text/plain',
                    contentBase64: Buffer.from(`income proof ${n}`).toString('base64'),
                  },
                  'officer',
                );
                break;
              }
              case 'updateCustomer': {
                const customerId = customers[o.pick % customers.length]!;
                const c = await t.call('customers.get', { customerId }, 'officer');
                await t.call(
                  'customers.update',
                  { customerId, expectedVersion: c.version, monthlyIncomeFen: 80_000_00 + n * 100 },
                  'officer',
                );
                break;
              }
              case 'admin':
                if (o.which === 'settings')
                  await t.call(
                    'settings.update',
                    { section: 'security', value: { idleLockMinutes: 20 + n, maxFailedLogins: 5, lockoutMinutes: 15 } },
                    'admin',
                  );
                else if (o.which === 'user')
                  await t.call(
                    'users.create',
                    {
                      username: `clerk${n}`,
                      displayName: `柜员${n}`,
                      role: 'loan_officer',
                      branchId: null,
                      approvalLimitFen: 10_000_00,
                      initialPassword: `clerk-pass-${n}-2026`,
                    },
                    'admin',
                  );
                else if (o.which === 'watchlist')
                  await t.call(
                    'watchlist.add',
                    {
                      name: `黑名单${n}`,
                      residentId: residentId('1970-01-01', n),
                      reason: '失信被执行人',
                      source: 'court',
                    },
                    'officer',
                  );
                else {
                  const [p] = await t.call('products.list', {}, 'admin');
                  await t.call(
                    'products.save',
                    {
                      id: p!.id,
                      expectedVersion: p!.version,
                      code: p!.code,
                      name: `${p!.name}`,
                      active: true,
                      config: { ...p!.config, penaltyMultiplier: '1.4' },
                    },
                    'admin',
                  );
                }
                break;
            }
            expectRebuildEqual(t, label);
          }
          done.repayments += repayments.length;
          done.loans += active.length;
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 10 },
    );
    // The sequences did reach the money: loans were disbursed and repaid.
    expect(done.loans).toBeGreaterThan(5);
    expect(done.repayments).toBeGreaterThan(5);
  }, 600_000);

  it('rebuilds the demo company equal after an end of day', async () => {
    t = await demoApp('manager');
    await seedDemo(t.app.db(), { today: '2026-03-02', deviceId: 'test-device', persons: 60, seed: 11 });
    const { nextDate } = await t.call('eod.status', {}, 'manager');
    setDate(t, nextDate);
    await t.call('eod.run', { date: nextDate }, 'manager');
    expectRebuildEqual(t, 'after eod');
  });

  it('rebuilds equal after five weeks of ends of day whose quiet days came from the loans’ rows alone', async () => {
    // The end of day computes a quiet day from the loan's row (projectors/quiet.ts);
    // the rebuild replays every loan's contract on every DayClosed: the two agree.
    t = await demoApp('manager');
    const db = t.app.db();
    await seedDemo(db, { today: '2026-03-02', deviceId: 'test-device', persons: 60, seed: 11 });
    const key = quietSettingsKey(readSettingsSection(db, 'accounting'));
    let loanDays = 0;
    let quietDays = 0;
    for (let d = 0; d < 35; d++) {
      const { nextDate } = await t.call('eod.status', {}, 'manager');
      setDate(t, nextDate);
      // The borrowers who pay on time pay what falls due today.
      const owed = db.$client
        .prepare(
          `SELECT i.loan_id AS loanId, i.payment_fen - i.paid_principal_fen - i.paid_interest_fen AS amountFen
           FROM installments i JOIN loans l ON l.id = i.loan_id
           WHERE i.due_date = ? AND l.status = 'active' AND l.dpd = 0 AND i.status <> 'paid'`,
        )
        .all(nextDate) as Array<{ loanId: string; amountFen: number }>;
      for (const o of owed)
        await t.call('repayments.record', { ...o, valueDate: nextDate, channel: 'bank' }, 'manager');
      const ids = db.$client.prepare("SELECT id FROM loans WHERE status = 'active'").pluck().all() as string[];
      loanDays += ids.length;
      quietDays += ids.filter((id) => quietStep(getLoanFigures(db, id)!, nextDate, key)).length;
      await t.call('eod.run', { date: nextDate }, 'manager');
    }
    expect(quietDays / loanDays).toBeGreaterThan(0.5);
    expectRebuildEqual(t, 'after five weeks');
  }, 120_000);
});

function freshDatabase(): { db: LocalDb; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'loandesk-order-'));
  const db = openDatabase(join(dir, 'order.db'), randomBytes(32), { mustExist: false });
  return {
    db,
    dispose: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function applyAll(db: LocalDb, events: readonly StoredEvent[]): void {
  db.transaction(() => {
    for (const e of events) applyEvent(db, e);
  });
}

describe('commuting facts', () => {
  it('give identical tables, journal lines and trial balances in any arrival order', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager');
    setDate(t, '2026-03-02');
    const productId = await createProduct(t, 'admin', { maxAmountFen: 500_000_00, autoApproveLimitFen: 0 });
    const a = await approvedLoan(t, productId, 200_000_00);
    const b = await approvedLoan(t, productId, 150_000_00, a.customerId);
    const c = await approvedLoan(t, productId, 60_000_00);
    for (const l of [a, b, c]) await disburse(t, l.loanId, 'cash');
    for (const date of ['2026-03-02', '2026-03-03']) {
      setDate(t, date);
      await t.call('eod.run', { date }, 'manager');
    }
    setDate(t, '2026-03-04');
    const before = [...canonicalEvents(t.app.db())].flat().length;
    // One business day of facts: cash on two loans of one customer (reaching the
    // large-cash threshold together), two repayments on one loan, one of them
    // backdated, a document, a repayment on a third loan.
    const pay = (loanId: string, amountFen: number, valueDate: string, channel: 'cash' | 'bank') =>
      t.call('repayments.record', { loanId, amountFen, valueDate, channel, acceptOverpayment: true }, 'officer');
    await pay(a.loanId, 30_000_00, '2026-03-04', 'cash');
    await pay(b.loanId, 25_000_00, '2026-03-04', 'cash');
    await pay(a.loanId, 1_234_56, '2026-03-03', 'bank');
    await pay(c.loanId, 5_000_00, '2026-03-04', 'bank');
    await t.call(
      'documents.attach',
      {
        loanId: c.loanId,
        fileName: '回单.txt',
        mime: 'text/plain',
        contentBase64: Buffer.from('receipt').toString('base64'),
      },
      'officer',
    );
    const all = [...canonicalEvents(t.app.db())].flat();
    const prefix = all.slice(0, before);
    const facts = all.slice(before);
    // Each repayment with its receipt number (ReceiptIssued), and the document.
    expect(facts.map((e) => e.kind)).toEqual(Array(9).fill('fact'));
    expect(facts.filter((e) => e.type === 'ReceiptIssued')).toHaveLength(4);
    expect(
      t.app
        .db()
        .$client.prepare(
          "SELECT count(*) AS n FROM compliance_flags WHERE kind = 'largeCash' AND business_date = '2026-03-04'",
        )
        .get(),
    ).toEqual({ n: 1 });

    const shuffled = [2, 8, 0, 5, 3, 7, 1, 6, 4].map((i) => facts[i]!);
    const orders = [facts, [...facts].reverse(), shuffled];
    const dbs = orders.map((order) => {
      const fresh = freshDatabase();
      applyAll(fresh.db, prefix);
      applyAll(fresh.db, order);
      return fresh;
    });
    try {
      for (const other of dbs)
        for (const table of PROJECTION_TABLES) {
          const c = compareTable(t.app.db(), other.db, table);
          expect({ table: table.name, differences: c.differences, examples: c.examples }).toEqual({
            table: table.name,
            differences: 0,
            examples: [],
          });
        }
      const tb = trialBalance(t.app.db(), '2026-03-04');
      for (const other of dbs) expect(trialBalance(other.db, '2026-03-04')).toEqual(tb);
    } finally {
      for (const d of dbs) d.dispose();
    }
  });
});

describe('a profile of the release before the event log', () => {
  it('upgrades in place: its history re-logged, every table rebuilt equal, the same balances', async () => {
    const home = mkdtempSync(join(tmpdir(), 'loandesk-frozen-'));
    cpSync(join(__dirname, '..', 'fixtures', 'profile-0004'), home, { recursive: true });
    try {
      // What the old release showed, read straight from its file.
      const profile = JSON.parse(readFileSync(join(home, 'profile.json'), 'utf8')) as { wrappedKey: WrappedKey };
      const key = await unwrapKey(profile.wrappedKey, TEST_PASSPHRASE);
      const raw = new Database(join(home, 'loandesk.db'), { readonly: true });
      raw.pragma("cipher='sqlcipher'");
      raw.pragma('legacy=4');
      raw.pragma(`key="x'${key.toString('hex')}'"`);
      const figures =
        'SELECT id, status, outstanding_principal_fen, overdue_principal_fen, dpd, classification FROM loans ORDER BY id';
      const before = raw.prepare(figures).all();
      const counts = (db: { prepare: (s: string) => { get: () => unknown } }) =>
        ['customers', 'applications', 'loans', 'loan_transactions', 'users', 'branches', 'loan_documents'].map(
          (table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n],
        );
      const countsBefore = counts(raw);
      raw.close();

      t = await startApp({ home });
      const db = t.app.db();
      expect(db.$client.prepare(figures).all()).toEqual(before);
      expect(counts(db.$client)).toEqual(countsBefore);
      const statuses = db.$client
        .prepare('SELECT status, count(*) AS n FROM events GROUP BY status ORDER BY status')
        .all();
      expect(statuses).toEqual([
        { status: 'legacy', n: expect.any(Number) },
        { status: 'pending', n: expect.any(Number) },
      ]);
      expectRebuildEqual(t, 'upgraded');
      // The old release prepaid principal with what exceeded what was due: its
      // repayments are re-logged with that intent.
      expect(
        db.$client
          .prepare(
            "SELECT DISTINCT json_extract(payload_json, '$.intent') AS intent FROM events WHERE type = 'RepaymentRecorded' AND status = 'pending'",
          )
          .all(),
      ).toEqual([{ intent: 'principal' }]);
      expect(
        db.$client.prepare("SELECT DISTINCT intent FROM loan_transactions WHERE kind = 'repayment'").all(),
      ).toEqual([{ intent: 'principal' }]);
      // A closed loan's closed-on date is the value date of the payment that closed it:
      // one of its repayments, with only overpayments after it.
      const closed = db.$client
        .prepare("SELECT id, closed_on AS closedOn FROM loans WHERE status = 'closed'")
        .all() as Array<{ id: string; closedOn: string }>;
      expect(closed.length).toBeGreaterThan(0);
      for (const loan of closed) {
        const live = db.$client
          .prepare(
            "SELECT value_date AS valueDate, amount_fen AS amountFen, allocation_json AS a FROM loan_transactions WHERE loan_id = ? AND kind = 'repayment' AND reversed_by_id IS NULL",
          )
          .all(loan.id) as Array<{ valueDate: string; amountFen: number; a: string }>;
        expect(live.map((r) => r.valueDate)).toContain(loan.closedOn);
        for (const r of live.filter((x) => x.valueDate > loan.closedOn))
          expect((JSON.parse(r.a) as { overpaymentFen: number }).overpaymentFen).toBe(r.amountFen);
      }
      const tb = trialBalance(db, '2026-03-02');
      expect(tb.totals.debitFen).toBe(tb.totals.creditFen);
      expect(tb.reconciliation.loanLedgerPrincipalFen).toBe(tb.reconciliation.controlAccount1303Fen);
      // The old users still sign in; the reviewed cash flag is still reviewed.
      await t.call('auth.login', { username: 'clerk', password: 'clerk-pass-2026' }, 'clerk');
      expect(
        db.$client.prepare('SELECT count(*) AS n FROM compliance_flags WHERE reviewed_at IS NOT NULL').get(),
      ).toEqual({
        n: 1,
      });
    } finally {
      t?.cleanup();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
