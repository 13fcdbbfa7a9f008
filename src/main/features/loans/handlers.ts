/** Loans after approval: disbursement by a second person, repayments with the
 *  waterfall split shown first, reversals, payoff quotes, write-off with
 *  approval, recoveries, and the loan detail. Each write gathers the facts, lets
 *  the core rules decide, and records events that the loan projector applies. */
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { handler, type Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { draft, emit, eventsOf, metaOf } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { addDays, isValidDate } from '../../../core/dates';
import { buildSchedule } from '../../../core/schedule/index';
import {
  DEFAULT_REPAYMENT_INTENT,
  loanPosition,
  payoffQuote,
  repaymentEffect,
  REPAYMENT_INTENTS,
  type RepaymentIntent,
} from '../../../core/servicing/position';
import { DEFAULT_RED_LINE } from '../../../core/servicing/cost';
import { DEFAULT_RATE_CAP } from '../../../core/apr/ratecap';
import { can } from '../../../core/auth/permissions';
import { amountDueFen } from '../../../core/servicing/due';
import {
  checkPayoffCap,
  checkRecoveryAmount,
  checkRepaymentAmount,
  checkReversal,
  checkValueDate,
  checkWriteOffApproval,
  checkWriteOffProposal,
  requireActive,
  requireCancellable,
  requireDisbursable,
  PAYOFF_CAP_OVERRIDE,
  type WriteOffProposal,
} from '../../../core/rules/lending';
import { maskAccount, maskResidentId } from '../../../core/validation/identity';
import { disburseInput } from '../../../contract/schemas/disbursement';
import { disbursementPayee } from './payee';
import type { StoredContract } from '../../../contract/events';
import { text } from '../../../core/validation/text';
import { currentBusinessDate } from '../eod/businessDate';
import { readSettings } from '../settings/store';
import { contractOf, getLoanRow, servicingTransactions, transactionsOf, type LoanRow } from '../../projectors/loans';
import { amountFen } from '../../../contract/schemas/applications';
import { nextReceiptNumber } from '../numbers';
import { checkDisbursementFunds, disbursementVat } from '../books/disbursement';

const loanId = z.string().uuid();
const date = z.string().refine(isValidDate, 'DATE_FORMAT');
const channel = z.enum(['bank', 'cash']);
/** 按期还款 pay installments (ahead when early) / 提前还本 prepay principal; the
 *  product's default when omitted. */
const intent = z.enum(REPAYMENT_INTENTS as unknown as ['installments', 'principal']).optional();
const MAX_QUOTE_DAYS_AHEAD = 366;

export function getLoan(db: LocalDb, id: string): LoanRow {
  const row = getLoanRow(db, id);
  if (!row) throw new DomainError('LOAN_UNKNOWN', { field: 'loanId' });
  return row;
}

/** The business date a change to this loan is booked on: its branch's open day. */
export function loanBusinessDate(ctx: Ctx, db: LocalDb, loan: Pick<LoanRow, 'branchId'>): string {
  return currentBusinessDate(db, ctx.now(), loan.branchId);
}

function proposalOf(loan: LoanRow): WriteOffProposal | null {
  return loan.writeOffProposalJson ? (JSON.parse(loan.writeOffProposalJson) as WriteOffProposal) : null;
}

/** Records loan events on the loan's branch and business date. */
function recordLoan(
  ctx: Ctx,
  db: LocalDb,
  loan: LoanRow,
  drafts: Parameters<typeof emit>[2],
  businessDate = loanBusinessDate(ctx, db, loan),
) {
  return emit(
    db,
    metaOf(ctx, businessDate),
    drafts.map((d) => ({ ...d, branchId: loan.branchId })),
  );
}

/** A cancellation before disbursement, with the canceller's name. */
function cancellationOf(db: LocalDb, loan: LoanRow) {
  if (!loan.cancellationJson) return null;
  const c = JSON.parse(loan.cancellationJson) as { by: string | null; reason: string; at: string };
  const user = c.by
    ? (db.$client.prepare('SELECT display_name AS name FROM users WHERE id = ?').get(c.by) as
        { name: string } | undefined)
    : undefined;
  return { ...c, byName: user?.name ?? null };
}

/** The intent a repayment is applied with: the officer's choice, else the
 *  product's default fixed in the contract. */
function intentFor(loan: LoanRow, chosen: RepaymentIntent | undefined): RepaymentIntent {
  return chosen ?? contractOf(loan).repaymentIntent ?? DEFAULT_REPAYMENT_INTENT;
}

/** The split of a repayment by the product waterfall and what it leaves (the
 *  position, whether it closes the loan above the cap), without recording it. */
function previewRepayment(
  db: LocalDb,
  loan: LoanRow,
  repayment: { id: string; amountFen: number; valueDate: string; intent: RepaymentIntent },
  asOf: string,
) {
  const txs = servicingTransactions(transactionsOf(db, loan.id));
  const { position, allocation, cap } = repaymentEffect(
    contractOf(loan),
    txs,
    { type: 'repayment', ...repayment },
    asOf,
  );
  if (!allocation) throw new DomainError('REPAYMENT_NOT_ALLOCATED');
  return {
    intent: repayment.intent,
    allocation,
    after: {
      outstandingPrincipalFen: position.outstandingPrincipalFen,
      closed: position.closed,
      overpaymentFen: position.overpaymentFen,
    },
    /** It closes the loan: the annualized cost of the actual cash flows against the
     *  cap (above it, recording needs an override). */
    cap,
  };
}

function payoffFor(db: LocalDb, loan: LoanRow, valueDate: string) {
  return payoffQuote(contractOf(loan), servicingTransactions(transactionsOf(db, loan.id)), valueDate);
}

/** What the branch's daily accrual entries hold for the loan (its accruals and their
 *  VAT post per branch and day, not per loan: projectors/journal.ts). */
function dailyPostingsOf(loan: LoanRow) {
  const nets = JSON.parse(loan.accrualPostedJson) as Record<string, Record<string, number>>;
  return Object.entries(nets).flatMap(([category, byAccount]) =>
    Object.entries(byAccount).map(([accountCode, n]) => ({
      category,
      accountCode,
      debitFen: n > 0 ? n : 0,
      creditFen: n < 0 ? -n : 0,
    })),
  );
}

function journalOf(db: LocalDb, id: string) {
  return db.$client
    .prepare(
      `SELECT e.id AS entryId, e.posting_date AS postingDate, e.value_date AS valueDate, e.category, e.kind, e.ref,
              e.adjustment, l.account_code AS accountCode, l.debit_fen AS debitFen, l.credit_fen AS creditFen
       FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
       WHERE l.loan_id = ? ORDER BY e.posting_date, e.category, l.account_code`,
    )
    .all(id) as Array<{
    entryId: string;
    postingDate: string;
    valueDate: string;
    category: string;
    kind: string;
    ref: string | null;
    adjustment: number;
    accountCode: string;
    debitFen: number;
    creditFen: number;
  }>;
}

/** What recording a repayment needs besides the loan: the amount, value date and
 *  channel, the officer's confirmations, and the bank reference of a transfer
 *  taken from a bank statement. */
export interface RepaymentToRecord {
  loanId: string;
  amountFen: number;
  valueDate: string;
  channel: 'bank' | 'cash';
  note?: string;
  acceptOverpayment: boolean;
  intent?: RepaymentIntent;
  capOverrideReason?: string;
  transferRef?: string;
}

/** Records one repayment inside the caller's write transaction: the loan must be
 *  active, the value date inside its range, the amount within the payoff (unless
 *  accepted) and the cap respected; then RepaymentRecorded and ReceiptIssued.
 *  `repayments.record` and the bank-statement import both go through here. */
export function recordRepayment(
  ctx: Ctx,
  db: LocalDb,
  session: { role: Parameters<typeof can>[0] },
  input: RepaymentToRecord,
  /** A batch of repayments in one transaction (a statement import) reads each
   *  branch's business date once: it cannot change inside the transaction. */
  businessDateOf: (loan: LoanRow) => string = (loan) => loanBusinessDate(ctx, db, loan),
): { transactionId: string; receiptNumber: string; loanId: string } {
  const loan = getLoan(db, input.loanId);
  requireActive(loan.status);
  const today = businessDateOf(loan);
  checkValueDate(input.valueDate, today, loan.disbursedOn);
  const id = randomUUID();
  const chosen = intentFor(loan, input.intent);
  const effect = previewRepayment(
    db,
    loan,
    { id, amountFen: input.amountFen, valueDate: input.valueDate, intent: chosen },
    today,
  );
  checkRepaymentAmount(input.amountFen, effect.cap.payoffFen, input.acceptOverpayment);
  const override = checkPayoffCap(effect.cap, {
    allowed: can(session.role, PAYOFF_CAP_OVERRIDE),
    reason: input.capOverrideReason ?? null,
  });
  const receiptNumber = nextReceiptNumber(db, loan.branchId, ctx.now().toISOString());
  recordLoan(
    ctx,
    db,
    loan,
    [
      draft('RepaymentRecorded', loan.id, {
        transactionId: id,
        amountFen: input.amountFen,
        valueDate: input.valueDate,
        channel: input.channel,
        note: input.note || null,
        intent: chosen,
        ...(override ? { capOverride: override } : {}),
        ...(input.transferRef ? { transferRef: input.transferRef } : {}),
      }),
      // The receipt the customer is handed carries its number from now on.
      draft('ReceiptIssued', loan.id, { transactionId: id, receiptNumber }),
    ],
    today,
  );
  return { transactionId: id, receiptNumber, loanId: loan.id };
}

export const loansHandlers = {
  /** A customer's loans for the customer drawer: status, outstanding principal, the
   *  next installment not yet past due and what is past due now (installments'
   *  unpaid principal and interest, and penalty), newest first. */
  'loans.ofCustomer': handler({
    input: z.object({ customerId: z.string().uuid() }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) => {
      const rows = ctx.db.$client
        .prepare(
          `SELECT l.id, l.number, l.status, l.principal_fen AS principalFen, l.periods,
                  l.outstanding_principal_fen AS outstandingPrincipalFen, l.penalty_fen AS penaltyFen,
                  l.dpd, l.disbursed_on AS disbursedOn,
                  p.name AS productName, p.name_en AS productNameEn,
                  (SELECT min(i.due_date) FROM installments i
                    WHERE i.loan_id = l.id AND i.status IN ('due', 'notDue')) AS nextDueDate,
                  (SELECT coalesce(sum(i.payment_fen - i.paid_principal_fen - i.paid_interest_fen), 0) FROM installments i
                    WHERE i.loan_id = l.id AND i.status = 'overdue') AS overdueInstallmentsFen
           FROM loans l LEFT JOIN products p ON p.id = l.product_id
           WHERE l.customer_id = ? ORDER BY l.number DESC`,
        )
        .all(input.customerId) as Array<{
        id: string;
        number: string;
        status: 'approved' | 'active' | 'closed' | 'written_off' | 'cancelled';
        principalFen: number;
        periods: number;
        outstandingPrincipalFen: number;
        penaltyFen: number;
        dpd: number;
        disbursedOn: string | null;
        productName: string | null;
        productNameEn: string | null;
        nextDueDate: string | null;
        overdueInstallmentsFen: number;
      }>;
      return rows.map(({ overdueInstallmentsFen, ...r }) => {
        const active = r.status === 'active';
        return {
          ...r,
          nextDueDate: active ? r.nextDueDate : null,
          overdueFen: active ? overdueInstallmentsFen + r.penaltyFen : 0,
        };
      });
    },
  }),
  'loans.get': handler({
    input: z.object({ loanId }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const c = db.$client;
      const loan = getLoan(db, input.loanId);
      const customer = c
        .prepare('SELECT id, number, name, kind, resident_id AS residentId FROM customers WHERE id = ?')
        .get(loan.customerId) as
        | { id: string; number: string; name: string; kind: 'person' | 'business'; residentId: string | null }
        | undefined;
      const product = c
        .prepare('SELECT code, name, name_en AS nameEn FROM products WHERE id = ?')
        .get(loan.productId) as { code: string; name: string; nameEn: string | null } | undefined;
      const officer = c.prepare('SELECT display_name AS displayName FROM users WHERE id = ?').get(loan.officerId) as
        { displayName: string } | undefined;
      const application = c.prepare('SELECT number FROM applications WHERE id = ?').get(loan.applicationId) as
        { number: string } | undefined;
      const contract = contractOf(loan);
      return {
        loan: { ...loan, contractJson: undefined },
        terms: contract.terms,
        /** The servicing rules fixed in the contract at approval. */
        rules: {
          repaymentIntent: contract.repaymentIntent ?? DEFAULT_REPAYMENT_INTENT,
          prepaymentMode: contract.prepaymentMode ?? 'shortenTerm',
          prepaymentFeeRate: String(contract.prepaymentFeeRate ?? '0'),
          rateCapAnnual: String(contract.rateCapAnnual ?? DEFAULT_RATE_CAP),
          redLineAnnual: String(contract.redLineAnnual ?? DEFAULT_RED_LINE),
        },
        upfrontFeeFen: contract.schedule.upfrontFeeFen,
        customer: customer
          ? { ...customer, residentId: customer.residentId ? maskResidentId(customer.residentId) : null }
          : null,
        product: product ?? null,
        officerName: officer?.displayName ?? null,
        applicationNumber: application?.number ?? null,
        writeOffProposal: proposalOf(loan),
        installments: c
          .prepare(
            'SELECT loan_id AS loanId, n, due_date AS dueDate, principal_fen AS principalFen, interest_fen AS interestFen, payment_fen AS paymentFen, paid_principal_fen AS paidPrincipalFen, paid_interest_fen AS paidInterestFen, status FROM installments WHERE loan_id = ? ORDER BY n',
          )
          .all(loan.id) as Array<{
          loanId: string;
          n: number;
          dueDate: string;
          principalFen: number;
          interestFen: number;
          paymentFen: number;
          paidPrincipalFen: number;
          paidInterestFen: number;
          status: string;
        }>,
        // A cancelled loan has no schedule to preview: it will never be disbursed.
        schedulePreview: loan.disbursedOn || loan.status === 'cancelled' ? null : contract.schedule.installments,
        // A receiving account is sensitive: masked here as in every list.
        transactions: transactionsOf(db, loan.id).map((t) => ({
          ...t,
          counterpartyAccount: t.counterpartyAccount ? maskAccount(t.counterpartyAccount) : null,
        })),
        cancellation: cancellationOf(db, loan),
        journal: journalOf(db, loan.id),
        dailyPostings: dailyPostingsOf(loan),
        events: eventsOf(db, 'loan', loan.id).map((e) => ({
          id: e.id,
          version: e.version,
          kind: e.kind,
          type: e.type,
          occurredAt: e.occurredAt,
          businessDate: e.businessDate,
          actorId: e.actorId,
          status: e.status,
          payload: e.payload as unknown,
        })),
        businessDate: loanBusinessDate(ctx, db, loan),
      };
    },
  }),
  'loans.disburse': handler({
    input: disburseInput,
    access: 'loans.disburse',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        const app = db.$client
          .prepare('SELECT created_by AS createdBy FROM applications WHERE id = ?')
          .get(loan.applicationId) as { createdBy: string } | undefined;
        requireDisbursable(loan, app?.createdBy ?? null, session.userId, input.expectedVersion);
        const payee = disbursementPayee(db, loan.customerId, input);
        const today = loanBusinessDate(ctx, db, loan);
        const old = contractOf(loan);
        const terms = { ...old.terms, startDate: today };
        delete (terms as { firstDueDate?: string }).firstDueDate;
        const schedule = buildSchedule(terms);
        // The money must be in the books (or the disburser confirms it is).
        checkDisbursementFunds(db, {
          channel: input.channel,
          neededFen: loan.principalFen - schedule.upfrontFeeFen,
          date: today,
          confirmed: input.confirmInsufficientFunds === true,
        });
        const contract: StoredContract = { ...old, terms, schedule, vat: disbursementVat(db, loan, today) };
        recordLoan(ctx, db, loan, [
          draft(
            'LoanDisbursed',
            loan.id,
            { transactionId: randomUUID(), date: today, channel: input.channel, contract, ...payee },
            loan.version,
          ),
        ]);
        return { disbursedOn: today, netDisbursedFen: schedule.netDisbursedFen };
      });
    },
  }),
  'loans.cancel': handler({
    input: z.object({ loanId, expectedVersion: z.number().int().min(1), reason: text('reason', { min: 2 }) }),
    access: 'loans.cancel',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        requireCancellable(loan, input.expectedVersion);
        recordLoan(ctx, db, loan, [draft('LoanCancelled', loan.id, { reason: input.reason }, loan.version)]);
        return { cancelled: true };
      }),
  }),
  'repayments.preview': handler({
    input: z.object({ loanId, amountFen, valueDate: date, intent }),
    access: 'repayments.record',
    kind: 'read',
    run: (ctx, input) => {
      const loan = getLoan(ctx.db, input.loanId);
      requireActive(loan.status);
      const today = loanBusinessDate(ctx, ctx.db, loan);
      checkValueDate(input.valueDate, today, loan.disbursedOn);
      const preview = previewRepayment(
        ctx.db,
        loan,
        {
          id: 'preview',
          amountFen: input.amountFen,
          valueDate: input.valueDate,
          intent: intentFor(loan, input.intent),
        },
        today,
      );
      return { ...preview, payoffFen: preview.cap.payoffFen };
    },
  }),
  'repayments.due': handler({
    input: z.object({ loanId, valueDate: date }),
    access: 'repayments.record',
    kind: 'read',
    run: (ctx, input) => {
      const loan = getLoan(ctx.db, input.loanId);
      requireActive(loan.status);
      checkValueDate(input.valueDate, loanBusinessDate(ctx, ctx.db, loan), loan.disbursedOn);
      const position = loanPosition(
        contractOf(loan),
        servicingTransactions(transactionsOf(ctx.db, loan.id)),
        input.valueDate,
      );
      return { dueFen: amountDueFen(position) };
    },
  }),
  'repayments.record': handler({
    input: z.object({
      loanId,
      amountFen,
      valueDate: date,
      channel,
      note: text('note', { min: 0 }).optional(),
      /** The officer confirmed a payment above the payoff (the rest is owed back). */
      acceptOverpayment: z.boolean().default(false),
      intent,
      /** A payoff whose annualized cost passes the cap: the reason of a role allowed
       *  to override it (repayments.overrideCap); audited with the call. */
      capOverrideReason: text('reason', { min: 2 }).optional(),
    }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const { transactionId: id, receiptNumber, loanId: recorded } = recordRepayment(ctx, db, session, input);
        const after = db.$client.prepare('SELECT status FROM loans WHERE id = ?').get(recorded) as { status: string };
        const allocation = db.$client
          .prepare('SELECT allocation_json AS a FROM loan_transactions WHERE id = ?')
          .get(id) as { a: string | null };
        const flags = db.$client
          .prepare('SELECT count(*) AS n FROM compliance_flags WHERE transaction_id = ?')
          .get(id) as { n: number };
        return {
          transactionId: id,
          receiptNumber,
          allocation: allocation.a
            ? (JSON.parse(allocation.a) as ReturnType<typeof previewRepayment>['allocation'])
            : null,
          closed: after.status === 'closed',
          complianceFlags: flags.n,
        };
      });
    },
  }),
  'repayments.reverse': handler({
    input: z.object({ transactionId: z.string().uuid(), reason: text('reason', { min: 2 }) }),
    access: 'repayments.reverse',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const tx = db.$client
          .prepare('SELECT loan_id AS loanId, kind, reversed_by_id AS reversedById FROM loan_transactions WHERE id = ?')
          .get(input.transactionId) as { loanId: string; kind: string; reversedById: string | null } | undefined;
        const loan = tx ? getLoan(db, tx.loanId) : undefined;
        checkReversal(tx, loan?.status ?? '');
        const id = randomUUID();
        recordLoan(ctx, db, loan!, [
          draft('RepaymentReversed', loan!.id, {
            transactionId: id,
            reversesId: input.transactionId,
            reason: input.reason,
          }),
        ]);
        return { reversalId: id };
      }),
  }),
  'loans.payoffQuote': handler({
    input: z.object({ loanId, date }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) => {
      const loan = getLoan(ctx.db, input.loanId);
      requireActive(loan.status);
      if (loan.disbursedOn && input.date < loan.disbursedOn)
        throw new DomainError('VALUE_DATE_BEFORE_DISBURSEMENT', { field: 'date', disbursedOn: loan.disbursedOn });
      if (input.date > addDays(loanBusinessDate(ctx, ctx.db, loan), MAX_QUOTE_DAYS_AHEAD))
        throw new DomainError('DATE_TOO_FAR', { field: 'date' });
      return payoffFor(ctx.db, loan, input.date);
    },
  }),
  'loans.proposeWriteOff': handler({
    input: z.object({ loanId, reason: text('reason', { min: 2 }) }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        checkWriteOffProposal(
          { status: loan.status, dpd: loan.dpd, proposal: proposalOf(loan) },
          readSettings(db).lending.writeOffMinDpd,
        );
        recordLoan(ctx, db, loan, [draft('WriteOffProposed', loan.id, { reason: input.reason }, loan.version)]);
        return { proposed: true };
      }),
  }),
  'loans.approveWriteOff': handler({
    input: z.object({ loanId }),
    access: 'loans.writeOff',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        checkWriteOffApproval({ status: loan.status, proposal: proposalOf(loan) }, session.userId);
        const today = loanBusinessDate(ctx, db, loan);
        recordLoan(ctx, db, loan, [draft('LoanWrittenOff', loan.id, { date: today }, loan.version)]);
        return { writtenOffOn: today };
      });
    },
  }),
  'loans.recordRecovery': handler({
    input: z.object({ loanId, amountFen, channel }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        if (loan.status !== 'written_off') throw new DomainError('LOAN_NOT_WRITTEN_OFF');
        const writtenOff = db.$client
          .prepare(
            "SELECT coalesce(sum(credit_fen - debit_fen), 0) AS n FROM journal_lines WHERE loan_id = ? AND category = 'writeOff' AND account_code LIKE '1303%'",
          )
          .get(loan.id) as { n: number };
        const recovered = db.$client
          .prepare(
            "SELECT coalesce(sum(amount_fen), 0) AS n FROM loan_transactions WHERE loan_id = ? AND kind = 'recovery'",
          )
          .get(loan.id) as { n: number };
        checkRecoveryAmount(input.amountFen, writtenOff.n, recovered.n);
        const today = loanBusinessDate(ctx, db, loan);
        const id = randomUUID();
        recordLoan(ctx, db, loan, [
          draft('RecoveryRecorded', loan.id, {
            transactionId: id,
            amountFen: input.amountFen,
            valueDate: today,
            channel: input.channel,
          }),
        ]);
        return { transactionId: id };
      }),
  }),
  'loans.overrideClassification': handler({
    input: z.object({
      loanId,
      classification: z.enum(['normal', 'specialMention', 'substandard', 'doubtful', 'loss']).nullable(),
      reason: text('reason', { min: 2 }),
    }),
    access: 'loans.writeOff',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        requireActive(loan.status);
        recordLoan(ctx, db, loan, [
          draft(
            'ClassificationOverridden',
            loan.id,
            { classification: input.classification, reason: input.reason },
            loan.version,
          ),
        ]);
        return { classification: getLoan(db, loan.id).classification };
      }),
  }),
};
