/** Issue 11 items 8-14 through the API on a real encrypted database: the payoff
 *  above the cap and its override, the repayment's intent (pay installments ahead
 *  or prepay principal), the penalty red line fixed at approval, the closed-on
 *  date, the split each repayment shows after backdated repayments and reversals,
 *  the installment table after a reversal, and a version-1 repayment read from an
 *  old log. */
import { demoApp, startApp, type TestApp } from '../support/app';
import {
  closeDaysThrough,
  contractOf,
  expectInstallmentsAsReplayed,
  expectSplitsAsBooked,
  openLoan,
  postedFor,
  replayOf,
  setDate,
  shownAllocation,
} from '../support/servicing';
import { parseEvent } from '../../src/contract/events';
import { insertEvent } from '../../src/main/events/store';
import { applyEvent } from '../../src/main/projectors/index';
import { verifyRebuild } from '../../src/main/events/rebuild';
import { EVENTLOG_FORMAT } from '../../src/main/events/upgrade';
import { loanPosition, payoffQuote } from '../../src/core/servicing/position';

let t: TestApp;
afterEach(() => t?.cleanup());

async function start(): Promise<TestApp> {
  t = await demoApp('admin', 'officer', 'officer2', 'manager', 'auditor');
  setDate(t, '2026-01-05');
  return t;
}

function expectRebuildEqual(): void {
  const report = verifyRebuild(t.app.db());
  expect(
    Object.entries(report.tables)
      .filter(([, c]) => c.differences > 0)
      .map(([name, c]) => `${name}: ${JSON.stringify(c.examples)}`),
  ).toEqual([]);
  expect(report.equal).toBe(true);
}

