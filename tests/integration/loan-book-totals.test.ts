// Issue 12: the loan ledger's totals row and the trial balance's reconciliation read
// the loan book's kept totals (loan_book_totals, loan_book_by_disbursement: triggers
// on loans), not a scan of the loans. After every kind of write (the demo's year of
// history, an end of day, a backdated repayment, its reversal, a rebuild from the
// log) the kept totals equal the loans added up, and the ledger shows the same
// totals as a sum over the loans for every filter; `verify` names a drift.
import { demoAppOf, type TestApp } from '../support/app';
import { loanBookDrift, verifyJournal } from '../../src/main/features/ledger/journal';
import { rebuildInPlace } from '../../src/main/events/rebuild';
import type { Api } from '../../src/main/api/registry';
import { addDays } from '../../src/core/dates';

let t: TestApp;

beforeAll(async () => {
  t = await demoAppOf(40, 'manager', 'officer');
}, 180_000);
afterAll(() => t?.cleanup());

type Filter = Omit<Api['ledger.loans']['input'], 'limit' | 'offset'>;

/** The totals row as the loans add up, computed here without the kept totals. */
function summed(f: Filter) {
  const where: string[] = [];
  const args: unknown[] = [];
  const among = (col: string, values?: readonly string[]) => {
    if (!values?.length) return;
    where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    args.push(...values);
  };
  among('status', f.status);
  among('bucket', f.bucket);
  among('classification', f.classification);
  if (f.branchId) {
    where.push('branch_id = ?');
    args.push(f.branchId);
  }
  if (f.overdueOnly) where.push("dpd > 0 AND status = 'active'");
  const off = "status = 'written_off' OR non_accrual_since IS NOT NULL";
  return t.app
    .db()
    .$client.prepare(
      `SELECT count(*) AS count, coalesce(sum(principal_fen), 0) AS principalFen,
        coalesce(sum(CASE WHEN status = 'written_off' THEN 0 ELSE outstanding_principal_fen END), 0) AS outstandingPrincipalFen,
        coalesce(sum(CASE WHEN ${off} THEN 0 ELSE accrued_interest_fen END), 0) AS accruedInterestFen,
        coalesce(sum(CASE WHEN ${off} THEN 0 ELSE penalty_fen END), 0) AS penaltyFen,
        coalesce(sum(provision_fen), 0) AS provisionFen,
        coalesce(sum(off_balance_interest_fen), 0) AS offBalanceInterestFen,
        coalesce(sum(written_off_principal_fen), 0) AS writtenOffPrincipalFen
       FROM loans ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    )
    .get(...args);
}

async function expectBookAgrees(): Promise<void> {
  const db = t.app.db();
  expect(loanBookDrift(db)).toBeNull();
  const branch = db.$client.prepare('SELECT branch_id FROM loans WHERE branch_id IS NOT NULL LIMIT 1').pluck().get() as
    string | undefined;
  const filters: Filter[] = [
    {},
    { status: ['active'] },
    { overdueOnly: true },
    { classification: ['substandard', 'doubtful', 'loss'] },
    { status: ['written_off', 'closed'] },
    { bucket: ['M1', 'M2'], status: ['active'] },
    ...(branch ? [{ branchId: branch }] : []),
  ];
  for (const f of filters) {
    const { totals } = await t.call('ledger.loans', { ...f, limit: 1, offset: 0 }, 'manager');
    expect(totals, JSON.stringify(f)).toEqual(summed(f));
  }
  const date = (await t.call('app.status', {}, 'manager')).businessDate!;
  const tb = await t.call('ledger.trialBalance', { date }, 'manager');
  const r = tb.reconciliation;
  expect(r.loanLedgerPrincipalFen).toBe(r.controlAccount1303Fen);
  expect(r.loanLedgerReceivableFen).toBe(r.controlAccount1132Fen);
  expect(r.loanLedgerProvisionFen).toBe(r.controlAccount1304Fen);
}

describe("the loan book's kept totals", () => {
  it('agree with the loans after the demo, an end of day, a backdated repayment, its reversal and a rebuild', async () => {
    const db = t.app.db();
    expect(
      (db.$client.prepare('SELECT count(*) FROM loan_book_totals WHERE loans > 0').pluck().get() as number) > 3,
    ).toBe(true);
    await expectBookAgrees();

    const { nextDate } = await t.call('eod.status', {}, 'manager');
    t.travel(`${nextDate}T02:00:00Z`);
    expect((await t.call('eod.run', { date: nextDate }, 'manager')).status).toBe('done');
    await expectBookAgrees();

    const { rows } = await t.call('ledger.loans', { overdueOnly: true, limit: 1, offset: 0 }, 'manager');
    const overdue = rows[0]!;
    const today = (await t.call('app.status', {}, 'manager')).businessDate!;
    const backdated = addDays(today, -5) > overdue.disbursedOn! ? addDays(today, -5) : overdue.disbursedOn!;
    const paid = await t.call(
      'repayments.record',
      {
        loanId: overdue.id,
        amountFen: 50_000,
        valueDate: backdated,
        channel: 'bank',
        acceptOverpayment: true,
      },
      'officer',
    );
    await expectBookAgrees();
    await t.call('repayments.reverse', { transactionId: paid.transactionId, reason: '录入错误' }, 'manager');
    await expectBookAgrees();

    rebuildInPlace(db);
    await expectBookAgrees();
  }, 180_000);

  it('page the loan ledger in SQL: every sort both ways, each loan once and in order, by index walk or by sort', async () => {
    const fields = ['number', 'disbursedOn', 'principalFen', 'outstandingPrincipalFen', 'dpd', 'customerName'] as const;
    // All loans, most of the book (the sort index walked) and a few (gathered, sorted).
    const filters: Filter[] = [{}, { status: ['active'] }, { status: ['closed', 'written_off'] }, { search: '王' }];
    for (const filter of filters)
      for (const field of fields)
        for (const order of ['asc', 'desc'] as const) {
          const sort = { field, order };
          const all = await t.call('ledger.loans', { ...filter, sort, limit: 1000, offset: 0 }, 'manager');
          const paged: typeof all.rows = [];
          for (let offset = 0; offset < all.totals.count; offset += 7)
            paged.push(...(await t.call('ledger.loans', { ...filter, sort, limit: 7, offset }, 'manager')).rows);
          const what = JSON.stringify({ filter, sort });
          expect(
            paged.map((r) => r.id),
            what,
          ).toEqual(all.rows.map((r) => r.id));
          expect(new Set(paged.map((r) => r.id)).size, what).toBe(all.totals.count);
          const key = (r: (typeof paged)[number]) => r[field] ?? '';
          const sorted = [...paged].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
          if (order === 'desc') sorted.reverse();
          expect(paged.map(key), what).toEqual(sorted.map(key));
        }
  }, 180_000);

  it('searches with the wildcards typed taken literally', async () => {
    for (const search of ['%', '_', '\\'])
      expect((await t.call('ledger.loans', { search, limit: 10, offset: 0 }, 'manager')).totals.count, search).toBe(0);
    const one = (await t.call('ledger.loans', { limit: 1, offset: 0 }, 'manager')).rows[0]!;
    const found = await t.call('ledger.loans', { search: one.number.toLowerCase(), limit: 10, offset: 0 }, 'manager');
    expect(found.rows.map((r) => r.id)).toContain(one.id);
  });

  it('are checked by verify: a group changed behind the triggers is named', () => {
    const db = t.app.db();
    expect(verifyJournal(db).ok).toBe(true);
    db.$client
      .prepare(
        'UPDATE loan_book_totals SET provision_fen = provision_fen + 1 WHERE rowid = (SELECT min(rowid) FROM loan_book_totals WHERE loans > 0)',
      )
      .run();
    const check = verifyJournal(db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken?.reason).toBe('loanBook');
    expect(check.firstBroken?.id).toMatch(/^loan_book_totals: /);
  });
});
