/** Validation and normalisation of loan terms, due dates and per-period interest. */
import { decOf, Dec, type RateInput } from '../decimal';
import { addDays, addMonths, isValidDate, type BusinessDate } from '../dates';
import { DEFAULT_DAY_COUNT, isDayCount, yearFraction, type DayCount } from '../daycount';
import { DomainError, invariant } from '../errors';
import { DEFAULT_INSTALLMENT_ROUNDING, INSTALLMENT_ROUNDINGS, roundFen, type InstallmentRounding } from '../money';
import {
  FREQUENCIES,
  REPAYMENT_METHODS,
  type Frequency,
  type Installment,
  type InterestMode,
  type LoanTerms,
  type RepaymentMethod,
} from './types';

/** Upper bounds that keep every loop bounded. */
export const MAX_PERIODS = 600;
export const MAX_TERM_DAYS = 3660;
/** 1000% a year; anything above is a typing error, not a loan. */
export const MAX_RATE_ANNUAL = new Dec(10);

export interface NormalizedTerms {
  principalFen: number;
  rateAnnual: Dec;
  periods: number;
  method: RepaymentMethod;
  frequency: Frequency;
  startDate: BusinessDate;
  firstDueDate: BusinessDate | undefined;
  dayCount: DayCount;
  interestMode: InterestMode;
  gracePrincipalPeriods: number;
  graceInterestPeriods: number;
  installmentMultipleFen: number;
  installmentRounding: InstallmentRounding;
  upfrontFeeFen: number;
  /** Number of installments (1 for frequency 'days'). */
  installmentCount: number;
  dueDates: BusinessDate[];
  /** periodStarts[k] is the start of installment k+1's period. */
  periodStarts: BusinessDate[];
  periodicRate: Dec;
  irregularFirst: boolean;
}

function fail(code: string, field: string, value: unknown): never {
  throw new DomainError(code, { field, value });
}

export function parseRate(rate: RateInput, field = 'rateAnnual'): Dec {
  let value: Dec;
  try {
    value = decOf(rate);
  } catch {
    return fail('SCHEDULE_INVALID_RATE', field, rate);
  }
  if (!value.isFinite() || value.isNegative() || value.greaterThan(MAX_RATE_ANNUAL))
    fail('SCHEDULE_INVALID_RATE', field, String(rate));
  return value;
}

function nonNegativeInt(value: number | undefined, code: string, field: string): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value) || value < 0) fail(code, field, value);
  return value;
}

export function periodsPerYearOf(frequency: Frequency, periods: number): number {
  switch (frequency) {
    case 'monthly':
      return 12;
    case 'biweekly':
      return 26;
    case 'weekly':
      return 52;
    case 'days':
      return 365 / periods;
  }
}

export function nthDueDate(
  startDate: BusinessDate,
  frequency: Frequency,
  k: number,
  firstDueDate?: BusinessDate,
): BusinessDate {
  const anchor = firstDueDate ?? startDate;
  const steps = firstDueDate ? k - 1 : k;
  switch (frequency) {
    case 'monthly':
      return addMonths(anchor, steps);
    case 'biweekly':
      return addDays(anchor, 14 * steps);
    case 'weekly':
      return addDays(anchor, 7 * steps);
    case 'days':
      return addDays(startDate, k);
  }
}

/** Checks every field and fills the defaults; bad input is a DomainError whose
 *  details name the field. */