describe('item 8: a payoff above the cap', () => {
  it('is refused with its cost, cap and largest total within the cap, unless a permitted role gives a reason', async () => {
    await start();
    // 12 000.00 over 12 months with a 2 % upfront fee (11 760.00 received), paid off 10 days later.
    const { loanId } = await openLoan(t, { config: { upfrontFeeRate: '0.02' }, amountFen: 12_000_00, periods: 12 });
    await closeDaysThrough(t, '2026-01-14');
    const quote = await t.call('loans.payoffQuote', { loanId, date: '2026-01-15' }, 'officer');
    // Interest by actual days: 12 000 x 18 % x 10 / 360 = 60.00.
    expect(quote).toMatchObject({ totalFen: 12_060_00, currentInterestFen: 60_00, exceedsCap: true });
    expect(Number(quote.annualizedCost!.nominal)).toBeGreaterThan(0.24);
    expect(quote.maxTotalWithinCapFen).toBeLessThan(quote.totalFen);

    const preview = await t.call(
      'repayments.preview',
      { loanId, amountFen: quote.totalFen, valueDate: '2026-01-15' },
      'officer',
    );
    expect(preview.cap).toEqual({
      closes: true,
      annualizedCost: quote.annualizedCost!.nominal,
      rateCapAnnual: '0.24',
      exceedsCap: true,
      payoffFen: quote.totalFen,
      maxTotalWithinCapFen: quote.maxTotalWithinCapFen,
    });
    const payoff = { loanId, amountFen: quote.totalFen, valueDate: '2026-01-15', channel: 'bank' as const };
    expect(await t.fail('repayments.record', payoff, 'officer')).toEqual({
      code: 'PAYOFF_OVER_CAP',
      details: {
        annualizedCost: quote.annualizedCost!.nominal,
        rateCapAnnual: '0.24',
        payoffFen: quote.totalFen,
        maxTotalWithinCapFen: quote.maxTotalWithinCapFen,
      },
    });
    // The officer may not override; the manager must give a reason.
    expect(
      await t.fail('repayments.record', { ...payoff, capOverrideReason: '客户坚持结清 customer insists' }, 'officer'),
    ).toEqual({ code: 'PERMISSION_DENIED', details: { permission: 'repayments.overrideCap' } });
    expect((await t.fail('repayments.record', payoff, 'manager')).code).toBe('PAYOFF_OVER_CAP');
    expect(
      (await t.call('loans.get', { loanId }, 'officer')).transactions.filter((x) => x.kind === 'repayment'),
    ).toEqual([]);

    // Paying at most what stays within the cap does not close the loan and needs nothing.
    const within = await t.call(
      'repayments.preview',
      { loanId, amountFen: quote.maxTotalWithinCapFen, valueDate: '2026-01-15' },
      'officer',
    );
    expect(within.cap).toMatchObject({ closes: false, exceedsCap: false });

    const reason = '客户出国，经理批准提前结清 moving abroad, approved by the manager';
    const recorded = await t.call('repayments.record', { ...payoff, capOverrideReason: reason }, 'manager');
    expect(recorded.closed).toBe(true);
    const detail = await t.call('loans.get', { loanId }, 'manager');
    const event = detail.events.find((e) => e.type === 'RepaymentRecorded')!;
    expect(event.payload).toMatchObject({ intent: 'installments', capOverride: { reason } });
    expect(detail.loan).toMatchObject({ status: 'closed', closedOn: '2026-01-15' });
    // The override is audited with who gave it and why.
    const audit = await t.call('audit.list', { action: 'repayments.record', limit: 20 }, 'auditor');
    const ok = audit.filter((r) => r.outcome === 'ok');
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ username: 'manager' });
    expect(ok[0]!.summaryJson).toContain(reason);
    // The refusals are audited too: the officer's override as denied, the others as failed.
    expect(audit.map((r) => r.outcome).sort()).toEqual(['denied', 'failed', 'failed', 'ok']);
    expectRebuildEqual();
  });

  it('lets a payoff within the cap through for anyone who records repayments', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00 });
    await closeDaysThrough(t, '2026-02-14');
    const quote = await t.call('loans.payoffQuote', { loanId, date: '2026-02-15' }, 'officer');
    expect(quote.exceedsCap).toBe(false);
    const r = await t.call(
      'repayments.record',
      { loanId, amountFen: quote.totalFen, valueDate: '2026-02-15', channel: 'bank' },
      'officer',
    );
    expect(r.closed).toBe(true);
    const detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.events.find((e) => e.type === 'RepaymentRecorded')!.payload).not.toHaveProperty('capOverride');
  });
});

