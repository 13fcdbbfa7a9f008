/** The speed-up of issue 12 changed no result: every function it touched gives
 *  what the implementation before it gives (kept in ./reference), over random
 *  contracts and transaction histories (backdated repayments, reversals, fee
 *  charges, prepayments, payoffs, overdue loans, write-offs) and random inputs to
 *  the arithmetic it replaced, ties and near-ties included. */
import fc from 'fast-check';
import { Dec } from '../decimal';
import { addDays, addMonths, formatDate, fromDayNumber, toDayNumber } from '../dates';
import { yearFraction, yearFractionParts, DAY_COUNTS, type DayCount } from '../daycount';
import { roundFen, roundRatioFen } from '../money';
import { vatOf } from '../accounting/vat';
import { overdueStretches, recognize, type DatedInstallment, type RecognitionInput } from '../accounting/recognition';
import { accruedInterestThrough } from '../servicing/accrual';
import { requiredProvision, CLASSIFICATIONS, type ProvisionSettings } from '../servicing/delinquency';
import { DiscountClock } from '../servicing/cost';
import {
  earnedThrough,
  loanPosition,
  payoffQuote,
  repaymentEffect,
  type LoanContract,
  type LoanTransaction,
} from '../servicing/position';
import { DEFAULT_ALLOCATION_ORDER } from '../servicing/allocation';
import { parseRate } from '../schedule/terms';
import type { LoanTerms } from '../schedule/types';
import * as refDates from './reference/dates';
import { roundFen as refRoundFen } from './reference/money';
import { Dec as RefDec } from './reference/decimal';
import { vatOf as refVatOf } from './reference/accounting/vat';
import { overdueStretches as refOverdueStretches, recognize as refRecognize } from './reference/accounting/recognition';
import { accruedInterestThrough as refAccruedInterestThrough } from './reference/servicing/accrual';
import { requiredProvision as refRequiredProvision } from './reference/servicing/delinquency';
import { DiscountClock as RefDiscountClock } from './reference/servicing/cost';
import { parseRate as refParseRate } from './reference/schedule/terms';
import {
  loanPosition as refLoanPosition,
  payoffQuote as refPayoffQuote,
  repaymentEffect as refRepaymentEffect,
} from './reference/servicing/position';

const SEED = 20261202;

/** The value, or the error's code (or message) when it throws. */
function outcome<T>(fn: () => T): { value: T } | { error: string } {
  try {
    return { value: fn() };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { error: err.code ?? err.message ?? String(e) };
  }
}

