/** Bank-statement import of repayments (银行流水导入): the preview reads a statement
 *  CSV and shows every line's status (matched, unmatched, duplicate, invalid) with
 *  counts and totals, writing nothing; the import records the chosen lines as
 *  repayments through the same domain path as `repayments.record`, with the bank
 *  reference kept on each, in chunks of lines per write transaction (one audit
 *  record per chunk), with progress, cancel, and resume by the references'
 *  idempotency: a statement imported again records nothing twice. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { handler, type Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { DomainError, isDomainError } from '../../../core/errors';
import {
  decodeStatement,
  parseStatement,
  MAX_STATEMENT_LINES,
  type StatementLine,
} from '../../../core/statements/parse';
import { cleanText, text } from '../../../core/validation/text';
import { lineRanges, matchLine, statementTotals } from '../../../core/statements/match';
import { recordRepayment } from '../loans/handlers';
import { checkLines, importedRefs, lookupsOf } from './check';
import { currentBusinessDate } from '../eod/businessDate';
import type { StatementProgress } from '../../../contract/topics';

/** A statement file as base64: 100,000 lines of a bank export are about 15 MB. */
const MAX_STATEMENT_BASE64_CHARS = 30_000_000;
export const DEFAULT_CHUNK_LINES = 500;

const contentBase64 = z.base64().min(1).max(MAX_STATEMENT_BASE64_CHARS);
const fileName = text('fileName').optional();

/** The file's bytes as text: UTF-8 (with or without BOM) or STATEMENT_NOT_UTF8. */
export function statementOf(base64: string): string {
  return decodeStatement(Buffer.from(base64, 'base64'));
}

/** One import at a time per app; the flag asks the running one to stop. */
const running = { active: false, stop: false };

export interface RefusedLine {
  line: number;
  code: string;
  details: Record<string, unknown>;
}

export interface StatementImportResult {
  status: 'done' | 'cancelled';
  total: number;
  imported: number;
  importedFen: number;
  duplicates: number[];
  refused: RefusedLine[];
  /** The answer kept while the import runs (a retry of the same request after a crash
   *  gets it): stopped, with the counts so far and without the lists; importing the
   *  file again records what is missing. */
  interrupted?: true;
}

/** The repayment's note: the payer and the memo as the bank printed them, kept only
 *  when they pass the rule every typed note passes. */
function noteOf(l: StatementLine): string | undefined {
  const checked = cleanText([l.payerName, l.memo].filter(Boolean).join(' · ').slice(0, 500), 'note', 0);
  return checked.ok && checked.value !== '' ? checked.value : undefined;
}

export interface ImportOptions {
  fileName?: string;
  lines: ReadonlyArray<{ line: number; loanId?: string; acceptOverpayment?: boolean }>;
  chunkLines?: number;
  onProgress?: (p: StatementProgress) => void;
  shouldStop?: () => boolean;
}

/** The import itself (the handler's and the bench's): each chunk of lines in one
 *  ctx.write, every line in its own savepoint so a refused line loses nothing else. */