describe('item 9: a payment before the due date', () => {
  it('pays the next installment ahead by default, so the customer is never overdue; "prepay principal" does not', async () => {
    await start();
    const ahead = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    const prepay = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    const first = (await t.call('loans.get', { loanId: ahead.loanId }, 'officer')).installments;
    expect(first.slice(0, 2).map((i) => i.dueDate)).toEqual(['2026-02-05', '2026-03-05']);
    const payment = first[0]!.paymentFen;
    await closeDaysThrough(t, '2026-01-31');
    // Installment 1 four days early, then the same amount again two days later.
    for (const { loanId } of [ahead, prepay])
      await t.call(
        'repayments.record',
        { loanId, amountFen: payment, valueDate: '2026-02-01', channel: 'bank' },
        'officer',
      );
    await closeDaysThrough(t, '2026-02-02');
    const early = await t.call(
      'repayments.record',
      { loanId: ahead.loanId, amountFen: payment, valueDate: '2026-02-03', channel: 'bank' },
      'officer',
    );
    const prepaid = await t.call(
      'repayments.record',
      { loanId: prepay.loanId, amountFen: payment, valueDate: '2026-02-03', channel: 'bank', intent: 'principal' },
      'officer',
    );
    const aheadTx = (await t.call('loans.get', { loanId: ahead.loanId }, 'officer')).transactions.find(
      (x) => x.id === early.transactionId,
    )!;
    expect(aheadTx.intent).toBe('installments');
    // Installment 2 (due 03-05) paid in advance, in full; nothing prepaid.
    const split = shownAllocation(aheadTx.allocationJson)!;
    expect(split).toMatchObject({ paidAheadFen: payment, prepaymentFen: 0, overpaymentFen: 0 });
    expect(split.installments).toEqual([
      { n: 2, interestFen: first[1]!.interestFen, principalFen: first[1]!.principalFen },
    ]);
    const prepayTx = (await t.call('loans.get', { loanId: prepay.loanId }, 'officer')).transactions.find(
      (x) => x.id === prepaid.transactionId,
    )!;
    expect(prepayTx.intent).toBe('principal');
    expect(shownAllocation(prepayTx.allocationJson)!.prepaymentFen).toBe(payment);

    await closeDaysThrough(t, '2026-03-10');
    const a = await t.call('loans.get', { loanId: ahead.loanId }, 'officer');
    expect(a.loan).toMatchObject({ dpd: 0, penaltyFen: 0 });
    expect(a.installments.slice(0, 2).map((i) => i.status)).toEqual(['paid', 'paid']);
    const p = await t.call('loans.get', { loanId: prepay.loanId }, 'officer');
    expect(p.installments[1]).toMatchObject({ dueDate: '2026-03-05', status: 'overdue' });
    expect(p.loan.dpd).toBe(5);
    for (const d of [a, p]) {
      await expectSplitsAsBooked(t, d);
      await expectInstallmentsAsReplayed(t, d);
    }
    expectRebuildEqual();
  });

  it('takes the default from the product, and stores the intent with the repayment', async () => {
    await start();
    const { loanId } = await openLoan(t, { config: { repaymentIntent: 'principal' } });
    const detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.rules.repaymentIntent).toBe('principal');
    const { transactionId } = await t.call(
      'repayments.record',
      { loanId, amountFen: 500_00, valueDate: detail.businessDate, channel: 'cash' },
      'officer',
    );
    const after = await t.call('loans.get', { loanId }, 'officer');
    expect(after.transactions.find((x) => x.id === transactionId)!.intent).toBe('principal');
    expect(after.events.find((e) => e.type === 'RepaymentRecorded')!.payload).toMatchObject({
      transactionId,
      amountFen: 500_00,
      intent: 'principal',
    });
    expect(
      (
        await t.fail(
          'repayments.preview',
          { loanId, amountFen: 1, valueDate: detail.businessDate, intent: 'ahead' },
          'officer',
        )
      ).code,
    ).toBe('INPUT_INVALID');
  });
});