export function normalizeTerms(terms: LoanTerms): NormalizedTerms {
  if (!Number.isSafeInteger(terms.principalFen) || terms.principalFen <= 0)
    fail('SCHEDULE_INVALID_PRINCIPAL', 'principalFen', terms.principalFen);
  const rateAnnual = parseRate(terms.rateAnnual);
  if (!(REPAYMENT_METHODS as readonly string[]).includes(terms.method))
    fail('SCHEDULE_UNKNOWN_METHOD', 'method', terms.method);
  const frequency = terms.frequency ?? 'monthly';
  if (!(FREQUENCIES as readonly string[]).includes(frequency))
    fail('SCHEDULE_UNKNOWN_FREQUENCY', 'frequency', frequency);
  const maxPeriods = frequency === 'days' ? MAX_TERM_DAYS : MAX_PERIODS;
  if (!Number.isSafeInteger(terms.periods) || terms.periods < 1 || terms.periods > maxPeriods)
    fail('SCHEDULE_INVALID_PERIODS', 'periods', terms.periods);
  if (!isValidDate(terms.startDate)) fail('SCHEDULE_INVALID_DATE', 'startDate', terms.startDate);
  const dayCount = terms.dayCount ?? DEFAULT_DAY_COUNT;
  if (!isDayCount(dayCount)) fail('SCHEDULE_UNKNOWN_DAY_COUNT', 'dayCount', dayCount);
  const interestMode = terms.interestMode ?? 'period';
  if (interestMode !== 'period' && interestMode !== 'daily')
    fail('SCHEDULE_UNKNOWN_INTEREST_MODE', 'interestMode', interestMode);
  const gracePrincipalPeriods = nonNegativeInt(
    terms.gracePrincipalPeriods,
    'SCHEDULE_INVALID_GRACE',
    'gracePrincipalPeriods',
  );
  const graceInterestPeriods = nonNegativeInt(
    terms.graceInterestPeriods,
    'SCHEDULE_INVALID_GRACE',
    'graceInterestPeriods',
  );
  const installmentMultipleFen = nonNegativeInt(
    terms.installmentMultipleFen,
    'SCHEDULE_INVALID_MULTIPLE',
    'installmentMultipleFen',
  );
  const installmentRounding = terms.installmentRounding ?? DEFAULT_INSTALLMENT_ROUNDING;
  if (!INSTALLMENT_ROUNDINGS.includes(installmentRounding))
    fail('SCHEDULE_INVALID_MULTIPLE', 'installmentRounding', installmentRounding);
  const upfrontFeeFen = nonNegativeInt(terms.upfrontFeeFen, 'SCHEDULE_INVALID_FEE', 'upfrontFeeFen');
  if (upfrontFeeFen >= terms.principalFen) fail('SCHEDULE_INVALID_FEE', 'upfrontFeeFen', upfrontFeeFen);

  let firstDueDate = terms.firstDueDate;
  if (firstDueDate !== undefined) {
    if (!isValidDate(firstDueDate) || firstDueDate <= terms.startDate)
      fail('SCHEDULE_INVALID_DATE', 'firstDueDate', firstDueDate);
    if (frequency === 'days') fail('SCHEDULE_INVALID_DATE', 'firstDueDate', firstDueDate);
    if (firstDueDate === nthDueDate(terms.startDate, frequency, 1)) firstDueDate = undefined;
  }

  const installmentCount = frequency === 'days' ? 1 : terms.periods;
  const amortizing = terms.method === 'annuity' || terms.method === 'equalPrincipal' || terms.method === 'flat';
  const maxGrace = installmentCount - 1;
  if (gracePrincipalPeriods > maxGrace || (amortizing && gracePrincipalPeriods > maxGrace))
    fail('SCHEDULE_INVALID_GRACE', 'gracePrincipalPeriods', gracePrincipalPeriods);
  if (graceInterestPeriods > maxGrace) fail('SCHEDULE_INVALID_GRACE', 'graceInterestPeriods', graceInterestPeriods);

  const dueDates: BusinessDate[] = [];
  const periodStarts: BusinessDate[] = [];
  for (let k = 1; k <= installmentCount; k++) {
    periodStarts.push(k === 1 ? terms.startDate : dueDates[k - 2]!);
    dueDates.push(
      frequency === 'days'
        ? addDays(terms.startDate, terms.periods)
        : nthDueDate(terms.startDate, frequency, k, firstDueDate),
    );
  }
  const periodicRate = rateAnnual.div(periodsPerYearOf(frequency, terms.periods));
  return {
    principalFen: terms.principalFen,
    rateAnnual,
    periods: terms.periods,
    method: terms.method,
    frequency,
    startDate: terms.startDate,
    firstDueDate,
    dayCount,
    interestMode,
    gracePrincipalPeriods,
    graceInterestPeriods,
    installmentMultipleFen,
    installmentRounding,
    upfrontFeeFen,
    installmentCount,
    dueDates,
    periodStarts,
    periodicRate,
    irregularFirst: firstDueDate !== undefined,
  };
}

