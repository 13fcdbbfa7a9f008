// Issue 10 through the real API on an encrypted profile: the demo company is funded
// (capital and a bank loan), disbursing money the books do not hold asks for
// confirmation, manual entries are maker-checker and corrected by reversal, a month
// closes into current-year profit and reopens only for a manager; the balance sheet
// balances and the ledgers agree after every step.
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer, addAccountant } from '../support/lending';
import { closeDaysThrough, setDate } from '../support/servicing';

let t: TestApp;
afterEach(() => t?.cleanup());

function balanceOf(tb: { accounts: Array<{ code: string; debitFen: number; creditFen: number }> }, code: string) {
  const a = tb.accounts.find((x) => x.code === code);
  return a ? a.debitFen - a.creditFen : 0;
}

/** After every step: the journal balances, the loan ledger equals 1303, and assets
 *  equal liabilities plus equity on the balance sheet. */
async function expectBooksAgree(t: TestApp, date: string): Promise<void> {
  const tb = await t.call('ledger.trialBalance', { date }, 'manager');
  expect(tb.totals.debitFen).toBe(tb.totals.creditFen);
  expect(tb.reconciliation.loanLedgerPrincipalFen).toBe(tb.reconciliation.controlAccount1303Fen);
  const s = await t.call('books.statements', { date }, 'manager');
  expect(s.journalDifferenceFen).toBe(0);
  expect(s.balanceSheet.assetsFen.current).toBe(
    (s.balanceSheet.liabilitiesFen.current ?? 0) + (s.balanceSheet.equityFen.current ?? 0),
  );
}

/** A loan approved (maker-checker) and ready to disburse. */
async function approvedLoan(t: TestApp, amountFen: number): Promise<{ loanId: string; version: number }> {
  const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 0 }, 'BK01');
  const customerId = await registerCustomer(t, 'officer');
  const submitted = await t.call(
    'applications.submit',
    { customerId, productId, amountFen, periods: 6, purpose: '经营周转 working capital' },
    'officer',
  );
  const [app] = (await t.call('applications.list', { status: ['review'] }, 'manager')).rows.filter(
    (a) => a.id === submitted.id,
  );
  const { loanId } = await t.call(
    'applications.approve',
    { applicationId: submitted.id, expectedVersion: app!.version },
    'officer2',
  );
  return { loanId, version: (await t.call('loans.get', { loanId }, 'officer')).loan.version };
}