describe('item 10: penalty bounded by the red line', () => {
  it('fixes the setting into the contract at approval and shows the day the bound was reached', async () => {
    await start();
    const settings = await t.call('settings.get', {}, 'admin');
    expect(settings.lending.redLineAnnual).toBe('0.36');
    await t.call(
      'settings.update',
      { section: 'lending', value: { ...settings.lending, redLineAnnual: '0.3' } },
      'admin',
    );
    // 23 % a year with a x5 penalty multiplier (115 % a year on overdue principal), never repaid.
    const { loanId } = await openLoan(t, {
      config: { defaultRateAnnual: '0.23', penaltyMultiplier: '5' },
      amountFen: 12_000_00,
      periods: 3,
    });
    // A later change of the setting leaves the approved loan as it was.
    await t.call(
      'settings.update',
      { section: 'lending', value: { ...settings.lending, redLineAnnual: '0.5' } },
      'admin',
    );
    const before = await t.call('loans.get', { loanId }, 'officer');
    expect(before.rules.redLineAnnual).toBe('0.3');
    expect(contractOf(before).redLineAnnual).toBe('0.3');
    expect(before.loan.penaltyBoundOn).toBeNull();

    await closeDaysThrough(t, '2026-05-20');
    const detail = await t.call('loans.get', { loanId }, 'officer');
    const replay = replayOf(detail);
    expect(replay.penaltyBounded).toBe(true);
    expect(detail.loan.penaltyBoundOn).toBe(replay.penaltyBoundReachedOn);
    expect(detail.loan.penaltyBoundOn! > '2026-02-05').toBe(true);
    expect(detail.loan.penaltyForgoneFen).toBe(replay.penaltyForgoneFen);
    expect(detail.loan.penaltyForgoneFen).toBeGreaterThan(0);
    expect(detail.loan.penaltyFen).toBeGreaterThan(0);
    // Settling today costs no more than the red line, penalty and all.
    const atLine = payoffQuote(contractOf(detail), [], detail.loan.positionAsOf!, { rateCapAnnual: '0.3' });
    expect(atLine.exceedsCap).toBe(false);
    expect(Number(atLine.annualizedCost!.nominal)).toBeGreaterThan(0.299);
    // Without the bound the formula would have charged more.
    const unbounded = loanPosition(contractOf(detail), [], detail.loan.positionAsOf!, { redLineAnnual: '100' });
    expect(unbounded.penaltyFen).toBe(detail.loan.penaltyFen + detail.loan.penaltyForgoneFen);
    expectRebuildEqual();
  });

  it('refuses a red line that is no rate', async () => {
    await start();
    const settings = await t.call('settings.get', {}, 'admin');
    for (const redLineAnnual of ['0', '1.5', '36%', 'abc'])
      expect(
        (
          await t.fail(
            'settings.update',
            { section: 'lending', value: { ...settings.lending, redLineAnnual } },
            'admin',
          )
        ).code,
      ).toBe('INPUT_INVALID');
    expect((await t.fail('settings.update', { section: 'lending', value: settings.lending }, 'manager')).code).toBe(
      'PERMISSION_DENIED',
    );
  });
});

describe('item 12: the closed-on date', () => {
  it('is the value date of the payment that closed the loan, also when it was booked days later', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00 });
    await closeDaysThrough(t, '2026-03-09');
    // Booked on 03-10 with value date 03-01.
    const quote = await t.call('loans.payoffQuote', { loanId, date: '2026-03-01' }, 'officer');
    const { transactionId } = await t.call(
      'repayments.record',
      { loanId, amountFen: quote.totalFen, valueDate: '2026-03-01', channel: 'bank' },
      'officer',
    );
    const detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.businessDate).toBe('2026-03-10');
    expect(detail.transactions.find((x) => x.id === transactionId)).toMatchObject({
      bookedOn: '2026-03-10',
      valueDate: '2026-03-01',
    });
    expect(detail.loan).toMatchObject({ status: 'closed', closedOn: '2026-03-01' });
    await expectSplitsAsBooked(t, detail);
    expectRebuildEqual();
  });

  it('is the backdated payoff’s date when a later payment was recorded first (that one becomes a payable)', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00 });
    await closeDaysThrough(t, '2026-03-04');
    const quote = await t.call('loans.payoffQuote', { loanId, date: '2026-03-01' }, 'officer');
    const later = await t.call(
      'repayments.record',
      { loanId, amountFen: 1_000_00, valueDate: '2026-03-05', channel: 'bank' },
      'officer',
    );
    await closeDaysThrough(t, '2026-03-06');
    await t.call(
      'repayments.record',
      { loanId, amountFen: quote.totalFen, valueDate: '2026-03-01', channel: 'bank' },
      'officer',
    );
    const detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.loan).toMatchObject({ status: 'closed', closedOn: '2026-03-01', overpaymentFen: 1_000_00 });
    const shown = shownAllocation(detail.transactions.find((x) => x.id === later.transactionId)!.allocationJson)!;
    expect(shown).toMatchObject({ amountFen: 1_000_00, overpaymentFen: 1_000_00, penaltyFen: 0, prepaymentFen: 0 });
    await expectSplitsAsBooked(t, detail);

    // Reversing the payoff reopens the loan: the later payment pays again.
    const payoffTx = detail.transactions.find((x) => x.valueDate === '2026-03-01')!;
    await t.call('repayments.reverse', { transactionId: payoffTx.id, reason: '金额录错 wrong amount' }, 'manager');
    const reopened = await t.call('loans.get', { loanId }, 'officer');
    expect(reopened.loan).toMatchObject({ status: 'active', closedOn: null, overpaymentFen: 0 });
    expect(
      shownAllocation(reopened.transactions.find((x) => x.id === later.transactionId)!.allocationJson)!.overpaymentFen,
    ).toBe(0);
    await expectSplitsAsBooked(t, reopened);
    await expectInstallmentsAsReplayed(t, reopened);
    expectRebuildEqual();
  });
});

