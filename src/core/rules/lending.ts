/** The rules that decide lending actions, as pure functions over explicit facts:
 *  maker-checker, approval limits, status transitions, repayment and recovery
 *  bounds, write-off eligibility. The desktop runs them before it records an event,
 *  the sync server re-runs them on what it receives, the renderer uses them for
 *  its previews. Each refuses with a DomainError whose code the UI translates. */
import { DomainError } from '../errors';
import { TERMS_CHECKS, type Assessment } from './assessment';

export const SYSTEM_ACTOR = 'system';

export type ApplicationStatus = 'review' | 'approved' | 'declined' | 'returned';
export type LoanStatus = 'approved' | 'active' | 'closed' | 'written_off' | 'cancelled';

/** A decision on an application in review, decided on `expectedVersion`. */
export function requireReviewable(
  app: { status: string; version: number; createdBy: string },
  expectedVersion: number,
  actorId: string,
): void {
  if (app.status !== 'review') throw new DomainError('APPLICATION_NOT_IN_REVIEW', { status: app.status });
  if (app.version !== expectedVersion)
    throw new DomainError('VERSION_CONFLICT', { expected: expectedVersion, actual: app.version });
  if (app.createdBy === actorId) throw new DomainError('APPROVER_IS_MAKER');
}

/** Amounts above the approver's limit need someone with a higher limit. */
export function requireWithinLimit(amountFen: number, approvalLimitFen: number): void {
  if (amountFen > approvalLimitFen)
    throw new DomainError('NEEDS_HIGHER_APPROVAL', { limitFen: approvalLimitFen, amountFen });
}

/** An approval on re-assessed terms: a failing check of the terms themselves always
 *  refuses; a failing hard pre-check of the customer (age, watch list, overdue,
 *  debt-to-income) refuses unless a role allowed to override gives a reason. */
export function checkApprovalAssessment(
  reassessed: Assessment,
  override: { allowed: boolean; reason: string | null },
): { reason: string; checks: string[] } | null {
  const failing = reassessed.prechecks.filter((p) => !p.passed);
  const termsFailing = failing.filter((p) => TERMS_CHECKS.includes(p.code));
  if (termsFailing.length > 0)
    throw new DomainError('APPROVAL_TERMS_INVALID', { checks: termsFailing.map((p) => p.code) });
  if (failing.length === 0) return null;
  const checks = failing.map((p) => p.code);
  if (!override.reason) throw new DomainError('APPROVAL_PRECHECK_FAILED', { checks });
  if (!override.allowed) throw new DomainError('PERMISSION_DENIED', { permission: 'applications.override' });
  return { reason: override.reason, checks };
}

/** Disbursement needs an approved loan and a second person: never the approver, and
 *  never the officer who took an application the system approved. */
export function requireDisbursable(
  loan: { status: string; disbursedOn: string | null; approvedBy: string | null; version: number },
  applicationCreatedBy: string | null,
  actorId: string,
  expectedVersion: number,
): void {
  if (loan.status !== 'approved')
    throw new DomainError(loan.disbursedOn ? 'LOAN_ALREADY_DISBURSED' : 'LOAN_NOT_APPROVED', { status: loan.status });
  if (loan.version !== expectedVersion)
    throw new DomainError('VERSION_CONFLICT', { expected: expectedVersion, actual: loan.version });
  if (loan.approvedBy === actorId || (loan.approvedBy === SYSTEM_ACTOR && applicationCreatedBy === actorId))
    throw new DomainError('DISBURSER_IS_APPROVER');
}

/** Only an approved loan not yet disbursed can be cancelled (撤销), decided on its
 *  current version. */
export function requireCancellable(
  loan: { status: string; disbursedOn: string | null; version: number },
  expectedVersion: number,
): void {
  if (loan.status !== 'approved' || loan.disbursedOn)
    throw new DomainError('LOAN_NOT_CANCELLABLE', { status: loan.status });
  if (loan.version !== expectedVersion)
    throw new DomainError('VERSION_CONFLICT', { expected: expectedVersion, actual: loan.version });
}

/** Servicing (repayments, write-off proposals, overrides) needs an active loan. */
export function requireActive(status: string): void {
  if (status === 'closed') throw new DomainError('LOAN_CLOSED');
  if (status === 'written_off') throw new DomainError('LOAN_WRITTEN_OFF');
  if (status !== 'active') throw new DomainError('LOAN_NOT_ACTIVE', { status });
}