describe('capital and funding', () => {
  it('funds the demo, asks before disbursing cash the till does not hold, and corrects entries by reversal', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager');
    setDate(t, '2026-03-02');
    await addAccountant(t);
    // demoFunding(0): capital ¥20,000,000, bank loan ¥10,000,000, a fifth of it in the till.
    let tb = await t.call('ledger.trialBalance', { date: '2026-03-02' }, 'manager');
    expect(balanceOf(tb, '4001')).toBe(-20_000_000_00);
    expect(balanceOf(tb, '2001')).toBe(-10_000_000_00);
    expect(balanceOf(tb, '1001')).toBe(6_000_000_00);
    expect(balanceOf(tb, '1002')).toBe(24_000_000_00);
    await expectBooksAgree(t, '2026-03-02');

    // Cash to the bank, leaving ¥1,000.00 in the till: the manager proposes, the
    // manager cannot approve it, the accountant does.
    const move = await t.call(
      'books.proposeEntry',
      {
        kind: 'manual',
        valueDate: '2026-03-02',
        memo: '现金存入银行 cash to the bank',
        lines: [
          { accountId: '1002', debitFen: 5_999_000_00, creditFen: 0 },
          { accountId: '1001', debitFen: 0, creditFen: 5_999_000_00 },
        ],
      },
      'manager',
    );
    expect(move.number).toMatch(/^V/);
    expect((await t.fail('books.approveEntry', { entryId: move.id, expectedVersion: 1 }, 'manager')).code).toBe(
      'APPROVER_IS_MAKER',
    );
    // An unbalanced entry is refused before it is proposed.
    expect(
      (
        await t.fail(
          'books.proposeEntry',
          {
            kind: 'manual',
            valueDate: '2026-03-02',
            memo: '不平 unbalanced',
            lines: [
              { accountId: '1002', debitFen: 100, creditFen: 0 },
              { accountId: '1001', debitFen: 0, creditFen: 99 },
            ],
          },
          'manager',
        )
      ).code,
    ).toBe('POSTING_UNBALANCED');
    await t.call('books.approveEntry', { entryId: move.id, expectedVersion: 1 }, 'accountant');
    tb = await t.call('ledger.trialBalance', { date: '2026-03-02' }, 'manager');
    expect(balanceOf(tb, '1001')).toBe(1_000_00);
    await expectBooksAgree(t, '2026-03-02');

    // A ¥12,000.00 loan in cash: the till holds ¥1,000.00, so it needs a confirmation.
    const loan = await approvedLoan(t, 12_000_00);
    const refused = await t.fail(
      'loans.disburse',
      { loanId: loan.loanId, expectedVersion: loan.version, channel: 'cash' },
      'officer',
    );
    expect(refused).toEqual({
      code: 'FUNDS_INSUFFICIENT',
      details: { accountCode: '1001', balanceFen: 1_000_00, neededFen: 12_000_00 },
    });
    expect((await t.call('loans.get', { loanId: loan.loanId }, 'officer')).loan.status).toBe('approved');
    await t.call(
      'loans.disburse',
      { loanId: loan.loanId, expectedVersion: loan.version, channel: 'cash', confirmInsufficientFunds: true },
      'officer',
    );
    tb = await t.call('ledger.trialBalance', { date: '2026-03-02' }, 'manager');
    expect(balanceOf(tb, '1001')).toBe(1_000_00 - 12_000_00);
    await expectBooksAgree(t, '2026-03-02');

    // The correction is a reversal, itself maker-checker; the original cannot be reversed twice.
    const reversal = await t.call(
      'books.proposeReversal',
      { entryId: move.id, memo: '存错了 deposited in error' },
      'accountant',
    );
    expect((await t.fail('books.proposeReversal', { entryId: move.id, memo: '再冲 again' }, 'manager')).code).toBe(
      'ENTRY_NOT_REVERSIBLE',
    );
    await t.call('books.approveEntry', { entryId: reversal.id, expectedVersion: 1 }, 'manager');
    tb = await t.call('ledger.trialBalance', { date: '2026-03-02' }, 'manager');
    expect(balanceOf(tb, '1001')).toBe(6_000_000_00 - 12_000_00);
    expect(balanceOf(tb, '1002')).toBe(24_000_000_00);
    const shown = await t.call('books.entry', { entryId: move.id }, 'manager');
    expect(shown).toMatchObject({ status: 'approved', reversedById: reversal.id });
    await expectBooksAgree(t, '2026-03-02');
  }, 120_000);
});

