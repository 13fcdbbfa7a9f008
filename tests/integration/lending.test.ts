/** The loan business end to end through the API registry on a real encrypted
 *  database: application, review with maker-checker, disbursement, EOD,
 *  repayments (also backdated), reversal, payoff, write-off, recovery; and the
 *  books agreeing to the fen after every step. */
import fc from 'fast-check';
import { demoApp, type TestApp } from '../support/app';
import { addAccountant, createProduct, registerCustomer } from '../support/lending';

const addDay = (date: string, days = 1) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const lastDayOfMonth = (date: string) => addDay(`${addDay(`${date.slice(0, 8)}28`, 4).slice(0, 8)}01`, -1).slice(8);

let t: TestApp;
afterEach(() => t?.cleanup());

/** Sets the clock to 10:00 Shanghai time on `date`; the users stayed active
 *  meanwhile, so their sessions are not idle-locked. */
function setDate(t: TestApp, date: string): void {
  t.travel(`${date}T02:00:00Z`);
}

async function closeDaysThrough(t: TestApp, last: string): Promise<void> {
  for (let guard = 0; guard < 800; guard++) {
    const { nextDate } = await t.call('eod.status', {}, 'manager');
    if (nextDate > last) return;
    setDate(t, nextDate);
    const r = await t.call('eod.run', { date: nextDate }, 'manager');
    expect(r.status).toBe('done');
  }
  throw new Error('too many days');
}

/** The invariants that must hold after every operation. */
async function expectBooksAgree(t: TestApp): Promise<void> {
  const { businessDate } = await t.call('app.status', {}, 'manager');
  const tb = await t.call('ledger.trialBalance', { date: businessDate! }, 'manager');
  expect(tb.totals.debitFen).toBe(tb.totals.creditFen);
  const r = tb.reconciliation;
  expect(r.loanLedgerPrincipalFen).toBe(r.controlAccount1303Fen);
  expect(r.loanLedgerOverduePrincipalFen).toBe(r.controlAccount130302Fen);
  expect(r.loanLedgerReceivableFen).toBe(r.controlAccount1132Fen);
  expect(r.loanLedgerProvisionFen).toBe(r.controlAccount1304Fen);
  expect(r.loanLedgerOverpaymentFen).toBe(r.controlAccount2241Fen);
  // The balance sheet balances (current profit included).
  const s = await t.call('books.statements', { date: businessDate! }, 'manager');
  expect(s.balanceSheet.assetsFen.current).toBe(
    (s.balanceSheet.liabilitiesFen.current ?? 0) + (s.balanceSheet.equityFen.current ?? 0),
  );
  // The VAT report of every month so far is the output VAT the journal booked in it.
  const month = (d: Date) => d.toISOString().slice(0, 7);
  for (let m = new Date('2025-01-15'); month(m) <= businessDate!.slice(0, 7); m.setUTCMonth(m.getUTCMonth() + 1)) {
    const vat = await t.call('books.vatReport', { month: month(m) }, 'manager');
    expect(vat.totals.vatFen, month(m)).toBe(vat.journalOutputVatFen);
  }
  expect(await t.call('ledger.verify', {}, 'auditor')).toMatchObject({ ok: true });
}

async function reviewedLoan(t: TestApp, amountFen = 30_000_00) {
  const productId = await createProduct(t);
  const customerId = await registerCustomer(t);
  const submitted = await t.call(
    'applications.submit',
    { customerId, productId, amountFen, periods: 12, purpose: '装修 home renovation' },
    'officer',
  );
  return { productId, customerId, submitted };
}

