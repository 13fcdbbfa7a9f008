/** Equal-principal (等额本金) schedule: principal P / n each period (floor to fen,
 *  the remainder to the last), interest on the outstanding balance. */
import { ceilToMultipleFen } from '../money';
import {
  finishSchedule,
  normalizeTerms,
  periodInterestFen,
  principalGraceOf,
  type NormalizedTerms,
  type Row,
} from './terms';
import type { Installment, LoanTerms } from './types';

/** The regular principal part: floor(P / amortizing periods), rounded up to the
 *  installment multiple when one is set. */
export function equalPrincipalPartFen(nt: NormalizedTerms): number {
  return ceilToMultipleFen(
    Math.floor(nt.principalFen / (nt.installmentCount - principalGraceOf(nt))),
    nt.installmentMultipleFen,
  );
}

export function equalPrincipalSchedule(terms: LoanTerms): Installment[] {
  return equalPrincipalInstallments(normalizeTerms(terms));
}

/** The same from already normalised terms (what buildSchedule calls). */
export function equalPrincipalInstallments(nt: NormalizedTerms): Installment[] {
  const grace = principalGraceOf(nt);
  const partFen = equalPrincipalPartFen(nt);
  const rows: Row[] = [];
  let balanceFen = nt.principalFen;
  for (let k = 1; k <= nt.installmentCount; k++) {
    const interestFen = periodInterestFen(nt, k, balanceFen);
    const principalFen = k === nt.installmentCount ? balanceFen : k > grace ? Math.min(balanceFen, partFen) : 0;
    balanceFen -= principalFen;
    rows.push({ principalFen, interestFen });
  }
  return finishSchedule(nt, rows);
}
