/** Pure pieces of the dashboards: reporting periods, ratios, percentiles, DPD
 *  bucket roll rates, vintage default curves and the health checks that say in
 *  plain words what is wrong. The main process gathers the facts; these decide. */
import { Dec } from './decimal';
import { addDays, addMonths, dateParts, daysInMonth, formatDate, toDayNumber, type BusinessDate } from './dates';

export type Granularity = 'day' | 'week' | 'month';

export interface Period {
  /** 'YYYY-MM-DD' (day, week: its Monday) or 'YYYY-MM' (month). */
  key: string;
  /** First and last day of the period inside the requested range. */
  start: BusinessDate;
  end: BusinessDate;
}

/** At most this many periods per chart (about a year of days). */
export const MAX_PERIODS = 400;

function mondayOf(date: BusinessDate): BusinessDate {
  // 1970-01-05 was a Monday.
  const offset = (((toDayNumber(date) - toDayNumber('1970-01-05')) % 7) + 7) % 7;
  return addDays(date, -offset);
}

/** The key of the period holding `date`. */
export function periodKey(date: BusinessDate, granularity: Granularity): string {
  if (granularity === 'day') return date;
  if (granularity === 'week') return mondayOf(date);
  return date.slice(0, 7);
}

/** The periods covering [from, to], in order, clipped to the range. */
export function periodsOf(from: BusinessDate, to: BusinessDate, granularity: Granularity): Period[] {
  const out: Period[] = [];
  let start = from;
  while (start <= to && out.length < MAX_PERIODS) {
    let end: BusinessDate;
    if (granularity === 'day') end = start;
    else if (granularity === 'week') end = addDays(mondayOf(start), 6);
    else {
      const { year, month } = dateParts(start);
      end = formatDate({ year, month, day: daysInMonth(year, month) });
    }
    if (end > to) end = to;
    out.push({ key: periodKey(start, granularity), start, end });
    start = addDays(end, 1);
  }
  return out;
}

/** How many periods [from, to] makes (to refuse ranges too fine before building them). */
export function periodCount(from: BusinessDate, to: BusinessDate, granularity: Granularity): number {
  const days = toDayNumber(to) - toDayNumber(from) + 1;
  if (granularity === 'day') return days;
  if (granularity === 'week') return Math.floor((toDayNumber(mondayOf(to)) - toDayNumber(mondayOf(from))) / 7) + 1;
  const a = dateParts(from);
  const b = dateParts(to);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}

/** part / whole as a decimal string with 6 places ("0.034500"); "0.000000" for an empty whole. */
export function ratio(part: number, whole: number): string {
  return whole === 0 ? '0.000000' : new Dec(part).div(whole).toFixed(6);
}

/** Nearest-rank percentile (p in 0..1) of the values; null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

export const BUCKET_ORDER = ['M0', 'M1', 'M2', 'M3', 'M4+'] as const;
export type Bucket = (typeof BUCKET_ORDER)[number];

export interface LoanMonthState {
  status: string;
  bucket: string;
  outstandingPrincipalFen: number;
}

export interface RollRate {
  /** The month the balance was in `from` (the roll is seen at the next month end). */
  month: string;
  from: Bucket;
  to: Bucket | 'writtenOff';
  baseFen: number;
  rolledFen: number;
  rate: string;
}

/** Roll rates from one month end to the next: of the principal that stood in
 *  bucket k, the share that stood in bucket k+1 a month later (M4+ rolls to
 *  written off). A loan that closed or is missing a month later did not roll. */
export function rollRates(
  month: string,
  previous: ReadonlyMap<string, LoanMonthState>,
  current: ReadonlyMap<string, LoanMonthState>,
): RollRate[] {
  return BUCKET_ORDER.map((from, i) => {
    const to = i + 1 < BUCKET_ORDER.length ? BUCKET_ORDER[i + 1]! : ('writtenOff' as const);
    let baseFen = 0;
    let rolledFen = 0;
    for (const [loanId, prev] of previous) {
      if (prev.status !== 'active' || prev.bucket !== from) continue;
      baseFen += prev.outstandingPrincipalFen;
      const next = current.get(loanId);
      if (!next) continue;
      const rolled =
        to === 'writtenOff' ? next.status === 'written_off' : next.status === 'active' && next.bucket === to;
      if (rolled) rolledFen += prev.outstandingPrincipalFen;
    }
    return { month, from, to, baseFen, rolledFen, rate: ratio(rolledFen, baseFen) };
  });
}

export interface VintageLoan {
  /** Disbursement month 'YYYY-MM'. */
  vintage: string;
  principalFen: number;
  /** First month end at which the loan stood over 90 DPD or written off, or null. */
  defaultMonth: string | null;
}

export interface VintageCurve {
  vintage: string;
  loans: number;
  disbursedFen: number;
  /** Per month on book (0 = the disbursement month): principal of loans defaulted by then. */
  points: Array<{ monthsOnBook: number; month: string; defaultedFen: number; rate: string }>;
}

function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return y! * 12 + (m! - 1);
}

/** Cumulative default rate by disbursement month, through `lastMonth`: the share
 *  of each vintage's disbursed principal whose loan had defaulted by each month. */
