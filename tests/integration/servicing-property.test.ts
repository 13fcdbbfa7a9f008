/** Issue 11's properties, through the API on a real encrypted database: random
 *  loans (method, frequency, rate, fees, penalty multiplier, default intent,
 *  prepayment rule, red line) and random sequences of installments paid on time
 *  and early, repayments of any size (also backdated, with either intent),
 *  prepayments, payoffs and reversals, with ends of day between them. After every
 *  step: the split each repayment shows is the split the journal holds; the
 *  installment table is the replay's; a closed loan's closed-on date is the value
 *  date of the payment that closed it; no loan is paid off above the cap without
 *  an override; unpaid penalty never takes the loan's cost past the red line.
 *  Paying every installment early never makes a loan overdue. The log rebuilds
 *  equal after each sequence. */
import fc from 'fast-check';
import { demoApp, type TestApp } from '../support/app';
import {
  closeDays,
  contractOf,
  expectInstallmentsAsReplayed,
  expectSplitsAsBooked,
  openLoan,
  replayOf,
  replayTransactions,
  setDate,
  shownAllocation,
  type LoanDetail,
} from '../support/servicing';
import type { ProductConfig } from '../../src/contract/schemas/products';
import { actualCostOf, loanPosition, payoffQuote } from '../../src/core/servicing/position';
import { annualizedCostOf, DEFAULT_RED_LINE, exceedsRate, flowsExceedRate } from '../../src/core/servicing/cost';
import { scheduleUnitPeriod } from '../../src/core/apr/annualized';
import { addDays, daysBetween, maxDate } from '../../src/core/dates';
import { verifyRebuild } from '../../src/main/events/rebuild';
import { REPAYMENT_GUARD_EXTRA_FEN } from '../../src/core/rules/lending';

let t: TestApp | undefined;
/** What the runs went through (printed, to see the property is not vacuous). */
const seen = {
  runs: 0,
  steps: 0,
  repayments: 0,
  reversals: 0,
  overrides: 0,
  closed: 0,
  bounded: 0,
  penalty: 0,
  days: 0,
};
afterEach(() => t?.cleanup());

const RICH = { monthlyIncomeFen: 500_000_00 };

const loanArb = fc.record({
  method: fc.constantFrom('annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet') as fc.Arbitrary<
    ProductConfig['method']
  >,
  frequency: fc.constantFrom('monthly', 'monthly', 'biweekly') as fc.Arbitrary<ProductConfig['frequency']>,
  periods: fc.integer({ min: 3, max: 7 }),
  rate: fc.constantFrom('0.12', '0.18', '0.2'),
  fee: fc.constantFrom('0', '0', '0.01', '0.03'),
  cap: fc.constantFrom('0.24', '0.3'),
  multiplier: fc.constantFrom('1.5', '5'),
  intent: fc.constantFrom('installments', 'principal') as fc.Arbitrary<ProductConfig['repaymentIntent']>,
  mode: fc.constantFrom('shortenTerm', 'lowerInstallment') as fc.Arbitrary<ProductConfig['prepaymentMode']>,
  prepaymentFee: fc.constantFrom('0', '0', '0.02'),
  redLine: fc.constantFrom(DEFAULT_RED_LINE, '0.26', '0.22'),
  amountYuan: fc.integer({ min: 11_000, max: 40_000 }),
});
type LoanSpec = typeof loanArb extends fc.Arbitrary<infer T> ? T : never;

const opArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('eod' as const), days: fc.integer({ min: 1, max: 35 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('installment' as const), cash: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('repay' as const),
      share: fc.integer({ min: 5, max: 160 }),
      backDays: fc.integer({ min: 0, max: 20 }),
      intent: fc.constantFrom(undefined, 'installments', 'principal') as fc.Arbitrary<
        'installments' | 'principal' | undefined
      >,
      cash: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('prepay' as const), share: fc.integer({ min: 10, max: 70 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('payoff' as const), backDays: fc.integer({ min: 0, max: 15 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function productOf(spec: LoanSpec, withFee = true): Partial<ProductConfig> {
  return {
    method: spec.method,
    frequency: spec.method === 'bullet' ? 'monthly' : spec.frequency,
    minRateAnnual: '0.06',
    maxRateAnnual: '0.24',
    // A flat rate costs about twice as much a year: kept low enough to pass the cap.
    defaultRateAnnual: spec.method === 'flat' ? '0.12' : spec.rate,
    upfrontFeeRate: withFee ? spec.fee : '0',
    rateCapAnnual: spec.cap,
    penaltyMultiplier: spec.multiplier,
    repaymentIntent: spec.intent,
    prepaymentMode: spec.mode,
    prepaymentFeeRate: spec.prepaymentFee,
    minPeriods: 1,
  };
}

/** Opens the spec's loan with the red line set first; a fee that would put the
 *  annualized rate over the cap (the application is declined) is dropped. */
async function open(t: TestApp, spec: LoanSpec): Promise<string> {
  const settings = await t.call('settings.get', {}, 'admin');
  await t.call(
    'settings.update',
    { section: 'lending', value: { ...settings.lending, redLineAnnual: spec.redLine } },
    'admin',
  );
  const terms = { amountFen: spec.amountYuan * 100, periods: spec.periods, customer: RICH };
  try {
    return (await openLoan(t, { ...terms, config: productOf(spec) })).loanId;
  } catch (e) {
    if (!String(e).includes('application went declined')) throw e;
    return (await openLoan(t, { ...terms, config: productOf(spec, false) })).loanId;
  }
}

function overridesOf(detail: LoanDetail): Set<string> {
  const out = new Set<string>();
  for (const e of detail.events) {
    const p = e.payload as { transactionId?: string; capOverride?: unknown };
    if (e.type === 'RepaymentRecorded' && p.capOverride && p.transactionId) out.add(p.transactionId);
  }
  return out;
}

/** The live repayments in the order the replay applies them (value date, then as recorded). */
function replayOrder(detail: LoanDetail) {
  return detail.transactions
    .map((tx, index) => ({ tx, index }))
    .filter(({ tx }) => tx.kind === 'repayment' && !tx.reversedById)
    .sort((a, b) => (a.tx.valueDate < b.tx.valueDate ? -1 : a.tx.valueDate > b.tx.valueDate ? 1 : a.index - b.index))
    .map(({ tx }) => tx);
}

/** Everything the issue asks to hold of one loan after any step. */
async function expectLoanHolds(t: TestApp, loanId: string): Promise<void> {
  const detail = await t.call('loans.get', { loanId }, 'manager');
  seen.steps++;
  if (detail.loan.status === 'closed') seen.closed++;
  if (detail.loan.penaltyBoundOn) seen.bounded++;
  await expectSplitsAsBooked(t, detail);
  await expectInstallmentsAsReplayed(t, detail);
  const contract = contractOf(detail);
  const replay = replayOf(detail);
  const live = replayOrder(detail);
  const asOf = detail.loan.positionAsOf!;

  // The closed-on date is the value date of the first payment after which nothing
  // was owed; every payment after it is owed back to the customer whole.
  if (detail.loan.status === 'closed') {
    const closing = live.find(
      (tx, k) =>
        loanPosition(
          contract,
          live.slice(0, k + 1).map((x) => ({
            id: x.id,
            type: 'repayment' as const,
            valueDate: x.valueDate,
            amountFen: x.amountFen,
            ...(x.intent === 'installments' || x.intent === 'principal' ? { intent: x.intent } : {}),
          })),
          tx.valueDate,
        ).closed,
    );
    expect(closing, 'a payment closed the loan').toBeDefined();
    expect(detail.loan.closedOn, 'closed on the closing payment’s value date').toBe(closing!.valueDate);
    for (const tx of live.slice(live.indexOf(closing!) + 1))
      expect(shownAllocation(tx.allocationJson)!.overpaymentFen, `after the close, ${tx.id} is owed back`).toBe(
        tx.amountFen,
      );
    // No loan paid off above the cap without an override.
    const cost = actualCostOf(contract, replay);
    const actual = [
      { date: contract.terms.startDate, amountFen: -contract.schedule.netDisbursedFen },
      ...replay.allocations.map((a) => ({ date: a.valueDate, amountFen: a.amountFen - a.overpaymentFen })),
    ];
    if (flowsExceedRate(actual, cost, String(contract.rateCapAnnual ?? '0.24')))
      expect(
        live.some((tx) => overridesOf(detail).has(tx.id)),
        `closed at ${cost?.nominal.toFixed(6) ?? 'an unbounded cost'} above the cap ${contract.rateCapAnnual} without an override`,
      ).toBe(true);
  } else expect(detail.loan.closedOn).toBeNull();

  // Unpaid penalty never takes the cost of settling past the red line.
  if (detail.loan.status === 'active' && detail.loan.penaltyFen > 0) {
    seen.penalty++;
    const redLine = String(contract.redLineAnnual ?? DEFAULT_RED_LINE);
    const quote = payoffQuote(contract, replayTransactions(detail), asOf);
    const flows = [
      { date: contract.terms.startDate, amountFen: -contract.schedule.netDisbursedFen },
      ...replay.allocations.map((a) => ({ date: a.valueDate, amountFen: a.amountFen - a.overpaymentFen })),
      { date: asOf, amountFen: quote.totalFen - quote.prepaymentFeeFen },
    ];
    const cost = annualizedCostOf(flows, scheduleUnitPeriod(contract.schedule));
    expect(exceedsRate(cost, redLine), `settling on ${asOf} costs ${cost?.nominal.toFixed(6)} > ${redLine}`).toBe(
      false,
    );
  }
}

/** A minute later (each write its own instant, as at a real desk: repayments of one
 *  value date replay in the order they were recorded). */
function tick(t: TestApp): void {
  t.travel(new Date(t.clock.ms + 60_000).toISOString());
}

/** Records a repayment as the officer would; above the cap, as the manager with a
 *  reason (and the officer must have been refused). */
async function record(
  t: TestApp,
  input: {
    loanId: string;
    amountFen: number;
    valueDate: string;
    channel: 'bank' | 'cash';
    intent?: 'installments' | 'principal';
  },
): Promise<string | null> {
  const preview = await t.call(
    'repayments.preview',
    { loanId: input.loanId, amountFen: input.amountFen, valueDate: input.valueDate, intent: input.intent },
    'officer',
  );
  const full = { ...input, acceptOverpayment: input.amountFen > preview.payoffFen };
  tick(t);
  seen.repayments++;
  const first = await t.dispatch('repayments.record', full, 'officer');
  if (first.ok) {
    expect(preview.cap.exceedsCap, 'a payoff above the cap went through without an override').toBe(false);
    return (first.value as { transactionId: string }).transactionId;
  }
  if (first.error.code === 'REPAYMENT_TOO_LARGE') {
    // An installment's scheduled amount can be more than twice what now settles the
    // loan (a payoff after a reversal leaves little owed): refused as a slip, rightly.
    expect(input.amountFen).toBeGreaterThan(preview.payoffFen * 2 + REPAYMENT_GUARD_EXTRA_FEN);
    return null;
  }
  expect(first.error.code).toBe('PAYOFF_OVER_CAP');
  expect(preview.cap).toMatchObject({ closes: true, exceedsCap: true });
  const r = await t.call(
    'repayments.record',
    { ...full, capOverrideReason: '经理批准超限结清 manager approved the payoff' },
    'manager',
  );
  seen.overrides++;
  return r.transactionId;
}

async function step(t: TestApp, loanId: string, o: Op): Promise<void> {
  const detail = await t.call('loans.get', { loanId }, 'officer');
  const today = detail.businessDate;
  const active = detail.loan.status === 'active';
  const channel = (cash: boolean): 'bank' | 'cash' => (cash ? 'cash' : 'bank');
  switch (o.kind) {
    case 'eod':
      seen.days += o.days;
      await closeDays(t, o.days);
      return;
    case 'installment': {
      const next = detail.installments.find((i) => i.status !== 'paid');
      if (!active || !next) return;
      const owed = next.paymentFen - next.paidPrincipalFen - next.paidInterestFen;
      if (owed > 0)
        await record(t, {
          loanId,
          amountFen: owed,
          valueDate: today,
          channel: channel(o.cash),
          intent: 'installments',
        });
      return;
    }
    case 'repay': {
      const next = detail.installments.find((i) => i.status !== 'paid');
      if (!active || !next) return;
      const owed = next.paymentFen - next.paidPrincipalFen - next.paidInterestFen;
      const amountFen = Math.max(1, Math.round((Math.max(owed, 100_00) * o.share) / 100));
      const valueDate = maxDate(addDays(today, -o.backDays), detail.loan.disbursedOn!);
      await record(t, { loanId, amountFen, valueDate, channel: channel(o.cash), intent: o.intent });
      return;
    }
    case 'prepay': {
      if (!active) return;
      const amountFen = Math.max(1, Math.round((detail.loan.outstandingPrincipalFen * o.share) / 100));
      await record(t, { loanId, amountFen, valueDate: today, channel: 'bank', intent: 'principal' });
      return;
    }
    case 'payoff': {
      if (!active) return;
      const valueDate = maxDate(addDays(today, -o.backDays), detail.loan.disbursedOn!);
      const quote = await t.call('loans.payoffQuote', { loanId, date: valueDate }, 'officer');
      // Nothing to pay on that date: the interest paid for days not yet run, returned
      // to principal, covers what is left (a reversal can leave a loan so). No
      // payment of 0 can be recorded.
      if (quote.totalFen === 0) return;
      await record(t, { loanId, amountFen: quote.totalFen, valueDate, channel: 'bank' });
      const after = await t.call('loans.get', { loanId }, 'officer');
      // A payoff on its date leaves nothing owed and nothing over (a later payment may be).
      expect(after.loan.status, `payoff of ${quote.totalFen} on ${valueDate}`).toBe('closed');
      return;
    }
    case 'reverse': {
      const repayments = detail.transactions.filter((x) => x.kind === 'repayment' && !x.reversedById);
      if (repayments.length === 0 || detail.loan.status === 'written_off') return;
      const target = repayments[o.pick % repayments.length]!;
      tick(t);
      seen.reversals++;
      await t.call('repayments.reverse', { transactionId: target.id, reason: '随机冲正 random reversal' }, 'manager');
      return;
    }
  }
}

function expectRebuildEqual(t: TestApp): void {
  const report = verifyRebuild(t.app.db());
  expect(
    Object.entries(report.tables)
      .filter(([, c]) => c.differences > 0)
      .map(([name, c]) => `${name}: ${JSON.stringify(c.examples)}`),
  ).toEqual([]);
}

describe('servicing under random loans and operations', () => {
  it('shows the books’ split, the replay’s schedule, the closing payment’s date, and keeps the cap and the red line', async () => {
    await fc.assert(
      fc.asyncProperty(loanArb, fc.array(opArb, { minLength: 4, maxLength: 14 }), async (spec, ops) => {
        t = await demoApp('admin', 'officer', 'officer2', 'manager', 'auditor');
        try {
          setDate(t, '2026-01-05');
          seen.runs++;
          const loanId = await open(t, spec);
          await expectLoanHolds(t, loanId);
          for (const o of ops) {
            await step(t, loanId, o);
            await expectLoanHolds(t, loanId);
          }
          expectRebuildEqual(t);
          expect(await t.call('ledger.verify', {}, 'auditor')).toMatchObject({ ok: true });
        } finally {
          t.cleanup();
          t = undefined;
        }
      }),
      { numRuns: 24 },
    );
    console.log(`servicing property: ${JSON.stringify(seen)}`);
  }, 1_200_000);

  it('never makes a loan overdue when every installment is paid before its due date', async () => {
    await fc.assert(
      fc.asyncProperty(
        loanArb.filter((s) => s.method !== 'bullet'),
        fc.constantFrom('weekly', 'biweekly', 'monthly') as fc.Arbitrary<ProductConfig['frequency']>,
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 7, maxLength: 7 }),
        async (spec, frequency, earlyDays) => {
          t = await demoApp('admin', 'officer', 'officer2', 'manager', 'auditor');
          try {
            setDate(t, '2026-01-05');
            // Repayments name no intent: the product's default, paying installments.
            const loanId = await open(t, { ...spec, frequency, intent: 'installments', fee: '0' });
            const schedule = (await t.call('loans.get', { loanId }, 'officer')).installments;
            let last = '';
            for (const [k, inst] of schedule.entries()) {
              const detail = await t.call('loans.get', { loanId }, 'officer');
              // Pay on the chosen day before the due date (never before today).
              const payOn = maxDate(addDays(inst.dueDate, -earlyDays[k % earlyDays.length]!), detail.businessDate);
              if (payOn > detail.businessDate) await closeDays(t, daysBetween(detail.businessDate, payOn));
              const now = await t.call('loans.get', { loanId }, 'officer');
              expect(now.businessDate).toBe(payOn);
              expect(payOn < inst.dueDate, `${payOn} is before ${inst.dueDate}`).toBe(true);
              const row = now.installments.find((i) => i.n === inst.n)!;
              const owed = row.paymentFen - row.paidPrincipalFen - row.paidInterestFen;
              if (owed > 0) {
                await record(t, { loanId, amountFen: owed, valueDate: payOn, channel: 'bank' });
                last = payOn;
              }
              const after = await t.call('loans.get', { loanId }, 'officer');
              expect(after.loan).toMatchObject({ dpd: 0, penaltyFen: 0, overduePrincipalFen: 0 });
              await expectSplitsAsBooked(t, after);
            }
            // Past the last due date, nothing fell overdue and the loan closed on the last payment.
            await closeDays(t, 20);
            const end = await t.call('loans.get', { loanId }, 'officer');
            expect(end.loan).toMatchObject({ status: 'closed', closedOn: last, dpd: 0, penaltyFen: 0 });
            expect(end.installments.every((i) => i.status === 'paid')).toBe(true);
            expectRebuildEqual(t);
          } finally {
            t.cleanup();
            t = undefined;
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 1_200_000);
});
