/** Penalty interest (罚息): overdue principal x contract rate x multiplier, per day,
 *  with the contract's day count. Kept unrounded; the running total is rounded
 *  half-up to fen once, when it is read (so the result does not depend on how
 *  often it was read). */
import { Dec, type RateInput } from '../decimal';
import type { BusinessDate } from '../dates';
import { yearFraction, type DayCount } from '../daycount';

export const DEFAULT_PENALTY_MULTIPLIER = '1.5';

/** Unrounded penalty on `overduePrincipalFen` for the days (from, to]. */
export function penaltyInterestExact(
  overduePrincipalFen: number,
  rateAnnual: RateInput,
  multiplier: RateInput,
  from: BusinessDate,
  to: BusinessDate,
  dayCount: DayCount,
): Dec {
  if (overduePrincipalFen <= 0 || to <= from) return new Dec(0);
  return new Dec(overduePrincipalFen)
    .times(rateAnnual as string)
    .times(multiplier as string)
    .times(yearFraction(from, to, dayCount));
}
