/** Printed documents a branch hands the customer: the contract summary, the
 *  repayment receipt, the repayment schedule, the payoff certificate and the overdue notice. Each has a
 *  read (the preview) and a `…Printed` write that is called when a copy is printed
 *  or saved as PDF: it is audited, and a receipt's copy is an event (ReceiptPrinted)
 *  so every desktop of the branch counts the reprints (补打). Certificates carry a
 *  verification code the branch checks with `prints.verifyCertificate`. In Electron
 *  `prints.savePdf` prints the window to PDF and saves it through the native dialog. */
import { z } from 'zod';
import { handler, type Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { draft, emit, metaOf, type Draft } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { isValidDate } from '../../../core/dates';
import { certificateCode, normalizeCode, verifyCertificateCode } from '../../../core/documents/certificate';
import { amountFen } from '../../../contract/schemas/applications';
import { currentBusinessDate } from '../eod/businessDate';
import { nextReceiptNumber } from '../numbers';
import { saveFileInput } from '../files/handlers';
import { documentKeys, ensureDocumentKey } from './keys';
import {
  certificateOf,
  contractSummaryOf,
  customerNumberOf,
  noticeOf,
  receiptOf,
  repaidOn,
  requireLoan,
  scheduleOf,
  type CertificateModel,
} from './model';

const loanId = z.string().uuid();
const transactionId = z.string().uuid();
const date = z.string().refine(isValidDate, 'DATE_FORMAT');
const output = z.enum(['print', 'pdf']);
const paper = z.enum(['a4', 'continuous241']);

function loanDate(ctx: Ctx, db: LocalDb, id: string): string {
  return currentBusinessDate(db, ctx.now(), requireLoan(db, id).branchId);
}

/** A notice's date: the loan's business date unless an earlier one is asked for. */
function noticeDate(ctx: Ctx, db: LocalDb, id: string, asOf: string | undefined): string {
  const today = loanDate(ctx, db, id);
  if (asOf && asOf > today) throw new DomainError('VALUE_DATE_IN_FUTURE', { field: 'asOf', businessDate: today });
  return asOf ?? today;
}

async function withCode(model: CertificateModel, key: Uint8Array | undefined) {
  return { ...model, code: key ? await certificateCode(key, model.content) : null };
}

export const printsHandlers = {
  'prints.capabilities': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    passive: true,
    run: (ctx) => ({ nativePdf: ctx.app.host.printToPdf !== undefined && ctx.app.host.saveFile !== undefined }),
  }),
  'prints.receipt': handler({
    input: z.object({ transactionId }),
    access: 'repayments.record',
    kind: 'read',
    run: (ctx, input) => receiptOf(ctx.db, input.transactionId),
  }),
  'prints.receiptPrinted': handler({
    input: z.object({ transactionId, output, paper }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) => {
      // Filled in by the write; the audit record is appended after it, in its transaction.
      const summary: Record<string, unknown> = {};
      return ctx.write(
        (db) => {
          const model = receiptOf(db, input.transactionId);
          const loan = requireLoan(db, model.loanId);
          const drafts: Draft[] = [];
          let receiptNumber = model.receiptNumber;
          if (!receiptNumber) {
            // A repayment recorded before receipts existed gets its number at its first copy.
            receiptNumber = nextReceiptNumber(db, loan.branchId, ctx.now().toISOString());
            drafts.push(draft('ReceiptIssued', loan.id, { transactionId: model.transactionId, receiptNumber }));
          }
          const copy = model.printCount + 1;
          const reversed = model.reversal !== null;
          drafts.push(
            draft('ReceiptPrinted', loan.id, {
              transactionId: model.transactionId,
              receiptNumber,
              copy,
              output: input.output,
              paper: input.paper,
              reversed,
            }),
          );
          emit(
            db,
            metaOf(ctx, currentBusinessDate(db, ctx.now(), loan.branchId)),
            drafts.map((d) => ({ ...d, branchId: loan.branchId })),
          );
          Object.assign(summary, {
            document: 'receipt',
            loanId: loan.id,
            transactionId: model.transactionId,
            receiptNumber,
            copy,
            reversed,
            output: input.output,
            paper: input.paper,
          });
          return { ...model, receiptNumber, printCount: copy, copy, paper: input.paper };
        },
        { summary },
      );
    },
  }),
  'prints.schedule': handler({
    input: z.object({ loanId }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) => scheduleOf(ctx.db, input.loanId, loanDate(ctx, ctx.db, input.loanId)),
  }),
  'prints.schedulePrinted': handler({
    input: z.object({ loanId, output }),
    access: 'loans.read',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => scheduleOf(db, input.loanId, loanDate(ctx, db, input.loanId)), {
        summary: { document: 'schedule', loanId: input.loanId, output: input.output },
      }),
  }),
  /** The contract summary's preview: the borrower's ID masked. */
  'prints.contract': handler({
    input: z.object({ loanId }),
    access: 'loans.read',
    kind: 'read',
    run: (ctx, input) => contractSummaryOf(ctx.db, input.loanId, { fullId: false }),
  }),
  /** The printed copy the borrower signs: the full resident ID, for a role that may
   *  see it (customers.reveal), and the print audited. */
  'prints.contractPrinted': handler({
    input: z.object({ loanId, output }),
    access: 'customers.reveal',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => contractSummaryOf(db, input.loanId, { fullId: true }), {
        summary: { document: 'contract', loanId: input.loanId, output: input.output, fullId: true },
      }),
  }),
  'prints.payoffCertificate': handler({
    input: z.object({ loanId }),
    access: 'repayments.record',
    kind: 'read',
    run: (ctx, input) =>
      withCode(certificateOf(ctx.db, input.loanId, loanDate(ctx, ctx.db, input.loanId)), documentKeys(ctx.db)[0]),
  }),
  'prints.payoffCertificatePrinted': handler({
    input: z.object({ loanId, output }),
    access: 'repayments.record',
    kind: 'write',
    run: (ctx, input) => {
      const { model, key } = ctx.write(
        (db) => {
          const issuedOn = loanDate(ctx, db, input.loanId);
          const m = certificateOf(db, input.loanId, issuedOn);
          return { model: m, key: ensureDocumentKey(ctx, db, issuedOn) };
        },
        { summary: { document: 'payoffCertificate', loanId: input.loanId, output: input.output } },
      );
      return withCode(model, key);
    },
  }),
  'prints.overdueNotice': handler({
    input: z.object({ loanId, asOf: date.optional() }),
    access: 'collections.read',
    kind: 'read',
    run: (ctx, input) => noticeOf(ctx.db, input.loanId, noticeDate(ctx, ctx.db, input.loanId, input.asOf)),
  }),
  'prints.overdueNoticePrinted': handler({
    input: z.object({ loanId, asOf: date.optional(), output }),
    access: 'collections.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => noticeOf(db, input.loanId, noticeDate(ctx, db, input.loanId, input.asOf)), {
        summary: { document: 'overdueNotice', loanId: input.loanId, asOf: input.asOf ?? null, output: input.output },
      }),
  }),
  /** Checks a payoff certificate someone presents: the code must be the code of what
   *  the paper says (else it was made up or altered), and the books must still say
   *  it (a payoff reversed since, or a different amount, makes it outdated). */
  'prints.verifyCertificate': handler({
    input: z.object({
      /** As printed: L000123, or L02000123 from a desktop that joined as device 2. */
      loanNumber: z
        .string()
        .trim()
        .regex(/^[A-Za-z]\d{6,8}$/, 'LOAN_NUMBER_FORMAT'),
      closedOn: date,
      repaidFen: amountFen,
      /** As typed from the paper: four groups of four, in any case, dashes or spaces optional. */
      code: z
        .string()
        .trim()
        .regex(/^[0-9A-Za-z][0-9A-Za-z -]{14,22}[0-9A-Za-z]$/, 'CERTIFICATE_CODE_FORMAT'),
    }),
    access: 'loans.read',
    kind: 'write',
    run: async (ctx, input) => {
      const db = ctx.db;
      const row = db.$client.prepare('SELECT id FROM loans WHERE number = ?').get(input.loanNumber.toUpperCase()) as
        { id: string } | undefined;
      const audit = (outcome: string) =>
        ctx.write(() => undefined, {
          summary: {
            loanNumber: input.loanNumber,
            closedOn: input.closedOn,
            repaidFen: input.repaidFen,
            code: normalizeCode(input.code),
            outcome,
          },
        });
      if (!row) {
        audit('loanUnknown');
        return { valid: false as const, reason: 'loanUnknown' as const, record: null };
      }
      const loan = requireLoan(db, row.id);
      const customer = db.$client.prepare('SELECT name FROM customers WHERE id = ?').get(loan.customerId) as
        { name: string } | undefined;
      const genuine = await verifyCertificateCode(
        documentKeys(db),
        {
          loanNumber: loan.number,
          closedOn: input.closedOn,
          repaidFen: input.repaidFen,
          customerNumber: customerNumberOf(db, loan),
          principalFen: loan.principalFen,
        },
        input.code,
      );
      if (!genuine) {
        audit('codeMismatch');
        return { valid: false as const, reason: 'codeMismatch' as const, record: null };
      }
      const { repaidFen } = repaidOn(db, loan);
      const record = {
        loanNumber: loan.number,
        customerName: customer?.name ?? '',
        customerNumber: customerNumberOf(db, loan),
        principalFen: loan.principalFen,
        status: loan.status,
        closedOn: loan.closedOn,
        repaidFen,
      };
      const reason =
        loan.status !== 'closed'
          ? ('notClosed' as const)
          : loan.closedOn !== input.closedOn || repaidFen !== input.repaidFen
            ? ('recordDiffers' as const)
            : null;
      audit(reason ?? 'valid');
      return reason ? { valid: false as const, reason, record } : { valid: true as const, reason: null, record };
    },
  }),
  'prints.savePdf': handler({
    input: z.object({ fileName: saveFileInput.shape.fileName, paper }),
    access: 'session',
    kind: 'read',
    run: async (ctx, input) => {
      const { printToPdf, saveFile } = ctx.app.host;
      if (!printToPdf || !saveFile) throw new DomainError('NATIVE_PDF_UNAVAILABLE');
      const data = await printToPdf({ paper: input.paper });
      return saveFile({ fileName: input.fileName, data });
    },
  }),
};
