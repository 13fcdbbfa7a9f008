/** What each printed document says, gathered from the books: the repayment receipt
 *  (its split and the balance right after it, replayed from the log as it stood
 *  when the repayment was recorded, so every reprint says the same), the customer's
 *  repayment schedule, the payoff certificate and the overdue notice (the loan's
 *  position replayed as of the notice's date). The renderer lays these out; it
 *  computes nothing. */
import type { LocalDb } from '../../db/connection';
import { DomainError } from '../../../core/errors';
import { yuanInCapitals } from '../../../core/money/capitals';
import { loanPosition, type TransactionAllocation } from '../../../core/servicing/position';
import { DEFAULT_PENALTY_MULTIPLIER } from '../../../core/servicing/penalty';
import { addDays } from '../../../core/dates';
import { Dec } from '../../../core/decimal';
import { maskPhone, maskResidentId } from '../../../core/validation/identity';
import type { CertificateContent } from '../../../core/documents/certificate';
import {
  contractOf,
  getLoanRow,
  servicingTransactions,
  transactionsOf,
  type LoanRow,
  type LoanTxRow,
} from '../../projectors/loans';
import { readSettings } from '../settings/store';
import { eventsOf } from '../../events/store';

export type Paper = 'a4' | 'continuous241';

/** Who issues the document: the company and the loan's branch. */
export interface DocumentHeader {
  organisation: string;
  branchCode: string | null;
  branchName: string | null;
}

export interface DocumentCustomer {
  number: string;
  name: string;
  kind: 'person' | 'business';
  /** Masked resident ID (1101**********1234), or a business's credit code. */
  idNumber: string | null;
}

function header(db: LocalDb, branchId: string | null): DocumentHeader {
  const c = db.$client;
  const org = c.prepare('SELECT name FROM organisation LIMIT 1').get() as { name: string } | undefined;
  const branch = branchId
    ? (c.prepare('SELECT code, name FROM branches WHERE id = ?').get(branchId) as
        { code: string; name: string } | undefined)
    : undefined;
  return { organisation: org?.name ?? '', branchCode: branch?.code ?? null, branchName: branch?.name ?? null };
}

interface CustomerRow {
  number: string;
  name: string;
  kind: string;
  residentId: string | null;
  creditCode: string | null;
  address: string | null;
  phone: string | null;
}

function customerRow(db: LocalDb, id: string): CustomerRow {
  const row = db.$client
    .prepare(
      'SELECT number, name, kind, resident_id AS residentId, credit_code AS creditCode, address, phone FROM customers WHERE id = ?',
    )
    .get(id) as CustomerRow | undefined;
  if (!row) throw new DomainError('CUSTOMER_UNKNOWN');
  return row;
}

function customerOf(row: CustomerRow): DocumentCustomer {
  const business = row.kind === 'business';
  return {
    number: row.number,
    name: row.name,
    kind: business ? 'business' : 'person',
    idNumber: business ? row.creditCode : row.residentId ? maskResidentId(row.residentId) : null,
  };
}

function displayName(db: LocalDb, userId: string | null): string | null {
  if (!userId) return null;
  const row = db.$client.prepare('SELECT display_name AS n FROM users WHERE id = ?').get(userId) as
    { n: string } | undefined;
  return row?.n ?? null;
}

function productName(db: LocalDb, productId: string): string | null {
  const row = db.$client.prepare('SELECT name FROM products WHERE id = ?').get(productId) as
    { name: string } | undefined;
  return row?.name ?? null;
}

export function requireLoan(db: LocalDb, loanId: string): LoanRow {
  const loan = getLoanRow(db, loanId);
  if (!loan) throw new DomainError('LOAN_UNKNOWN', { field: 'loanId' });
  return loan;
}

// ---------------------------------------------------------------------------
// Repayment receipt

export interface ReceiptSplit {
  penaltyFen: number;
  interestFen: number;
  principalFen: number;
  feesFen: number;
  /** Paid beyond everything owed: owed back to the customer. */
  overpaymentFen: number;
}

export function splitOf(a: TransactionAllocation): ReceiptSplit {
  return {
    penaltyFen: a.penaltyFen,
    interestFen: a.overdueInterestFen + a.currentInterestFen,
    principalFen: a.overduePrincipalFen + a.currentPrincipalFen + a.prepaymentFen,
    feesFen: a.feesFen,
    overpaymentFen: a.overpaymentFen,
  };
}

