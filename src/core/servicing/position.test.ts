import fc from 'fast-check';
import { actuarialRate, type DatedFlow } from '../apr/actuarial';
import { scheduleUnitPeriod } from '../apr/annualized';
import { addDays, type BusinessDate } from '../dates';
import { buildSchedule } from '../schedule/index';
import type { LoanTerms } from '../schedule/types';
import {
  actualCostOf,
  loanPosition,
  payoffQuote,
  repaymentEffect,
  type LoanContract,
  type LoanPosition,
  type LoanTransaction,
  type RepaymentIntent,
} from './position';

// 10000 yuan, 12% a year, 12 monthly annuity installments of 888.49 from 2024-02-15.
const annuity: LoanContract = {
  terms: { principalFen: 1_000_000, rateAnnual: '0.12', periods: 12, method: 'annuity', startDate: '2024-01-15' },
};
const repay = (id: string, valueDate: string, amountFen: number, intent?: RepaymentIntent): LoanTransaction => ({
  id,
  type: 'repayment',
  valueDate,
  amountFen,
  ...(intent ? { intent } : {}),
});

describe('payoff and prepayment interest by actual days (issue 11 item 8)', () => {
  // 255 000.00 bullet at 13.8% for two months from 2024-01-15: 5 865.00 interest at maturity.
  const bullet: LoanContract = {
    terms: { principalFen: 25_500_000, rateAnnual: '0.138', periods: 2, method: 'bullet', startDate: '2024-01-15' },
  };
  it('a bullet loan repaid after 5 days pays 5 days of interest, not the whole term', () => {
    expect(buildSchedule(bullet.terms).installments[0]!.interestFen).toBe(586_500);
    // 255 000 x 13.8% x 5 / 360 (ACT/360) = 488.75. The whole term's 5 865.00 after 5 days was
    // 5865 / 255000 x 365 / 5 = 168% a year.
    const q = payoffQuote(bullet, [], '2024-01-20');
    expect(q).toMatchObject({ currentInterestFen: 48_875, principalFen: 25_500_000, totalFen: 25_548_875 });
    // Actual cash flows -255 000 then 255 488.75 five days later: in months of 30 days (the loan's
    // unit period) i = 488.75 / 255000 / (5/30) a month, x 12 = 13.8%: exactly the contract rate.
    expect(q.annualizedCost!.nominal).toBe('0.13800000');
    expect(q.exceedsCap).toBe(false);
    const p = loanPosition(bullet, [repay('p', '2024-01-20', q.totalFen)], '2024-01-20');
    expect(p.closed).toBe(true);
    expect(p.overpaymentFen).toBe(0);
  });
  it('a partial prepayment on a bullet loan pays interest to date; the rest of the term accrues on the rest', () => {
    // 100 000.00 on day 10: interest 255 000 x 13.8% x 10/360 = 977.50, principal 99 022.50.
    const p = loanPosition(bullet, [repay('r', '2024-01-25', 10_000_000)], '2024-01-25');
    expect(p.allocations[0]).toMatchObject({ currentInterestFen: 97_750, currentPrincipalFen: 9_902_250 });
    // At maturity: 977.50 + (5 865.00 - 977.50) x 155 977.50 / 255 000 = 977.50 + 2 989.57 = 3 967.07.
    expect(p.installments[0]).toMatchObject({ interestFen: 396_707, paidInterestFen: 97_750 });
    expect(p.outstandingPrincipalFen).toBe(15_597_750);
  });
  it('an annuity paid off 5 days after disbursement pays 16.67 of interest (was a whole month, 100.00)', () => {
    // 10 000 x 12% x 5 / 360 = 16.666... -> 16.67
    expect(payoffQuote(annuity, [], '2024-01-20')).toMatchObject({ currentInterestFen: 1667, totalFen: 1_001_667 });
    // On a due date the installment's interest is due in full.
    expect(payoffQuote(annuity, [], '2024-02-15')).toMatchObject({ currentInterestFen: 10_000, totalFen: 1_010_000 });
  });
  it('interest paid for days a payoff does not run is returned to principal', () => {
    // Installment 1 on 02-10, installment 2 paid ahead on 02-12, payoff on 02-20. Installment 2's
    // period (02-15 .. 03-15, balance 9 211.51) has run 5 days: 9211.51 x 12% x 5/360 = 15.35 of the
    // 92.12 paid; 76.77 goes back to principal. Principal left 10000 - 788.49 - 796.37 = 8 415.14.
    const txs = [repay('a', '2024-02-10', 88_849), repay('b', '2024-02-12', 88_849)];
    const q = payoffQuote(annuity, txs, '2024-02-20');
    expect(q).toMatchObject({ interestRefundFen: 7_677, currentInterestFen: 0, principalFen: 841_514 });
    expect(q.totalFen).toBe(833_837);
    const p = loanPosition(annuity, [...txs, repay('c', '2024-02-20', q.totalFen)], '2024-02-20');
    expect(p.closed).toBe(true);
    expect(p.overpaymentFen).toBe(0);
    expect(p.allocations[1]).toMatchObject({ currentInterestFen: 1_535, refundedInterestFen: 7_677 });
    expect(p.allocations[2]!.settled).toBe(true);
  });
  it('a disclosed prepayment fee is charged on the principal repaid ahead of its installments', () => {
    const withFee: LoanContract = { ...annuity, prepaymentFeeRate: '0.02' };
    // Payoff on 02-15: installment 1 is due (100.00 interest, 788.49 principal); the other
    // 9 211.51 is repaid ahead: fee 2% = 184.23. Total 10 000 + 100 + 184.23.
    expect(payoffQuote(withFee, [], '2024-02-15')).toMatchObject({ prepaymentFeeFen: 18_423, totalFen: 1_028_423 });
    // Prepaying 2 000.00 of principal after the installment: p + 2% p <= 2000 -> p = 1 960.78, fee 39.22.
    const p = loanPosition(withFee, [repay('r', '2024-02-15', 88_849 + 200_000, 'principal')], '2024-02-15');
    expect(p.allocations[0]).toMatchObject({ prepaymentFen: 196_078, prepaymentFeeFen: 3_922, feesFen: 3_922 });
    // No fee by default (stored contracts without the setting).
    expect(payoffQuote(annuity, [], '2024-02-15').prepaymentFeeFen).toBe(0);
  });
  it('the payoff quote gives the annualized cost of the actual cash flows and flags one above the cap', () => {
    // 2% upfront fee: the borrower receives 9 800.00. Paid off after 10 days with
    // 10 000 x 12% x 10/360 = 33.33 interest: 9800 (1 + i x 10/30) = 10 033.33 -> i = 7.1429% a month,
    // nominal 85.71% a year.
    const fee: LoanContract = { terms: { ...annuity.terms, upfrontFeeFen: 20_000 } };
    const q = payoffQuote(fee, [], '2024-01-25');
    expect(q.totalFen).toBe(1_003_333);
    expect(Number(q.annualizedCost!.nominal)).toBeCloseTo((1_003_333 / 980_000 - 1) * 3 * 12, 6);
    expect(q.exceedsCap).toBe(true);
    // The largest total within 24%: 9800 x (1 + 2% x 10/30) = 9 865.33.
    expect(q.maxTotalWithinCapFen).toBe(986_533);
    expect(payoffQuote(fee, [], '2024-01-25', { rateCapAnnual: '0.9' }).exceedsCap).toBe(false);
    // Repaid on schedule, the actual cost is the annualized rate itself (12.00%).
    const onTime = buildSchedule(annuity.terms)
      .installments.slice(0, 11)
      .map((i) => repay(`r${i.n}`, i.dueDate, i.paymentFen));
    const last = payoffQuote(annuity, onTime, '2025-01-15');
    expect(Math.abs(Number(last.annualizedCost!.nominal) - 0.12)).toBeLessThan(1e-5); // the last installment's rounding
  });
});