export function vintageCurves(loans: readonly VintageLoan[], lastMonth: string): VintageCurve[] {
  const byVintage = new Map<string, VintageLoan[]>();
  for (const l of loans) byVintage.set(l.vintage, [...(byVintage.get(l.vintage) ?? []), l]);
  return [...byVintage.keys()].sort().map((vintage) => {
    const group = byVintage.get(vintage)!;
    const disbursedFen = group.reduce((s, l) => s + l.principalFen, 0);
    const points: VintageCurve['points'] = [];
    for (let k = 0; monthIndex(vintage) + k <= monthIndex(lastMonth); k++) {
      const month = addMonths(`${vintage}-01`, k).slice(0, 7);
      const defaultedFen = group
        .filter((l) => l.defaultMonth !== null && l.defaultMonth <= month)
        .reduce((s, l) => s + l.principalFen, 0);
      points.push({ monthsOnBook: k, month, defaultedFen, rate: ratio(defaultedFen, disbursedFen) });
    }
    return { vintage, loans: group.length, disbursedFen, points };
  });
}

// ---------------------------------------------------------------------------
// Health

export interface HealthFacts {
  /** Today in the organisation's time zone, and the business date. */
  today: BusinessDate;
  businessDate: BusinessDate;
  lastClosedDay: BusinessDate | null;
  hasLoans: boolean;
  databaseBytes: number;
  walBytes: number;
  freeBytes: number;
  /** Failed calls in the last 7 days and in the 7 before. */
  failedLast7: number;
  failedPrevious7: number;
  deniedLast7: number;
  lastEodMinutes: number | null;
  backupFolder: string | null;
  backupEnabled: boolean;
  lastBackupAt: string | null;
  lastBackupFailed: boolean;
  backupIntervalHours: number;
  nowMs: number;
  /** Loan ledger minus control account 1303, in fen (0: they agree). */
  reconciliationDifferenceFen: number;
  eodInterrupted: boolean;
}

export type HealthLevel = 'ok' | 'warning' | 'error';

export interface HealthCheck {
  /** Stable code the window translates into "what is wrong" and "what to do". */
  code: string;
  level: HealthLevel;
  values: Record<string, string | number>;
}

const LARGE_DB_BYTES = 2 * 1024 ** 3;
const LARGE_WAL_BYTES = 256 * 1024 ** 2;

/** What is wrong (and fine), most serious first. */
export function healthChecks(f: HealthFacts): HealthCheck[] {
  const checks: HealthCheck[] = [];
  const add = (code: string, level: HealthLevel, values: Record<string, string | number> = {}) =>
    checks.push({ code, level, values });
  if (f.reconciliationDifferenceFen !== 0)
    add('HEALTH_RECONCILIATION_DIFFERS', 'error', { differenceFen: f.reconciliationDifferenceFen });
  else add('HEALTH_RECONCILIATION_OK', 'ok');
  if (f.eodInterrupted) add('HEALTH_EOD_INTERRUPTED', 'error', { date: f.businessDate });
  const behind = f.hasLoans ? toDayNumber(f.today) - toDayNumber(f.businessDate) : 0;
  if (behind >= 1) add('HEALTH_EOD_BEHIND', behind >= 3 ? 'error' : 'warning', { days: behind, date: f.businessDate });
  else if (f.lastClosedDay) add('HEALTH_EOD_OK', 'ok', { date: f.lastClosedDay });
  else add('HEALTH_EOD_NONE', 'ok', { date: f.businessDate });
  if (f.lastEodMinutes !== null && f.lastEodMinutes > 30)
    add('HEALTH_EOD_SLOW', 'warning', { minutes: f.lastEodMinutes });
  if (!f.backupFolder || !f.backupEnabled) add('HEALTH_BACKUP_OFF', 'error');
  else if (f.lastBackupFailed) add('HEALTH_BACKUP_FAILED', 'error', { folder: f.backupFolder });
  else if (!f.lastBackupAt) add('HEALTH_BACKUP_NEVER', 'warning', { folder: f.backupFolder });
  else {
    const ageMs = f.nowMs - Date.parse(f.lastBackupAt);
    if (ageMs > f.backupIntervalHours * 2 * 3_600_000)
      add('HEALTH_BACKUP_STALE', 'warning', { hours: Math.floor(ageMs / 3_600_000) });
    else add('HEALTH_BACKUP_OK', 'ok', { hours: Math.max(1, Math.ceil(ageMs / 3_600_000)) });
  }
  if (f.failedLast7 > Math.max(10, f.failedPrevious7 * 2))
    add('HEALTH_ERRORS_RISING', 'warning', { count: f.failedLast7, previous: f.failedPrevious7 });
  else add('HEALTH_ERRORS_OK', 'ok', { count: f.failedLast7 });
  if (f.deniedLast7 > 20) add('HEALTH_DENIED_MANY', 'warning', { count: f.deniedLast7 });
  if (f.databaseBytes > LARGE_DB_BYTES) add('HEALTH_DB_LARGE', 'warning', { bytes: f.databaseBytes });
  if (f.walBytes > LARGE_WAL_BYTES) add('HEALTH_WAL_LARGE', 'warning', { bytes: f.walBytes });
  if (f.freeBytes > f.databaseBytes / 2 && f.freeBytes > 64 * 1024 ** 2)
    add('HEALTH_DB_FRAGMENTED', 'warning', { bytes: f.freeBytes });
  const order: Record<HealthLevel, number> = { error: 0, warning: 1, ok: 2 };
  return checks.sort((a, b) => order[a.level] - order[b.level]);
}
