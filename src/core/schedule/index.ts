/** buildSchedule: validates the terms and dispatches to the method's builder. */
import { DomainError } from '../errors';
import { sumFen } from '../money';
import { annuityInstallments } from './annuity';
import { bulletInstallments } from './bullet';
import { equalPrincipalInstallments } from './equalPrincipal';
import { flatInstallments } from './flat';
import { interestOnlyInstallments } from './interestOnly';
import { normalizeTerms, type NormalizedTerms } from './terms';
import type { Installment, LoanTerms, RepaymentMethod, Schedule } from './types';

const BUILDERS: Record<RepaymentMethod, (nt: NormalizedTerms) => Installment[]> = {
  annuity: annuityInstallments,
  equalPrincipal: equalPrincipalInstallments,
  flat: flatInstallments,
  interestOnly: interestOnlyInstallments,
  bullet: bulletInstallments,
};

/** The repayment schedule (还款计划) of a loan; throws SCHEDULE_* DomainErrors with
 *  details.field for bad terms. */
export function buildSchedule(terms: LoanTerms): Schedule {
  const nt = normalizeTerms(terms);
  const builder = BUILDERS[nt.method];
  if (!builder) throw new DomainError('SCHEDULE_UNKNOWN_METHOD', { field: 'method', value: nt.method });
  const installments = nt.frequency === 'days' ? bulletInstallments(nt) : builder(nt);
  return {
    terms,
    installments,
    totalPrincipalFen: sumFen(installments.map((i) => i.principalFen)),
    totalInterestFen: sumFen(installments.map((i) => i.interestFen)),
    totalPaymentFen: sumFen(installments.map((i) => i.paymentFen)),
    upfrontFeeFen: nt.upfrontFeeFen,
    netDisbursedFen: nt.principalFen - nt.upfrontFeeFen,
  };
}

export {
  actualRateOf,
  annuityPaymentFen,
  annuityPaymentFromRatesFen,
  annuityRegularPaymentFen,
  annuitySchedule,
  levelPaymentFen,
} from './annuity';
export { bulletSchedule } from './bullet';
export { equalPrincipalPartFen, equalPrincipalPartOf, equalPrincipalSchedule } from './equalPrincipal';
export { flatPrincipalPartFen, flatSchedule } from './flat';
export { interestOnlySchedule } from './interestOnly';
export {
  assertScheduleInvariants,
  normalizeTerms,
  periodInterestFen,
  periodsPerYearOf,
  principalGraceOf,
  usesActualDays,
  type NormalizedTerms,
} from './terms';
export * from './types';