describe('paying ahead (issue 11 item 9)', () => {
  it('a second payment in the same period pays the next installment in advance, so it never falls overdue', () => {
    const txs = [repay('a', '2024-02-10', 88_849), repay('b', '2024-02-12', 88_849)];
    const p = loanPosition(annuity, txs, '2024-03-20');
    expect(p.allocations[1]).toMatchObject({ paidAheadFen: 88_849, currentInterestFen: 9_212, prepaymentFen: 0 });
    expect(p.installments[1]).toMatchObject({ status: 'paid', paidOffDate: '2024-02-12' });
    expect([p.dpd, p.penaltyFen, p.overduePrincipalFen]).toEqual([0, 0, 0]);
    // On 02-13 both installments 1 (due 02-15) and 2 are paid ahead.
    expect(loanPosition(annuity, txs, '2024-02-13').paidAheadFen).toBe(2 * 88_849);
    // The old behaviour, as the officer's "prepay principal": installment 2 is still due on 03-15.
    const asPrincipal = [repay('a', '2024-02-10', 88_849), repay('b', '2024-02-12', 88_849, 'principal')];
    const q = loanPosition(annuity, asPrincipal, '2024-03-20');
    expect(q.allocations[1]!.prepaymentFen).toBeGreaterThan(0);
    expect(q.dpd).toBe(5);
    // A product whose default is "prepay principal" behaves the same without a per-payment intent.
    const byDefault = [repay('a', '2024-02-10', 88_849, 'installments'), repay('b', '2024-02-12', 88_849)];
    expect(loanPosition({ ...annuity, repaymentIntent: 'principal' }, byDefault, '2024-03-20').dpd).toBe(5);
  });
  it('three installments paid on one day count as paid when each falls due', () => {
    const p = loanPosition(annuity, [repay('a', '2024-02-01', 3 * 88_849)], '2024-05-01');
    expect(p.installments.slice(0, 4).map((i) => i.status)).toEqual(['paid', 'paid', 'paid', 'notDue']);
    expect(p.dpd).toBe(0);
  });
});