describe('item 13: the split each repayment shows', () => {
  it('follows the replay after a backdated repayment and after a reversal, on screen, in the ledger and in the books', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00 });
    const payment = (await t.call('loans.get', { loanId }, 'officer')).installments[0]!.paymentFen;
    // Installment 1 (due 02-05) is 15 days late when 2 000.00 comes in.
    await closeDaysThrough(t, '2026-02-19');
    const late = await t.call(
      'repayments.record',
      { loanId, amountFen: 2_000_00, valueDate: '2026-02-20', channel: 'bank' },
      'officer',
    );
    let detail = await t.call('loans.get', { loanId }, 'officer');
    const asRecorded = shownAllocation(detail.transactions.find((x) => x.id === late.transactionId)!.allocationJson)!;
    expect(asRecorded.penaltyFen).toBeGreaterThan(0);
    expect(asRecorded.overdueInterestFen).toBeGreaterThan(0);
    expect(asRecorded.overduePrincipalFen).toBeGreaterThan(0);
    await expectSplitsAsBooked(t, detail);

    // The customer had paid installment 1 on its due date: booked now, value date 02-05.
    await closeDaysThrough(t, '2026-02-23');
    const onTime = await t.call(
      'repayments.record',
      { loanId, amountFen: payment, valueDate: '2026-02-05', channel: 'cash' },
      'officer',
    );
    detail = await t.call('loans.get', { loanId }, 'officer');
    const resplit = shownAllocation(detail.transactions.find((x) => x.id === late.transactionId)!.allocationJson)!;
    expect(resplit).toMatchObject({ penaltyFen: 0, overdueInterestFen: 0, overduePrincipalFen: 0 });
    expect(resplit.currentInterestFen + resplit.currentPrincipalFen).toBeGreaterThan(0);
    // The books hold the new split: no penalty or overdue principal credited any more.
    expect(postedFor(detail, late.transactionId)['1303.02']).toBeUndefined();
    // So does the exported repayment ledger.
    const csv = await t.call(
      'ledger.export',
      { kind: 'repayments', range: { from: '2026-01-01', to: detail.businessDate }, format: 'csv', language: 'en' },
      'officer',
    );
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'Booked,Value date,Loan,Customer,Kind,Amount,Penalty,Interest,Overdue principal,Principal,Prepaid principal,Fees,Overpayment,Channel,By,Note',
    );
    const row = lines.find((l) => l.startsWith('2026-02-20,2026-02-20,'))!.split(',');
    const yuan = (fen: number) => (fen / 100).toFixed(2);
    expect(row.slice(5, 13)).toEqual([
      '2000.00',
      '0.00',
      yuan(resplit.currentInterestFen),
      '0.00',
      yuan(resplit.currentPrincipalFen),
      yuan(resplit.prepaymentFen),
      '0.00',
      yuan(resplit.overpaymentFen),
    ]);
    await expectSplitsAsBooked(t, detail);
    await expectInstallmentsAsReplayed(t, detail);

    // Reversing the backdated one brings the first split back.
    await closeDaysThrough(t, '2026-02-24');
    await t.call(
      'repayments.reverse',
      { transactionId: onTime.transactionId, reason: '重复入账 entered twice' },
      'manager',
    );
    detail = await t.call('loans.get', { loanId }, 'officer');
    const back = shownAllocation(detail.transactions.find((x) => x.id === late.transactionId)!.allocationJson)!;
    expect(back).toEqual(asRecorded);
    await expectSplitsAsBooked(t, detail);
    await expectInstallmentsAsReplayed(t, detail);
    expectRebuildEqual();
  });
});

