// Issue 10 "done when", on the demo company (60 persons, a year of history) after an
// end of day: no asset account is in credit, no loan past the non-accrual threshold
// carries interest or penalty receivable on the balance sheet, the statements of
// every month end of its history balance and agree with the trial balance, and the
// month's VAT report is the VAT the journal booked, each loan's VAT being
// G x 6% / 1.06 of its taxable income (cumulative rounding: within a fen a part).
import { demoAppOf, type TestApp } from '../support/app';
import { accountSummaryReady, ensureSummaries, SUMMARY_VERSION } from '../../src/main/features/monitoring/summaries';

let t: TestApp;
let businessDate: string;

beforeAll(async () => {
  t = await demoAppOf(60, 'manager');
  const { nextDate } = await t.call('eod.status', {}, 'manager');
  expect((await t.call('eod.run', { date: nextDate }, 'manager')).status).toBe('done');
  businessDate = (await t.call('app.status', {}, 'manager')).businessDate!;
}, 180_000);
afterAll(() => t?.cleanup());

type Tb = { accounts: Array<{ code: string; debitFen: number; creditFen: number }> };
const net = (tb: Tb, code: string) => {
  const a = tb.accounts.find((x) => x.code === code);
  return a ? a.debitFen - a.creditFen : 0;
};

