/** Equal-installment (等额本息) schedule: constant payment, interest on the
 *  outstanding balance, rounding residual absorbed by the last installment. */
import { Dec } from '../decimal';
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

/** The regular installment: A over the amortizing periods, rounded to the
 *  installment multiple (nearest, up or down) when one is set. */
export function annuityRegularPaymentFen(nt: NormalizedTerms): number {
  const amortizing = nt.installmentCount - principalGraceOf(nt);
  return roundToMultipleFen(
    annuityPaymentFen(nt.principalFen, nt.periodicRate, amortizing),
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
