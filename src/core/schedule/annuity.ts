/** Equal-installment (等额本息) schedule: constant payment, interest on the
 *  outstanding balance, rounding residual absorbed by the last installment. */
import { Dec } from '../decimal';
import { yearFraction } from '../daycount';
import { roundFen, roundToMultipleFen } from '../money';
import {
  finishSchedule,
  normalizeTerms,
  periodInterestFen,
  principalGraceOf,
  usesActualDays,
  type NormalizedTerms,
  type Row,
} from './terms';
import type { Installment, LoanTerms } from './types';

/** A = P r (1+r)^n / ((1+r)^n - 1) rounded half-up to fen; r = 0 gives P / n. */
export function annuityPaymentFen(principalFen: number, periodicRate: Dec, periods: number): number {
  if (periodicRate.isZero()) return roundFen(new Dec(principalFen).div(periods));
  const growth = periodicRate.plus(1).pow(periods);
  return roundFen(new Dec(principalFen).times(periodicRate).times(growth).div(growth.minus(1)));
}

/** The level payment that repays `principalFen` over periods whose interest
 *  factors are `rates` (period k charges balance x rates[k]):
 *  A = P / sum_k prod_{j<=k} 1 / (1 + i_j), rounded half-up to fen. With equal
 *  rates it is the annuity formula; this is the solve the progressive-loan
 *  calculators (Fineract's ProgressiveEMICalculator) do over actual-day factors. */
export function annuityPaymentFromRatesFen(principalFen: number, rates: readonly Dec[]): number {
  if (rates.length === 0) return principalFen;
  let discount = new Dec(1);
  let sum = new Dec(0);
  for (const rate of rates) {
    discount = discount.div(rate.plus(1));
    sum = sum.plus(discount);
  }
  return roundFen(new Dec(principalFen).div(sum));
}

/** Period k's interest factor by its actual days: annual rate x year fraction
 *  (days / basis under the day count). */
export function actualRateOf(nt: NormalizedTerms, k: number): Dec {
  return nt.rateAnnual.times(yearFraction(nt.periodStarts[k - 1]!, nt.dueDates[k - 1]!, nt.dayCount));
}

/** The unrounded level payment of `balanceFen` over installments `ns` (1-based),
 *  by r ('period' mode) or by each period's actual rate factor ('daily' mode). */
export function levelPaymentFen(nt: NormalizedTerms, balanceFen: number, ns: readonly number[]): number {
  if (nt.interestMode === 'daily')
    return annuityPaymentFromRatesFen(
      balanceFen,
      ns.map((k) => actualRateOf(nt, k)),
    );
  return annuityPaymentFen(balanceFen, nt.periodicRate, Math.max(1, ns.length));
}

/** The regular installment: the level payment over the amortizing periods,
 *  rounded to the installment multiple (nearest, up or down) when one is set.
 *  In 'daily' mode it is solved over the periods' actual-day factors, so the
 *  last installment lands next to the others. */
export function annuityRegularPaymentFen(nt: NormalizedTerms): number {
  const grace = principalGraceOf(nt);
  const amortizing = Array.from({ length: nt.installmentCount - grace }, (_, i) => grace + 1 + i);
  return roundToMultipleFen(
    levelPaymentFen(nt, nt.principalFen, amortizing),
    nt.installmentMultipleFen,
    nt.installmentRounding,
  );
}

/** In 'period' mode the principal part of each installment is A - round(B r); an
 *  irregular first period keeps that principal part and charges its interest by
 *  actual days, so the odd days change only the first payment. In 'daily' mode
 *  the principal part is A - interest by actual days. The last installment
 *  repays the remaining balance. */
export function annuitySchedule(terms: LoanTerms): Installment[] {
  return annuityInstallments(normalizeTerms(terms));
}

/** The same from already normalised terms (what buildSchedule calls). */
export function annuityInstallments(nt: NormalizedTerms): Installment[] {
  const grace = principalGraceOf(nt);
  const paymentFen = annuityRegularPaymentFen(nt);
  const rows: Row[] = [];
  let balanceFen = nt.principalFen;
  for (let k = 1; k <= nt.installmentCount; k++) {
    const interestFen = periodInterestFen(nt, k, balanceFen);
    let principalFen = 0;
    if (k === nt.installmentCount) principalFen = balanceFen;
    else if (k > grace) {
      const basisInterestFen =
        nt.interestMode === 'period' && usesActualDays(nt, k)
          ? roundFen(new Dec(balanceFen).times(nt.periodicRate))
          : interestFen;
      principalFen = Math.min(balanceFen, Math.max(0, paymentFen - basisInterestFen));
    }
    balanceFen -= principalFen;
    rows.push({ principalFen, interestFen });
  }
  return finishSchedule(nt, rows);
}
