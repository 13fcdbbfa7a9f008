/** Loans after approval: disbursement by a second person, repayments with the
 *  waterfall split shown first, reversals, payoff quotes, write-off with
 *  approval, recoveries, and the loan detail. */
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { handler, type Ctx } from '../../api/handler';
import {
  applications,
  customers,
  installments,
  journalEntries,
  journalLines,
  loans,
  loanTransactions,
  products,
  users,
} from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { appendEvent, eventsOf, metaOf } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { addDays, isValidDate } from '../../../core/dates';
import { buildSchedule } from '../../../core/schedule/index';
import { loanPosition, payoffQuote } from '../../../core/servicing/position';
import { maskResidentId } from '../../../core/validation/identity';
import { text } from '../../../core/validation/text';
import { currentBusinessDate } from '../eod/businessDate';
import { readSettings } from '../settings/store';
import {
  contractOf,
  refreshLoan,
  servicingTransactions,
  transactionsOf,
  type LoanRow,
  type StoredContract,
} from './engine';
import { amountFen } from '../applications/schemas';
import { screenCash } from '../compliance/screen';

const loanId = z.string().uuid();
const date = z.string().refine(isValidDate, 'DATE_FORMAT');
const channel = z.enum(['bank', 'cash']);
const MAX_QUOTE_DAYS_AHEAD = 366;

export function getLoan(db: LocalDb, id: string): LoanRow {
  const row = db.select().from(loans).where(eq(loans.id, id)).get();
  if (!row) throw new DomainError('LOAN_UNKNOWN', { field: 'loanId' });
  return row;
}

/** Appends a loan event at the loan's current version and bumps it. */
function loanEvent(db: LocalDb, loan: LoanRow, type: string, payload: unknown, meta: ReturnType<typeof metaOf>): void {
  const e = appendEvent(db, { aggregate: 'loan', aggregateId: loan.id, type, payload }, meta, loan.version);
  db.update(loans).set({ version: e.version }).where(eq(loans.id, loan.id)).run();
}

function requireActive(loan: LoanRow): void {
  if (loan.status === 'closed') throw new DomainError('LOAN_CLOSED');
  if (loan.status === 'written_off') throw new DomainError('LOAN_WRITTEN_OFF');
  if (loan.status !== 'active') throw new DomainError('LOAN_NOT_ACTIVE', { status: loan.status });
}

function checkValueDate(db: LocalDb, ctx: Ctx, loan: LoanRow, valueDate: string): string {
  const today = currentBusinessDate(db, ctx.now());
  if (valueDate > today) throw new DomainError('VALUE_DATE_IN_FUTURE', { field: 'valueDate', businessDate: today });
  if (loan.disbursedOn && valueDate < loan.disbursedOn)
    throw new DomainError('VALUE_DATE_BEFORE_DISBURSEMENT', { field: 'valueDate', disbursedOn: loan.disbursedOn });
  return today;
}

/** The split of a repayment by the product waterfall, without recording it. */
function previewRepayment(db: LocalDb, loan: LoanRow, amount: number, valueDate: string, asOf: string) {
  const txs = servicingTransactions(transactionsOf(db, loan.id));
  const probeId = 'preview';
  const position = loanPosition(
    contractOf(loan),
    [...txs, { id: probeId, type: 'repayment', valueDate, amountFen: amount }],
    asOf,
  );
  const allocation = position.allocations.find((a) => a.transactionId === probeId);
  if (!allocation) throw new DomainError('REPAYMENT_NOT_ALLOCATED');
  return {
    allocation,
    after: {
      outstandingPrincipalFen: position.outstandingPrincipalFen,
      closed: position.closed,
      overpaymentFen: position.overpaymentFen,
    },
  };
}

