// The implementation before issue 12's speed-up (commit d6f0ccf), kept unchanged
// for the equivalence tests only (core/testing/equivalence.test.ts); imports of
// modules the speed-up did not change point at the live ones.
/** Daily interest accrual: a period's interest spread over its days so that the
 *  daily amounts sum to the period's interest exactly. Accrued through day j is
 *  round_half_up(I x j / D); day j's amount is the difference of two such values. */
import { Dec } from '../decimal';
import { addDays, daysBetween, type BusinessDate } from '../dates';
import { DomainError } from '../../../errors';
import { assertFen, roundFen } from '../money';

/** Interest of the period (periodStart, periodEnd] accrued through `date`
 *  (0 before the period, all of it from periodEnd on). */
export function accruedInterestThrough(
  interestFen: number,
  periodStart: BusinessDate,
  periodEnd: BusinessDate,
  date: BusinessDate,
): number {
  assertFen(interestFen, 'interestFen');
  const periodDays = daysBetween(periodStart, periodEnd);
  if (periodDays <= 0) throw new DomainError('ACCRUAL_INVALID_PERIOD', { periodStart, periodEnd });
  const elapsed = Math.min(periodDays, Math.max(0, daysBetween(periodStart, date)));
  if (elapsed === periodDays) return interestFen;
  return roundFen(new Dec(interestFen).times(elapsed).div(periodDays));
}

export interface DailyAccrual {
  date: BusinessDate;
  amountFen: number;
}

/** One entry per day of (periodStart, periodEnd]; the amounts sum to interestFen. */
export function dailyAccruals(interestFen: number, periodStart: BusinessDate, periodEnd: BusinessDate): DailyAccrual[] {
  const periodDays = daysBetween(periodStart, periodEnd);
  if (periodDays <= 0 || periodDays > 3660) throw new DomainError('ACCRUAL_INVALID_PERIOD', { periodStart, periodEnd });
  const out: DailyAccrual[] = [];
  let previousFen = 0;
  for (let j = 1; j <= periodDays; j++) {
    const date = addDays(periodStart, j);
    const throughFen = accruedInterestThrough(interestFen, periodStart, periodEnd, date);
    out.push({ date, amountFen: throughFen - previousFen });
    previousFen = throughFen;
  }
  return out;
}
