/** The business calendar SLA clocks run on: working weekdays, the working hours of
 *  a day (one or more windows, e.g. 09:00-12:00 and 13:00-18:00), and per year the
 *  official holidays and the make-up working days (调休上班) that replace weekend
 *  days, all in the organisation's time zone. Instants are UTC milliseconds; local
 *  wall times are converted through the time zone explicitly, so the answer never
 *  depends on the zone of the machine that computes it. */
import { addDays, businessDateOf, toDayNumber, type BusinessDate } from '../dates';
import { DomainError } from '../errors';

export interface WorkingHours {
  /** 'HH:MM', 24-hour local time. */
  start: string;
  end: string;
}

export interface HolidayYear {
  year: number;
  /** Days off that would otherwise be working days (and weekend days of a holiday). */
  holidays: BusinessDate[];
  /** Weekend days worked instead (调休上班), with the normal working hours. */
  workdays: BusinessDate[];
}

export interface BusinessCalendar {
  timeZone: string;
  /** ISO weekdays worked: 1 Monday … 7 Sunday. */
  workdays: number[];
  hours: WorkingHours[];
  years: HolidayYear[];
}

/** 24x7 or business hours: what an SLA policy runs on. */
export type ClockCalendar = '24x7' | BusinessCalendar;

const MS_PER_MINUTE = 60_000;
/** A clock that finds no working time within ten years stops looking. */
export const MAX_CALENDAR_SCAN_DAYS = 3660;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

export function isHhmm(value: unknown): value is string {
  return typeof value === 'string' && HHMM.test(value);
}

export function minutesOfDay(hhmm: string): number {
  if (!isHhmm(hhmm)) throw new DomainError('CALENDAR_HOURS_INVALID', { value: hhmm });
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** ISO weekday (1 Monday … 7 Sunday) of a date; 1970-01-01 was a Thursday. */
export function isoWeekday(date: BusinessDate): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Is `date` a working day: a make-up working day is; a holiday is not; otherwise
 *  its weekday decides. */
export function isWorkingDay(date: BusinessDate, calendar: BusinessCalendar): boolean {
  const year = calendar.years.find((y) => y.year === Number(date.slice(0, 4)));
  if (year?.workdays.includes(date)) return true;
  if (year?.holidays.includes(date)) return false;
  return calendar.workdays.includes(isoWeekday(date));
}

/** Checks that a calendar can run a clock: valid windows in order, not overlapping,
 *  at least one working weekday. */
export function checkCalendar(calendar: BusinessCalendar): void {
  if (calendar.workdays.length === 0 || calendar.hours.length === 0) throw new DomainError('CALENDAR_NO_WORKING_TIME');
  let previousEnd = -1;
  for (const w of calendar.hours) {
    const start = minutesOfDay(w.start);
    const end = minutesOfDay(w.end);
    if (end <= start || start < previousEnd) throw new DomainError('CALENDAR_HOURS_INVALID', { value: w.start });
    previousEnd = end;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
export function zoneOffsetMs(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant of a local wall time (minutes after midnight of `date`). */
export function localInstant(date: BusinessDate, minutes: number, timeZone: string): number {
  const wall = toDayNumber(date) * 86_400_000 + minutes * MS_PER_MINUTE;
  let instant = wall - zoneOffsetMs(timeZone, wall);
  // Once more, for a wall time on the other side of an offset change.
  instant = wall - zoneOffsetMs(timeZone, instant);
  return instant;
}

/** The working windows of one local date, as UTC instants [start, end). */
export function windowsOn(date: BusinessDate, calendar: BusinessCalendar): Array<[number, number]> {
  if (!isWorkingDay(date, calendar)) return [];
  return calendar.hours.map((w) => [
    localInstant(date, minutesOfDay(w.start), calendar.timeZone),
    localInstant(date, minutesOfDay(w.end), calendar.timeZone),
  ]);
}

function localDate(instantMs: number, timeZone: string): BusinessDate {
  return businessDateOf(new Date(instantMs), timeZone);
}

/** Working time between two instants, in ms (0 when `to` is not after `from`). */
export function businessMsBetween(fromMs: number, toMs: number, calendar: ClockCalendar): number {
  if (toMs <= fromMs) return 0;
  if (calendar === '24x7') return toMs - fromMs;
  let total = 0;
  const last = localDate(toMs, calendar.timeZone);
  // The day before, in case a window of the previous local day reaches past midnight UTC.
  for (let day = addDays(localDate(fromMs, calendar.timeZone), -1); day <= last; day = addDays(day, 1)) {
    for (const [start, end] of windowsOn(day, calendar)) {
      const a = Math.max(start, fromMs);
      const b = Math.min(end, toMs);
      if (b > a) total += b - a;
    }
  }
  return total;
}

/** The instant at which `ms` of working time have passed after `fromMs`. */
export function addBusinessMs(fromMs: number, ms: number, calendar: ClockCalendar): number {
  if (ms <= 0) return fromMs;
  if (calendar === '24x7') return fromMs + ms;
  let left = ms;
  let day = addDays(localDate(fromMs, calendar.timeZone), -1);
  for (let i = 0; i < MAX_CALENDAR_SCAN_DAYS; i++, day = addDays(day, 1)) {
    for (const [start, end] of windowsOn(day, calendar)) {
      const a = Math.max(start, fromMs);
      if (end <= a) continue;
      if (end - a >= left) return a + left;
      left -= end - a;
    }
  }
  throw new DomainError('CALENDAR_NO_WORKING_TIME');
}