export const loansHandlers = {
  'loans.get': handler({
    input: z.object({ loanId }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const loan = getLoan(db, input.loanId);
      const customer = db
        .select({ id: customers.id, number: customers.number, name: customers.name, residentId: customers.residentId })
        .from(customers)
        .where(eq(customers.id, loan.customerId))
        .get();
      const product = db
        .select({ code: products.code, name: products.name })
        .from(products)
        .where(eq(products.id, loan.productId))
        .get();
      const officer = db
        .select({ displayName: users.displayName })
        .from(users)
        .where(eq(users.id, loan.officerId ?? ''))
        .get();
      const application = db
        .select({ number: applications.number })
        .from(applications)
        .where(eq(applications.id, loan.applicationId))
        .get();
      const contract = contractOf(loan);
      return {
        loan: { ...loan, contractJson: undefined },
        terms: contract.terms,
        upfrontFeeFen: contract.schedule.upfrontFeeFen,
        customer: customer
          ? { ...customer, residentId: customer.residentId ? maskResidentId(customer.residentId) : null }
          : null,
        product: product ?? null,
        officerName: officer?.displayName ?? null,
        applicationNumber: application?.number ?? null,
        installments: db
          .select()
          .from(installments)
          .where(eq(installments.loanId, loan.id))
          .orderBy(asc(installments.n))
          .all(),
        schedulePreview: loan.disbursedOn ? null : contract.schedule.installments,
        transactions: db
          .select()
          .from(loanTransactions)
          .where(eq(loanTransactions.loanId, loan.id))
          .orderBy(asc(loanTransactions.createdAt))
          .all(),
        journal: db
          .select({
            seq: journalEntries.seq,
            postingDate: journalEntries.postingDate,
            valueDate: journalEntries.valueDate,
            category: journalEntries.category,
            memo: journalEntries.memo,
            accountCode: journalLines.accountCode,
            debitFen: journalLines.debitFen,
            creditFen: journalLines.creditFen,
          })
          .from(journalLines)
          .innerJoin(journalEntries, eq(journalEntries.seq, journalLines.entrySeq))
          .where(eq(journalLines.loanId, loan.id))
          .orderBy(asc(journalEntries.seq), asc(journalLines.id))
          .all(),
        events: eventsOf(db, 'loan', loan.id).map((e) => ({
          id: e.id,
          version: e.version,
          type: e.type,
          occurredAt: e.occurredAt,
          actorId: e.actorId,
          payload: e.payload,
        })),
        businessDate: currentBusinessDate(db, ctx.now()),
      };
    },
  }),
  'loans.disburse': handler({
    input: z.object({ loanId, expectedVersion: z.number().int().min(1), channel }),
    access: 'loans.disburse',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        if (loan.status !== 'approved')
          throw new DomainError(loan.disbursedOn ? 'LOAN_ALREADY_DISBURSED' : 'LOAN_NOT_APPROVED', {
            status: loan.status,
          });
        if (loan.version !== input.expectedVersion)
          throw new DomainError('VERSION_CONFLICT', { expected: input.expectedVersion, actual: loan.version });
        const app = db
          .select({ createdBy: applications.createdBy })
          .from(applications)
          .where(eq(applications.id, loan.applicationId))
          .get();
        if (loan.approvedBy === session.userId || (loan.approvedBy === 'system' && app?.createdBy === session.userId)) {
          throw new DomainError('DISBURSER_IS_APPROVER');
        }
        const today = currentBusinessDate(db, ctx.now());
        const old = contractOf(loan);
        const terms = { ...old.terms, startDate: today };
        delete (terms as { firstDueDate?: string }).firstDueDate;
        const schedule = buildSchedule(terms);
        const contract: StoredContract = { ...old, terms, schedule };
        const meta = metaOf(ctx);
        loanEvent(db, loan, 'LoanDisbursed', { date: today, channel: input.channel, by: session.userId }, meta);
        db.update(loans)
          .set({
            status: 'active',
            disbursedOn: today,
            disbursedBy: session.userId,
            disbursementChannel: input.channel,
            contractJson: JSON.stringify(contract),
            maturityDate: schedule.installments.at(-1)!.dueDate,
            outstandingPrincipalFen: loan.principalFen,
          })
          .where(eq(loans.id, loan.id))
          .run();
        db.insert(installments)
          .values(
            schedule.installments.map((i) => ({
              loanId: loan.id,
              n: i.n,
              dueDate: i.dueDate,
              principalFen: i.principalFen,
              interestFen: i.interestFen,
              paymentFen: i.paymentFen,
              status: 'notDue',
            })),
          )
          .run();
        const disbursementId = randomUUID();
        db.insert(loanTransactions)
          .values({
            id: disbursementId,
            loanId: loan.id,
            kind: 'disbursement',
            valueDate: today,
            bookedOn: today,
            amountFen: loan.principalFen,
            channel: input.channel,
            actorId: session.userId,
            createdAt: meta.occurredAt,
          })
          .run();
        refreshLoan(db, loan.id, today, `放款 ${loan.number}`, meta.occurredAt);
        if (input.channel === 'cash') screenCash(db, loan.customerId, disbursementId, today, meta.occurredAt);
        return { disbursedOn: today, netDisbursedFen: schedule.netDisbursedFen };
      });
    },
  }),
  'repayments.preview': handler({
    input: z.object({ loanId, amountFen, valueDate: date }),
    access: 'repayments.record',
    kind: 'read',
    run: (ctx, input) => {
      const loan = getLoan(ctx.db, input.loanId);
      requireActive(loan);
      const today = checkValueDate(ctx.db, ctx, loan, input.valueDate);
      return previewRepayment(ctx.db, loan, input.amountFen, input.valueDate, today);
    },
  }),
  'repayments.record': handler({
    input: z.object({ loanId, amountFen, valueDate: date, channel, note: text('note', { min: 0 }).optional() }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        requireActive(loan);
        const today = checkValueDate(db, ctx, loan, input.valueDate);
        const quote = payoffQuote(
          contractOf(loan),
          servicingTransactions(transactionsOf(db, loan.id)),
          input.valueDate,
        );
        if (input.amountFen > quote.totalFen * 2 + 100_00)
          throw new DomainError('REPAYMENT_TOO_LARGE', { field: 'amountFen', payoffFen: quote.totalFen });
        const id = randomUUID();
        const meta = metaOf(ctx);
        loanEvent(
          db,
          loan,
          'RepaymentRecorded',
          { transactionId: id, amountFen: input.amountFen, valueDate: input.valueDate, channel: input.channel },
          meta,
        );
        db.insert(loanTransactions)
          .values({
            id,
            loanId: loan.id,
            kind: 'repayment',
            valueDate: input.valueDate,
            bookedOn: today,
            amountFen: input.amountFen,
            channel: input.channel,
            note: input.note ?? null,
            actorId: session.userId,
            createdAt: meta.occurredAt,
          })
          .run();
        const backdated = input.valueDate < today ? ` (起息 value date ${input.valueDate})` : '';
        const result = refreshLoan(db, loan.id, today, `还款 repayment ${loan.number}${backdated}`, meta.occurredAt);
        const allocation = result.position?.allocations.find((a) => a.transactionId === id) ?? null;
        db.update(loanTransactions)
          .set({ allocationJson: JSON.stringify(allocation) })
          .where(eq(loanTransactions.id, id))
          .run();
        const flags = input.channel === 'cash' ? screenCash(db, loan.customerId, id, today, meta.occurredAt) : 0;
        return { transactionId: id, allocation, closed: result.position?.closed ?? false, complianceFlags: flags };
      });
    },
  }),
  'repayments.reverse': handler({
    input: z.object({ transactionId: z.string().uuid(), reason: text('reason', { min: 2 }) }),
    access: 'repayments.reverse',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const tx = db.select().from(loanTransactions).where(eq(loanTransactions.id, input.transactionId)).get();
        if (!tx || tx.kind !== 'repayment') throw new DomainError('TRANSACTION_UNKNOWN', { field: 'transactionId' });
        if (tx.reversedById) throw new DomainError('TRANSACTION_ALREADY_REVERSED');
        const loan = getLoan(db, tx.loanId);
        if (loan.status === 'written_off') throw new DomainError('LOAN_WRITTEN_OFF');
        const today = currentBusinessDate(db, ctx.now());
        const id = randomUUID();
        const meta = metaOf(ctx);
        loanEvent(db, loan, 'RepaymentReversed', { transactionId: id, reversesId: tx.id, reason: input.reason }, meta);
        db.insert(loanTransactions)
          .values({
            id,
            loanId: loan.id,
            kind: 'reversal',
            valueDate: tx.valueDate,
            bookedOn: today,
            amountFen: -tx.amountFen,
            channel: tx.channel,
            reversesId: tx.id,
            note: input.reason,
            actorId: session.userId,
            createdAt: meta.occurredAt,
          })
          .run();
        db.update(loanTransactions).set({ reversedById: id }).where(eq(loanTransactions.id, tx.id)).run();
        if (loan.status === 'closed')
          db.update(loans).set({ status: 'active', closedOn: null }).where(eq(loans.id, loan.id)).run();
        refreshLoan(db, loan.id, today, `冲正 reversal ${loan.number}: ${input.reason}`, meta.occurredAt);
        return { reversalId: id };
      });
    },
  }),
  'loans.payoffQuote': handler({
    input: z.object({ loanId, date }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) => {
      const loan = getLoan(ctx.db, input.loanId);
      requireActive(loan);
      if (loan.disbursedOn && input.date < loan.disbursedOn)
        throw new DomainError('VALUE_DATE_BEFORE_DISBURSEMENT', { field: 'date', disbursedOn: loan.disbursedOn });
      if (input.date > addDays(currentBusinessDate(ctx.db, ctx.now()), MAX_QUOTE_DAYS_AHEAD))
        throw new DomainError('DATE_TOO_FAR', { field: 'date' });
      return payoffQuote(contractOf(loan), servicingTransactions(transactionsOf(ctx.db, loan.id)), input.date);
    },
  }),
  'loans.proposeWriteOff': handler({
    input: z.object({ loanId, reason: text('reason', { min: 2 }) }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        requireActive(loan);
        const minDpd = readSettings(db).lending.writeOffMinDpd;
        if (loan.dpd < minDpd) throw new DomainError('WRITE_OFF_DPD_TOO_LOW', { dpd: loan.dpd, minDpd });
        if (pendingWriteOff(db, loan.id)) throw new DomainError('WRITE_OFF_ALREADY_PROPOSED');
        loanEvent(db, loan, 'WriteOffProposed', { reason: input.reason }, metaOf(ctx));
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
        requireActive(loan);
        const proposal = pendingWriteOff(db, loan.id);
        if (!proposal) throw new DomainError('WRITE_OFF_NOT_PROPOSED');
        if (proposal.actorId === session.userId) throw new DomainError('APPROVER_IS_MAKER');
        const today = currentBusinessDate(db, ctx.now());
        const meta = metaOf(ctx);
        refreshLoan(db, loan.id, today, `核销前计提 before write-off ${loan.number}`, meta.occurredAt);
        loanEvent(db, getLoan(db, loan.id), 'LoanWrittenOff', { date: today, approvedBy: session.userId }, meta);
        db.update(loans).set({ status: 'written_off', writtenOffOn: today }).where(eq(loans.id, loan.id)).run();
        refreshLoan(db, loan.id, today, `核销 write-off ${loan.number}`, meta.occurredAt);
        return { writtenOffOn: today };
      });
    },
  }),
  'loans.recordRecovery': handler({
    input: z.object({ loanId, amountFen, channel }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        if (loan.status !== 'written_off') throw new DomainError('LOAN_NOT_WRITTEN_OFF');
        const today = currentBusinessDate(db, ctx.now());
        const id = randomUUID();
        const meta = metaOf(ctx);
        loanEvent(
          db,
          loan,
          'RecoveryRecorded',
          { transactionId: id, amountFen: input.amountFen, channel: input.channel },
          meta,
        );
        db.insert(loanTransactions)
          .values({
            id,
            loanId: loan.id,
            kind: 'recovery',
            valueDate: today,
            bookedOn: today,
            amountFen: input.amountFen,
            channel: input.channel,
            actorId: session.userId,
            createdAt: meta.occurredAt,
          })
          .run();
        refreshLoan(db, loan.id, today, `核销后收回 recovery ${loan.number}`, meta.occurredAt);
        if (input.channel === 'cash') screenCash(db, loan.customerId, id, today, meta.occurredAt);
        return { transactionId: id };
      });
    },
  }),
  'loans.overrideClassification': handler({
    input: z.object({
      loanId,
      classification: z.enum(['normal', 'specialMention', 'substandard', 'doubtful', 'loss']).nullable(),
      reason: text('reason', { min: 2 }),
    }),
    access: 'loans.writeOff',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const loan = getLoan(db, input.loanId);
        requireActive(loan);
        const override = input.classification
          ? { classification: input.classification, reason: input.reason, by: session.userId }
          : null;
        loanEvent(db, loan, 'ClassificationOverridden', { override, reason: input.reason }, metaOf(ctx));
        db.update(loans)
          .set({ classificationOverrideJson: override ? JSON.stringify(override) : null })
          .where(eq(loans.id, loan.id))
          .run();
        refreshLoan(
          db,
          loan.id,
          currentBusinessDate(db, ctx.now()),
          `五级分类调整 classification override ${loan.number}`,
          ctx.now().toISOString(),
        );
        return { classification: getLoan(db, loan.id).classification };
      });
    },
  }),
};

function pendingWriteOff(db: LocalDb, id: string) {
  const evts = eventsOf(db, 'loan', id).filter(
    (e) => e.type === 'WriteOffProposed' || e.type === 'LoanWrittenOff' || e.type === 'RepaymentRecorded',
  );
  const last = evts.at(-1);
  return last?.type === 'WriteOffProposed' ? last : null;
}