describe('penalty bounded by the red line (issue 11 item 10)', () => {
  const costOf = (contract: LoanContract, txs: LoanTransaction[], date: BusinessDate, p: LoanPosition): number => {
    const schedule = contract.schedule ?? buildSchedule(contract.terms);
    const q = payoffQuote(contract, txs, date);
    const flows: DatedFlow[] = [
      { date: contract.terms.startDate, amountFen: -schedule.netDisbursedFen },
      ...p.allocations.map((a) => ({ date: a.valueDate, amountFen: a.amountFen - a.overpaymentFen })),
      { date, amountFen: q.totalFen - q.prepaymentFeeFen },
    ];
    return actuarialRate(flows, scheduleUnitPeriod(schedule)).nominal.toNumber();
  };
  const steep: LoanContract = { ...annuity, terms: { ...annuity.terms, rateAnnual: '0.24' }, penaltyMultiplier: '5' };
  it('penalty stops where the total cost on the actual cash flows reaches 36%, and the loan says so', () => {
    const unbounded = loanPosition(steep, [], '2024-06-15', { redLineAnnual: '100' });
    const p = loanPosition(steep, [], '2024-06-15');
    expect(unbounded.penaltyBounded).toBe(false);
    expect(p.penaltyBounded).toBe(true);
    expect(p.penaltyBoundReachedOn! <= '2024-06-15').toBe(true);
    // 0.24 x 5 = 120% a year on overdue principal: 773.44 by the formula, 744.87 within the line.
    expect([unbounded.penaltyFen, p.penaltyFen, p.penaltyForgoneFen]).toEqual([77_344, 74_487, 2_857]);
    const cost = costOf(steep, [], '2024-06-15', p);
    expect(cost).toBeLessThanOrEqual(0.36 + 1e-9);
    expect(cost).toBeGreaterThan(0.359);
    // A lower red line (a setting) bounds it sooner.
    expect(loanPosition(steep, [], '2024-06-15', { redLineAnnual: '0.30' }).penaltyFen).toBeLessThan(p.penaltyFen);
  });
  it('the default product (12%, 1.5x) stays below the red line, so its penalty is not cut', () => {
    const p = loanPosition(annuity, [], '2026-01-15');
    expect(p.penaltyBounded).toBe(false);
    expect(p.penaltyFen).toBe(loanPosition(annuity, [], '2026-01-15', { redLineAnnual: '100' }).penaltyFen);
  });
});

