/** The books outside lending: the chart of accounts (administrators), manual journal
 *  entries with maker-checker and reversal (accountants, managers), the statements
 *  and the VAT report with their exports, and the closed periods. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { handler, type Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { draft, emit, metaOf } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { isValidDate } from '../../../core/dates';
import { text } from '../../../core/validation/text';
import { ACCOUNT_CODE_PATTERN, changeAccount, defineAccount } from '../../../core/accounting/chart';
import {
  checkEntryDecision,
  checkEntryLines,
  checkReversible,
  entryPostingDate,
  reversalLines,
  type EntryKind,
  type EntryLine,
  type EntryStatus,
} from '../../../core/accounting/entries';
import { currentBusinessDate } from '../eod/businessDate';
import { closedThrough } from '../../projectors/journal';
import { formatNumber, nextSequence } from '../numbers';
import { readChart } from './chart';
import { getEntry, listEntries, statements, vatReport } from './queries';
import { statementsWorkbook, vatWorkbook } from './export';

const accountId = z.string().regex(ACCOUNT_CODE_PATTERN, 'ACCOUNT_CODE_FORMAT');
const date = z.string().refine(isValidDate, 'DATE_FORMAT');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'DATE_FORMAT');
const fen = z.number().int().min(0).max(1_000_000_000_000_00);
const entryId = z.string().uuid();
const line = z.object({
  accountId,
  debitFen: fen,
  creditFen: fen,
  memo: text('note', { min: 0 }).nullable().default(null),
});
const language = z.enum(['zh-CN', 'en']).default('zh-CN');

function bookingDate(ctx: Ctx, db: LocalDb): string {
  return currentBusinessDate(db, ctx.now(), ctx.session?.branchId ?? null);
}

interface StoredEntry {
  id: string;
  kind: EntryKind;
  status: EntryStatus;
  valueDate: string;
  linesJson: string;
  proposedBy: string | null;
  reversedById: string | null;
  reversesId: string | null;
  version: number;
}

function storedEntry(db: LocalDb, id: string): StoredEntry | undefined {
  return db.$client
    .prepare(
      'SELECT id, kind, status, value_date AS valueDate, lines_json AS linesJson, proposed_by AS proposedBy, reversed_by_id AS reversedById, reverses_id AS reversesId, version FROM manual_entries WHERE id = ?',
    )
    .get(id) as StoredEntry | undefined;
}

/** Proposes an entry (the maker's voucher); returns its id and number. */
export function proposeEntry(
  db: LocalDb,
  meta: Parameters<typeof emit>[1],
  input: { kind: EntryKind; valueDate: string; memo: string; lines: EntryLine[]; reversesId: string | null },
  id: string = randomUUID(),
): { id: string; number: string } {
  checkEntryLines(input.lines, readChart(db));
  if (input.kind !== 'opening' && meta.businessDate && input.valueDate > meta.businessDate)
    throw new DomainError('ENTRY_DATE_FUTURE', { field: 'valueDate', businessDate: meta.businessDate });
  const number = formatNumber('voucher', nextSequence(db, 'voucher'), db);
  emit(db, meta, [draft('ManualEntryProposed', id, { number, ...input })]);
  return { id, number };
}

/** The checker's approval: the entry posts (an opening entry on its opening date,
 *  any other on the business date). */
export function approveEntry(
  db: LocalDb,
  meta: Parameters<typeof emit>[1] & { actorId: string | null },
  input: { entryId: string; expectedVersion: number; note: string | null },
): { postingDate: string } {
  const entry = storedEntry(db, input.entryId);
  checkEntryDecision(entry && { ...entry, reversedBy: entry.reversedById }, meta.actorId ?? '');
  const openingExists =
    entry!.kind === 'opening' &&
    (
      db.$client
        .prepare(
          "SELECT count(*) AS n FROM manual_entries WHERE kind = 'opening' AND status = 'approved' AND reversed_by_id IS NULL",
        )
        .get() as { n: number }
    ).n > 0;
  const first = db.$client.prepare('SELECT min(posting_date) AS d FROM journal_lines').get() as { d: string | null };
  const postingDate = entryPostingDate({
    kind: entry!.kind,
    valueDate: entry!.valueDate,
    approvedOn: meta.businessDate!,
    closedThrough: closedThrough(db),
    firstPostingDate: first.d,
    openingExists,
  });
  // The lines are checked again against the chart as it stands now.
  checkEntryLines(JSON.parse(entry!.linesJson) as EntryLine[], readChart(db));
  emit(db, meta, [
    draft('ManualEntryApproved', input.entryId, { postingDate, note: input.note }, input.expectedVersion),
  ]);
  return { postingDate };
}

