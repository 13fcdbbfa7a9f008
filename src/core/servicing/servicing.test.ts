import fc from 'fast-check';
import { addDays } from '../dates';
import { buildSchedule } from '../schedule/index';
import { accruedInterestThrough, dailyAccruals } from './accrual';
import { allocateWaterfall, DEFAULT_ALLOCATION_ORDER, type AllocationBucket } from './allocation';
import { bucketOf, classify, classifyByDpd, CLASSIFICATIONS, portfolioAtRisk, requiredProvision } from './delinquency';
import { loanPosition, payoffQuote, type LoanContract, type LoanTransaction, type RepaymentIntent } from './position';

// 10000 yuan, 12% a year, 12 monthly annuity installments of 888.49 from 2024-02-15.
const contract: LoanContract = {
  terms: { principalFen: 1_000_000, rateAnnual: '0.12', periods: 12, method: 'annuity', startDate: '2024-01-15' },
};
const repay = (id: string, valueDate: string, amountFen: number, intent?: RepaymentIntent): LoanTransaction => ({
  id,
  type: 'repayment',
  valueDate,
  amountFen,
  ...(intent ? { intent } : {}),
});

describe('penalty interest and DPD', () => {
  it('accrues 1.5 x the contract rate per day on overdue principal (ACT/360)', () => {
    const p = loanPosition(contract, [], '2024-03-20');
    // Installment 1 (principal 788.49, due 02-15) is 34 days overdue, installment 2
    // (796.37, due 03-15) 5 days. Hand: 0.12 x 1.5 / 360 = 0.0005 a day;
    // 78849 x 34 x 0.0005 + 79637 x 5 x 0.0005 = 1340.433 + 199.0925 = 1539.5 fen -> 15.40 yuan.
    expect(p.penaltyFen).toBe(1540);
    expect(p.dpd).toBe(34);
    expect(p.bucket).toBe('M2');
    expect(p.overduePrincipalFen).toBe(78849 + 79637);
    expect(p.overdueInterestFen).toBe(10000 + 9212);
    expect(p.installments.map((i) => i.status).slice(0, 3)).toEqual(['overdue', 'overdue', 'notDue']);
  });
  it('an installment due today is due, not overdue', () => {
    const p = loanPosition(contract, [], '2024-02-15');
    expect(p.dpd).toBe(0);
    expect(p.installments[0]!.status).toBe('due');
    expect(p.penaltyFen).toBe(0);
  });
});

