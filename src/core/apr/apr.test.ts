import fc from 'fast-check';
import { addDays, addMonths } from '../dates';
import { DomainError } from '../errors';
import { actuarialRate, actuarialTimedFlows, xirr, type DatedFlow } from './actuarial';
import { annualizedRate } from './annualized';
import { irr, npvAt, solveIrr } from './irr';
import { checkRateCap } from './ratecap';
import { inferUnitPeriod } from './unitPeriod';

const pct2 = (x: { nominal: { times: (n: number) => { toFixed: (d: number) => string } } }): string =>
  x.nominal.times(100).toFixed(2);
function series(
  advanceDate: string,
  advanceFen: number,
  paymentFen: number,
  count: number,
  first: string,
  step: (d: string, k: number) => string,
): DatedFlow[] {
  return [
    { date: advanceDate, amountFen: -advanceFen },
    ...Array.from({ length: count }, (_, k) => ({ date: step(first, k), amountFen: paymentFen })),
  ];
}
const months = (m: number) => (d: string, k: number) => addMonths(d, k * m);
const days = (n: number) => (d: string, k: number) => addDays(d, k * n);

// Source for every expected APR below: 12 CFR 1026 Appendix J, paragraph (c), "Examples for
// the actuarial method" (the regulation's own worked examples, published to two decimals).
describe('Regulation Z Appendix J examples (actuarial method)', () => {
  it('(c)(1)(i) monthly, regular first period: 5000 advanced 1978-01-10, 24 x 230.00 from 02-10 -> 9.69%', () => {
    expect(pct2(actuarialRate(series('1978-01-10', 500000, 23000, 24, '1978-02-10', months(1))))).toBe('9.69');
  });
  it('(c)(1)(ii) monthly, long first period: 6000 on 1978-02-10, 36 x 200.00 from 04-01 -> 11.82%', () => {
    expect(pct2(actuarialRate(series('1978-02-10', 600000, 20000, 36, '1978-04-01', months(1))))).toBe('11.82');
  });
  it('(c)(1)(iii) semimonthly, short first period: 5000 on 1978-02-23, 24 x 219.17 on the 1st and 16th from 03-01 -> 10.34%', () => {
    const flows = series('1978-02-23', 500000, 21917, 24, '1978-03-01', (d, k) =>
      k % 2 ? addDays(addMonths(d, (k - 1) / 2), 15) : addMonths(d, k / 2),
    );
    expect(pct2(actuarialRate(flows))).toBe('10.34');
  });
  it('(c)(1)(iv) quarterly, long first period: 10000 on 1978-05-23, 40 x 385.00 from 10-01 -> 8.97%', () => {
    expect(pct2(actuarialRate(series('1978-05-23', 1000000, 38500, 40, '1978-10-01', months(3))))).toBe('8.97');
  });
  it('(c)(1)(v) weekly, long first period: 500 on 1978-03-20, 30 x 17.60 from 04-21 -> 14.96%', () => {
    expect(pct2(actuarialRate(series('1978-03-20', 50000, 1760, 30, '1978-04-21', days(7))))).toBe('14.96');
  });
  it('(c)(2)(ii) every 4 weeks, odd first payment: 400 on 1978-03-18, 39.50 on 04-20, 11 x 38.31 from 05-18 -> 28.50%', () => {
    const flows = [
      { date: '1978-03-18', amountFen: -40000 },
      { date: '1978-04-20', amountFen: 3950 },
      ...series('1978-03-18', 0, 3831, 11, '1978-05-18', days(28)).slice(1),
    ];
    expect(pct2(actuarialRate(flows))).toBe('28.50');
    expect(pct2(actuarialRate(flows, '4week'))).toBe('28.50');
  });
  it('(c)(3)(ii) every 2 weeks, odd final payment: 200 on 1978-04-03, 19 x 9.50 from 04-11, then 30.00 -> 12.22%', () => {
    const flows = [
      ...series('1978-04-03', 20000, 950, 19, '1978-04-11', days(14)),
      { date: addDays('1978-04-11', 14 * 19), amountFen: 3000 },
    ];
    expect(pct2(actuarialRate(flows))).toBe('12.22');
  });
  it('(c)(5)(i) single advance, single payment in days: 1000 on 1978-01-03, 1080 on 09-15 -> 11.45%', () => {
    const r = actuarialRate([
      { date: '1978-01-03', amountFen: -100000 },
      { date: '1978-09-15', amountFen: 108000 },
    ]);
    expect(pct2(r)).toBe('11.45');
    expect(r.unit).toEqual({ kind: 'day', count: 255 });
  });
  it('(b)(5)(v) unit period of two months: days = 30 x full months counted back + remaining days (issue 11 item 4)', () => {
    // 1 000.00 advanced 2024-01-20, 350.00 on 2024-03-01, 05-01 and 07-01, unit period 2 months.
    // Counting back from 2024-03-01: one full month to 02-01, then 12 days to 01-20: 30 + 12 = 42
    // days = 0 unit periods and 42/60 = 0.7; 05-01: 3 months + 12 days = 102 = 1 unit + 0.7; 07-01:
    // 5 months + 12 days = 162 = 2 units + 0.7. (Actual days, 41/60 for the first, were used before.)
    const flows = [
      { date: '2024-01-20', amountFen: -100000 },
      { date: '2024-03-01', amountFen: 35000 },
      { date: '2024-05-01', amountFen: 35000 },
      { date: '2024-07-01', amountFen: 35000 },
    ];
    const { timed } = actuarialTimedFlows(flows, '2month');
    expect(timed.slice(1).map((x) => [x.t, x.f])).toEqual([
      [0, 0.7],
      [1, 0.7],
      [2, 0.7],
    ]);
    // Hand solve of 1000 = sum 350 / ((1 + 0.7 i)(1 + i)^t), t = 0..2: i = 2.9230854% a unit, x 6 = 17.54%
    // (with 41/60 it would be 17.72%).
    const r = actuarialRate(flows, '2month');
    expect(Math.abs(r.periodicRate.toNumber() - 0.029230853910897747)).toBeLessThan(1e-9);
    expect(pct2(r)).toBe('17.54');
  });
  it('infers the unit period from the payment dates', () => {
    expect(inferUnitPeriod(series('1978-05-23', 1, 1, 5, '1978-10-01', months(3)).map((f) => f.date))).toEqual({
      kind: 'month',
      count: 3,
    });
    expect(inferUnitPeriod(series('1978-03-20', 1, 1, 5, '1978-04-21', days(7)).map((f) => f.date))).toEqual({
      kind: 'week',
      count: 1,
    });
  });
});

