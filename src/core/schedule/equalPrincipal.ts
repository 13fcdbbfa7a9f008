/** Equal-principal (等额本金) schedule: principal P / n each period (rounded half-up
 *  to the fen, the last period paying the rest), interest on the outstanding
 *  balance. The installment multiple does not apply here (DOMAIN.md). */
import { Dec } from '../decimal';
import { roundFen } from '../money';
import {
  finishSchedule,
  normalizeTerms,
  periodInterestFen,
  principalGraceOf,
  type NormalizedTerms,
  type Row,
} from './terms';
import type { Installment, LoanTerms } from './types';

/** The regular principal part: round_half_up(P / amortizing periods). 28 000.00
 *  over 24 is 1 166.67 (the last 1 166.59); 5 000.00 over 18 is 277.78 (the last
 *  277.74). */
export function equalPrincipalPartFen(nt: NormalizedTerms): number {
  return equalPrincipalPartOf(nt.principalFen, nt.installmentCount - principalGraceOf(nt));
}

/** round_half_up(balance / periods): the principal part of `periods` equal parts. */
export function equalPrincipalPartOf(balanceFen: number, periods: number): number {
  return roundFen(new Dec(balanceFen).div(Math.max(1, periods)));
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