// ---- properties over random loans and random histories ------------------------------------------

const termsArb: fc.Arbitrary<LoanTerms> = fc
  .record({
    principalFen: fc.integer({ min: 100_000, max: 50_000_000 }),
    rateBp: fc.integer({ min: 0, max: 2400 }),
    periods: fc.integer({ min: 1, max: 24 }),
    method: fc.constantFrom('annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet'),
    frequency: fc.constantFrom('monthly', 'monthly', 'monthly', 'biweekly', 'days'),
    dayCount: fc.constantFrom('ACT/360', 'ACT/365', '30/360', 'ACT/ACT'),
    interestMode: fc.constantFrom('period', 'daily'),
    gi: fc.integer({ min: 0, max: 2 }),
    multiple: fc.constantFrom(0, 0, 100),
    feePermille: fc.constantFrom(0, 0, 10, 30),
  })
  .map((r) => {
    const installments = r.frequency === 'days' ? 1 : r.periods;
    return {
      principalFen: r.principalFen,
      rateAnnual: (r.rateBp / 10000).toString(),
      periods: r.frequency === 'days' ? r.periods * 10 : r.periods,
      method: r.method as LoanTerms['method'],
      frequency: r.frequency as LoanTerms['frequency'],
      startDate: '2024-01-15',
      dayCount: r.dayCount as LoanTerms['dayCount'],
      interestMode: r.interestMode as LoanTerms['interestMode'],
      graceInterestPeriods: Math.min(r.gi, installments - 1),
      installmentMultipleFen: r.multiple,
      upfrontFeeFen: Math.floor((r.principalFen * r.feePermille) / 1000),
    };
  });

const contractArb: fc.Arbitrary<LoanContract> = fc.record({
  terms: termsArb,
  prepaymentMode: fc.constantFrom('shortenTerm' as const, 'lowerInstallment' as const),
  penaltyMultiplier: fc.constantFrom('1.5', '1.5', '3', '8'),
  prepaymentFeeRate: fc.constantFrom('0', '0', '0.02'),
  repaymentIntent: fc.constantFrom('installments' as const, 'installments' as const, 'principal' as const),
});

/** Random histories: repayments early, on time and late (a fraction or a multiple of an
 *  installment), some as "prepay principal", given out of value-date order (backdated), and
 *  reversals of earlier repayments. */
function historyArb(): fc.Arbitrary<{ day: number; share: number; intent?: RepaymentIntent; reverse?: number }[]> {
  return fc.array(
    fc.record({
      day: fc.integer({ min: 0, max: 420 }),
      share: fc.integer({ min: 5, max: 300 }),
      intent: fc.option(fc.constantFrom<RepaymentIntent>('installments', 'principal'), { nil: undefined }),
      reverse: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined, freq: 6 }),
    }),
    { maxLength: 10 },
  );
}

function transactionsOf(
  contract: LoanContract,
  steps: { day: number; share: number; intent?: RepaymentIntent; reverse?: number }[],
): LoanTransaction[] {
  const installment = Math.max(100, buildSchedule(contract.terms).installments.at(-1)!.paymentFen);
  const txs: LoanTransaction[] = [];
  steps.forEach((s, i) => {
    const valueDate = addDays(contract.terms.startDate, s.day);
    if (s.reverse !== undefined) {
      const targets = txs.filter((t) => t.type === 'repayment' && t.valueDate <= valueDate);
      const target = targets[s.reverse % Math.max(1, targets.length)];
      if (target && !txs.some((t) => t.type === 'reversal' && t.reversesId === target.id))
        txs.push({ id: `x${i}`, type: 'reversal', valueDate, reversesId: target.id });
      return;
    }
    const amountFen = Math.max(1, Math.round((installment * s.share) / 100));
    txs.push(repay(`r${i}`, valueDate, amountFen, s.intent));
  });
  return txs;
}