describe('allocation waterfall', () => {
  it('pays penalty, overdue interest, overdue principal, then current', () => {
    const p = loanPosition(contract, [repay('r1', '2024-03-20', 200000)], '2024-03-20');
    const a = p.allocations[0]!;
    expect([a.penaltyFen, a.overdueInterestFen, a.overduePrincipalFen]).toEqual([1540, 19212, 158486]);
    // 2000.00 - 15.40 - 192.12 - 1584.86 = 207.62 left: current interest 84.15, then principal 123.47
    expect([a.currentInterestFen, a.currentPrincipalFen, a.prepaymentFen, a.overpaymentFen]).toEqual([
      8415, 12347, 0, 0,
    ]);
    expect(p.dpd).toBe(0);
    expect(p.penaltyFen).toBe(0);
  });
  it('a custom order is respected', () => {
    const order: AllocationBucket[] = [
      'overduePrincipal',
      'overdueInterest',
      'penalty',
      'fees',
      'currentInterest',
      'currentPrincipal',
    ];
    const p = loanPosition({ ...contract, allocationOrder: order }, [repay('r1', '2024-03-20', 100000)], '2024-03-20');
    expect(p.allocations[0]).toMatchObject({ overduePrincipalFen: 100000, overdueInterestFen: 0, penaltyFen: 0 });
  });
  it('never creates or loses a fen', () => {
    const bucketArb = fc.integer({ min: 0, max: 1e8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5e8 }),
        fc.record({
          penalty: bucketArb,
          overdueInterest: bucketArb,
          overduePrincipal: bucketArb,
          fees: bucketArb,
          currentInterest: bucketArb,
          currentPrincipal: bucketArb,
        }),
        fc.shuffledSubarray([...DEFAULT_ALLOCATION_ORDER], { minLength: 6, maxLength: 6 }),
        (amount, dues, order) => {
          const { parts, excessFen } = allocateWaterfall(amount, dues, order);
          const total = Object.values(parts).reduce((a, b) => a + b, 0) + excessFen;
          return (
            total === amount &&
            (Object.keys(parts) as AllocationBucket[]).every((k) => parts[k] >= 0 && parts[k] <= dues[k])
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('replayed positions conserve every fen over random repayment histories', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 500 }), amountFen: fc.integer({ min: 1, max: 600000 }) }), {
          maxLength: 12,
        }),
        fc.constantFrom('shortenTerm', 'lowerInstallment'),
        fc.constantFrom('annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet'),
        (payments, mode, method) => {
          const c: LoanContract = {
            ...contract,
            terms: { ...contract.terms, method: method as 'annuity' },
            prepaymentMode: mode as 'shortenTerm',
          };
          const txs = payments.map((p, i) => repay(`r${i}`, addDays('2024-01-15', p.day), p.amountFen));
          const pos = loanPosition(c, txs, '2025-06-30');
          const paid = txs.reduce((s, t) => s + (t.type === 'repayment' ? t.amountFen : 0), 0);
          const allocated = pos.allocations.reduce(
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
          const principalPaid = pos.allocations.reduce(
            (s, a) => s + a.overduePrincipalFen + a.currentPrincipalFen + a.prepaymentFen,
            0,
          );
          return allocated === paid && principalPaid + pos.outstandingPrincipalFen === 1_000_000 && pos.penaltyFen >= 0;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('backdated repayments and reversals', () => {
  it('a backdated repayment recomputes the penalty after its value date', () => {
    const late = loanPosition(contract, [], '2024-03-10');
    expect(late.penaltyFen).toBe(Math.round(78849 * 24 * 0.0005)); // 24 days x 0.0005 = 946.19 -> 946
    // Recorded on 03-10 with value date 02-20: only 5 days of penalty (02-16..02-20).
    const backdated = loanPosition(contract, [repay('r1', '2024-02-20', 88849 + 1000)], '2024-03-10');
    expect(backdated.allocations[0]!.penaltyFen).toBe(197); // 78849 x 5 x 0.0005 = 197.12 -> 197
    expect(backdated.penaltyFen).toBe(0);
    expect(backdated.dpd).toBe(0);
  });
  it('a reversal removes the repayment from the replay', () => {
    const txs: LoanTransaction[] = [
      repay('r1', '2024-02-15', 88849),
      { id: 'x1', type: 'reversal', valueDate: '2024-02-20', reversesId: 'r1' },
    ];
    expect(loanPosition(contract, txs, '2024-02-19').dpd).toBe(0);
    const after = loanPosition(contract, txs, '2024-03-01');
    expect(after.dpd).toBe(15);
    expect(after.allocations).toHaveLength(0);
    expect(after.reversedTransactionIds).toEqual(['r1']);
  });
});

describe('prepayment and payoff', () => {
  it('shortenTerm keeps 888.49 and drops installments; lowerInstallment keeps 12 dates', () => {
    const txs = [repay('r1', '2024-02-15', 88849 + 300000, 'principal')];
    const shorter = loanPosition(contract, txs, '2024-02-15');
    expect(shorter.allocations[0]!.prepaymentFen).toBe(300000);
    expect(shorter.installments[1]!.paymentFen).toBe(88849);
    expect(shorter.installments.length).toBeLessThan(12);
    const lower = loanPosition({ ...contract, prepaymentMode: 'lowerInstallment' }, txs, '2024-02-15');
    expect(lower.installments).toHaveLength(12);
    // New balance 9211.51 - 3000 = 6211.51 over 11 months at 1%: interest 62.12
    expect(lower.installments[1]!.interestFen).toBe(6212);
    expect(lower.installments[1]!.paymentFen).toBeLessThan(88849);
  });
  it('flat loans: shortenTerm keeps the installment and drops the last ones; lowerInstallment recomputes (issue 11 item 11)', () => {
    // 等本等息 36 000.00 over 12 at 7.2%: 3 000.00 + 216.00 = 3 216.00 a month. With the first
    // installment, 10 000.00 more on 2024-02-15: balance 36 000 - 3 000 - 10 000 = 23 000.00, flat
    // interest 23 000 x 0.6% = 138.00. shortenTerm keeps 3 216.00 (principal 3 078.00): 7 more of
    // those and a last of 1 454.00 + 138.00 -- 9 installments instead of 12. (It used to lower the
    // installment to 3 000.00 + 138.00 = 3 138.00.)
    const flat: LoanContract = {
      terms: { principalFen: 3_600_000, rateAnnual: '0.072', periods: 12, method: 'flat', startDate: '2024-01-15' },
    };
    const txs = [repay('r1', '2024-02-15', 321_600 + 1_000_000, 'principal')];
    const shorter = loanPosition(flat, txs, '2024-02-15');
    expect(shorter.installments).toHaveLength(9);
    expect(shorter.installments.slice(1, 8).every((i) => i.paymentFen === 321_600 && i.interestFen === 13_800)).toBe(
      true,
    );
    expect(shorter.installments[8]).toMatchObject({ principalFen: 145_400, interestFen: 13_800 });
    // lowerInstallment keeps the 11 dates: 23 000.00 / 11 = 2 090.91 + 138.00 = 2 228.91.
    const lower = loanPosition({ ...flat, prepaymentMode: 'lowerInstallment' }, txs, '2024-02-15');
    expect(lower.installments).toHaveLength(12);
    expect(lower.installments[1]).toMatchObject({ principalFen: 209_091, interestFen: 13_800, paymentFen: 222_891 });
  });
  it('shortenTerm keeps the installment as agreed, even when the schedule was built under another rounding', () => {
    // A contract stored with its schedule rounded up to 889.00 (the rounding before the setting
    // existed) keeps 889.00 after a prepayment although the terms now round to the nearest.
    const stored = buildSchedule({ ...contract.terms, installmentMultipleFen: 100, installmentRounding: 'up' });
    const c: LoanContract = { terms: { ...contract.terms, installmentMultipleFen: 100 }, schedule: stored };
    const p = loanPosition(c, [repay('r1', '2024-02-15', 88_900 + 200_000, 'principal')], '2024-02-15');
    expect(p.installments.slice(1, -1).every((i) => i.paymentFen === 88_900)).toBe(true);
  });
  it('paying the payoff quote closes the loan with nothing left over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom('annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet'),
        (day, method) => {
          const c: LoanContract = { ...contract, terms: { ...contract.terms, method: method as 'annuity' } };
          const date = addDays('2024-01-15', day);
          const quote = payoffQuote(c, [], date);
          const pos = loanPosition(c, [repay('p', date, quote.totalFen)], date);
          return pos.closed && pos.overpaymentFen === 0 && pos.outstandingPrincipalFen === 0;
        },
      ),
      { numRuns: 200 },
    );
  });
  it('money after the loan is repaid is a payable to the customer', () => {
    const quote = payoffQuote(contract, [], '2024-01-20');
    const pos = loanPosition(contract, [repay('p', '2024-01-20', quote.totalFen + 500)], '2024-01-20');
    expect(pos.overpaymentFen).toBe(500);
    expect(pos.closed).toBe(true);
  });
  it('fees are charged and collected in the waterfall', () => {
    const txs: LoanTransaction[] = [
      { id: 'f1', type: 'fee', valueDate: '2024-02-01', amountFen: 5000 },
      repay('r1', '2024-02-10', 6000),
    ];
    const pos = loanPosition(contract, txs, '2024-02-10');
    expect(pos.allocations[0]).toMatchObject({ feesFen: 5000, currentInterestFen: 1000 });
  });
});

describe('daily accrual', () => {
  it('31 days of 100.00: 3.23 a day (3.2258), the days sum to 100.00', () => {
    const days = dailyAccruals(10000, '2024-01-15', '2024-02-15');
    expect(days).toHaveLength(31);
    expect(days[0]).toEqual({ date: '2024-01-16', amountFen: 323 });
    expect(days.reduce((s, d) => s + d.amountFen, 0)).toBe(10000);
    expect(accruedInterestThrough(10000, '2024-01-15', '2024-02-15', '2024-01-30')).toBe(4839); // 15/31 x 10000 = 4838.7
  });
  it('daily amounts always sum to the period interest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 1, max: 400 }), (interestFen, periodDays) => {
        const days = dailyAccruals(interestFen, '2024-01-01', addDays('2024-01-01', periodDays));
        return days.reduce((s, d) => s + d.amountFen, 0) === interestFen && days.every((d) => d.amountFen >= 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('classification, provisioning, PAR', () => {
  it('buckets and five tiers by DPD (DOMAIN.md defaults)', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(bucketOf)).toEqual(['M0', 'M1', 'M1', 'M2', 'M2', 'M3', 'M3', 'M4+']);
    expect([0, 1, 90, 91, 180, 181, 360, 361].map((d) => classifyByDpd(d))).toEqual([
      'normal',
      'specialMention',
      'specialMention',
      'substandard',
      'substandard',
      'doubtful',
      'doubtful',
      'loss',
    ]);
  });
  it('classification is monotone in DPD', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return CLASSIFICATIONS.indexOf(classifyByDpd(lo)) <= CLASSIFICATIONS.indexOf(classifyByDpd(hi));
      }),
      { numRuns: 2000 },
    );
  });
  it('a manual override needs a reason', () => {
    expect(() => classify(10, { classification: 'substandard', reason: ' ' })).toThrow(
      /CLASSIFICATION_OVERRIDE_REASON_REQUIRED/,
    );
    expect(classify(10, { classification: 'substandard', reason: 'borrower bankrupt' })).toMatchObject({
      classification: 'substandard',
      byDpd: 'specialMention',
      overridden: true,
    });
  });
  it('provision: general 1% of performing, specific 2/25/50/100%', () => {
    const r = requiredProvision([
      { outstandingPrincipalFen: 1_000_000, classification: 'normal' }, // 1% = 10000
      { outstandingPrincipalFen: 1_000_000, classification: 'specialMention' }, // 1% + 2% = 30000
      { outstandingPrincipalFen: 1_000_000, classification: 'substandard' }, // 25%
      { outstandingPrincipalFen: 1_000_000, classification: 'doubtful' }, // 50%
      { outstandingPrincipalFen: 1_000_000, classification: 'loss' }, // 100%
    ]);
    expect(r.byLoan.map((l) => l.totalFen)).toEqual([10000, 30000, 250000, 500000, 1_000_000]);
    expect(r.totalFen).toBe(1_790_000);
  });
  it('PAR30 and PAR90', () => {
    const r = portfolioAtRisk([
      { outstandingPrincipalFen: 600, dpd: 0 },
      { outstandingPrincipalFen: 300, dpd: 45 },
      { outstandingPrincipalFen: 100, dpd: 120 },
    ]);
    expect([r.par30, r.par90]).toEqual(['0.400000', '0.100000']);
    expect(portfolioAtRisk([]).par30).toBe('0.000000');
  });
});
