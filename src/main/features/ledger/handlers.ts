/** The ledgers, the trial balance with its reconciliation, exports, period close. */
import { z } from 'zod';
import { handler } from '../../api/handler';
import { addDays, isValidDate } from '../../../core/dates';
import { text } from '../../../core/validation/text';
import { DomainError } from '../../../core/errors';
import { currentBusinessDate, lastClosedDate } from '../eod/businessDate';
import { closedThrough, verifyJournal } from './journal';
import { draft, emit, metaOf } from '../../events/store';
import { dailySummary, journal, loanLedger, transactionLedger, trialBalance } from './queries';
import { exportLedger, LEDGER_KINDS } from './export';
import { isMonthEnd } from '../../../core/accounting/closing';
import { periods } from '../books/queries';

const date = z.string().refine(isValidDate, 'DATE_FORMAT');
const range = z
  .object({ from: date, to: date })
  .refine((r) => r.from <= r.to, { path: ['to'], message: 'RANGE_INVERTED' });
const MAX_PAGE = 1000;
const sortOf = <const F extends readonly [string, ...string[]]>(fields: F) =>
  z.object({ field: z.enum(fields), order: z.enum(['asc', 'desc']) }).optional();
const accountCode = z.string().regex(/^\d{4}(\.\d{2}){0,2}$/);
const loanFilter = z.object({
  status: z.array(z.enum(['approved', 'active', 'closed', 'written_off', 'cancelled'])).optional(),
  bucket: z.array(z.enum(['M0', 'M1', 'M2', 'M3', 'M4+'])).optional(),
  classification: z.array(z.enum(['normal', 'specialMention', 'substandard', 'doubtful', 'loss'])).optional(),
  branchId: z.string().uuid().optional(),
  productId: z.string().uuid().optional(),
  officerId: z.string().uuid().optional(),
  search: text('search', { min: 0 }).optional(),
  overdueOnly: z.boolean().optional(),
  sort: z
    .object({
      field: z.enum(['number', 'disbursedOn', 'principalFen', 'outstandingPrincipalFen', 'dpd', 'customerName']),
      order: z.enum(['asc', 'desc']),
    })
    .optional(),
});

export const ledgerHandlers = {
  'ledger.loans': handler({
    input: loanFilter.extend({
      limit: z.number().int().min(1).max(MAX_PAGE).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => loanLedger(ctx.db, input),
  }),
  // One page (limit rows from offset, sorted in SQL) and the totals of the whole filter.
  'ledger.transactions': handler({
    input: z.object({
      kinds: z.array(z.enum(['disbursement', 'repayment', 'reversal', 'recovery'])).min(1),
      range,
      channels: z.array(z.enum(['bank', 'cash'])).optional(),
      sort: sortOf(['bookedOn', 'valueDate', 'loanNumber', 'customerName', 'amountFen', 'transferRef', 'actorName']),
      limit: z.number().int().min(1).max(MAX_PAGE).default(500),
      offset: z.number().int().min(0).default(0),
      branchId: z.string().uuid().optional(),
      productId: z.string().uuid().optional(),
      officerId: z.string().uuid().optional(),
    }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => transactionLedger(ctx.db, input.kinds, input.range, input, input),
  }),
  'ledger.journal': handler({
    input: z.object({
      range,
      accountCode: accountCode.optional(),
      loanId: z.string().uuid().optional(),
      sort: sortOf(['postingDate', 'accountCode', 'debitFen', 'creditFen']),
      limit: z.number().int().min(1).max(MAX_PAGE).default(500),
      offset: z.number().int().min(0).default(0),
    }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => journal(ctx.db, input.range, input, input),
  }),
  'ledger.trialBalance': handler({
    input: z.object({ date }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => trialBalance(ctx.db, input.date),
  }),
  'ledger.dailySummary': handler({
    input: z.object({ range }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => dailySummary(ctx.db, input.range),
  }),
  'ledger.verify': handler({
    input: z.object({}).optional(),
    access: 'audit.read',
    kind: 'read',
    run: (ctx) => verifyJournal(ctx.db),
  }),
  'ledger.export': handler({
    input: z.object({
      kind: z.enum(LEDGER_KINDS),
      range,
      format: z.enum(['csv', 'xlsx']),
      language: z.enum(['zh-CN', 'en']).default('zh-CN'),
      loanFilter: loanFilter.optional(),
      accountCode: accountCode.optional(),
      scope: z
        .object({
          branchId: z.string().uuid().optional(),
          productId: z.string().uuid().optional(),
          officerId: z.string().uuid().optional(),
        })
        .optional(),
    }),
    access: 'ledger.export',
    kind: 'write',
    run: async (ctx, input) => {
      const file = await exportLedger(ctx.db, input.kind, input.range, input.format, input.language, {
        loans: input.loanFilter,
        accountCode: input.accountCode,
        scope: input.scope,
      });
      ctx.write(() => undefined, {
        summary: { kind: input.kind, range: input.range, format: input.format, rows: file.rows },
      });
      return { fileName: file.fileName, mime: file.mime, base64: file.data.toString('base64'), rows: file.rows };
    },
  }),
  'ledger.closePeriod': handler({
    input: z.object({ through: date }),
    access: 'books.close',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        // A month end, after the last close, and every branch must have closed its days.
        if (!isMonthEnd(input.through))
          throw new DomainError('PERIOD_NOT_MONTH_END', { field: 'through', through: input.through });
        const lastClosed = lastClosedDate(db) ? addDays(currentBusinessDate(db, ctx.now()), -1) : null;
        if (!lastClosed || input.through > lastClosed)
          throw new DomainError('PERIOD_AFTER_LAST_EOD', { field: 'through', lastClosed });
        const current = closedThrough(db);
        if (current && input.through <= current)
          throw new DomainError('PERIOD_ALREADY_CLOSED', { field: 'through', closedThrough: current });
        emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now())), [
          draft('PeriodClosed', 'ledger', { through: input.through }),
        ]);
        return { closedThrough: input.through, businessDate: currentBusinessDate(db, ctx.now()) };
      }),
  }),
  'ledger.reopenPeriod': handler({
    input: z.object({ through: date, reason: text('reason') }),
    access: 'books.reopen',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write(
        (db) => {
          // Only the latest close opens again; its closing entries are undone.
          if (closedThrough(db) !== input.through)
            throw new DomainError('PERIOD_NOT_CLOSED', { field: 'through', through: input.through });
          emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now())), [
            draft('PeriodReopened', 'ledger', { through: input.through, reason: input.reason }),
          ]);
          return { closedThrough: closedThrough(db) };
        },
        { summary: { through: input.through, reason: input.reason } },
      ),
  }),
  'ledger.periods': handler({
    input: z.object({}).optional(),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx) => periods(ctx.db, lastClosedDate(ctx.db) ? addDays(currentBusinessDate(ctx.db, ctx.now()), -1) : null),
  }),
};