describe('item 14: the installment table after a reversal', () => {
  it('keeps every installment still owed after a prepayment and the reversal of an earlier repayment', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    const schedule = (await t.call('loans.get', { loanId }, 'officer')).installments;
    await closeDaysThrough(t, '2026-02-04');
    const first = await t.call(
      'repayments.record',
      { loanId, amountFen: schedule[0]!.paymentFen, valueDate: '2026-02-05', channel: 'bank' },
      'officer',
    );
    await closeDaysThrough(t, '2026-02-14');
    // A prepayment of principal (shorten term: the last installments go).
    await t.call(
      'repayments.record',
      { loanId, amountFen: 5_000_00, valueDate: '2026-02-15', channel: 'bank', intent: 'principal' },
      'officer',
    );
    let detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.installments.length).toBeLessThan(schedule.length);
    await expectInstallmentsAsReplayed(t, detail);

    await closeDaysThrough(t, '2026-02-20');
    await t.call('repayments.reverse', { transactionId: first.transactionId, reason: '退票 bounced' }, 'manager');
    detail = await t.call('loans.get', { loanId }, 'officer');
    await expectInstallmentsAsReplayed(t, detail);
    await expectSplitsAsBooked(t, detail);
    // Without the first payment, installment 1 was overdue on 02-15: the prepayment pays it
    // first now, and every fen of principal still owed is on an installment.
    const resplit = shownAllocation(detail.transactions.find((x) => x.intent === 'principal')!.allocationJson)!;
    expect(resplit.overduePrincipalFen).toBe(schedule[0]!.principalFen);
    expect(detail.installments.filter((i) => i.status !== 'paid').length).toBeGreaterThan(0);
    const quote = await t.call('loans.payoffQuote', { loanId, date: detail.businessDate }, 'officer');
    expect(detail.installments.reduce((s, i) => s + i.principalFen - i.paidPrincipalFen, 0)).toBe(quote.principalFen);
    const repaid = detail.transactions
      .map((x) => shownAllocation(x.allocationJson))
      .reduce((sum, a) => sum + (a ? a.currentPrincipalFen + a.overduePrincipalFen + a.prepaymentFen : 0), 0);
    expect(quote.principalFen).toBe(12_000_00 - repaid);
    expectRebuildEqual();
  });
});

