/** Business dates are 'YYYY-MM-DD' strings (no time, no zone). Arithmetic goes
 *  through a UTC day number, so daylight saving and host zones never leak in. */
import { DomainError } from './errors';

export type BusinessDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** True when `text` is a real calendar date in YYYY-MM-DD form (years 1900-2999). */
export function isValidDate(text: unknown): text is BusinessDate {
  if (typeof text !== 'string') return false;
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Returns the date unchanged, or throws DATE_INVALID {field, value}. */
export function parseDate(text: string, field = 'date'): BusinessDate {
  if (!isValidDate(text)) throw new DomainError('DATE_INVALID', { field, value: text });
  return text;
}

/** Parsed dates and day numbers, memoised: a replay reads the same few hundred
 *  dates thousands of times. Bounded; the values are frozen, so sharing is safe. */
const PARTS_CACHE = new Map<string, Readonly<DateParts>>();
const DAY_NUMBER_CACHE = new Map<string, number>();
const CACHE_LIMIT = 50_000;

export function dateParts(date: BusinessDate): DateParts {
  const cached = PARTS_CACHE.get(date);
  if (cached) return cached;
  const match = DATE_PATTERN.exec(date);
  if (!match || !isValidDate(date)) throw new DomainError('DATE_INVALID', { field: 'date', value: date });
  const parts = Object.freeze({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) });
  if (PARTS_CACHE.size >= CACHE_LIMIT) PARTS_CACHE.clear();
  PARTS_CACHE.set(date, parts);
  return parts;
}

const isTwoDigits = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 99;

export function formatDate(parts: DateParts): BusinessDate {
  const { year, month, day } = parts;
  // The common case (a four-digit year, month and day of two digits) without padStart.
  if (year >= 1000 && year <= 9999 && isTwoDigits(month) && isTwoDigits(day))
    return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  const y = String(year).padStart(4, '0');
  const m = String(month).padStart(2, '0');
  const d = String(day).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Days since 1970-01-01. */
export function toDayNumber(date: BusinessDate): number {
  const cached = DAY_NUMBER_CACHE.get(date);
  if (cached !== undefined) return cached;
  const { year, month, day } = dateParts(date);
  const dayNumber = Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
  if (DAY_NUMBER_CACHE.size >= CACHE_LIMIT) DAY_NUMBER_CACHE.clear();
  DAY_NUMBER_CACHE.set(date, dayNumber);
  return dayNumber;
}

const DATE_CACHE = new Map<number, BusinessDate>();
/** Day numbers of 1000-01-01 and 9999-12-31: the civil-date arithmetic below
 *  covers them (outside, Date does). */
const FIRST_CIVIL_DAY = -354_285;
const LAST_CIVIL_DAY = 2_932_896;

export function fromDayNumber(dayNumber: number): BusinessDate {
  const cached = DATE_CACHE.get(dayNumber);
  if (cached !== undefined) return cached;
  let date: BusinessDate;
  if (Number.isInteger(dayNumber) && dayNumber >= FIRST_CIVIL_DAY && dayNumber <= LAST_CIVIL_DAY) {
    // Days to the proleptic Gregorian date in integer arithmetic (H. Hinnant,
    // "chrono-Compatible Low-Level Date Algorithms", civil_from_days), the same
    // date Date's UTC fields give, without making a Date.
    const z = dayNumber + 719_468;
    const era = Math.floor(z / 146_097);
    const doe = z - era * 146_097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    date = formatDate({ year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day });
  } else {
    const d = new Date(dayNumber * MS_PER_DAY);
    date = formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
  }
  if (DATE_CACHE.size >= CACHE_LIMIT) DATE_CACHE.clear();
  DATE_CACHE.set(dayNumber, date);
  return date;
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Adds calendar months; the day is clamped to the month's end, and because the
 *  result is always computed from `date` itself, a 31st stays anchored to the
 *  31st (Jan 31 + 1 = Feb 28/29, Jan 31 + 2 = Mar 31). */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const { year, month, day } = dateParts(date);
  // A schedule asks for the same anchor's months again and again: remembered.
  if (Number.isInteger(months) && months >= 0 && months < MONTHS_REMEMBERED) {
    let series = MONTHS_CACHE.get(date);
    if (!series) {
      if (MONTHS_CACHE.size >= CACHE_LIMIT) MONTHS_CACHE.clear();
      series = [];
      MONTHS_CACHE.set(date, series);
    }
    return (series[months] ??= monthsAfter(year, month, day, months));
  }
  return monthsAfter(year, month, day, months);
}

const MONTHS_CACHE = new Map<BusinessDate, BusinessDate[]>();
const MONTHS_REMEMBERED = 1200;

function monthsAfter(year: number, month: number, day: number, months: number): BusinessDate {
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return formatDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** -1, 0 or 1; ISO dates also compare correctly as strings, this checks them. */
export function compareDates(a: BusinessDate, b: BusinessDate): number {
  const diff = toDayNumber(a) - toDayNumber(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function minDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a <= b ? a : b;
}

export function maxDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a >= b ? a : b;
}

export function isLastDayOfMonth(date: BusinessDate): boolean {
  const { year, month, day } = dateParts(date);
  return day === daysInMonth(year, month);
}

/** One formatter per time zone: making one costs more than using it. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The business date of an instant in a time zone (default Asia/Shanghai). */
export function businessDateOf(instant: Date, timeZone = 'Asia/Shanghai'): BusinessDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return formatDate({ year: get('year'), month: get('month'), day: get('day') });
}

/** Longest IANA time-zone name we accept ('America/Argentina/ComodRivadavia' is 32). */
export const MAX_TIME_ZONE_CHARS = 64;

/** True for a time zone the runtime's Intl knows (an IANA name such as Asia/Shanghai). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > MAX_TIME_ZONE_CHARS) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The instant (ISO) a business date begins in a time zone (its local midnight). */
export function startOfBusinessDate(date: BusinessDate, timeZone = 'Asia/Shanghai'): string {
  const guess = Date.parse(`${date}T00:00:00.000Z`);
  const offsetAt = (ms: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(ms));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first)).toISOString();
}
