/** Loan figures the service and collections screens share (what is due today, the
 *  next due date, days past due, the repayments that keep a promise), computed with
 *  the core servicing replay as of the loan's business date, so the ticket's
 *  canned reply, the customer panel and the collections list say the same. */
import type { LocalDb } from '../../db/connection';
import {
  contractOf,
  servicingTransactions,
  transactionsOf,
  type LoanRow,
  type LoanTxRow,
} from '../../projectors/loans';
import { loanPosition } from '../../../core/servicing/position';
import { amountDueFen } from '../../../core/servicing/due';
import {
  promiseOutcome,
  type Payment,
  type PromiseOutcome,
  type PromiseToPay,
} from '../../../core/collections/promises';
import { currentBusinessDate } from '../eod/businessDate';

export interface LoanFigures {
  today: string;
  dpd: number;
  amountDueFen: number;
  nextDueDate: string | null;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
}

/** Repayments that stand (not reversed): what keeps a promise. */
export function effectivePayments(txs: readonly LoanTxRow[]): Payment[] {
  return txs
    .filter((t) => t.kind === 'repayment' && !t.reversedById)
    .map((t) => ({ valueDate: t.valueDate, amountFen: t.amountFen }));
}

/** The business date of each branch, asked once per call. */
export function businessDates(db: LocalDb, now: Date): (branchId: string | null) => string {
  const cache = new Map<string | null, string>();
  return (branchId) => {
    let d = cache.get(branchId);
    if (!d) {
      d = currentBusinessDate(db, now, branchId);
      cache.set(branchId, d);
    }
    return d;
  };
}

/** A disbursed loan's figures on `today`; null before disbursement. */
export function loanFigures(
  db: LocalDb,
  loan: LoanRow,
  today: string,
  txs = transactionsOf(db, loan.id),
): LoanFigures | null {
  if (!loan.disbursedOn || loan.status === 'approved' || loan.status === 'cancelled') return null;
  if (loan.status !== 'active')
    return {
      today,
      dpd: loan.dpd,
      amountDueFen: 0,
      nextDueDate: null,
      outstandingPrincipalFen: loan.outstandingPrincipalFen,
      overduePrincipalFen: loan.overduePrincipalFen,
    };
  const position = loanPosition(contractOf(loan), servicingTransactions(txs), today);
  const next = position.installments.find((i) => i.status === 'due' || i.status === 'notDue');
  return {
    today,
    dpd: position.dpd,
    amountDueFen: amountDueFen(position),
    nextDueDate: next?.dueDate ?? null,
    outstandingPrincipalFen: position.outstandingPrincipalFen,
    overduePrincipalFen: position.overduePrincipalFen,
  };
}

export interface PromiseRow {
  id: string;
  loanId: string;
  contactId: string | null;
  amountFen: number;
  promisedDate: string;
  madeOn: string;
  madeBy: string | null;
  madeAt: string;
}

const PROMISE_COLUMNS =
  'id, loan_id AS loanId, contact_id AS contactId, amount_fen AS amountFen, promised_date AS promisedDate, made_on AS madeOn, made_by AS madeBy, made_at AS madeAt';

export function promisesOf(db: LocalDb, loanId: string): PromiseRow[] {
  return db.$client
    .prepare(`SELECT ${PROMISE_COLUMNS} FROM collection_promises WHERE loan_id = ? ORDER BY made_at DESC, id DESC`)
    .all(loanId) as PromiseRow[];
}

export function promisesMadeBetween(db: LocalDb, from: string, to: string): PromiseRow[] {
  return db.$client
    .prepare(`SELECT ${PROMISE_COLUMNS} FROM collection_promises WHERE made_on BETWEEN ? AND ? ORDER BY made_at, id`)
    .all(from, to) as PromiseRow[];
}

export function withOutcome(
  p: PromiseRow,
  payments: readonly Payment[],
  today: string,
): PromiseRow & PromiseToPay & PromiseOutcome {
  return { ...p, ...promiseOutcome(p, payments, today) };
}
