/** Flat (等本等息) schedule: every period charges interest on the ORIGINAL principal;
 *  principal P / n each period (rounded half-up, the last paying the rest). */
import { Dec } from '../decimal';
import { roundFen, roundToMultipleFen } from '../money';
import {
  finishSchedule,
  normalizeTerms,
  periodInterestFen,
  principalGraceOf,
  type NormalizedTerms,
  type Row,
} from './terms';
import type { Installment, LoanTerms } from './types';

export function flatPrincipalPartFen(nt: NormalizedTerms): number {
  const basePartFen = roundFen(new Dec(nt.principalFen).div(nt.installmentCount - principalGraceOf(nt)));
  if (nt.installmentMultipleFen <= 1) return basePartFen;
  const regularInterestFen = roundFen(new Dec(nt.principalFen).times(nt.periodicRate));
  const installmentFen = roundToMultipleFen(
    basePartFen + regularInterestFen,
    nt.installmentMultipleFen,
    nt.installmentRounding,
  );
  return Math.max(0, installmentFen - regularInterestFen);
}

/** With an installment multiple, the regular payment (P/n + P r) is rounded to it
 *  (nearest, up or down) and the principal part is that payment minus the regular
 *  interest. */
export function flatSchedule(terms: LoanTerms): Installment[] {
  return flatInstallments(normalizeTerms(terms));
}

/** The same from already normalised terms (what buildSchedule calls). */
export function flatInstallments(nt: NormalizedTerms): Installment[] {
  const grace = principalGraceOf(nt);
  const partFen = flatPrincipalPartFen(nt);
  const rows: Row[] = [];
  let balanceFen = nt.principalFen;
  for (let k = 1; k <= nt.installmentCount; k++) {
    const interestFen = periodInterestFen(nt, k, nt.principalFen);
    const principalFen = k === nt.installmentCount ? balanceFen : k > grace ? Math.min(balanceFen, partFen) : 0;
    balanceFen -= principalFen;
    rows.push({ principalFen, interestFen });
  }
  return finishSchedule(nt, rows);
}