/** A small deterministic generator (mulberry32), seeded by fast-check. */
function rngOf(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

describe('dates', () => {
  it('fromDayNumber, addDays and addMonths give the dates they gave', () => {
    for (let n = toDayNumber('1900-01-01') - 400; n <= toDayNumber('2999-12-31') + 400; n += 1)
      expect(fromDayNumber(n)).toBe(refDates.fromDayNumber(n));
    for (const n of [-800_000, -354_286, -354_285, 0, 2_932_896, 2_932_897, 3_500_000])
      expect(fromDayNumber(n)).toBe(refDates.fromDayNumber(n));
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2999-12-31') }),
        fc.integer({ min: -5000, max: 5000 }),
        fc.integer({ min: -1300, max: 1300 }),
        (n, days, months) => {
          const date = refDates.fromDayNumber(n);
          expect(addDays(date, days)).toBe(refDates.addDays(date, days));
          expect(addMonths(date, months)).toBe(refDates.addMonths(date, months));
          // Twice: the second answer is the remembered one.
          expect(addMonths(date, months)).toBe(refDates.addMonths(date, months));
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('formatDate formats any parts as before', () => {
    const parts = fc.record({
      year: fc.oneof(fc.integer({ min: -20, max: 12_000 }), fc.constantFrom(999, 1000, 9999, 10_000, 2024.5)),
      month: fc.oneof(fc.integer({ min: -2, max: 120 }), fc.constant(1.5)),
      day: fc.oneof(fc.integer({ min: -2, max: 120 }), fc.constant(9.5)),
    });
    fc.assert(
      fc.property(parts, (p) => {
        expect(formatDate(p)).toBe(refDates.formatDate(p));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

describe('rounding in integers', () => {
  it('roundFen of a number is what it was', () => {
    const values = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      fc.constantFrom(-0, 0.5, -0.5, 1.5, -2.5, 2 ** 53 - 1, -(2 ** 53 - 1)),
    );
    fc.assert(
      fc.property(values, (v) => {
        expect(outcome(() => roundFen(v))).toEqual(outcome(() => refRoundFen(v)));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(outcome(() => roundFen(2 ** 53))).toEqual(outcome(() => refRoundFen(2 ** 53)));
  });
  it('roundRatioFen is decimal.js half-up of the quotient, ties included, and declines what it cannot do exactly', () => {
    const check = (n: number, d: number) => {
      const fen = roundRatioFen(n, d);
      if (fen === undefined) {
        expect(Math.abs(n) >= 2 ** 52 || d >= 2 ** 52 || d <= 0).toBe(true);
        return;
      }
      expect(fen).toBe(refRoundFen(new RefDec(n).div(d)));
      const strict = roundRatioFen(n, d, 'undefined');
      if (strict === undefined) expect(new RefDec(n).div(d).mod(1).abs().toString()).toBe('0.5');
      else expect(strict).toBe(fen);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.integer({ min: -3, max: 2 ** 53 - 1 }),
        (n, d) => {
          check(n, d);
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
    // Exact and near ties: (2k + 1) / 2 and its neighbours, scaled.
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: -2, max: 2 }),
        (k, scale, off) => {
          check((2 * k + 1) * scale + off, 2 * scale);
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

const RATES = [
  '0.06',
  '0.03',
  '0.2',
  '0',
  '0.13',
  '0.0123456789',
  '0.999999999999999',
  '0.1234567890123456789',
  'x',
  '-0.01',
];

describe('VAT, accrual, provision, year fractions', () => {
  it('vatOf', () => {
    const gross = fc.oneof(
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
      // At 20% G x 2 / 12 is exactly halfway for G = 3 (2k + 1) (6% and 3% have no halfway).
      fc.integer({ min: -1e6, max: 1e6 }).map((k) => 3 * (2 * k + 1)),
      fc.constantFrom(0, 0.5, 2 ** 53),
    );
    fc.assert(
      fc.property(gross, fc.constantFrom(...RATES), (g, rate) => {
        expect(outcome(() => vatOf(g, rate))).toEqual(outcome(() => refVatOf(g, rate)));
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });
  it('accruedInterestThrough', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1e8, max: 1e10 }), fc.integer({ min: 0, max: 2 ** 53 - 1 })),
        fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2030-01-01') }),
        fc.integer({ min: -3, max: 400 }),
        fc.integer({ min: -10, max: 420 }),
        (interestFen, start, days, elapsed) => {
          const from = fromDayNumber(start);
          const to = fromDayNumber(start + days);
          const on = fromDayNumber(start + elapsed);
          expect(outcome(() => accruedInterestThrough(interestFen, from, to, on))).toEqual(
            outcome(() => refAccruedInterestThrough(interestFen, from, to, on)),
          );
        },
      ),
      { seed: SEED, numRuns: 5000 },
    );
  });
  it('requiredProvision', () => {
    const rate = fc.oneof(
      fc.constantFrom('0.01', '0', '0.02', '0.25', '0.5', '1', '0.0123456789012345678', '0.015'),
      fc.constantFrom(0.01, 0.333),
      fc.constant(new Dec('0.07')),
    );
    const settings = fc.record({
      generalRate: rate,
      specificRates: fc.record({
        normal: rate,
        specialMention: rate,
        substandard: rate,
        doubtful: rate,
        loss: rate,
      }),
    });
    const loans = fc.array(
      fc.record({
        outstandingPrincipalFen: fc.oneof(
          fc.integer({ min: 0, max: 1e10 }),
          fc.integer({ min: 0, max: 2 ** 53 - 1 }),
          fc.integer({ min: 0, max: 1e6 }).map((k) => 50 * (2 * k + 1)),
        ),
        classification: fc.constantFrom(...CLASSIFICATIONS),
      }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(loans, settings, (ls, s) => {
        expect(outcome(() => requiredProvision(ls, s as ProvisionSettings))).toEqual(
          outcome(() => refRequiredProvision(ls, s as ProvisionSettings)),
        );
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
  it('yearFractionParts is yearFraction as days / year days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2030-01-01') }),
        fc.integer({ min: -400, max: 800 }),
        fc.constantFrom(...DAY_COUNTS),
        (start, days, dayCount: DayCount) => {
          const from = fromDayNumber(start);
          const to = fromDayNumber(start + days);
          const parts = yearFractionParts(from, to, dayCount);
          if (dayCount === 'ACT/ACT') expect(parts).toBeUndefined();
          else expect(new Dec(parts!.days).div(parts!.yearDays).eq(yearFraction(from, to, dayCount))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });
  it('parseRate and the discount clock', () => {
    for (const rate of [...RATES, 0.12, '11', '1e-3']) {
      expect(outcome(() => parseRate(rate).toString())).toEqual(outcome(() => refParseRate(rate).toString()));
      // Parsed once and remembered: a second time the same.
      expect(outcome(() => parseRate(rate).toString())).toEqual(outcome(() => refParseRate(rate).toString()));
      const unit = { kind: 'month' as const, count: 1 };
      const clock = outcome(() => new DiscountClock('2024-01-15', unit, ['2024-02-15'], rate));
      const refClock = outcome(() => new RefDiscountClock('2024-01-15', unit, ['2024-02-15'], rate));
      expect('error' in clock ? clock : 'value').toEqual('error' in refClock ? refClock : 'value');
      if ('value' in clock && 'value' in refClock)
        for (const d of ['2024-01-15', '2024-02-01', '2024-03-15', '2026-07-31'])
          expect(clock.value.factor(d)).toBe(refClock.value.factor(d));
    }
  });
});

describe('the oldest overdue installment', () => {
  it('overdueStretches of installments in any order, paid off any time', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const g = rngOf(seed);
        const start = toDayNumber('2024-01-01') + g.int(0, 300);
        const installments: DatedInstallment[] = [];
        for (let k = g.int(0, 14); k > 0; k--) {
          const due = start + g.int(-20, 400);
          const paid = g.chance(0.6) ? due + g.int(-60, 120) : undefined;
          installments.push({
            dueDate: fromDayNumber(due),
            ...(paid !== undefined ? { paidOffDate: fromDayNumber(paid) } : {}),
          });
        }
        const from = fromDayNumber(start + g.int(-30, 30));
        const to = fromDayNumber(start + g.int(-10, 500));
        expect(overdueStretches(installments, from, to)).toEqual(refOverdueStretches(installments, from, to));
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

// ---- loans ------------------------------------------------------------------

const LOAN_RATES: readonly (string | number)[] = [
  '0.12',
  '0.18',
  '0.24',
  '0.0825',
  '0.365',
  '0',
  '0.1234567',
  '0.35999999999',
  0.15,
  '0.2',
  '0.0975',
];
const MULTIPLIERS = ['1.5', '1', '2', '1.3333333333333', '1.123456789012345678901234567'];

function randomContract(g: ReturnType<typeof rngOf>): LoanContract {
  const frequency = g.pick(['monthly', 'monthly', 'monthly', 'biweekly', 'weekly', 'days'] as const);
  const method = g.pick(['annuity', 'annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet'] as const);
  const periods = frequency === 'days' ? g.int(7, 365) : frequency === 'monthly' ? g.int(1, 36) : g.int(1, 26);
  const startDate = fromDayNumber(toDayNumber('2023-01-01') + g.int(0, 1000));
  const principalFen = g.pick([g.int(100_000, 50_000_000), g.int(1000, 99_999), 1_000_000, g.int(1e9, 1e12)]);
  const installmentCount = frequency === 'days' ? 1 : periods;
  const terms: LoanTerms = {
    principalFen,
    rateAnnual: g.pick(LOAN_RATES),
    periods,
    method,
    frequency,
    startDate,
    ...(g.chance(0.3) ? { dayCount: g.pick(DAY_COUNTS) } : {}),
    ...(g.chance(0.25) ? { interestMode: 'daily' as const } : {}),
    ...(frequency === 'monthly' && g.chance(0.3) ? { firstDueDate: addDays(startDate, g.int(10, 45)) } : {}),
    ...(installmentCount > 2 && g.chance(0.2) ? { gracePrincipalPeriods: g.int(1, installmentCount - 1) } : {}),
    ...(installmentCount > 2 && g.chance(0.15) ? { graceInterestPeriods: g.int(1, installmentCount - 1) } : {}),
    ...(g.chance(0.25) ? { installmentMultipleFen: g.pick([100, 1000, 10]) } : {}),
    ...(g.chance(0.2) ? { installmentRounding: g.pick(['nearest', 'up', 'down'] as const) } : {}),
    ...(g.chance(0.3) ? { upfrontFeeFen: Math.floor(principalFen * g.pick([0.01, 0.03, 0.005])) } : {}),
  };
  const order = [...DEFAULT_ALLOCATION_ORDER];
  if (g.chance(0.2))
    for (let i = order.length - 1; i > 0; i--) {
      const j = g.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  return {
    terms,
    ...(g.chance(0.4) ? { penaltyMultiplier: g.pick(MULTIPLIERS) } : {}),
    ...(g.chance(0.2) ? { allocationOrder: order } : {}),
    ...(g.chance(0.4) ? { prepaymentMode: g.pick(['shortenTerm', 'lowerInstallment'] as const) } : {}),
    ...(g.chance(0.4) ? { repaymentIntent: g.pick(['installments', 'principal'] as const) } : {}),
    ...(g.chance(0.3) ? { prepaymentFeeRate: g.pick(['0.02', '0.015', '0', '0.0333333333333333333']) } : {}),
    ...(g.chance(0.2) ? { redLineAnnual: g.pick(['0.36', '0.24', '0.5', '0.2']) } : {}),
    ...(g.chance(0.1) ? { rateCapAnnual: g.pick(['0.24', '0.36']) } : {}),
  };
}

/** A history: repayments of every kind (on time, late, partial, ahead, principal
 *  prepayments, exact payoffs and more), fee charges, reversals (some dated before
 *  what they reverse), in recording order with backdated value dates. */
function randomHistory(g: ReturnType<typeof rngOf>, contract: LoanContract): LoanTransaction[] {
  const start = toDayNumber(contract.terms.startDate);
  const installments = outcome(() => refLoanPosition(contract, [], contract.terms.startDate));
  const scheduled = 'value' in installments ? installments.value.installments : [];
  const span = Math.max(30, scheduled.length > 0 ? toDayNumber(scheduled.at(-1)!.dueDate) - start : 60);
  const txs: LoanTransaction[] = [];
  const count = g.pick([0, 1, 2, 3, 5, 8, 12, 20]);
  for (let i = 0; i < count; i++) {
    const kind = g.next();
    const valueDate = fromDayNumber(start + g.int(0, span + 200));
    const id = `t${i}`;
    if (kind < 0.12 && txs.length > 0) {
      const target = g.pick(txs.filter((t) => t.type !== 'reversal').map((t) => t.id));
      if (target === undefined || txs.some((t) => t.type === 'reversal' && t.reversesId === target)) continue;
      txs.push({ id, type: 'reversal', valueDate, reversesId: target });
      continue;
    }
    if (kind < 0.17) {
      txs.push({ id, type: 'fee', valueDate, amountFen: g.int(100, 50_000) });
      continue;
    }
    const inst = scheduled.length > 0 ? g.pick(scheduled) : undefined;
    let amountFen: number;
    const how = g.next();
    if (how < 0.35 && inst) amountFen = inst.paymentFen;
    else if (how < 0.5) {
      const quote = outcome(() => refPayoffQuote(contract, txs, valueDate));
      amountFen = 'value' in quote ? Math.max(1, quote.value.totalFen + g.pick([0, 0, 0, -1, 1, 100])) : 1000;
    } else if (how < 0.65) amountFen = g.int(1, 5000);
    else if (how < 0.8 && inst) amountFen = inst.paymentFen * g.int(2, 4) + g.int(0, 999);
    else amountFen = g.int(1, Math.max(2, contract.terms.principalFen));
    const intent = g.chance(0.3) ? g.pick(['installments', 'principal'] as const) : undefined;
    txs.push({ id, type: 'repayment', valueDate, amountFen, ...(intent ? { intent } : {}) });
  }
  return txs;
}

function asOfDates(g: ReturnType<typeof rngOf>, contract: LoanContract, txs: readonly LoanTransaction[]): string[] {
  const start = toDayNumber(contract.terms.startDate);
  const dates = new Set<string>([contract.terms.startDate]);
  for (let k = 0; k < 4; k++) dates.add(fromDayNumber(start + g.int(0, 1400)));
  for (const t of txs) if (g.chance(0.3)) dates.add(t.valueDate);
  return [...dates];
}

describe('loans replayed', () => {
  it('loanPosition, earnedThrough, payoffQuote and repaymentEffect are what they were', () => {
    let positions = 0;
    let withPenalty = 0;
    let settled = 0;
    let prepaid = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const g = rngOf(seed);
        const contract = randomContract(g);
        const txs = randomHistory(g, contract);
        for (const asOf of asOfDates(g, contract, txs)) {
          const before = outcome(() => refLoanPosition(contract, txs, asOf));
          const after = outcome(() => loanPosition(contract, txs, asOf));
          expect(after).toEqual(before);
          if ('value' in before) {
            positions++;
            if (before.value.penaltyAccruedFen > 0) withPenalty++;
            if (before.value.allocations.some((a) => a.settled)) settled++;
            if (before.value.prepaidPrincipalFen > 0) prepaid++;
            expect(earnedThrough(contract, txs, asOf)).toEqual({
              interestFen: before.value.interestEarnedFen,
              penaltyFen: before.value.penaltyAccruedFen,
            });
          } else expect(outcome(() => earnedThrough(contract, txs, asOf))).toEqual(before);
          if (g.chance(0.3))
            expect(outcome(() => payoffQuote(contract, txs, asOf))).toEqual(
              outcome(() => refPayoffQuote(contract, txs, asOf)),
            );
          if (g.chance(0.15)) {
            const repayment = {
              id: 'new',
              type: 'repayment' as const,
              valueDate: asOf,
              amountFen: g.int(1, contract.terms.principalFen * 2),
            };
            expect(outcome(() => repaymentEffect(contract, txs, repayment, asOf))).toEqual(
              outcome(() => refRepaymentEffect(contract, txs, repayment, asOf)),
            );
          }
        }
      }),
      { seed: SEED, numRuns: 600 },
    );
    // The histories reach the paths that matter.
    expect(positions).toBeGreaterThan(1000);
    expect(withPenalty).toBeGreaterThan(100);
    expect(settled).toBeGreaterThan(50);
    expect(prepaid).toBeGreaterThan(50);
  });

  it('recognize on those loans (VAT deferral, exemption, non-accrual, write-off) is what it was', () => {
    let chunked = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const g = rngOf(seed);
        const contract = randomContract(g);
        const txs = randomHistory(g, contract);
        const asOf = fromDayNumber(toDayNumber(contract.terms.startDate) + g.int(0, 1400));
        const before = outcome(() => refLoanPosition(contract, txs, asOf));
        if (!('value' in before)) return;
        const position = before.value;
        let interestPaid = 0;
        let penaltyPaid = 0;
        let feesPaid = 0;
        for (const a of position.allocations) {
          interestPaid += a.overdueInterestFen + a.currentInterestFen;
          penaltyPaid += a.penaltyFen;
          feesPaid += a.feesFen;
        }
        const input: Omit<RecognitionInput, 'earnedThrough'> = {
          from: contract.terms.startDate,
          asOf,
          installments: position.installments,
          interest: {
            paidFen: interestPaid,
            receivableFen: position.accruedInterestFen,
            earnedFen: position.interestEarnedFen,
            advanceFen: position.interestAdvanceFen,
          },
          penalty: {
            paidFen: penaltyPaid,
            receivableFen: position.penaltyFen,
            earnedFen: position.penaltyAccruedFen,
            advanceFen: 0,
          },
          feesReceivedFen: feesPaid,
          writtenOff: g.chance(0.15),
          nonAccrualDpd: g.pick([90, 90, 30, null]),
          vat: {
            rate: g.pick(['0.06', '0.03', '0', '0.0123456789']),
            deferral: g.chance(0.8),
            exemptThrough: g.chance(0.2) ? fromDayNumber(toDayNumber(asOf) - g.int(-200, 400)) : null,
          },
        };
        let calls = 0;
        const expected = refRecognize({
          ...input,
          earnedThrough: (day) => {
            calls++;
            const p = refLoanPosition(contract, txs, day);
            return { interestFen: p.interestEarnedFen, penaltyFen: p.penaltyAccruedFen };
          },
        });
        if (calls > 0) chunked++;
        expect(recognize({ ...input, earnedThrough: (day) => earnedThrough(contract, txs, day) })).toEqual(expected);
      }),
      { seed: SEED, numRuns: 600 },
    );
    expect(chunked).toBeGreaterThan(30);
  });
});