export interface ReceiptModel {
  header: DocumentHeader;
  transactionId: string;
  loanId: string;
  /** Null until the first copy of a repayment recorded before receipts existed. */
  receiptNumber: string | null;
  loanNumber: string;
  productName: string | null;
  customer: DocumentCustomer;
  valueDate: string;
  bookedOn: string;
  bookedAt: string;
  amountFen: number;
  amountInCapitals: string;
  /** The split as the books held it right after the repayment. */
  split: ReceiptSplit | null;
  /** Outstanding principal right after the repayment. */
  balanceAfterFen: number;
  closedTheLoan: boolean;
  channel: 'cash' | 'bank';
  officer: string | null;
  reversal: { bookedOn: string; reason: string | null } | null;
  /** Copies printed or saved so far (the next is a reprint when above 0). */
  printCount: number;
  paper: Paper;
}

/** The log as it stood when `id` was recorded: the loan's transactions whose events
 *  come up to its own in the log's order. */
function recordedThrough(db: LocalDb, loanId: string, txs: readonly LoanTxRow[], id: string): LoanTxRow[] {
  const order: string[] = [];
  for (const e of eventsOf(db, 'loan', loanId)) {
    const p = e.payload as { transactionId?: unknown };
    if (e.kind === 'fact' || e.type === 'LoanDisbursed')
      if (typeof p.transactionId === 'string' && !order.includes(p.transactionId)) order.push(p.transactionId);
  }
  const through = new Set(order.slice(0, order.indexOf(id) + 1));
  return txs.filter((t) => through.has(t.id));
}

export function receiptOf(db: LocalDb, transactionId: string): ReceiptModel {
  const c = db.$client;
  const txRow = c.prepare('SELECT loan_id AS loanId, kind FROM loan_transactions WHERE id = ?').get(transactionId) as
    { loanId: string; kind: string } | undefined;
  if (!txRow) throw new DomainError('TRANSACTION_UNKNOWN', { field: 'transactionId' });
  if (txRow.kind !== 'repayment') throw new DomainError('RECEIPT_NOT_REPAYMENT', { field: 'transactionId' });
  const loan = requireLoan(db, txRow.loanId);
  const txs = transactionsOf(db, loan.id);
  const tx = txs.find((t) => t.id === transactionId)!;
  const then = servicingTransactions(recordedThrough(db, loan.id, txs, tx.id));
  const position = loanPosition(contractOf(loan), then, tx.bookedOn);
  const allocation = position.allocations.find((a) => a.transactionId === tx.id);
  const reversal = tx.reversedById ? txs.find((t) => t.id === tx.reversedById) : undefined;
  const receipt = c
    .prepare('SELECT receipt_number AS n, print_count AS printed FROM receipts WHERE transaction_id = ?')
    .get(tx.id) as { n: string; printed: number } | undefined;
  return {
    header: header(db, loan.branchId),
    transactionId: tx.id,
    loanId: loan.id,
    receiptNumber: receipt?.n ?? null,
    loanNumber: loan.number,
    productName: productName(db, loan.productId),
    customer: customerOf(customerRow(db, loan.customerId)),
    valueDate: tx.valueDate,
    bookedOn: tx.bookedOn,
    bookedAt: tx.createdAt,
    amountFen: tx.amountFen,
    amountInCapitals: yuanInCapitals(tx.amountFen),
    split: allocation ? splitOf(allocation) : null,
    balanceAfterFen: position.outstandingPrincipalFen,
    closedTheLoan: position.closedBy?.transactionId === tx.id,
    channel: tx.channel === 'cash' ? 'cash' : 'bank',
    officer: displayName(db, tx.actorId),
    reversal: reversal ? { bookedOn: reversal.bookedOn, reason: reversal.note } : null,
    printCount: receipt?.printed ?? 0,
    paper: readSettings(db).documents.receiptPaper,
  };
}

// ---------------------------------------------------------------------------
// Repayment schedule

export interface LoanTermsModel {
  loanNumber: string;
  status: string;
  productName: string | null;
  principalFen: number;
  rateAnnual: string;
  annualizedRate: string;
  method: string;
  periods: number;
  disbursedOn: string | null;
  maturityDate: string | null;
  upfrontFeeFen: number;
  penaltyMultiplier: string;
  dayCount: string;
  officer: string | null;
}

function termsOf(db: LocalDb, loan: LoanRow): LoanTermsModel {
  const contract = contractOf(loan);
  return {
    loanNumber: loan.number,
    status: loan.status,
    productName: productName(db, loan.productId),
    principalFen: loan.principalFen,
    rateAnnual: loan.rateAnnual,
    annualizedRate: loan.annualizedRate,
    method: loan.method,
    periods: loan.periods,
    disbursedOn: loan.disbursedOn,
    maturityDate: loan.maturityDate ?? contract.schedule.installments.at(-1)?.dueDate ?? null,
    upfrontFeeFen: contract.schedule.upfrontFeeFen,
    penaltyMultiplier: String(contract.penaltyMultiplier ?? DEFAULT_PENALTY_MULTIPLIER),
    dayCount: contract.terms.dayCount ?? 'ACT/360',
    officer: displayName(db, loan.officerId),
  };
}