describe('month-end closing', () => {
  it('closes a month into current-year profit, refuses a posting into it, and reopens only for a manager', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager');
    setDate(t, '2026-03-02');
    await addAccountant(t);
    // Administrative expenses paid from the bank: ¥3,000.00 (the month's only result).
    const rent = await t.call(
      'books.proposeEntry',
      {
        kind: 'manual',
        valueDate: '2026-03-02',
        memo: '房租 office rent',
        lines: [
          { accountId: '6602', debitFen: 3_000_00, creditFen: 0 },
          { accountId: '1002', debitFen: 0, creditFen: 3_000_00 },
        ],
      },
      'accountant',
    );
    await t.call('books.approveEntry', { entryId: rent.id, expectedVersion: 1 }, 'manager');
    expect((await t.fail('ledger.closePeriod', { through: '2026-03-30' }, 'accountant')).code).toBe(
      'PERIOD_NOT_MONTH_END',
    );
    await closeDaysThrough(t, '2026-03-31');
    await t.call('ledger.closePeriod', { through: '2026-03-31' }, 'accountant');

    // The expense closed into 4103; the income statement still shows the month's loss.
    const tb = await t.call('ledger.trialBalance', { date: '2026-03-31' }, 'manager');
    expect(balanceOf(tb, '6602')).toBe(0);
    expect(balanceOf(tb, '4103')).toBe(3_000_00);
    const s = await t.call('books.statements', { date: '2026-03-31' }, 'manager');
    expect(s.incomeStatement.profitFen.current).toBe(-3_000_00);
    expect(s.closedThrough).toBe('2026-03-31');
    await expectBooksAgree(t, '2026-03-31');
    const periods = await t.call('ledger.periods', {}, 'manager');
    expect(periods.closedThrough).toBe('2026-03-31');
    expect(periods.closes[0]!.entries.length).toBeGreaterThan(0);

    // An opening entry dated into the closed month is refused.
    const late = await t.call(
      'books.proposeEntry',
      {
        kind: 'opening',
        valueDate: '2026-03-01',
        memo: '期初 opening',
        lines: [
          { accountId: '1002', debitFen: 100, creditFen: 0 },
          { accountId: '4001', debitFen: 0, creditFen: 100 },
        ],
      },
      'accountant',
    );
    expect((await t.fail('books.approveEntry', { entryId: late.id, expectedVersion: 1 }, 'manager')).code).toMatch(
      /^(OPENING_EXISTS|PERIOD_CLOSED)$/,
    );

    // Reopening: not for the accountant; the manager gives a reason, the closing entries go.
    const denied = await t.fail(
      'ledger.reopenPeriod',
      { through: '2026-03-31', reason: '补记 a late bill' },
      'accountant',
    );
    expect(denied.code).toBe('PERMISSION_DENIED');
    await t.call('ledger.reopenPeriod', { through: '2026-03-31', reason: '补记 a late bill' }, 'manager');
    const reopened = await t.call('ledger.trialBalance', { date: '2026-03-31' }, 'manager');
    expect(balanceOf(reopened, '6602')).toBe(3_000_00);
    expect(balanceOf(reopened, '4103')).toBe(0);
    expect((await t.call('ledger.periods', {}, 'manager')).closedThrough).toBeNull();
    await expectBooksAgree(t, '2026-03-31');
    // Closed again, it holds the same closing.
    await t.call('ledger.closePeriod', { through: '2026-03-31' }, 'manager');
    expect(balanceOf(await t.call('ledger.trialBalance', { date: '2026-03-31' }, 'manager'), '4103')).toBe(3_000_00);
    await expectBooksAgree(t, '2026-03-31');
  }, 180_000);
});

describe('write-off through the provision', () => {
  it('uses the loan’s provision (Dr 1304) and expenses only the rest (Dr 6701), and shows it off the balance sheet', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager');
    setDate(t, '2025-01-02');
    const loan = await approvedLoan(t, 12_000_00);
    await t.call('loans.disburse', { loanId: loan.loanId, expectedVersion: loan.version, channel: 'bank' }, 'officer');
    await closeDaysThrough(t, '2025-09-01');
    const row = async () =>
      (await t.call('ledger.loans', { limit: 1000, offset: 0 }, 'manager')).rows.find((r) => r.id === loan.loanId)!;
    const before = await row();
    expect(before.dpd).toBeGreaterThan(180);
    expect(before.provisionFen).toBeGreaterThan(0);
    expect(before.provisionFen).toBeLessThan(before.outstandingPrincipalFen);
    await t.call('loans.proposeWriteOff', { loanId: loan.loanId, reason: '失联 borrower unreachable' }, 'officer');
    await t.call('loans.approveWriteOff', { loanId: loan.loanId }, 'manager');
    const { businessDate } = await t.call('app.status', {}, 'manager');
    const lines = (
      await t.call(
        'ledger.journal',
        { range: { from: businessDate!, to: businessDate! }, loanId: loan.loanId, limit: 100 },
        'manager',
      )
    ).rows.filter((l) => l.category === 'writeOff');
    const sum = (prefix: string, side: 'debitFen' | 'creditFen') =>
      lines.filter((l) => l.code.startsWith(prefix)).reduce((s, l) => s + l[side], 0);
    expect(sum('1304', 'debitFen')).toBe(before.provisionFen);
    expect(sum('6701', 'debitFen')).toBe(before.outstandingPrincipalFen - before.provisionFen);
    expect(sum('1303', 'creditFen')).toBe(before.outstandingPrincipalFen);
    // The loan ledger: nothing on the balance sheet, the principal in its own column.
    const after = await row();
    expect(after).toMatchObject({ status: 'written_off', outstandingPrincipalFen: 0, provisionFen: 0 });
    expect(after.writtenOffPrincipalFen).toBe(before.outstandingPrincipalFen);
    await expectBooksAgree(t, businessDate!);
  }, 180_000);
});

