/** Recomputes the installments after a prepayment (提前还款). shortenTerm keeps the
 *  regular installment (annuity) or principal part (equal principal, flat) and
 *  drops the installments no longer needed; lowerInstallment keeps the due dates
 *  and re-amortizes the new balance over them. Flat loans charge their flat
 *  interest on the balance left after the prepayment; interest-only loans
 *  charge interest on it and repay it at the end (both modes alike). */
import { Dec } from '../decimal';
import type { BusinessDate } from '../dates';
import { invariant } from '../errors';
import { roundFen, roundToMultipleFen } from '../money';
import { annuityRegularPaymentFen, levelPaymentFen } from '../schedule/annuity';
import { equalPrincipalPartFen, equalPrincipalPartOf } from '../schedule/equalPrincipal';
import { flatPrincipalPartFen } from '../schedule/flat';
import { periodInterestFen, principalGraceOf, usesActualDays, type NormalizedTerms } from '../schedule/terms';

export type PrepaymentMode = 'shortenTerm' | 'lowerInstallment';

/** A remaining installment: `ownInterestFen` is the interest of its own period;
 *  `interestFen` what it collects (0 inside a full deferral, own + deferred for
 *  the first installment after it). */
export interface RemainingInstallment {
  n: number;
  dueDate: BusinessDate;
  principalFen: number;
  interestFen: number;
  ownInterestFen: number;
}

/** `future` are the not-yet-current installments in order; `deferredBeforeFen`
 *  is the deferred interest of full-deferral periods already behind us. */
export function recomputeAfterPrepayment(
  nt: NormalizedTerms,
  future: readonly RemainingInstallment[],
  newBalanceFen: number,
  mode: PrepaymentMode,
  deferredBeforeFen = 0,
): RemainingInstallment[] {
  invariant(Number.isSafeInteger(newBalanceFen) && newBalanceFen >= 0, 'new balance is a non-negative fen amount');
  if (newBalanceFen === 0 || future.length === 0) return [];
  const grace = principalGraceOf(nt);
  const amortizingCount = future.filter((l) => l.n > grace).length;
  let regularFen: number;
  switch (nt.method) {
    case 'annuity':
      regularFen =
        mode === 'lowerInstallment'
          ? roundToMultipleFen(
              levelPaymentFen(
                nt,
                newBalanceFen,
                future.filter((l) => l.n > grace).map((l) => l.n),
              ),
              nt.installmentMultipleFen,
              nt.installmentRounding,
            )
          : annuityRegularPaymentFen(nt);
      break;
    case 'equalPrincipal':
      regularFen =
        mode === 'lowerInstallment' ? equalPrincipalPartOf(newBalanceFen, amortizingCount) : equalPrincipalPartFen(nt);
      break;
    case 'flat':
      regularFen =
        mode === 'lowerInstallment' ? equalPrincipalPartOf(newBalanceFen, amortizingCount) : flatPrincipalPartFen(nt);
      break;
    default:
      regularFen = 0;
  }
  const out: RemainingInstallment[] = [];
  let balanceFen = newBalanceFen;
  let deferredFen = deferredBeforeFen;
  for (let i = 0; i < future.length && balanceFen > 0; i++) {
    const line = future[i]!;
    const last = i === future.length - 1;
    const ownInterestFen = periodInterestFen(nt, line.n, nt.method === 'flat' ? newBalanceFen : balanceFen);
    let principalFen = 0;
    if (last) principalFen = balanceFen;
    else if (line.n > grace) {
      if (nt.method === 'annuity') {
        const basisFen =
          nt.interestMode === 'period' && usesActualDays(nt, line.n)
            ? roundFen(new Dec(balanceFen).times(nt.periodicRate))
            : ownInterestFen;
        principalFen = Math.min(balanceFen, Math.max(0, regularFen - basisFen));
      } else if (nt.method === 'equalPrincipal' || nt.method === 'flat')
        principalFen = Math.min(balanceFen, regularFen);
    }
    let interestFen = ownInterestFen;
    if (line.n <= nt.graceInterestPeriods) {
      deferredFen += ownInterestFen;
      interestFen = 0;
    } else if (line.n === nt.graceInterestPeriods + 1) interestFen += deferredFen;
    balanceFen -= principalFen;
    out.push({ n: line.n, dueDate: line.dueDate, principalFen, interestFen, ownInterestFen });
  }
  invariant(balanceFen === 0, 'recomputed installments repay the new balance');
  return out;
}