export interface ScheduleModel {
  header: DocumentHeader;
  loanId: string;
  customer: DocumentCustomer;
  terms: LoanTermsModel;
  /** The date the paid amounts are as of (the branch's business date). */
  asOf: string;
  installments: Array<{
    n: number;
    dueDate: string;
    paymentFen: number;
    principalFen: number;
    interestFen: number;
    paidFen: number;
    status: string | null;
  }>;
  /** Not disbursed yet: the agreed schedule, nothing paid. */
  preview: boolean;
}

export function scheduleOf(db: LocalDb, loanId: string, asOf: string): ScheduleModel {
  const loan = requireLoan(db, loanId);
  const rows = db.$client
    .prepare(
      'SELECT n, due_date AS dueDate, principal_fen AS principalFen, interest_fen AS interestFen, payment_fen AS paymentFen, paid_principal_fen + paid_interest_fen AS paidFen, status FROM installments WHERE loan_id = ? ORDER BY n',
    )
    .all(loan.id) as ScheduleModel['installments'];
  const preview = !loan.disbursedOn;
  return {
    header: header(db, loan.branchId),
    loanId: loan.id,
    customer: customerOf(customerRow(db, loan.customerId)),
    terms: termsOf(db, loan),
    asOf,
    installments: preview
      ? contractOf(loan).schedule.installments.map((i) => ({
          n: i.n,
          dueDate: i.dueDate,
          paymentFen: i.paymentFen,
          principalFen: i.principalFen,
          interestFen: i.interestFen,
          paidFen: 0,
          status: null,
        }))
      : rows,
    preview,
  };
}

// ---------------------------------------------------------------------------
// Contract summary

export interface ContractModel {
  header: DocumentHeader;
  loanId: string;
  /** The printed copy names the borrower by the full resident ID; the preview masks it. */
  customer: DocumentCustomer;
  terms: LoanTermsModel;
  principalInCapitals: string;
  /** The penalty interest's annual rate: the contract rate times the multiplier (a decimal fraction). */
  penaltyRateAnnual: string;
  installments: Array<{ n: number; dueDate: string; principalFen: number; interestFen: number; paymentFen: number }>;
}

/** The contract summary (借款合同摘要): the lender by its legal name, the borrower,
 *  the amount in figures and in capitals, the rates (the penalty rate as a number)
 *  and the schedule agreed (or as it stands once disbursed). `fullId` is for the
 *  printed copy the borrower signs: the caller audits it. */
export function contractSummaryOf(db: LocalDb, loanId: string, { fullId }: { fullId: boolean }): ContractModel {
  const loan = requireLoan(db, loanId);
  const row = customerRow(db, loan.customerId);
  const customer = customerOf(row);
  const terms = termsOf(db, loan);
  const scheduled = db.$client
    .prepare(
      'SELECT n, due_date AS dueDate, principal_fen AS principalFen, interest_fen AS interestFen, payment_fen AS paymentFen FROM installments WHERE loan_id = ? ORDER BY n',
    )
    .all(loan.id) as ContractModel['installments'];
  return {
    header: header(db, loan.branchId),
    loanId: loan.id,
    customer: fullId && customer.kind === 'person' ? { ...customer, idNumber: row.residentId } : customer,
    terms,
    principalInCapitals: yuanInCapitals(loan.principalFen),
    penaltyRateAnnual: new Dec(terms.rateAnnual).times(terms.penaltyMultiplier).toString(),
    installments:
      scheduled.length > 0
        ? scheduled
        : contractOf(loan).schedule.installments.map((i) => ({
            n: i.n,
            dueDate: i.dueDate,
            principalFen: i.principalFen,
            interestFen: i.interestFen,
            paymentFen: i.paymentFen,
          })),
  };
}

// ---------------------------------------------------------------------------
// Payoff certificate

export interface CertificateModel {
  header: DocumentHeader;
  loanId: string;
  customer: DocumentCustomer;
  terms: LoanTermsModel;
  closedOn: string;
  /** Everything repaid (reversed repayments excluded), and how the books applied it. */
  repaidFen: number;
  repaidInCapitals: string;
  repaid: ReceiptSplit;
  issuedOn: string;
  /** What the verification code covers. */
  content: CertificateContent;
}

