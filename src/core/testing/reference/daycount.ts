// The implementation before issue 12's speed-up (commit d6f0ccf), kept unchanged
// for the equivalence tests only (core/testing/equivalence.test.ts); imports of
// modules the speed-up did not change point at the live ones.
/** Day-count conventions: how many days a period has and what fraction of a year
 *  it is. ACT/360 is the default for Chinese microloans (DOMAIN.md). */
import { Dec } from './decimal';
import { dateParts, daysBetween, daysInMonth, isLeapYear, type BusinessDate } from './dates';
import { DomainError } from '../../errors';

export type DayCount = '30/360' | 'ACT/360' | 'ACT/365' | 'ACT/ACT';
export const DAY_COUNTS: readonly DayCount[] = ['30/360', 'ACT/360', 'ACT/365', 'ACT/ACT'];
export const DEFAULT_DAY_COUNT: DayCount = 'ACT/360';

export function isDayCount(value: unknown): value is DayCount {
  return typeof value === 'string' && (DAY_COUNTS as readonly string[]).includes(value);
}

/** Parses "30/360", "act/360", "ACT/365", "act/act" (case-insensitive). */
export function parseDayCount(text: string): DayCount {
  const upper = text.trim().toUpperCase();
  if (isDayCount(upper)) return upper;
  throw new DomainError('DAY_COUNT_UNKNOWN', { field: 'dayCount', value: text });
}

/** Days of the period under the convention. 30/360 is the US bond basis:
 *  D1=31 -> 30; D2=31 -> 30 when D1 is 30 or 31 (SIA Standard Securities
 *  Calculation Methods, 1986). The ACT conventions count actual days. */
export function dayCountDays(start: BusinessDate, end: BusinessDate, dayCount: DayCount): number {
  if (dayCount !== '30/360') return daysBetween(start, end);
  const a = dateParts(start);
  const b = dateParts(end);
  let d1 = a.day;
  let d2 = b.day;
  if (d1 === 31) d1 = 30;
  if (d2 === 31 && d1 === 30) d2 = 30;
  return (b.year - a.year) * 360 + (b.month - a.month) * 30 + (d2 - d1);
}

/** The period as a fraction of a year. ACT/ACT is the ISDA form: days falling in
 *  a leap year count 1/366, other days 1/365. */
export function yearFraction(start: BusinessDate, end: BusinessDate, dayCount: DayCount): Dec {
  switch (dayCount) {
    case '30/360':
      return new Dec(dayCountDays(start, end, dayCount)).div(360);
    case 'ACT/360':
      return new Dec(daysBetween(start, end)).div(360);
    case 'ACT/365':
      return new Dec(daysBetween(start, end)).div(365);
    case 'ACT/ACT': {
      if (end < start) return yearFraction(end, start, dayCount).neg();
      const s = dateParts(start);
      const e = dateParts(end);
      if (s.year === e.year) return new Dec(daysBetween(start, end)).div(isLeapYear(s.year) ? 366 : 365);
      let total = new Dec(daysBetween(start, `${String(s.year + 1).padStart(4, '0')}-01-01`)).div(
        isLeapYear(s.year) ? 366 : 365,
      );
      total = total.plus(e.year - s.year - 1);
      total = total.plus(
        new Dec(daysBetween(`${String(e.year).padStart(4, '0')}-01-01`, end)).div(isLeapYear(e.year) ? 366 : 365),
      );
      return total;
    }
  }
}

/** Days in the year used for one day's interest on `date` (360, 365 or 366). */
export function daysInYearFor(date: BusinessDate, dayCount: DayCount): number {
  if (dayCount === 'ACT/365') return 365;
  if (dayCount === 'ACT/ACT') return isLeapYear(dateParts(date).year) ? 366 : 365;
  return 360;
}

export { daysInMonth };
