/** What a customer owes now, for the repayment dialog's quick fill: the unpaid part
 *  of every installment overdue or due on the date plus the penalty; when nothing
 *  is due, the next installment. A function of the position, so the dialog, the
 *  receipt and the collections list say the same. */
import type { LoanPosition } from './position';

export function amountDueFen(position: Pick<LoanPosition, 'installments' | 'penaltyFen'>): number {
  const unpaid = (i: LoanPosition['installments'][number]) =>
    Math.max(0, i.principalFen + i.interestFen - i.paidPrincipalFen - i.paidInterestFen);
  const due = position.installments.filter((i) => i.status === 'overdue' || i.status === 'due');
  if (due.length > 0) return due.reduce((sum, i) => sum + unpaid(i), 0) + position.penaltyFen;
  const next = position.installments.find((i) => i.status === 'notDue');
  return next ? unpaid(next) : 0;
}