export function certificateOf(db: LocalDb, loanId: string, issuedOn: string): CertificateModel {
  const loan = requireLoan(db, loanId);
  if (loan.status !== 'closed' || !loan.closedOn) throw new DomainError('LOAN_NOT_CLOSED', { status: loan.status });
  const customer = customerRow(db, loan.customerId);
  const { repaidFen, repaid } = repaidOn(db, loan);
  return {
    header: header(db, loan.branchId),
    loanId: loan.id,
    customer: customerOf(customer),
    terms: termsOf(db, loan),
    closedOn: loan.closedOn,
    repaidFen,
    repaidInCapitals: yuanInCapitals(repaidFen),
    repaid,
    issuedOn,
    content: {
      loanNumber: loan.number,
      closedOn: loan.closedOn,
      repaidFen,
      customerNumber: customer.number,
      principalFen: loan.principalFen,
    },
  };
}

/** The loan's standing repayments in total, and their split as the books hold it. */
export function repaidOn(db: LocalDb, loan: LoanRow): { repaidFen: number; repaid: ReceiptSplit } {
  const repaid: ReceiptSplit = { penaltyFen: 0, interestFen: 0, principalFen: 0, feesFen: 0, overpaymentFen: 0 };
  let repaidFen = 0;
  for (const t of transactionsOf(db, loan.id)) {
    if (t.kind !== 'repayment' || t.reversedById) continue;
    repaidFen += t.amountFen;
    if (!t.allocationJson) continue;
    const s = splitOf(JSON.parse(t.allocationJson) as TransactionAllocation);
    for (const k of Object.keys(repaid) as Array<keyof ReceiptSplit>) repaid[k] += s[k];
  }
  return { repaidFen, repaid };
}

export function customerNumberOf(db: LocalDb, loan: LoanRow): string {
  return customerRow(db, loan.customerId).number;
}

// ---------------------------------------------------------------------------
// Overdue notice

export interface NoticeModel {
  header: DocumentHeader;
  loanId: string;
  customer: DocumentCustomer & { address: string | null; phone: string | null };
  terms: LoanTermsModel;
  asOf: string;
  dpd: number;
  /** The oldest unpaid installment's due date (DPD counts from it). */
  overdueSince: string | null;
  overdue: {
    principalFen: number;
    interestFen: number;
    penaltyFen: number;
    feesFen: number;
    totalFen: number;
  };
  totalInCapitals: string;
  installments: Array<{
    n: number;
    dueDate: string;
    daysOverdue: number;
    principalFen: number;
    interestFen: number;
  }>;
  outstandingPrincipalFen: number;
  payBy: string;
  payTo: {
    payeeName: string;
    payeeAccount: string;
    payeeBank: string;
    counterAddress: string;
    servicePhone: string;
  };
}

export function noticeOf(db: LocalDb, loanId: string, asOf: string): NoticeModel {
  const loan = requireLoan(db, loanId);
  if (loan.status !== 'active') throw new DomainError('LOAN_NOT_ACTIVE', { status: loan.status });
  if (loan.disbursedOn && asOf < loan.disbursedOn)
    throw new DomainError('VALUE_DATE_BEFORE_DISBURSEMENT', { field: 'asOf', disbursedOn: loan.disbursedOn });
  const position = loanPosition(contractOf(loan), servicingTransactions(transactionsOf(db, loan.id)), asOf);
  if (position.dpd <= 0) throw new DomainError('LOAN_NOT_OVERDUE', { asOf });
  const late = position.installments.filter((i) => i.status === 'overdue');
  const principalFen = late.reduce((s, i) => s + i.principalFen - i.paidPrincipalFen, 0);
  const interestFen = late.reduce((s, i) => s + i.interestFen - i.paidInterestFen, 0);
  const totalFen = principalFen + interestFen + position.penaltyFen + position.feesFen;
  const customer = customerRow(db, loan.customerId);
  const settings = readSettings(db).documents;
  return {
    header: header(db, loan.branchId),
    loanId: loan.id,
    customer: {
      ...customerOf(customer),
      address: customer.address,
      phone: customer.phone ? maskPhone(customer.phone) : null,
    },
    terms: termsOf(db, loan),
    asOf,
    dpd: position.dpd,
    overdueSince: late[0]?.dueDate ?? null,
    overdue: { principalFen, interestFen, penaltyFen: position.penaltyFen, feesFen: position.feesFen, totalFen },
    totalInCapitals: yuanInCapitals(totalFen),
    installments: late.map((i) => ({
      n: i.n,
      dueDate: i.dueDate,
      daysOverdue: i.daysOverdue,
      principalFen: i.principalFen - i.paidPrincipalFen,
      interestFen: i.interestFen - i.paidInterestFen,
    })),
    outstandingPrincipalFen: position.outstandingPrincipalFen,
    payBy: addDays(asOf, settings.noticePayWithinDays),
    payTo: {
      payeeName: settings.payeeName,
      payeeAccount: settings.payeeAccount,
      payeeBank: settings.payeeBank,
      counterAddress: settings.counterAddress,
      servicePhone: settings.servicePhone,
    },
  };
}
