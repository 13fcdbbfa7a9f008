/** Bullet (到期一次还本付息) schedule: one installment at maturity with the principal
 *  and simple interest for the whole term, summed unrounded and rounded once. */
import { Dec } from '../decimal';
import { roundFen } from '../money';
import { finishSchedule, normalizeTerms, periodInterestExact, type NormalizedTerms } from './terms';
import type { Installment, LoanTerms } from './types';

export function bulletSchedule(terms: LoanTerms): Installment[] {
  return bulletInstallments(normalizeTerms(terms));
}

/** The same from already normalised terms (what buildSchedule calls). */
export function bulletInstallments(nt: NormalizedTerms): Installment[] {
  let interestExact = new Dec(0);
  for (let k = 1; k <= nt.installmentCount; k++)
    interestExact = interestExact.plus(periodInterestExact(nt, k, nt.principalFen));
  return finishSchedule({ ...nt, graceInterestPeriods: 0 }, [
    { principalFen: nt.principalFen, interestFen: roundFen(interestExact) },
  ]);
}