describe('XIRR', () => {
  it('Excel XIRR documentation example -> 0.373362535 (37.34%)', () => {
    // Source: Microsoft Excel XIRR() help: -10000 on 2008-01-01, 2750 on 2008-03-01, 4250 on
    // 2008-10-30, 3250 on 2009-02-15, 2750 on 2009-04-01 -> 0.373362535.
    const r = xirr([
      { date: '2008-01-01', amountFen: -1000000 },
      { date: '2008-03-01', amountFen: 275000 },
      { date: '2008-10-30', amountFen: 425000 },
      { date: '2009-02-15', amountFen: 325000 },
      { date: '2009-04-01', amountFen: 275000 },
    ]);
    expect(Math.abs(r.nominal.toNumber() - 0.373362535)).toBeLessThan(2e-9);
  });
});

describe('IRR solver', () => {
  it('zero rate, single payment, huge rate', () => {
    expect(irr([-1000, 500, 500])).toBe(0);
    expect(irr([-1000, 1100])).toBeCloseTo(0.1, 12); // 1000 x 1.1 = 1100
    expect(irr([-100, 10000])).toBeCloseTo(99, 9); // 100 x (1 + 99) = 10000
    expect(irr([-100, 0, 0, 0, 1e9])).toBeCloseTo(Math.pow(1e7, 1 / 4) - 1, 9);
    expect(irr([-1000, 900])).toBeCloseTo(-0.1, 12);
  });
  it('refuses flows with no sign change', () => {
    expect(() => irr([100, 100])).toThrow(DomainError);
    expect(() => irr([-100, -100])).toThrow(DomainError);
  });
  it('annualizedRate of periodic amounts: nominal i x k and effective (1+i)^k - 1', () => {
    const r = annualizedRate([-1000, 1010], 12);
    expect(r.periodicRate.toNumber()).toBeCloseTo(0.01, 12);
    expect(r.nominal.toNumber()).toBeCloseTo(0.12, 12);
    expect(r.effective.toNumber()).toBeCloseTo(Math.pow(1.01, 12) - 1, 12); // 12.6825%
  });
  it('finds a root with NPV ~0 for random conventional loans, within 1e-9', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 120 }),
        (advance, payments) => {
          fc.pre(payments.some((p) => p > 0));
          const flows = [
            { amount: -advance, t: 0 },
            ...payments.map((amount, k) => ({ amount, t: k + 1, f: 0 })),
          ].filter((f) => f.amount !== 0);
          const i = solveIrr(flows);
          const h = 1e-9;
          const lo = npvAt(flows, i - h);
          const hi = npvAt(flows, i + h);
          return (
            Number.isFinite(i) &&
            i > -1 &&
            (lo === 0 || hi === 0 || Math.sign(lo) !== Math.sign(hi) || Math.abs(npvAt(flows, i)) < 1e-6 * advance)
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('rate cap', () => {
  it('passes at the cap and refuses above it', () => {
    expect(checkRateCap('0.24').ok).toBe(true);
    try {
      checkRateCap('0.2400001');
      expect.unreachable();
    } catch (e) {
      expect((e as DomainError).code).toBe('RATE_CAP_EXCEEDED');
      expect((e as DomainError).details).toEqual({ rate: '0.2400001', cap: '0.24' });
    }
    expect(() => checkRateCap('0.30', '0.36')).not.toThrow();
  });
});
