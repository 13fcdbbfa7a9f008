/** Recomputes the installments after a prepayment (提前还款). shortenTerm keeps the
 *  regular installment (annuity, flat) or principal part (equal principal) and
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
  /** Principal the own interest is charged on (the balance at the period start;
   *  the flat base for flat loans). */
  baseFen?: number;
}

/** The installment a shortened term keeps, read from the installments as they
 *  stand (so a schedule agreed under an older rounding keeps its own figure):
 *  the most common payment (annuity, flat) or principal part (equal principal)
 *  of the amortizing installments before the last. Undefined when there is none. */
export function keptInstallmentOf(
  nt: NormalizedTerms,
  lines: readonly { n: number; principalFen: number; interestFen: number }[],
): number | undefined {
  const grace = principalGraceOf(nt);
  const regular = lines.slice(0, -1).filter((l) => l.n > grace && l.principalFen > 0);
  const counts = new Map<number, number>();
  for (const l of regular) {
    const value = nt.method === 'equalPrincipal' ? l.principalFen : l.principalFen + l.interestFen;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [value, count] of counts)
    if (count > bestCount || (count === bestCount && best !== undefined && value > best)) {
      best = value;
      bestCount = count;
    }
  return best;
}

/** The regular installment (annuity, flat) or principal part (equal principal)
 *  of the terms themselves, for when no installment can be read. */
function termsInstallmentFen(nt: NormalizedTerms): number {
  switch (nt.method) {
    case 'annuity':
      return annuityRegularPaymentFen(nt);
    case 'equalPrincipal':
      return equalPrincipalPartFen(nt);
    case 'flat':
      return flatPrincipalPartFen(nt) + roundFen(new Dec(nt.principalFen).times(nt.periodicRate));
    default:
      return 0;
  }
}

/** `future` are the not-yet-current installments in order; `deferredBeforeFen`
 *  is the deferred interest of full-deferral periods already behind us;
 *  `keptFen` the installment (annuity, flat) or principal part (equal principal)
 *  shortenTerm keeps (default: read from `future`, else from the terms). */
export function recomputeAfterPrepayment(
  nt: NormalizedTerms,
  future: readonly RemainingInstallment[],
  newBalanceFen: number,
  mode: PrepaymentMode,
  deferredBeforeFen = 0,
  keptFen?: number,
): RemainingInstallment[] {
  invariant(Number.isSafeInteger(newBalanceFen) && newBalanceFen >= 0, 'new balance is a non-negative fen amount');
  if (newBalanceFen === 0 || future.length === 0) return [];
  const grace = principalGraceOf(nt);
  const amortizing = future.filter((l) => l.n > grace);
  const kept = keptFen ?? keptInstallmentOf(nt, future) ?? termsInstallmentFen(nt);
  let regularFen: number;
  switch (nt.method) {
    case 'annuity':
      regularFen =
        mode === 'lowerInstallment'
          ? roundToMultipleFen(
              levelPaymentFen(
                nt,
                newBalanceFen,
                amortizing.map((l) => l.n),
              ),
              nt.installmentMultipleFen,
              nt.installmentRounding,
            )
          : kept;
      break;
    case 'equalPrincipal':
      regularFen = mode === 'lowerInstallment' ? equalPrincipalPartOf(newBalanceFen, amortizing.length) : kept;
      break;
    case 'flat':
      // lowerInstallment: principal part balance / m (the installment falls with the
      // flat interest); shortenTerm: the installment is kept (handled per line).
      regularFen = mode === 'lowerInstallment' ? equalPrincipalPartOf(newBalanceFen, amortizing.length) : kept;
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
    const baseFen = nt.method === 'flat' ? newBalanceFen : balanceFen;
    const ownInterestFen = periodInterestFen(nt, line.n, baseFen);
    let principalFen = 0;
    if (last) principalFen = balanceFen;
    else if (line.n > grace) {
      if (nt.method === 'annuity') {
        const basisFen =
          nt.interestMode === 'period' && usesActualDays(nt, line.n)
            ? roundFen(new Dec(balanceFen).times(nt.periodicRate))
            : ownInterestFen;
        principalFen = Math.min(balanceFen, Math.max(0, regularFen - basisFen));
      } else if (nt.method === 'flat' && mode === 'shortenTerm')
        principalFen = Math.min(balanceFen, Math.max(0, regularFen - ownInterestFen));
      else if (nt.method === 'equalPrincipal' || nt.method === 'flat') principalFen = Math.min(balanceFen, regularFen);
    }
    let interestFen = ownInterestFen;
    if (line.n <= nt.graceInterestPeriods) {
      deferredFen += ownInterestFen;
      interestFen = 0;
    } else if (line.n === nt.graceInterestPeriods + 1) interestFen += deferredFen;
    balanceFen -= principalFen;
    out.push({ n: line.n, dueDate: line.dueDate, principalFen, interestFen, ownInterestFen, baseFen });
  }
  invariant(balanceFen === 0, 'recomputed installments repay the new balance');
  return out;
}