export async function importStatement(ctx: Ctx, text: string, options: ImportOptions): Promise<StatementImportResult> {
  const session = ctx.requireSession();
  const statement = parseStatement(text);
  const digest = createHash('sha256').update(text).digest('hex');
  const byLine = new Map(statement.lines.map((l) => [l.line, l]));
  const wanted = [...new Map(options.lines.map((l) => [l.line, l])).values()];
  const chunk = options.chunkLines ?? DEFAULT_CHUNK_LINES;
  const lookup = lookupsOf(ctx.db);
  const result: StatementImportResult = {
    status: 'done',
    total: wanted.length,
    imported: 0,
    importedFen: 0,
    duplicates: [],
    refused: [],
  };
  const progress = (status: StatementProgress['status'], done: number) =>
    options.onProgress?.({
      done,
      total: wanted.length,
      imported: result.imported,
      duplicates: result.duplicates.length,
      refused: result.refused.length,
      status,
    });
  const refuse = (line: number, code: string, details: Record<string, unknown> = {}) =>
    result.refused.push({ line, code, details });
  let done = 0;
  for (let start = 0; start < wanted.length; start += chunk) {
    if (options.shouldStop?.()) {
      result.status = 'cancelled';
      break;
    }
    const part = wanted.slice(start, start + chunk);
    const before = { imported: result.imported, duplicates: result.duplicates.length, refused: result.refused.length };
    // The chunk's audit record: the lines it handled and what became of them
    // (each repayment's own event carries its reference).
    const summary: Record<string, unknown> = {
      fileName: options.fileName ?? null,
      statementSha256: digest,
      lines: lineRanges(part.map((p) => p.line)),
    };
    ctx.write(
      (db: LocalDb): StatementImportResult => {
        const imported = importedRefs(db);
        // Read once per chunk: a branch's open day does not move inside a transaction.
        const days = new Map<string | null, string>();
        const businessDateOf = (loan: { branchId: string | null }) => {
          if (!days.has(loan.branchId)) days.set(loan.branchId, currentBusinessDate(db, ctx.now(), loan.branchId));
          return days.get(loan.branchId)!;
        };
        const one = db.$client.transaction((l: StatementLine, loanId: string, accept: boolean) =>
          recordRepayment(
            ctx,
            db,
            session,
            {
              loanId,
              amountFen: l.amountFen!,
              valueDate: l.valueDate!,
              channel: 'bank',
              note: noteOf(l),
              acceptOverpayment: accept,
              transferRef: l.reference,
            },
            businessDateOf,
          ),
        );
        for (const want of part) {
          const l = byLine.get(want.line);
          if (!l) refuse(want.line, 'STATEMENT_LINE_UNKNOWN');
          else if (l.error?.code === 'STATEMENT_REF_REPEATED' || (!l.error && imported(l.reference)))
            result.duplicates.push(l.line);
          else if (l.error) refuse(l.line, l.error.code, l.error.details);
          else {
            const loan = want.loanId ? lookup.loanById(want.loanId) : matchLine(l, lookup).loan;
            if (!loan) refuse(l.line, want.loanId ? 'LOAN_UNKNOWN' : 'STATEMENT_NO_MATCH');
            else
              try {
                one(l, loan.id, want.acceptOverpayment === true);
                result.imported++;
                result.importedFen += l.amountFen!;
              } catch (e) {
                if (!isDomainError(e)) throw e;
                refuse(l.line, e.code, e.details);
              }
          }
        }
        summary.imported = result.imported - before.imported;
        summary.duplicates = result.duplicates.length - before.duplicates;
        summary.refused = result.refused.slice(before.refused).map((r) => `${r.line}:${r.code}`);
        // What this chunk's transaction keeps as the request's answer until the last one.
        return {
          status: 'cancelled',
          total: result.total,
          imported: result.imported,
          importedFen: result.importedFen,
          duplicates: [],
          refused: [],
          interrupted: true,
        } satisfies StatementImportResult;
      },
      { summary },
    );
    done += part.length;
    progress('running', done);
    // Between chunks the app answers other calls (a cancel, the progress bar).
    await new Promise((resolve) => setImmediate(resolve));
  }
  progress(result.status, done);
  return result;
}

export const statementsHandlers = {
  /** Every line of a statement with its status, loan and refusal, and the counts
   *  and totals per status; writes nothing. */
  'statements.preview': handler({
    input: z.object({
      fileName,
      contentBase64,
      /** The officer's loan for unmatched lines, to check them before importing. */
      chosen: z
        .array(z.object({ line: z.number().int().min(2), loanNumber: z.string().trim().min(1).max(32) }))
        .max(MAX_STATEMENT_LINES)
        .optional(),
    }),
    access: 'repayments.record',
    kind: 'read',
    run: (ctx, input) => {
      const statement = parseStatement(statementOf(input.contentBase64));
      const lines = checkLines(
        ctx.db,
        ctx.now(),
        statement.lines,
        new Map((input.chosen ?? []).map((c) => [c.line, c.loanNumber.toUpperCase()])),
      );
      return { fileName: input.fileName ?? null, lines, ...statementTotals(lines) };
    },
  }),
  /** Records the chosen lines (the preview's line numbers; a loan chosen for an
   *  unmatched line; an amount above the payoff accepted). Lines already imported
   *  are skipped as duplicates, so running it again resumes an interrupted import. */
  'statements.import': handler({
    input: z.object({
      fileName,
      contentBase64,
      lines: z
        .array(
          z.object({
            line: z.number().int().min(2),
            loanId: z.string().uuid().optional(),
            acceptOverpayment: z.boolean().optional(),
          }),
        )
        .min(1)
        .max(MAX_STATEMENT_LINES),
      chunkLines: z.number().int().min(1).max(5000).optional(),
    }),
    access: 'repayments.record',
    kind: 'write',
    run: async (ctx, input) => {
      if (running.active) throw new DomainError('STATEMENT_IMPORT_RUNNING');
      running.active = true;
      running.stop = false;
      try {
        const result = await importStatement(ctx, statementOf(input.contentBase64), {
          fileName: input.fileName,
          lines: input.lines,
          chunkLines: input.chunkLines,
          onProgress: (p) => ctx.app.push({ topic: 'statements.progress', payload: p }),
          shouldStop: () => running.stop,
        });
        ctx.write(() => undefined, {
          summary: {
            fileName: input.fileName ?? null,
            status: result.status,
            total: result.total,
            imported: result.imported,
            importedFen: result.importedFen,
            duplicates: result.duplicates.length,
            refused: result.refused.length,
          },
        });
        return result;
      } finally {
        running.active = false;
      }
    },
  }),
  'statements.cancel': handler({
    input: z.object({}).optional(),
    access: 'repayments.record',
    kind: 'write',
    run: () => {
      running.stop = running.active;
      return { cancelling: running.active };
    },
  }),
};
