/** Unit periods of Regulation Z, Appendix J: month, semimonth, week, day, year,
 *  with an optional count ("3month" a quarter, "2week" a fortnight). */
import { dateParts, daysBetween, daysInMonth, formatDate, isLastDayOfMonth, type BusinessDate } from '../dates';
import { DomainError } from '../errors';

export type UnitKind = 'month' | 'semimonth' | 'week' | 'day' | 'year';
export interface UnitPeriod {
  kind: UnitKind;
  count: number;
}

const UNIT_PATTERN = /^(\d*)\s*(month|semimonth|week|day|year)s?$/;

export function parseUnitPeriod(text: string): UnitPeriod {
  const match = UNIT_PATTERN.exec(text.trim().toLowerCase());
  const count = match?.[1] ? Number(match[1]) : 1;
  if (!match || !Number.isSafeInteger(count) || count < 1 || count > 3660)
    throw new DomainError('APR_INVALID_UNIT', { field: 'unit', value: text });
  return { kind: match[2] as UnitKind, count };
}

export function formatUnitPeriod(unit: UnitPeriod): string {
  return unit.count === 1 ? unit.kind : `${unit.count}${unit.kind}`;
}

/** Unit periods in a year: month 12, semimonth 24, week 52, day 365, year 1, each
 *  divided by the count. */
export function unitPeriodsPerYear(unit: UnitPeriod): number {
  const base = { month: 12, semimonth: 24, week: 52, day: 365, year: 1 }[unit.kind];
  return base / unit.count;
}

/** Days that make one unit period when odd days are turned into a fraction:
 *  a month is 30 days, a semimonth 15, a year 365 (Appendix J (b)(5)(iv)). */
function oddDayDivisor(unit: UnitPeriod): number {
  return { month: 30, semimonth: 15, week: 7, day: 1, year: 365 }[unit.kind] * unit.count;
}

/** The date `months` whole months before `date`, on `seriesDay` clamped to the
 *  month's length. */
function monthsBefore(date: BusinessDate, months: number, seriesDay: number): BusinessDate {
  const { year, month } = dateParts(date);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatDate({ year: y, month: m, day: Math.min(seriesDay, daysInMonth(y, m)) });
}

/** The date `halves` semimonths before `date` (1st <-> 16th style series). */
function semimonthsBefore(date: BusinessDate, halves: number, seriesDay: number): BusinessDate {
  const whole = monthsBefore(date, Math.floor(halves / 2), seriesDay);
  if (halves % 2 === 0) return whole;
  const { year, month, day } = dateParts(whole);
  if (day > 15) return formatDate({ year, month, day: day - 15 });
  const prev = monthsBefore(whole, 1, 31);
  const p = dateParts(prev);
  return formatDate({ year: p.year, month: p.month, day: Math.min(day + 15, daysInMonth(p.year, p.month)) });
}

export interface UnitTime {
  /** Whole unit periods. */
  t: number;
  /** Odd days as a fraction of one unit period. */
  f: number;
}

/** Time from `start` to `date` in unit periods: whole periods are counted back
 *  from `date`; what is left before them is the odd (fractional) period.
 *  `seriesDay` is the day of month the payments are scheduled on (31 for a
 *  month-end series). */
export function unitTime(start: BusinessDate, date: BusinessDate, unit: UnitPeriod, seriesDay?: number): UnitTime {
  const days = daysBetween(start, date);
  if (days < 0) throw new DomainError('APR_INVALID_FLOW', { reason: 'flow before the start of the term', date });
  if (unit.kind === 'day' || unit.kind === 'week') {
    const length = oddDayDivisor(unit);
    const t = Math.floor(days / length);
    return { t, f: (days - t * length) / length };
  }
  const day = seriesDay ?? dateParts(date).day;
  if (unit.kind === 'month' && unit.count > 1) return multiMonthTime(start, date, unit.count, day);
  const back = (steps: number): BusinessDate =>
    unit.kind === 'semimonth'
      ? semimonthsBefore(date, steps * unit.count, day)
      : monthsBefore(date, steps * unit.count * (unit.kind === 'year' ? 12 : 1), day);
  const perStepDays = unit.kind === 'semimonth' ? 15 : unit.kind === 'year' ? 365 : 30;
  let t = Math.max(0, Math.floor(days / (perStepDays * unit.count)) + 1);
  while (t > 0 && back(t) < start) t--;
  while (back(t + 1) >= start) t++;
  return { t, f: daysBetween(start, back(t)) / oddDayDivisor(unit) };
}

