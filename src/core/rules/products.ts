/** The rule a product's annualized-rate cap obeys when it is saved: never above the
 *  36% red line; above the 24% default only when the person saving confirmed it
 *  (the confirmation is audited with the save). Pure, so the sync server re-runs
 *  the red line on the product events it receives. */
import { Dec } from '../decimal';
import { DomainError } from '../errors';
import { DEFAULT_RATE_CAP } from '../apr/ratecap';

/** The absolute red line a product's cap may not pass. */
export const RATE_CAP_RED_LINE = '0.36';

/** Refuses a cap above the red line, and one above the default cap unless confirmed.
 *  Returns whether the cap is above the default (what the audit records). */
export function checkProductRateCap(capAnnual: string, confirmed: boolean): { aboveDefault: boolean } {
  const cap = new Dec(capAnnual);
  if (cap.gt(RATE_CAP_RED_LINE))
    throw new DomainError('RATE_CAP_ABOVE_RED_LINE', {
      field: 'rateCapAnnual',
      capAnnual,
      redLineAnnual: RATE_CAP_RED_LINE,
    });
  const aboveDefault = cap.gt(DEFAULT_RATE_CAP);
  if (aboveDefault && !confirmed)
    throw new DomainError('RATE_CAP_CONFIRMATION_REQUIRED', {
      field: 'rateCapAnnual',
      capAnnual,
      defaultCapAnnual: DEFAULT_RATE_CAP,
    });
  return { aboveDefault };
}