describe('interest received in advance', () => {
  it('holds interest paid before it is earned in 2203 and releases it into income as it accrues', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager');
    setDate(t, '2026-03-02');
    const loan = await approvedLoan(t, 12_000_00);
    await t.call('loans.disburse', { loanId: loan.loanId, expectedVersion: loan.version, channel: 'bank' }, 'officer');
    const { loan: opened, installments } = await t.call('loans.get', { loanId: loan.loanId }, 'officer');
    const first = installments[0]!;
    // Eight days in, the first installment is paid in full: a month's interest, eight days earned.
    await closeDaysThrough(t, '2026-03-09');
    setDate(t, '2026-03-10');
    await t.call(
      'repayments.record',
      { loanId: opened.id, amountFen: first.paymentFen, valueDate: '2026-03-10', channel: 'bank' },
      'officer',
    );
    const advance = async (date: string) => {
      const tb = await t.call('ledger.trialBalance', { date }, 'manager');
      const a = tb.accounts.find((x) => x.code === '2203');
      return a ? a.creditFen - a.debitFen : 0;
    };
    const held = await advance('2026-03-10');
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(first.interestFen);
    await expectBooksAgree(t, '2026-03-10');
    // By the installment's due date the interest is earned: nothing is held any more.
    await closeDaysThrough(t, first.dueDate);
    expect(await advance(first.dueDate)).toBe(0);
    await expectBooksAgree(t, first.dueDate);
  }, 180_000);
});

describe('statements of a small fixed company', () => {
  it('are what the vouchers say, computed by hand', async () => {
    t = await demoApp('admin', 'manager');
    setDate(t, '2026-03-02');
    await addAccountant(t);
    const voucher = async (memo: string, debit: string, credit: string, fen: number) => {
      const e = await t.call(
        'books.proposeEntry',
        {
          kind: 'manual',
          valueDate: '2026-03-02',
          memo,
          lines: [
            { accountId: debit, debitFen: fen, creditFen: 0 },
            { accountId: credit, debitFen: 0, creditFen: fen },
          ],
        },
        'accountant',
      );
      await t.call('books.approveEntry', { entryId: e.id, expectedVersion: 1 }, 'manager');
    };
    await voucher('房租 rent', '6602', '1002', 3_000_00);
    await voucher('借款利息 bank loan interest', '6411', '1002', 1_000_00);
    await voucher('归还部分借款 part of the bank loan repaid', '2001', '1002', 500_000_00);
    const s = await t.call('books.statements', { date: '2026-03-02' }, 'manager');
    const bs = (k: string, c: 'current' | 'prior' = 'current') =>
      s.balanceSheet.lines.find((l) => l.key === k)!.amounts[c];
    const is = (k: string, c: 'current' | 'ytd' = 'current') =>
      s.incomeStatement.lines.find((l) => l.key === k)!.amounts[c];
    // Opening (demoFunding(0)): cash 6,000,000 + bank 24,000,000 = capital 20,000,000 + loan 10,000,000.
    expect(bs('cashAndBank', 'prior')).toBe(30_000_000_00);
    expect(bs('shortTermBorrowings', 'prior')).toBe(10_000_000_00);
    expect(bs('paidInCapital', 'prior')).toBe(20_000_000_00);
    // Cash and bank: 30,000,000 - 3,000 rent - 1,000 interest - 500,000 repaid = 29,496,000.
    expect(bs('cashAndBank')).toBe(29_496_000_00);
    // Borrowings: 10,000,000 - 500,000 = 9,500,000; no tax, no loans.
    expect(bs('shortTermBorrowings')).toBe(9_500_000_00);
    expect(bs('taxesPayable')).toBe(0);
    expect(bs('loansNet')).toBe(0);
    // Equity: capital 20,000,000 + the loss not yet closed (-4,000) = 19,996,000.
    expect(bs('paidInCapital')).toBe(20_000_000_00);
    expect(bs('retainedEarnings')).toBe(-4_000_00);
    expect(s.balanceSheet.equityFen.current).toBe(19_996_000_00);
    // 29,496,000 = 9,500,000 + 19,996,000.
    expect(s.balanceSheet.assetsFen.current).toBe(29_496_000_00);
    expect(s.balanceSheet.liabilitiesFen.current).toBe(9_500_000_00);
    // Income statement of March: no revenue; interest expense 1,000, administrative 3,000.
    expect(s.incomeStatement.revenueFen.current).toBe(0);
    expect(is('interestExpense')).toBe(1_000_00);
    expect(is('administrativeExpenses')).toBe(3_000_00);
    expect(s.incomeStatement.expensesFen.current).toBe(4_000_00);
    expect(s.incomeStatement.profitFen.current).toBe(-4_000_00);
    expect(is('totalProfit', 'ytd')).toBe(-4_000_00);
    // The CLI's numbers are the same query's (src/cli/commands/statements.test.ts).
    await expectBooksAgree(t, '2026-03-02');
  }, 120_000);
});