/** A value date is never after the business date nor before the disbursement. */
export function checkValueDate(
  valueDate: string,
  businessDate: string,
  disbursedOn: string | null,
  field = 'valueDate',
) {
  if (valueDate > businessDate) throw new DomainError('VALUE_DATE_IN_FUTURE', { field, businessDate });
  if (disbursedOn && valueDate < disbursedOn)
    throw new DomainError('VALUE_DATE_BEFORE_DISBURSEMENT', { field, disbursedOn });
}

/** The largest repayment taken at all: twice the payoff plus 100 yuan (a typo guard). */
export const REPAYMENT_GUARD_EXTRA_FEN = 100_00;

/** A repayment above the payoff amount leaves a payable to the customer: it needs an
 *  explicit confirmation, and it is bounded. */
export function checkRepaymentAmount(amountFen: number, payoffFen: number, acceptOverpayment: boolean): void {
  if (amountFen > payoffFen * 2 + REPAYMENT_GUARD_EXTRA_FEN)
    throw new DomainError('REPAYMENT_TOO_LARGE', { field: 'amountFen', payoffFen });
  if (amountFen > payoffFen && !acceptOverpayment)
    throw new DomainError('REPAYMENT_OVER_PAYOFF', {
      field: 'amountFen',
      payoffFen,
      overpaymentFen: amountFen - payoffFen,
    });
}

/** What a payoff above the cap needs: the permission to override it. */
export const PAYOFF_CAP_OVERRIDE = 'repayments.overrideCap';

/** A repayment that leaves nothing owed when the annualized cost of the loan's
 *  actual cash flows passes the cap (an early payoff of a loan with an upfront fee,
 *  a long-overdue loan's penalty) is refused, unless a role allowed to override
 *  gives a reason; the override is recorded with the repayment. */
export function checkPayoffCap(
  cap: {
    closes: boolean;
    exceedsCap: boolean;
    annualizedCost: string | null;
    rateCapAnnual: string;
    payoffFen: number;
    maxTotalWithinCapFen: number;
  },
  override: { allowed: boolean; reason: string | null },
): { reason: string } | null {
  if (!cap.closes || !cap.exceedsCap) return null;
  if (!override.reason)
    throw new DomainError('PAYOFF_OVER_CAP', {
      annualizedCost: cap.annualizedCost,
      rateCapAnnual: cap.rateCapAnnual,
      payoffFen: cap.payoffFen,
      maxTotalWithinCapFen: cap.maxTotalWithinCapFen,
    });
  if (!override.allowed) throw new DomainError('PERMISSION_DENIED', { permission: PAYOFF_CAP_OVERRIDE });
  return { reason: override.reason };
}

/** A recovery after write-off is bounded by what was written off and not yet recovered. */
export function checkRecoveryAmount(amountFen: number, writtenOffFen: number, recoveredFen: number): void {
  const remainingFen = Math.max(0, writtenOffFen - recoveredFen);
  if (amountFen > remainingFen) throw new DomainError('RECOVERY_TOO_LARGE', { field: 'amountFen', remainingFen });
}

/** A repayment can be reversed once, and not after the loan was written off. */
export function checkReversal(tx: { kind: string; reversedById: string | null } | undefined, loanStatus: string): void {
  if (!tx || tx.kind !== 'repayment') throw new DomainError('TRANSACTION_UNKNOWN', { field: 'transactionId' });
  if (tx.reversedById) throw new DomainError('TRANSACTION_ALREADY_REVERSED');
  if (loanStatus === 'written_off') throw new DomainError('LOAN_WRITTEN_OFF');
}

export interface WriteOffProposal {
  by: string;
  reason: string;
  at: string;
}

/** A write-off is proposed for a loan past the days-past-due threshold, once. */
export function checkWriteOffProposal(
  loan: { status: string; dpd: number; proposal: WriteOffProposal | null },
  minDpd: number,
): void {
  requireActive(loan.status);
  if (loan.dpd < minDpd) throw new DomainError('WRITE_OFF_DPD_TOO_LOW', { dpd: loan.dpd, minDpd });
  if (loan.proposal) throw new DomainError('WRITE_OFF_ALREADY_PROPOSED');
}

/** ... and approved by someone other than the proposer. */
export function checkWriteOffApproval(loan: { status: string; proposal: WriteOffProposal | null }, actorId: string) {
  requireActive(loan.status);
  if (!loan.proposal) throw new DomainError('WRITE_OFF_NOT_PROPOSED');
  if (loan.proposal.by === actorId) throw new DomainError('APPROVER_IS_MAKER');
}
