/** The dashboards against the ledgers on the demo company (a year of generated
 *  history): for any period, disbursements equal the disbursement ledger and
 *  collections the repayment ledger; outstanding principal equals control
 *  account 1303 on every date the books exist; and once the summaries are
 *  built, no dashboard reads the journal. */
import { demoAppOf, type TestApp } from '../support/app';
import { addDays } from '../../src/core/dates';
import type { Api } from '../../src/main/api/registry';

let t: TestApp;
let businessDate: string;

beforeAll(async () => {
  t = await demoAppOf(120, 'manager', 'officer', 'auditor', 'admin');
  businessDate = (await t.call('app.status', {}, 'manager')).businessDate!;
}, 120_000);
afterAll(() => t?.cleanup());

type Filter = Api['monitoring.portfolio']['input'];

async function ledgerTotals(from: string, to: string) {
  const disbursed = await t.call(
    'ledger.transactions',
    { kinds: ['disbursement'], range: { from, to }, limit: 1 },
    'manager',
  );
  const repaid = await t.call(
    'ledger.transactions',
    { kinds: ['repayment', 'reversal'], range: { from, to }, limit: 1 },
    'manager',
  );
  return { disbursed: disbursed.totals, repaid: repaid.totals };
}

describe('the demo company', () => {
  it('has a year of history, so the charts have one', async () => {
    const p = await t.call(
      'monitoring.portfolio',
      { from: addDays(businessDate, -364), to: businessDate, granularity: 'month' },
      'manager',
    );
    expect(p.stock.length).toBeGreaterThanOrEqual(12);
    expect(p.stock.filter((s) => s.source === 'history').length).toBeGreaterThanOrEqual(11);
    expect(p.flows.filter((f) => f.disbursedCount > 0).length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['the whole year by month', -364, 0, 'month'],
    ['a quarter by week', -120, -30, 'week'],
    ['a fortnight by day', -20, -7, 'day'],
    ['the open day', 0, 0, 'day'],
  ] as const)(
    'agrees with the disbursement and repayment ledgers over %s',
    async (_name, fromDays, toDays, granularity) => {
      const filter: Filter = {
        from: addDays(businessDate, fromDays),
        to: addDays(businessDate, toDays),
        granularity,
      };
      const p = await t.call('monitoring.portfolio', filter, 'manager');
      const ledger = await ledgerTotals(filter.from, filter.to);
      expect(p.flows.reduce((s, f) => s + f.disbursedFen, 0)).toBe(ledger.disbursed.amountFen);
      expect(p.flows.reduce((s, f) => s + f.disbursedCount, 0)).toBe(ledger.disbursed.count);
      expect(p.flows.reduce((s, f) => s + f.collectedFen, 0)).toBe(ledger.repaid.amountFen);
      // Each period on its own, too.
      for (const f of p.flows.slice(-3)) {
        const one = await ledgerTotals(f.start, f.end);
        expect([f.disbursedFen, f.collectedFen]).toEqual([one.disbursed.amountFen, one.repaid.amountFen]);
      }
    },
  );

  it('sums the branches, products and officers to the whole book', async () => {
    const f: Filter = { from: businessDate, to: businessDate, granularity: 'day' };
    const whole = (await t.call('monitoring.portfolio', f, 'manager')).stock[0]!;
    const options = await t.call('monitoring.options', {}, 'manager');
    let branches = 0;
    for (const b of options.branches)
      branches += (await t.call('monitoring.portfolio', { ...f, branchId: b.id }, 'manager')).stock[0]!
        .outstandingPrincipalFen;
    let products = 0;
    for (const pr of options.products)
      products += (await t.call('monitoring.portfolio', { ...f, productId: pr.id }, 'manager')).stock[0]!
        .outstandingPrincipalFen;
    expect(branches).toBe(whole.outstandingPrincipalFen);
    expect(products).toBe(whole.outstandingPrincipalFen);
    expect(Object.values(whole.byClassification).reduce((s, v) => s + v, 0)).toBe(whole.outstandingPrincipalFen);
  });

  it('equals control account 1303 now and at every end of day', async () => {
    const tb = await t.call('ledger.trialBalance', { date: businessDate }, 'manager');
    const now = (
      await t.call('monitoring.portfolio', { from: businessDate, to: businessDate, granularity: 'day' }, 'manager')
    ).stock[0]!;
    expect(now.outstandingPrincipalFen).toBe(tb.reconciliation.controlAccount1303Fen);
    expect(now.control1303Fen).toBe(tb.reconciliation.controlAccount1303Fen);
    expect(now.provisionFen).toBe(tb.reconciliation.controlAccount1304Fen);
    // Close the opening day, repay something on the next, close it too.
    t.travel(`${businessDate}T10:00:00Z`);
    await t.call('eod.run', { date: businessDate }, 'manager');
    const next = addDays(businessDate, 1);
    t.travel(`${next}T02:00:00Z`);
    const [overdue] = (await t.call('ledger.loans', { overdueOnly: true, limit: 1 }, 'manager')).rows;
    await t.call(
      'repayments.record',
      { loanId: overdue!.id, amountFen: 1_234_56, valueDate: addDays(next, -3), channel: 'bank' },
      'officer',
    );
    t.travel(`${next}T10:00:00Z`);
    await t.call('eod.run', { date: next }, 'manager');
    const risk = await t.call('monitoring.risk', { from: businessDate, to: next, granularity: 'day' }, 'manager');
    for (const point of risk.stock) {
      const day = await t.call('ledger.trialBalance', { date: point.asOf }, 'manager');
      expect(point.source).toBe('eod');
      expect(point.outstandingPrincipalFen).toBe(day.reconciliation.controlAccount1303Fen);
      expect(point.control1303Fen).toBe(day.reconciliation.controlAccount1303Fen);
      expect(point.provisionFen).toBe(day.reconciliation.controlAccount1304Fen);
      expect(point.overduePrincipalFen).toBe(day.reconciliation.controlAccount130302Fen);
    }
    const ledger = await ledgerTotals(next, next);
    expect(risk.flows.at(-1)!.collectedFen).toBe(ledger.repaid.amountFen);
    expect(ledger.repaid.amountFen).toBe(1_234_56);
  });

  it('reads no journal line once the summaries are built', async () => {
    const f: Filter = { from: addDays(businessDate, -364), to: addDays(businessDate, 1), granularity: 'month' };
    await t.call('monitoring.portfolio', f, 'manager');
    const client = t.app.db().$client;
    const seen: string[] = [];
    const prepare = client.prepare;
    client.prepare = ((source: string) => {
      seen.push(source);
      return prepare.call(client, source);
    }) as typeof client.prepare;
    try {
      await t.call('monitoring.portfolio', f, 'manager');
      await t.call('monitoring.risk', f, 'manager');
      await t.call('monitoring.operations', f, 'manager');
      await t.call('monitoring.exceptions', f, 'auditor');
      await t.call('monitoring.officer', f, 'officer');
    } finally {
      client.prepare = prepare;
    }
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((s) => /journal_(lines|entries)/.test(s))).toEqual([]);
  });
});