describe('the chart of accounts', () => {
  it('is edited by administrators, and a parent shows the sum of its sub-accounts', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    setDate(t, '2026-03-02');
    await addAccountant(t);
    expect(
      (
        await t.fail(
          'books.defineAccount',
          { code: '6602.01', nameZh: '房租', nameEn: 'Rent', parentId: '6602' },
          'officer',
        )
      ).code,
    ).toBe('PERMISSION_DENIED');
    const { id } = await t.call(
      'books.defineAccount',
      { code: '6602.01', nameZh: '房租', nameEn: 'Rent', parentId: '6602' },
      'admin',
    );
    const before = (await t.call('books.accounts', {}, 'admin')).accounts.find((a) => a.id === '6602')!;
    await t.call(
      'books.changeAccount',
      { accountId: '6602', expectedVersion: before.version, nameEn: 'General and administrative expenses' },
      'admin',
    );
    const post = (accountId: string) =>
      t.call(
        'books.proposeEntry',
        {
          kind: 'manual',
          valueDate: '2026-03-02',
          memo: '房租 rent',
          lines: [
            { accountId, debitFen: 2_500_00, creditFen: 0 },
            { accountId: '1002', debitFen: 0, creditFen: 2_500_00 },
          ],
        },
        'accountant',
      );
    const e = await post(id);
    await t.call('books.approveEntry', { entryId: e.id, expectedVersion: 1 }, 'manager');
    // A company account with a sub-account of its own takes no posting (a system
    // account such as 6602 still does: the posting rules use it).
    await t.call(
      'books.defineAccount',
      { code: '6602.01.01', nameZh: '办公室房租', nameEn: 'Office rent', parentId: id },
      'admin',
    );
    expect(
      (
        await t.fail(
          'books.proposeEntry',
          {
            kind: 'manual',
            valueDate: '2026-03-02',
            memo: '房租 rent',
            lines: [
              { accountId: id, debitFen: 1, creditFen: 0 },
              { accountId: '1002', debitFen: 0, creditFen: 1 },
            ],
          },
          'accountant',
        )
      ).code,
    ).toBe('ACCOUNT_NOT_LEAF');
    const direct = await post('6602');
    await t.call('books.approveEntry', { entryId: direct.id, expectedVersion: 1 }, 'manager');
    const tb = await t.call('ledger.trialBalance', { date: '2026-03-02' }, 'manager');
    const row = (code: string) => tb.accounts.find((a) => a.code === code)!;
    expect(row('6602.01').debitFen).toBe(2_500_00);
    // The parent: its own 2,500.00 and its sub-account's 2,500.00.
    expect(row('6602').debitFen).toBe(5_000_00);
    expect(row('6602').nameEn).toBe('General and administrative expenses');
    await expectBooksAgree(t, '2026-03-02');
  }, 120_000);
});
