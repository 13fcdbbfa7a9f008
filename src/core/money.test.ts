import fc from 'fast-check';
import { addDays, addMonths, compareDates, daysBetween, isValidDate, parseDate } from './dates';
import { dayCountDays, yearFraction } from './daycount';
import {
  allocateProportionally,
  formatFen,
  formatFenGrouped,
  parseYuanToFen,
  roundFen,
  roundToMultipleFen,
  sumFen,
} from './money';

describe('money', () => {
  it('rounds an installment to a multiple: nearest (ties up), up, down; never to nothing', () => {
    expect(roundToMultipleFen(44424, 100)).toBe(44400);
    expect(roundToMultipleFen(44450, 100)).toBe(44500);
    expect(roundToMultipleFen(44424, 100, 'up')).toBe(44500);
    expect(roundToMultipleFen(44499, 100, 'down')).toBe(44400);
    expect(roundToMultipleFen(44400, 100, 'up')).toBe(44400);
    expect(roundToMultipleFen(44424, 1)).toBe(44424);
    expect(roundToMultipleFen(30, 100, 'down')).toBe(30);
    expect(roundToMultipleFen(40, 100)).toBe(40);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e10 }), fc.integer({ min: 2, max: 100000 }), (a, m) => {
        const n = roundToMultipleFen(a, m);
        const u = roundToMultipleFen(a, m, 'up');
        const d = roundToMultipleFen(a, m, 'down');
        const onGrid = (x: number) => x % m === 0 || x === a;
        return onGrid(n) && onGrid(u) && onGrid(d) && u >= a && d <= a && Math.abs(n - a) <= m / 2 + (n === a ? m : 0);
      }),
      { numRuns: 2000 },
    );
  });
  it('parses yuan strings to fen without floats', () => {
    expect(parseYuanToFen('5000')).toBe(500000);
    expect(parseYuanToFen('5000.5')).toBe(500050);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('-12.34')).toBe(-1234);
    // 0.1 + 0.2 style traps: 1.15 * 100 is 114.99999999999999 as a float
    expect(parseYuanToFen('1.15')).toBe(115);
    for (const bad of ['', '1.234', '1e3', '1,000', 'abc', '.5', '90071992547409.93'])
      expect(() => parseYuanToFen(bad)).toThrow();
  });
  it('formats fen as yuan', () => {
    expect(formatFen(27778)).toBe('277.78');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-105)).toBe('-1.05');
    expect(formatFenGrouped(123456789)).toBe('1,234,567.89');
  });
  it('rounds half-up once', () => {
    expect(roundFen('2.5')).toBe(3);
    expect(roundFen('2.4999')).toBe(2);
    expect(roundFen('-2.5')).toBe(-3);
  });
  it('sums exactly and rejects non-integers', () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(() => sumFen([1.5])).toThrow();
  });
  it('round-trips every fen amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => parseYuanToFen(formatFen(fen)) === fen),
      { numRuns: 2000 },
    );
  });
  it('splits proportionally without losing a fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 10 }),
        (total, weights) => {
          const parts = allocateProportionally(total, weights);
          return parts.reduce((a, b) => a + b, 0) === total && parts.every((p) => p >= 0);
        },
      ),
    );
  });
});

describe('dates', () => {
  it('validates real dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2100-02-29')).toBe(false); // 2100 is not a leap year (Gregorian rule)
    expect(isValidDate('2024-13-01')).toBe(false);
    expect(() => parseDate('2024/01/01')).toThrow();
  });
  it('adds months with month-end clamping anchored to the original day', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });
  it('adds days and counts days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(compareDates('2024-01-02', '2024-01-01')).toBe(1);
  });
});

describe('day counts', () => {
  it('30/360 US: Jan 31 -> Feb 28 is 28 days, Jan 30 -> Mar 31 is 60 days (SIA rules: D1 31->30, D2 31->30 if D1 is 30)', () => {
    expect(dayCountDays('2023-01-31', '2023-02-28', '30/360')).toBe(28);
    expect(dayCountDays('2023-01-30', '2023-03-31', '30/360')).toBe(60);
    // Feb 15 -> Mar 15 is 30 days under 30/360 though 28 actual (fit.c2.com CalendarFixture example)
    expect(dayCountDays('2003-02-15', '2003-03-15', '30/360')).toBe(30);
    expect(dayCountDays('2003-02-15', '2003-03-15', 'ACT/360')).toBe(28);
  });
  it('year fractions', () => {
    expect(yearFraction('2024-01-01', '2024-01-31', 'ACT/360').toString()).toBe(
      '0.08333333333333333333333333333333333333333',
    );
    expect(yearFraction('2023-01-01', '2024-01-01', 'ACT/365').toNumber()).toBe(1);
    // ACT/ACT ISDA: 2023-12-01 -> 2024-01-31 = 31/365 + 30/366
    expect(yearFraction('2023-12-01', '2024-01-31', 'ACT/ACT').toNumber()).toBeCloseTo(31 / 365 + 30 / 366, 15);
  });
});