/** Appendix J (b)(5)(v), a unit period of several months (every two months, a
 *  quarter ...): the days between the dates are 30 x the full months counted back
 *  from the later date plus the remaining days; whole unit periods and the
 *  fraction are those days divided by 30 x the months in the unit period. */
function multiMonthTime(start: BusinessDate, date: BusinessDate, months: number, seriesDay: number): UnitTime {
  let full = Math.max(0, Math.floor(daysBetween(start, date) / 31) - 1);
  while (full > 0 && monthsBefore(date, full, seriesDay) < start) full--;
  while (monthsBefore(date, full + 1, seriesDay) >= start) full++;
  const days30 = 30 * full + daysBetween(start, monthsBefore(date, full, seriesDay));
  const unitDays = 30 * months;
  const t = Math.floor(days30 / unitDays);
  return { t, f: (days30 - t * unitDays) / unitDays };
}

/** Series day for month-based units: a date's own day, unless it is a month end
 *  standing in for a later day (the 29th-31st series, Appendix J (b)(3)(iv)). */
export function seriesDayFor(date: BusinessDate, paymentDates: readonly BusinessDate[]): number {
  const { day } = dateParts(date);
  if (!isLastDayOfMonth(date)) return day;
  const notMonthEnd = paymentDates.filter((d) => !isLastDayOfMonth(d)).map((d) => dateParts(d).day);
  if (notMonthEnd.length === 0) return 31;
  return Math.max(day, ...notMonthEnd);
}

function intervalUnit(a: BusinessDate, b: BusinessDate): string {
  const days = daysBetween(a, b);
  const pa = dateParts(a);
  const pb = dateParts(b);
  const months = (pb.year - pa.year) * 12 + (pb.month - pa.month);
  const sameDay =
    pa.day === pb.day || (isLastDayOfMonth(b) && pa.day >= pb.day) || (isLastDayOfMonth(a) && isLastDayOfMonth(b));
  if (months >= 1 && sameDay) return months % 12 === 0 ? `${months / 12}year` : `${months}month`;
  if (days > 0 && days % 7 === 0) return `${days / 7}week`;
  if (days >= 13 && days <= 16) return 'semimonth';
  return `${days}day`;
}

/** Appendix J (b)(4): the unit period is the most frequent common period between
 *  payments (and advances); a single advance with a single payment uses the term
 *  itself, counted in days. */
export function inferUnitPeriod(dates: readonly BusinessDate[]): UnitPeriod {
  const sorted = [...new Set(dates)].sort();
  if (sorted.length < 2) throw new DomainError('APR_NO_SOLUTION', { reason: 'need at least two dates' });
  if (sorted.length === 2) return { kind: 'day', count: Math.max(1, daysBetween(sorted[0]!, sorted[1]!)) };
  const counts = new Map<string, number>();
  for (let i = 2; i < sorted.length; i++) {
    const key = intervalUnit(sorted[i - 1]!, sorted[i]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) counts.set(intervalUnit(sorted[0]!, sorted[1]!), 1);
  let best = '';
  let bestCount = 0;
  for (const [key, count] of counts) {
    if (count > bestCount) {
      best = key;
      bestCount = count;
    }
  }
  const unit = parseUnitPeriod(best);
  if (unit.kind === 'year') return { kind: 'year', count: 1 };
  if (unit.kind === 'month' && unit.count > 12) return { kind: 'year', count: 1 };
  return unit;
}