describe('a repayment written by the first version of the log', () => {
  it('is read as prepaying principal (what it did then) and applies', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00 });
    const db = t.app.db();
    const disbursed = (await t.call('loans.get', { loanId }, 'officer')).events.find(
      (e) => e.type === 'LoanDisbursed',
    )!;
    // As the release with RepaymentRecorded v1 stored it (no intent).
    const stored = JSON.parse(`{
      "id": "0194e3a1-7c00-7000-8000-00000000a001",
      "aggregate": "loan",
      "aggregateId": "${loanId}",
      "version": ${disbursed.version},
      "kind": "fact",
      "type": "RepaymentRecorded",
      "schemaVersion": 1,
      "payload": {
        "transactionId": "0194e3a1-7c00-7000-8000-00000000b001",
        "amountFen": 300000,
        "valueDate": "2026-01-05",
        "channel": "bank",
        "note": "v1 payment"
      },
      "actorId": null,
      "deviceId": "0194e3a1-7c00-7000-8000-00000000c001",
      "branchId": null,
      "businessDate": "2026-01-05",
      "requestId": null,
      "occurredAt": "2026-01-05T03:00:00.000Z"
    }`);
    const parsed = parseEvent(stored);
    // Upcast through v2 (the intent) to v3 (no bank reference: none was known).
    expect(parsed.schemaVersion).toBe(3);
    expect(parsed.payload).toEqual({
      transactionId: '0194e3a1-7c00-7000-8000-00000000b001',
      amountFen: 300000,
      valueDate: '2026-01-05',
      channel: 'bank',
      note: 'v1 payment',
      intent: 'principal',
    });
    db.transaction(() => {
      insertEvent(db, stored, 'pending');
      applyEvent(db, parsed);
    });
    const detail = await t.call('loans.get', { loanId }, 'officer');
    const tx = detail.transactions.find((x) => x.id === '0194e3a1-7c00-7000-8000-00000000b001')!;
    expect(tx).toMatchObject({ intent: 'principal', amountFen: 300000, valueDate: '2026-01-05' });
    // 3 000.00 on the disbursement day: no interest has run yet; installment 1's principal,
    // then principal prepaid (as intent 'installments' it would pay installments 1 and 2).
    const split = shownAllocation(tx.allocationJson)!;
    expect(split).toMatchObject({ intent: 'principal', paidAheadFen: 0, overpaymentFen: 0 });
    expect(split.prepaymentFen).toBeGreaterThan(0);
    expect(split.currentInterestFen + split.currentPrincipalFen + split.prepaymentFen).toBe(300000);
    expect(detail.loan.outstandingPrincipalFen).toBe(12_000_00 - split.currentPrincipalFen - split.prepaymentFen);
    // Read as the default 'installments' it would have paid installments ahead instead.
    const asDefault = loanPosition(
      contractOf(detail),
      [{ id: tx.id, type: 'repayment', valueDate: tx.valueDate, amountFen: tx.amountFen }],
      detail.businessDate,
    ).allocations[0]!;
    expect(asDefault).toMatchObject({ intent: 'installments', prepaymentFen: 0 });
    expect(asDefault.paidAheadFen).toBeGreaterThan(0);
    await expectSplitsAsBooked(t, detail);
    // The rebuild reads the stored version-1 event through the upcaster too.
    expectRebuildEqual();
  });
});

describe('a profile whose log is of format 2', () => {
  it('is rebuilt once when opened, so its version-1 repayments apply as the log reads them', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00 });
    const db = t.app.db();
    const disbursed = (await t.call('loans.get', { loanId }, 'officer')).events.find(
      (e) => e.type === 'LoanDisbursed',
    )!;
    const stored = {
      id: '0194e3a1-7c00-7000-8000-00000000a002',
      aggregate: 'loan',
      aggregateId: loanId,
      version: disbursed.version,
      kind: 'fact',
      type: 'RepaymentRecorded',
      schemaVersion: 1,
      payload: {
        transactionId: '0194e3a1-7c00-7000-8000-00000000b002',
        amountFen: 400000,
        valueDate: '2026-01-05',
        channel: 'bank',
        note: null,
      },
      actorId: null,
      deviceId: '0194e3a1-7c00-7000-8000-00000000c001',
      branchId: null,
      businessDate: '2026-01-05',
      requestId: null,
      occurredAt: '2026-01-05T03:00:00.000Z',
    } as const;
    // What the code of format 2 did with it: the product's default intent.
    db.transaction(() => {
      insertEvent(db, stored as never, 'pending');
      applyEvent(db, {
        ...parseEvent(stored as never),
        payload: { ...stored.payload, intent: 'installments' },
      } as never);
      db.$client.prepare("UPDATE local_state SET value_json = '2' WHERE key = 'eventlog.format'").run();
    });
    expect(verifyRebuild(db).equal).toBe(false);
    const home = t.home;
    t.app.close();
    t = await startApp({ home });
    const reopened = t.app.db();
    expect(
      reopened.$client.prepare("SELECT value_json AS v FROM local_state WHERE key = 'eventlog.format'").get(),
    ).toEqual({ v: String(EVENTLOG_FORMAT) });
    expect(
      reopened.$client
        .prepare('SELECT intent FROM loan_transactions WHERE id = ?')
        .get('0194e3a1-7c00-7000-8000-00000000b002'),
    ).toEqual({ intent: 'principal' });
    expectRebuildEqual();
  });
});