describe('application to payoff', () => {
  it('routes, approves with maker-checker, disburses by a second person, and keeps the books', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager', 'auditor', 'agent');
    setDate(t, '2026-03-02');
    const { submitted } = await reviewedLoan(t);
    expect(submitted.status).toBe('review');
    expect(submitted.assessment.prechecks.every((p) => p.passed)).toBe(true);
    expect(submitted.assessment.score?.grade).toMatch(/[A-E]/);

    const queue = (await t.call('applications.list', { status: ['review'] }, 'manager')).rows;
    expect(queue.map((a) => a.id)).toContain(submitted.id);
    const app = queue.find((a) => a.id === submitted.id)!;
    expect((await t.fail('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'officer')).code).toBe(
      'APPROVER_IS_MAKER',
    );
    expect((await t.fail('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'agent')).code).toBe(
      'PERMISSION_DENIED',
    );
    expect(
      (
        await t.fail(
          'applications.approve',
          { applicationId: app.id, expectedVersion: app.version, rateAnnual: '0.3' },
          'officer2',
        )
      ).code,
    ).toBe('APPROVAL_TERMS_INVALID');
    const { loanId } = await t.call('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'officer2');

    const approved = await t.call('loans.get', { loanId }, 'officer');
    expect(approved.loan.status).toBe('approved');
    expect(
      (
        await t.fail(
          'repayments.record',
          { loanId, amountFen: 100_00, valueDate: '2026-03-02', channel: 'cash' },
          'officer',
        )
      ).code,
    ).toBe('LOAN_NOT_ACTIVE');
    expect(
      (await t.fail('loans.disburse', { loanId, expectedVersion: approved.loan.version, channel: 'bank' }, 'officer2'))
        .code,
    ).toBe('DISBURSER_IS_APPROVER');
    await t.call('loans.disburse', { loanId, expectedVersion: approved.loan.version, channel: 'bank' }, 'officer');
    expect(
      (
        await t.fail(
          'loans.disburse',
          { loanId, expectedVersion: approved.loan.version + 1, channel: 'bank' },
          'manager',
        )
      ).code,
    ).toBe('LOAN_ALREADY_DISBURSED');
    await expectBooksAgree(t);

    const loan = await t.call('loans.get', { loanId }, 'officer');
    expect(loan.installments).toHaveLength(12);
    expect(loan.installments.reduce((s, i) => s + i.principalFen, 0)).toBe(30_000_00);
    const first = loan.installments[0]!;

    // The first installment falls due unpaid: DPD, penalty, special mention.
    await closeDaysThrough(t, '2026-04-12');
    const late = await t.call('loans.get', { loanId }, 'officer');
    expect(late.loan.dpd).toBe(10);
    expect(late.loan.bucket).toBe('M1');
    expect(late.loan.classification).toBe('specialMention');
    expect(late.loan.penaltyFen).toBeGreaterThan(0);
    await expectBooksAgree(t);

    // Paid on the due date but recorded late: penalty and DPD vanish by re-posting.
    const preview = await t.call(
      'repayments.preview',
      { loanId, amountFen: first.paymentFen, valueDate: first.dueDate },
      'officer',
    );
    expect(preview.allocation.currentInterestFen + preview.allocation.overdueInterestFen).toBe(first.interestFen);
    const paid = await t.call(
      'repayments.record',
      { loanId, amountFen: first.paymentFen, valueDate: first.dueDate, channel: 'cash' },
      'officer',
    );
    const onTime = await t.call('loans.get', { loanId }, 'officer');
    expect(onTime.loan.dpd).toBe(0);
    expect(onTime.loan.penaltyFen).toBe(0);
    // The accrued penalty is reversed in the branch's daily entry of the day it was recorded.
    expect(onTime.dailyPostings.some((l) => l.category === 'penaltyAccrual')).toBe(false);
    expect(late.dailyPostings.some((l) => l.category === 'penaltyAccrual' && l.accountCode === '6051')).toBe(true);
    const day = await t.call(
      'ledger.journal',
      { range: { from: '2026-04-13', to: '2026-04-13' }, limit: 100 },
      'manager',
    );
    expect(day.rows.some((l) => l.category === 'penaltyAccrual' && l.accountCode === '6051' && l.debitFen > 0)).toBe(
      true,
    );
    await expectBooksAgree(t);

    // A wrong repayment is reversed by a permitted role, with a reason.
    expect(
      (await t.fail('repayments.reverse', { transactionId: paid.transactionId, reason: '录入错误' }, 'officer')).code,
    ).toBe('PERMISSION_DENIED');
    await t.call('repayments.reverse', { transactionId: paid.transactionId, reason: '录入错误 wrong loan' }, 'manager');
    expect(
      (await t.fail('repayments.reverse', { transactionId: paid.transactionId, reason: 'again' }, 'manager')).code,
    ).toBe('TRANSACTION_ALREADY_REVERSED');
    // Recomputed on today's business date (04-13): 11 days past 04-02.
    expect((await t.call('loans.get', { loanId }, 'officer')).loan.dpd).toBe(11);
    await expectBooksAgree(t);

    // Running a closed day again changes nothing; skipping a day is refused.
    const entriesBefore = (
      await t.call('ledger.journal', { range: { from: '2026-01-01', to: '2026-12-31' }, limit: 1000 }, 'manager')
    ).totals.count;
    expect((await t.call('eod.run', { date: '2026-04-12' }, 'manager')).alreadyClosed).toBe(true);
    expect(
      (await t.call('ledger.journal', { range: { from: '2026-01-01', to: '2026-12-31' }, limit: 1000 }, 'manager'))
        .totals.count,
    ).toBe(entriesBefore);

    // The daily summary (日报) agrees with the journal it sums, day by day.
    const range = { from: '2026-01-01', to: '2026-12-31' };
    const daily = await t.call('ledger.dailySummary', { range }, 'manager');
    const lines = (await t.call('ledger.journal', { range, limit: 1000 }, 'manager')).rows;
    expect(daily.length).toBeGreaterThan(0);
    expect(daily.reduce((s, d) => s + d.entries, 0)).toBe(new Set(lines.map((l) => l.entryId)).size);
    expect(daily.reduce((s, d) => s + d.interestIncomeFen, 0)).toBe(
      lines
        .filter((l) => l.category === 'interestAccrual' && l.accountCode === '6011')
        .reduce((s, l) => s + l.creditFen - l.debitFen, 0),
    );
    setDate(t, '2026-04-20');
    expect((await t.fail('eod.run', { date: '2026-04-15' }, 'manager')).code).toBe('EOD_DAY_SKIPPED');
    setDate(t, '2026-04-13');

    // Payoff for today closes the loan exactly.
    const quote = await t.call('loans.payoffQuote', { loanId, date: '2026-04-13' }, 'officer');
    await t.call(
      'repayments.record',
      { loanId, amountFen: quote.totalFen, valueDate: '2026-04-13', channel: 'bank' },
      'officer',
    );
    const closed = await t.call('loans.get', { loanId }, 'officer');
    expect(closed.loan.status).toBe('closed');
    expect(closed.loan.outstandingPrincipalFen).toBe(0);
    expect(
      (
        await t.fail(
          'repayments.record',
          { loanId, amountFen: 100, valueDate: '2026-04-13', channel: 'bank' },
          'officer',
        )
      ).code,
    ).toBe('LOAN_CLOSED');
    await expectBooksAgree(t);

    // The payoff reversed next month reopens the loan; April keeps the VAT it booked.
    const payoff = closed.transactions.find((x) => x.kind === 'repayment' && x.valueDate === '2026-04-13')!;
    await closeDaysThrough(t, '2026-05-05');
    await t.call('repayments.reverse', { transactionId: payoff.id, reason: '退票 cheque returned' }, 'manager');
    expect((await t.call('loans.get', { loanId }, 'officer')).loan.status).toBe('active');
    await expectBooksAgree(t);
  });

  it('approves small good applications automatically and declines hard-rule failures', async () => {
    t = await demoApp('admin', 'officer');
    setDate(t, '2026-03-02');
    const productId = await createProduct(t);
    const good = await registerCustomer(t);
    const auto = await t.call(
      'applications.submit',
      { customerId: good, productId, amountFen: 5_000_00, periods: 6, purpose: '周转 working capital' },
      'officer',
    );
    expect(auto.assessment.score?.grade).toMatch(/[AB]/);
    expect(auto.status).toBe('approved');
    expect(auto.loanId).toBeTruthy();
    const poor = await registerCustomer(t, 'officer', { monthlyIncomeFen: 3_000_00, monthlyDebtFen: 2_000_00 });
    const declined = await t.call(
      'applications.submit',
      { customerId: poor, productId, amountFen: 50_000_00, periods: 12, purpose: '消费 consumption' },
      'officer',
    );
    expect(declined.status).toBe('declined');
    expect(declined.assessment.prechecks.find((p) => p.code === 'DEBT_TO_INCOME')?.passed).toBe(false);
    expect(
      (
        await t.fail(
          'applications.submit',
          { customerId: good, productId, amountFen: -5, periods: 6, purpose: 'x' },
          'officer',
        )
      ).code,
    ).toBe('INPUT_INVALID');
  });

  it('counts the customer’s loans with this company in the debt-to-income and the loan history', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    setDate(t, '2026-03-02');
    const productId = await createProduct(t);
    const customerId = await registerCustomer(t, 'officer', { monthlyIncomeFen: 10_000_00, monthlyDebtFen: 0 });
    const terms = { customerId, productId, amountFen: 30_000_00, periods: 12 };
    const dtiOf = async () => {
      const { assessment } = await t.call('applications.preview', terms, 'officer');
      const check = assessment.prechecks.find((p) => p.code === 'DEBT_TO_INCOME')!;
      return { dti: Number(check.values.dti), installment: assessment.firstInstallmentFen };
    };
    const before = await dtiOf();
    expect(before.dti).toBeCloseTo(before.installment / 10_000_00, 4);

    // Approved and not yet disbursed: its first installment already counts.
    const app = await t.call('applications.submit', { ...terms, purpose: '装修 renovation' }, 'officer');
    const { loanId } = await t.call('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'manager');
    const approved = await dtiOf();
    expect(approved.dti).toBeCloseTo((2 * before.installment) / 10_000_00, 4);

    // Disbursed: the next installment due counts, the same amount here.
    const { loan } = await t.call('loans.get', { loanId }, 'officer');
    // (by someone other than the approver)
    await t.call('loans.disburse', { loanId, expectedVersion: loan.version, channel: 'cash' }, 'officer');
    expect((await dtiOf()).dti).toBeCloseTo(approved.dti, 4);

    // Paid off: no debt left, and the loan counts as one repaid in the score's history.
    const quote = await t.call('loans.payoffQuote', { loanId, date: '2026-03-02' }, 'officer');
    await t.call(
      'repayments.record',
      { loanId, amountFen: quote.totalFen, valueDate: '2026-03-02', channel: 'cash' },
      'manager',
    );
    const after = await t.call('applications.preview', terms, 'officer');
    expect(Number(after.assessment.prechecks.find((p) => p.code === 'DEBT_TO_INCOME')!.values.dti)).toBeCloseTo(
      before.dti,
      4,
    );
    expect(after.assessment.facts).toMatchObject({ repaidLoans: 1, companyInstallmentsFen: 0, overdueLoans: 0 });
    expect(after.assessment.score!.attributes.find((x) => x.attribute === 'repaidLoanCount')?.value).toBe(1);
  });

  it('needs a manager above the officer limit, and writes off and recovers a long-overdue loan', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager', 'auditor');
    setDate(t, '2025-01-02');
    const { submitted } = await reviewedLoan(t, 60_000_00);
    const [app] = (await t.call('applications.list', { status: ['review'] }, 'manager')).rows;
    expect(
      (await t.fail('applications.approve', { applicationId: app!.id, expectedVersion: app!.version }, 'officer2'))
        .code,
    ).toBe('NEEDS_HIGHER_APPROVAL');
    const { loanId } = await t.call(
      'applications.approve',
      { applicationId: submitted.id, expectedVersion: app!.version },
      'manager',
    );
    await t.call(
      'loans.disburse',
      { loanId, expectedVersion: (await t.call('loans.get', { loanId }, 'officer')).loan.version, channel: 'cash' },
      'officer',
    );
    await closeDaysThrough(t, '2025-09-01');
    const overdue = await t.call('loans.get', { loanId }, 'officer');
    expect(overdue.loan.dpd).toBeGreaterThan(180);
    expect(overdue.loan.classification).toBe('doubtful');
    await expectBooksAgree(t);
    await t.call('loans.proposeWriteOff', { loanId, reason: '失联 borrower unreachable' }, 'officer');
    await t.call('loans.approveWriteOff', { loanId }, 'manager');
    const written = await t.call('loans.get', { loanId }, 'officer');
    expect(written.loan.status).toBe('written_off');
    await expectBooksAgree(t);
    await t.call('loans.recordRecovery', { loanId, amountFen: 1_000_00, channel: 'bank' }, 'officer');
    const tb = await t.call('ledger.trialBalance', { date: '2025-09-02' }, 'manager');
    expect(tb.accounts.find((a) => a.code.startsWith('1303') && (a.debitFen || a.creditFen))).toBeUndefined();
    await expectBooksAgree(t);
    // A recovery in a later month leaves September's VAT as the write-off left it.
    await closeDaysThrough(t, '2025-10-08');
    await t.call('loans.recordRecovery', { loanId, amountFen: 500_00, channel: 'bank' }, 'officer');
    await expectBooksAgree(t);
  }, 120_000);
});

describe('the books under random operations', () => {
  it('balance and reconcile after any sequence of repayments, backdated repayments, reversals, EODs, vouchers and month-end closings', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('repay' as const),
        amountFen: fc.integer({ min: 1, max: 3_000_00 }),
        backDays: fc.integer({ min: 0, max: 20 }),
        cash: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('eod' as const), days: fc.integer({ min: 1, max: 25 }) }),
      // A voucher outside lending (an expense paid, or more capital), by the accountant, checked by the manager.
      fc.record({
        kind: fc.constant('voucher' as const),
        amountFen: fc.integer({ min: 1, max: 50_000_00 }),
        capital: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('close' as const) }),
    );
    let closings = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 10 }), async (ops) => {
        t = await demoApp('admin', 'officer', 'officer2', 'manager', 'auditor');
        try {
          setDate(t, '2026-01-05');
          await addAccountant(t);
          /** The last day of the closed books ('' while none is closed). */
          let closedThrough = '';
          const { submitted } = await reviewedLoan(t, 12_000_00);
          const [app] = (await t.call('applications.list', { status: ['review'] }, 'manager')).rows;
          const { loanId } = await t.call(
            'applications.approve',
            { applicationId: submitted.id, expectedVersion: app!.version },
            'officer2',
          );
          await t.call(
            'loans.disburse',
            {
              loanId,
              expectedVersion: (await t.call('loans.get', { loanId }, 'officer')).loan.version,
              channel: 'bank',
            },
            'officer',
          );
          const repayments: string[] = [];
          for (const o of ops) {
            const loan = await t.call('loans.get', { loanId }, 'officer');
            if (o.kind === 'eod') {
              const { nextDate } = await t.call('eod.status', {}, 'manager');
              const target = new Date(Date.parse(`${nextDate}T00:00:00Z`) + (o.days - 1) * 86_400_000)
                .toISOString()
                .slice(0, 10);
              await closeDaysThrough(t, target);
              setDate(t, (await t.call('eod.status', {}, 'manager')).nextDate);
            } else if (o.kind === 'repay' && loan.loan.status === 'active') {
              const today = loan.businessDate;
              const back = new Date(Date.parse(`${today}T00:00:00Z`) - o.backDays * 86_400_000)
                .toISOString()
                .slice(0, 10);
              const earliest = [loan.loan.disbursedOn!, closedThrough ? addDay(closedThrough) : ''].sort().at(-1)!;
              const valueDate = back < earliest ? earliest : back;
              const r = await t.call(
                'repayments.record',
                { loanId, amountFen: o.amountFen, valueDate, channel: o.cash ? 'cash' : 'bank' },
                'officer',
              );
              repayments.push(r.transactionId);
            } else if (o.kind === 'reverse' && repayments.length > 0) {
              const id = repayments.splice(o.pick % repayments.length, 1)[0]!;
              await t.call('repayments.reverse', { transactionId: id, reason: '随机冲正 random reversal' }, 'manager');
            } else if (o.kind === 'voucher') {
              const { businessDate } = await t.call('app.status', {}, 'manager');
              const entry = await t.call(
                'books.proposeEntry',
                {
                  kind: 'manual',
                  valueDate: businessDate!,
                  memo: o.capital ? '增资 capital paid in' : '办公费 office costs',
                  lines: o.capital
                    ? [
                        { accountId: '1002', debitFen: o.amountFen, creditFen: 0 },
                        { accountId: '4001', debitFen: 0, creditFen: o.amountFen },
                      ]
                    : [
                        { accountId: '6602', debitFen: o.amountFen, creditFen: 0 },
                        { accountId: '1002', debitFen: 0, creditFen: o.amountFen },
                      ],
                },
                'accountant',
              );
              await t.call('books.approveEntry', { entryId: entry.id, expectedVersion: 1 }, 'manager');
            } else if (o.kind === 'close') {
              // The month of the open day: its days closed, then the month.
              const { nextDate } = await t.call('eod.status', {}, 'manager');
              const monthEnd = `${nextDate.slice(0, 8)}${lastDayOfMonth(nextDate)}`;
              await closeDaysThrough(t, monthEnd);
              setDate(t, (await t.call('eod.status', {}, 'manager')).nextDate);
              await t.call('ledger.closePeriod', { through: monthEnd }, 'accountant');
              closedThrough = monthEnd;
              closings++;
              // A repayment in the closed month can no longer be reversed there.
              repayments.length = 0;
            }
            await expectBooksAgree(t);
          }
        } finally {
          t.cleanup();
        }
      }),
      { numRuns: 12 },
    );
    expect(closings).toBeGreaterThan(0); // (the runs did close months)
  }, 600_000);
});