/** The last day of each month from the books' first through `date`'s previous one. */
function monthEnds(first: string, date: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    if (end >= date) return out;
    out.push(end);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

describe('the demo company after an end of day', () => {
  it('answers the trial balance and the journal totals from the daily account movements exactly as from the journal', async () => {
    const days = await t.call('ledger.dailySummary', { range: { from: '2000-01-01', to: businessDate } }, 'manager');
    const dates = [...monthEnds(days.map((d) => d.date).sort()[0]!, businessDate), businessDate];
    const db = t.app.db();
    const fromJournal = [];
    expect(accountSummaryReady(db)).toBe(false);
    for (const date of dates) fromJournal.push(await t.call('ledger.trialBalance', { date }, 'manager'));
    const range = { from: dates[0]!, to: businessDate };
    const journalTotals = async () =>
      Promise.all(
        [{}, { accountCode: '1132' }, { accountCode: '1303' }].map(
          async (f) => (await t.call('ledger.journal', { range, ...f, limit: 1 }, 'manager')).totals,
        ),
      );
    const totalsFromJournal = await journalTotals();
    await ensureSummaries(db, businessDate);
    expect(accountSummaryReady(db)).toBe(true);
    expect(await journalTotals()).toEqual(totalsFromJournal);
    // A posting after the movements were built is in both.
    const loan = (await t.call('ledger.loans', { status: ['active'], limit: 1, offset: 0 }, 'manager')).rows[0]!;
    await t.call('auth.login', { username: 'officer', password: 'demo1234' }, 'officer');
    await t.call(
      'repayments.record',
      { loanId: loan.id, amountFen: 12_345, valueDate: businessDate, channel: 'cash', intent: 'installments' },
      'officer',
    );
    db.$client.prepare("UPDATE summary_meta SET value = 'stale' WHERE key = 'version'").run();
    const journalToday = await t.call('ledger.trialBalance', { date: businessDate }, 'manager');
    db.$client.prepare("UPDATE summary_meta SET value = ? WHERE key = 'version'").run(String(SUMMARY_VERSION));
    expect(accountSummaryReady(db)).toBe(true);
    for (const [k, date] of dates.entries()) {
      const fromMovements = await t.call('ledger.trialBalance', { date }, 'manager');
      expect(fromMovements, date).toEqual(date === businessDate ? journalToday : fromJournal[k]);
    }
  });

  it('has no asset account in credit on any month end nor today', async () => {
    const { accounts } = await t.call('books.accounts', {}, 'manager');
    const assets = accounts.filter((a) => a.type === 'asset').map((a) => a.code);
    expect(assets).toEqual(expect.arrayContaining(['1001', '1002', '1303', '1132']));
    const days = await t.call('ledger.dailySummary', { range: { from: '2000-01-01', to: businessDate } }, 'manager');
    const dates = [...monthEnds(days.map((d) => d.date).sort()[0]!, businessDate), businessDate];
    expect(dates.length).toBeGreaterThanOrEqual(12);
    // The journal carries its history: postings in each of the last twelve months.
    const months = new Set(days.filter((d) => d.entries > 0).map((d) => d.date.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(12);
    for (const date of dates) {
      const tb = await t.call('ledger.trialBalance', { date }, 'manager');
      for (const code of assets) expect(net(tb, code), `${code} on ${date}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps no receivable income on the balance sheet of a loan past the threshold', async () => {
    const ledger = await t.call(
      'ledger.loans',
      { status: ['active'], limit: 1000, offset: 0, sort: { field: 'dpd', order: 'desc' } },
      'manager',
    );
    const past = ledger.rows.filter((r) => r.dpd > 90);
    expect(past.length).toBeGreaterThan(0);
    for (const loan of past) {
      expect(loan.nonAccrualSince, loan.number).not.toBeNull();
      const j = await t.call(
        'ledger.journal',
        { range: { from: '2000-01-01', to: businessDate }, accountCode: '1132', loanId: loan.id, limit: 1 },
        'manager',
      );
      // Its accruals post in the branch's daily entries: what they hold for the loan counts too.
      const { dailyPostings } = await t.call('loans.get', { loanId: loan.id }, 'manager');
      const daily = dailyPostings
        .filter((l) => l.accountCode === '1132')
        .reduce((s, l) => s + l.debitFen - l.creditFen, 0);
      expect(j.totals.debitFen - j.totals.creditFen + daily, loan.number).toBe(0);
    }
    expect(past.some((r) => r.offBalanceInterestFen > 0)).toBe(true);
  });

  it('balances its statements on every month end and agrees them with the trial balance', async () => {
    const days = await t.call('ledger.dailySummary', { range: { from: '2000-01-01', to: businessDate } }, 'manager');
    const first = days.map((d) => d.date).sort()[0]!;
    for (const date of [...monthEnds(first, businessDate), businessDate]) {
      const s = await t.call('books.statements', { date }, 'manager');
      const tb = await t.call('ledger.trialBalance', { date }, 'manager');
      const line = (k: string) => s.balanceSheet.lines.find((l) => l.key === k)!.amounts.current ?? 0;
      expect(s.journalDifferenceFen, date).toBe(0);
      expect(s.balanceSheet.assetsFen.current, date).toBe(
        (s.balanceSheet.liabilitiesFen.current ?? 0) + (s.balanceSheet.equityFen.current ?? 0),
      );
      expect(line('cashAndBank'), date).toBe(net(tb, '1001') + net(tb, '1002'));
      expect(line('interestReceivable'), date).toBe(net(tb, '1132'));
      expect(line('loansNet'), date).toBe(net(tb, '1303') + net(tb, '1304'));
      // A credit balance shown as a positive line (0, never -0, when there is none).
      const credit = (code: string) => 0 - net(tb, code);
      expect(line('paidInCapital'), date).toBe(credit('4001'));
      expect(line('shortTermBorrowings'), date).toBe(credit('2001'));
      expect(line('taxesPayable'), date).toBe(credit('2221'));
    }
  });

  it('reports the VAT the journal booked, at 6 / 106 of each loan’s taxable income', async () => {
    const month = businessDate.slice(0, 7);
    const prior = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1))
      .toISOString()
      .slice(0, 7);
    const r = await t.call('books.vatReport', { month: prior }, 'manager');
    expect(r.rate).toBe('0.06');
    expect(r.rowCount).toBeGreaterThan(0);
    expect(r.totals.vatFen).toBe(r.journalOutputVatFen);
    for (const row of r.rows) {
      if (row.exempt) expect(row.vatFen).toBe(0);
      else {
        // Each of interest, penalty and fees is taxed on its cumulative amount, rounded
        // once: a month's difference is within a fen of the exact tax per part.
        const parts = [row.interestFen, row.penaltyFen, row.feesFen].filter((f) => f !== 0).length;
        expect(Math.abs(row.vatFen - (row.taxableFen * 6) / 106), JSON.stringify(row)).toBeLessThanOrEqual(parts);
      }
      expect(row.salesFen).toBe(row.taxableFen - row.vatFen);
    }
  });
});
