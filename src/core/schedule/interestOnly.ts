/** Interest-only (先息后本) schedule: interest every period, all principal with the
 *  last installment. */
import { finishSchedule, normalizeTerms, periodInterestFen, type NormalizedTerms, type Row } from './terms';
import type { Installment, LoanTerms } from './types';

export function interestOnlySchedule(terms: LoanTerms): Installment[] {
  return interestOnlyInstallments(normalizeTerms(terms));
}

/** The same from already normalised terms (what buildSchedule calls). */
export function interestOnlyInstallments(nt: NormalizedTerms): Installment[] {
  const rows: Row[] = [];
  for (let k = 1; k <= nt.installmentCount; k++) {
    rows.push({
      principalFen: k === nt.installmentCount ? nt.principalFen : 0,
      interestFen: periodInterestFen(nt, k, nt.principalFen),
    });
  }
  return finishSchedule(nt, rows);
}