describe('replay properties (issue 11)', () => {
  it('conserves every fen and every fen of principal, and paying the payoff quote closes the loan', () => {
    fc.assert(
      fc.property(contractArb, historyArb(), fc.integer({ min: 1, max: 500 }), (contract, steps, quoteDay) => {
        const txs = transactionsOf(contract, steps);
        const date = addDays(contract.terms.startDate, quoteDay);
        const before = loanPosition(contract, txs, date);
        const paid = before.allocations.reduce((s, a) => s + a.amountFen, 0);
        const split = before.allocations.reduce(
          (s, a) =>
            s +
            a.penaltyFen +
            a.overdueInterestFen +
            a.overduePrincipalFen +
            a.feesFen +
            a.currentInterestFen +
            a.currentPrincipalFen +
            a.prepaymentFen +
            a.overpaymentFen,
          0,
        );
        const principalPaid = before.allocations.reduce(
          (s, a) => s + a.overduePrincipalFen + a.currentPrincipalFen + a.prepaymentFen,
          0,
        );
        if (split !== paid || principalPaid + before.outstandingPrincipalFen !== contract.terms.principalFen)
          return false;
        if (before.allocations.some((a) => Object.values(a).some((v) => typeof v === 'number' && v < 0))) return false;
        if (before.closed) return true;
        const quote = payoffQuote(contract, txs, date);
        const parts =
          quote.penaltyFen +
          quote.feesFen +
          quote.overdueInterestFen +
          quote.currentInterestFen +
          quote.principalFen -
          quote.interestRefundFen +
          quote.prepaymentFeeFen;
        if (parts !== quote.totalFen || quote.principalFen !== before.outstandingPrincipalFen) return false;
        const after = loanPosition(contract, [...txs, repay('payoff', date, quote.totalFen, 'principal')], date);
        const last = after.allocations.find((a) => a.transactionId === 'payoff')!;
        return after.closed && after.outstandingPrincipalFen === 0 && last.overpaymentFen === 0 && last.settled;
      }),
      { numRuns: 300 },
    );
  });

  it('interest paid + receivable - paid in advance = earned, on every date (the books post it so)', () => {
    fc.assert(
      fc.property(contractArb, historyArb(), fc.integer({ min: 0, max: 500 }), (contract, steps, day) => {
        const txs = transactionsOf(contract, steps);
        const p = loanPosition(contract, txs, addDays(contract.terms.startDate, day));
        const paid = p.allocations.reduce((s, a) => s + a.overdueInterestFen + a.currentInterestFen, 0);
        return (
          p.interestAdvanceFen >= 0 &&
          p.interestEarnedFen >= 0 &&
          paid + p.accruedInterestFen - p.interestAdvanceFen === p.interestEarnedFen &&
          p.penaltyAccruedFen === p.penaltyFen + p.allocations.reduce((s, a) => s + a.penaltyFen, 0)
        );
      }),
      { numRuns: 400 },
    );
  });

  it('paying every installment early never produces DPD or penalty', () => {
    fc.assert(
      fc.property(
        contractArb,
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 24, maxLength: 24 }),
        fc.integer({ min: 0, max: 800 }),
        (contract, early, asOfDay) => {
          const c = { ...contract, repaymentIntent: 'installments' as const };
          const schedule = buildSchedule(c.terms);
          const txs = schedule.installments
            .filter((i) => i.paymentFen > 0)
            .map((i) => {
              const d = addDays(i.dueDate, -early[(i.n - 1) % early.length]!);
              return repay(`r${i.n}`, d < c.terms.startDate ? c.terms.startDate : d, i.paymentFen);
            });
          const p = loanPosition(c, txs, addDays(c.terms.startDate, asOfDay));
          return p.dpd === 0 && p.penaltyFen === 0 && p.overduePrincipalFen === 0;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no payoff costs more than the cap without being flagged, and the within-cap total stays within it', () => {
    fc.assert(
      fc.property(contractArb, historyArb(), fc.integer({ min: 1, max: 400 }), (contract, steps, quoteDay) => {
        const txs = transactionsOf(contract, steps);
        const date = addDays(contract.terms.startDate, quoteDay);
        const p = loanPosition(contract, txs, date);
        if (p.closed) return true;
        const schedule = buildSchedule(contract.terms);
        const q = payoffQuote(contract, txs, date);
        const flowsWith = (totalFen: number): DatedFlow[] => [
          { date: contract.terms.startDate, amountFen: -schedule.netDisbursedFen },
          ...p.allocations.map((a) => ({ date: a.valueDate, amountFen: a.amountFen - a.overpaymentFen })),
          { date, amountFen: totalFen },
        ];
        const unit = scheduleUnitPeriod(schedule);
        const cost = (totalFen: number): number | null => {
          try {
            return actuarialRate(flowsWith(totalFen), unit).nominal.toNumber();
          } catch {
            return null;
          }
        };
        const actual = cost(q.totalFen);
        if (actual === null) return q.annualizedCost === null && !q.exceedsCap;
        if (actual > 0.24 + 1e-7 && !q.exceedsCap) return false;
        if (q.exceedsCap && actual <= 0.24 - 1e-7) return false;
        // Within the cap at the within-cap total, unless even paying nothing more is above it.
        const within = cost(q.maxTotalWithinCapFen);
        return within === null || within <= 0.24 + 1e-7 || q.maxTotalWithinCapFen === 0;
      }),
      { numRuns: 300 },
    );
  });

  it('penalty stops at the bound: the total cost never passes the red line, and never exceeds the formula', () => {
    fc.assert(
      fc.property(contractArb, historyArb(), fc.integer({ min: 30, max: 1500 }), (contract, steps, asOfDay) => {
        const txs = transactionsOf(contract, steps);
        const date = addDays(contract.terms.startDate, asOfDay);
        const p = loanPosition(contract, txs, date);
        const free = loanPosition(contract, txs, date, { redLineAnnual: '1000' });
        if (p.penaltyAccruedFen > free.penaltyAccruedFen) return false;
        if (p.penaltyFen === 0 || p.closed) return true;
        const schedule = buildSchedule(contract.terms);
        const q = payoffQuote(contract, txs, date);
        const flows: DatedFlow[] = [
          { date: contract.terms.startDate, amountFen: -schedule.netDisbursedFen },
          ...p.allocations.map((a) => ({ date: a.valueDate, amountFen: a.amountFen - a.overpaymentFen })),
          { date, amountFen: q.totalFen - q.prepaymentFeeFen },
        ];
        const cost = actuarialRate(flows, scheduleUnitPeriod(schedule)).nominal.toNumber();
        // The penalty can only bring the cost up to the line, not past it (without penalty the cost
        // may already be above it: then no penalty is charged beyond what was paid).
        return cost <= 0.36 + 1e-7 || p.penaltyFen === 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('the closing payment and the cost of a payoff (issue 11 items 8, 12)', () => {
  const paid = (id: string, valueDate: string, amountFen: number) => ({
    id,
    type: 'repayment' as const,
    valueDate,
    amountFen,
  });
  it('names the repayment after which nothing was owed, also when a later one was recorded first', () => {
    // 1 000.00 on 03-05 recorded first; then the payoff of 02-20 booked later with that value date.
    const payoff = payoffQuote(annuity, [], '2024-02-20').totalFen;
    const p = loanPosition(
      annuity,
      [repay('later', '2024-03-05', 100_000), repay('payoff', '2024-02-20', payoff)],
      '2024-03-10',
    );
    expect(p.closed).toBe(true);
    expect(p.closedBy).toEqual({ transactionId: 'payoff', valueDate: '2024-02-20' });
    expect(p.allocations.find((a) => a.transactionId === 'later')).toMatchObject({ overpaymentFen: 100_000 });
    // Installments paid one by one: the last one closes it, on its date.
    const schedule = buildSchedule(annuity.terms).installments;
    const all = schedule.map((i) => repay(`i${i.n}`, i.dueDate, i.paymentFen));
    expect(loanPosition(annuity, all, '2025-02-01').closedBy).toEqual({
      transactionId: 'i12',
      valueDate: '2025-01-15',
    });
    // Open loans, and loans reopened by a reversal, have none.
    expect(loanPosition(annuity, all.slice(0, 11), '2025-02-01').closedBy).toBeUndefined();
    const reversed = [...all, { id: 'r', type: 'reversal' as const, valueDate: '2025-01-15', reversesId: 'i12' }];
    expect(loanPosition(annuity, reversed, '2025-02-01')).toMatchObject({ closed: false });
    expect(loanPosition(annuity, reversed, '2025-02-01').closedBy).toBeUndefined();
  });

  it('checks a repayment that closes the loan against the cap on its actual cash flows', () => {
    // 2 % upfront fee: 9 800.00 received; the payoff 10 days later costs 85.71 % a year.
    const fee: LoanContract = { terms: { ...annuity.terms, upfrontFeeFen: 20_000 } };
    const quote = payoffQuote(fee, [], '2024-01-25');
    const effect = repaymentEffect(fee, [], paid('p', '2024-01-25', quote.totalFen), '2024-01-25');
    expect(effect.cap).toEqual({
      closes: true,
      annualizedCost: quote.annualizedCost!.nominal,
      rateCapAnnual: '0.24',
      exceedsCap: true,
      payoffFen: quote.totalFen,
      maxTotalWithinCapFen: quote.maxTotalWithinCapFen,
    });
    expect(actualCostOf(fee, effect.position)!.nominal.toFixed(8)).toBe(quote.annualizedCost!.nominal);
    expect(effect.allocation).toMatchObject({ settled: true, amountFen: quote.totalFen });
    // Paid off on the disbursement day: no rate can be solved, the cost is unbounded.
    const sameDay = payoffQuote(fee, [], '2024-01-15');
    expect(sameDay).toMatchObject({ totalFen: 1_000_000, annualizedCost: null, exceedsCap: true });
    expect(repaymentEffect(fee, [], paid('s', '2024-01-15', 1_000_000), '2024-01-15').cap).toMatchObject({
      closes: true,
      annualizedCost: null,
      exceedsCap: true,
    });
    // Without a fee nothing was charged for the day: no cost, nothing to refuse.
    expect(payoffQuote(annuity, [], '2024-01-15')).toMatchObject({ totalFen: 1_000_000, exceedsCap: false });
    // A part payment leaves the loan open: nothing to check.
    const part = repaymentEffect(fee, [], paid('q', '2024-01-25', quote.maxTotalWithinCapFen), '2024-01-25');
    expect(part.cap).toMatchObject({ closes: false, exceedsCap: false, annualizedCost: null });
    // Paid on schedule the loan costs its annualized rate, within the cap.
    const schedule = buildSchedule(annuity.terms).installments;
    const txs = schedule.slice(0, 11).map((i) => repay(`i${i.n}`, i.dueDate, i.paymentFen));
    const last = repaymentEffect(
      annuity,
      txs,
      paid('i12', schedule[11]!.dueDate, schedule[11]!.paymentFen),
      '2025-01-15',
    );
    expect(last.cap).toMatchObject({ closes: true, exceedsCap: false });
    expect(Number(last.cap.annualizedCost)).toBeCloseTo(0.12, 5);
  });
});
