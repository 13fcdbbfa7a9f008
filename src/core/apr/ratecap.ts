/** Rate cap check on the annualized rate (fees included), never the nominal one. */
import { Dec, type RateInput } from '../decimal';
import { DomainError } from '../errors';

/** Default cap: 24% a year (a setting; 36% is the absolute red line). */
export const DEFAULT_RATE_CAP = '0.24';

/** Returns { ok: true } when the rate (rounded to 8 decimals, so solver noise
 *  cannot trip it) is at most the cap; else throws RATE_CAP_EXCEEDED {rate, cap}. */
export function checkRateCap(
  rateAnnual: RateInput,
  cap: RateInput = DEFAULT_RATE_CAP,
): { ok: true; rate: string; cap: string } {
  const rate = new Dec(rateAnnual as string).toDecimalPlaces(8);
  const limit = new Dec(cap as string);
  if (rate.greaterThan(limit))
    throw new DomainError('RATE_CAP_EXCEEDED', { rate: rate.toString(), cap: limit.toString() });
  return { ok: true, rate: rate.toString(), cap: limit.toString() };
}