/** Whether installment k (1-based) is charged by actual days rather than by r. */
export function usesActualDays(nt: NormalizedTerms, k: number): boolean {
  return nt.frequency === 'days' || nt.interestMode === 'daily' || (k === 1 && nt.irregularFirst);
}

/** Unrounded interest of installment k on `balanceFen`: balance x r, or by actual
 *  days balance x annual rate x yearFraction(period start, due date, day count). */
export function periodInterestExact(nt: NormalizedTerms, k: number, balanceFen: number): Dec {
  if (usesActualDays(nt, k)) {
    return new Dec(balanceFen)
      .times(nt.rateAnnual)
      .times(yearFraction(nt.periodStarts[k - 1]!, nt.dueDates[k - 1]!, nt.dayCount));
  }
  return new Dec(balanceFen).times(nt.periodicRate);
}

/** Interest of installment k rounded half-up to fen (the one rounding step). */
export function periodInterestFen(nt: NormalizedTerms, k: number, balanceFen: number): number {
  return roundFen(periodInterestExact(nt, k, balanceFen));
}

/** Number of leading installments that repay no principal. */
export function principalGraceOf(nt: NormalizedTerms): number {
  return Math.max(nt.gracePrincipalPeriods, nt.graceInterestPeriods);
}

export interface Row {
  principalFen: number;
  interestFen: number;
}

/** Defers the interest of full-deferral periods to the first paying installment,
 *  computes payments and balances, and asserts the schedule invariants. */
export function finishSchedule(nt: NormalizedTerms, rows: Row[]): Installment[] {
  const deferred = Math.min(nt.graceInterestPeriods, rows.length - 1);
  if (deferred > 0) {
    let carriedFen = 0;
    for (let k = 0; k < deferred; k++) {
      const row = rows[k]!;
      invariant(row.principalFen === 0, 'no principal during full deferral');
      carriedFen += row.interestFen;
      row.interestFen = 0;
    }
    rows[deferred]!.interestFen += carriedFen;
  }
  let balanceFen = nt.principalFen;
  const installments = rows.map((row, i): Installment => {
    balanceFen -= row.principalFen;
    return {
      n: i + 1,
      dueDate: rows.length === 1 ? nt.dueDates[nt.dueDates.length - 1]! : nt.dueDates[i]!,
      principalFen: row.principalFen,
      interestFen: row.interestFen,
      paymentFen: row.principalFen + row.interestFen,
      balanceFen,
    };
  });
  assertScheduleInvariants(nt.principalFen, installments);
  return installments;
}

/** Sum of principal equals the loan exactly, no negative amount or balance,
 *  payment = principal + interest, final balance 0. */
export function assertScheduleInvariants(principalFen: number, installments: readonly Installment[]): void {
  invariant(installments.length > 0, 'schedule has installments');
  let balanceFen = principalFen;
  let sumPrincipalFen = 0;
  for (const inst of installments) {
    invariant(
      Number.isSafeInteger(inst.principalFen) && inst.principalFen >= 0,
      `installment ${inst.n} principal is a non-negative fen amount`,
    );
    invariant(
      Number.isSafeInteger(inst.interestFen) && inst.interestFen >= 0,
      `installment ${inst.n} interest is a non-negative fen amount`,
    );
    invariant(
      inst.paymentFen === inst.principalFen + inst.interestFen,
      `installment ${inst.n} payment = principal + interest`,
    );
    balanceFen -= inst.principalFen;
    sumPrincipalFen += inst.principalFen;
    invariant(balanceFen >= 0, `installment ${inst.n} balance is not negative`);
    invariant(inst.balanceFen === balanceFen, `installment ${inst.n} balance carries forward`);
  }
  invariant(sumPrincipalFen === principalFen, 'principal parts sum to the principal');
  invariant(balanceFen === 0, 'final balance is zero');
}