export const booksHandlers = {
  'books.accounts': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    run: (ctx) => ({ accounts: readChart(ctx.db) }),
  }),
  'books.defineAccount': handler({
    input: z.object({
      code: accountId,
      nameZh: text('name'),
      nameEn: text('name'),
      parentId: accountId.nullable(),
      type: z.enum(['asset', 'contraAsset', 'liability', 'equity', 'income', 'expense']).optional(),
    }),
    access: 'books.chart',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const account = defineAccount(readChart(db), input);
        emit(db, metaOf(ctx, bookingDate(ctx, db)), [
          draft(
            'AccountDefined',
            account.id,
            {
              code: account.code,
              nameZh: account.nameZh,
              nameEn: account.nameEn,
              type: account.type,
              parentId: account.parentId,
            },
            0,
          ),
        ]);
        return { id: account.id };
      }),
  }),
  'books.changeAccount': handler({
    input: z.object({
      accountId,
      expectedVersion: z.number().int().min(0),
      code: accountId.optional(),
      nameZh: text('name').optional(),
      nameEn: text('name').optional(),
      active: z.boolean().optional(),
    }),
    access: 'books.chart',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const { accountId: id, expectedVersion, ...change } = input;
        changeAccount(readChart(db), id, change);
        emit(db, metaOf(ctx, bookingDate(ctx, db)), [draft('AccountChanged', id, change, expectedVersion)]);
        return { id };
      }),
  }),
  'books.entries': handler({
    input: z.object({
      status: z.array(z.enum(['proposed', 'approved', 'rejected'])).optional(),
      from: date.optional(),
      to: date.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => ({ entries: listEntries(ctx.db, input) }),
  }),
  'books.entry': handler({
    input: z.object({ entryId }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => {
      const entry = getEntry(ctx.db, input.entryId);
      if (!entry) throw new DomainError('ENTRY_UNKNOWN');
      return entry;
    },
  }),
  'books.proposeEntry': handler({
    input: z.object({
      kind: z.enum(['manual', 'opening']),
      valueDate: date,
      memo: text('reason'),
      lines: z.array(line).min(2).max(50),
    }),
    access: 'books.propose',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => proposeEntry(db, metaOf(ctx, bookingDate(ctx, db)), { ...input, reversesId: null }), {
        summary: { kind: input.kind, valueDate: input.valueDate, lines: input.lines.length },
      }),
  }),
  'books.proposeReversal': handler({
    input: z.object({ entryId, memo: text('reason') }),
    access: 'books.propose',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const entry = storedEntry(db, input.entryId);
        const pending =
          (
            db.$client
              .prepare("SELECT count(*) AS n FROM manual_entries WHERE reverses_id = ? AND status = 'proposed'")
              .get(input.entryId) as { n: number }
          ).n > 0;
        checkReversible(entry && { ...entry, reversedBy: entry.reversedById }, pending);
        const today = bookingDate(ctx, db);
        return proposeEntry(db, metaOf(ctx, today), {
          kind: 'reversal',
          valueDate: today,
          memo: input.memo,
          lines: reversalLines(JSON.parse(entry!.linesJson) as EntryLine[]),
          reversesId: input.entryId,
        });
      }),
  }),
  'books.approveEntry': handler({
    input: z.object({
      entryId,
      expectedVersion: z.number().int().min(1),
      note: text('note', { min: 0 }).nullable().default(null),
    }),
    access: 'books.approve',
    kind: 'write',
    run: (ctx, input) => ctx.write((db) => approveEntry(db, metaOf(ctx, bookingDate(ctx, db)), input)),
  }),
  'books.rejectEntry': handler({
    input: z.object({ entryId, expectedVersion: z.number().int().min(1), reason: text('reason') }),
    access: 'books.approve',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const entry = storedEntry(db, input.entryId);
        checkEntryDecision(entry && { ...entry, reversedBy: entry.reversedById }, ctx.requireSession().userId);
        emit(db, metaOf(ctx, bookingDate(ctx, db)), [
          draft('ManualEntryRejected', input.entryId, { reason: input.reason }, input.expectedVersion),
        ]);
        return { id: input.entryId };
      }),
  }),
  'books.statements': handler({
    input: z.object({ date }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => statements(ctx.db, input.date),
  }),
  'books.vatReport': handler({
    input: z.object({ month }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => vatReport(ctx.db, input.month),
  }),
  'books.export': handler({
    input: z.discriminatedUnion('report', [
      z.object({ report: z.literal('statements'), date, language }),
      z.object({ report: z.literal('vat'), month, language }),
    ]),
    access: 'ledger.export',
    kind: 'write',
    run: async (ctx, input) => {
      const file =
        input.report === 'statements'
          ? await statementsWorkbook(ctx.db, input.date, input.language)
          : await vatWorkbook(ctx.db, input.month, input.language);
      ctx.write(() => undefined, { summary: { report: input.report, file: file.fileName } });
      return { fileName: file.fileName, mime: file.mime, base64: file.data.toString('base64'), rows: file.rows };
    },
  }),
};
