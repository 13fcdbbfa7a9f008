/** The general ledger's only writer: appends a balanced, hash-chained entry.
 *  Nothing ever updates or deletes a posted line; corrections are new entries. */
import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { journalEntries, journalLines, settings } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { assertBalanced, type JournalLine } from '../../../core/posting/rules';
import { DomainError } from '../../../core/errors';
import { uuidv7 } from '../../events/store';
import { recordJournalLines } from '../monitoring/summaries';

export const JOURNAL_GENESIS = '0'.repeat(64);
const CLOSED_THROUGH_KEY = 'ledger.closedThrough';

export interface NewEntry {
  postingDate: string;
  valueDate: string;
  loanId: string | null;
  branchId: string | null;
  category: string;
  memo: string;
  sourceRef?: string | null;
  lines: JournalLine[];
}

function entryHash(
  prevHash: string,
  e: { id: string; postingDate: string; valueDate: string; loanId: string | null; category: string; memo: string },
  lines: JournalLine[],
): string {
  const body = [
    prevHash,
    e.id,
    e.postingDate,
    e.valueDate,
    e.loanId ?? '',
    e.category,
    e.memo,
    ...lines.map((l) => `${l.accountCode}:${l.debitFen}:${l.creditFen}`),
  ].join('\u001f');
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Periods through this date are closed: nothing may post on or before it. */
export function closedThrough(db: LocalDb): string | null {
  const row = db.select().from(settings).where(eq(settings.key, CLOSED_THROUGH_KEY)).get();
  return row ? (JSON.parse(row.valueJson) as string) : null;
}

export function setClosedThrough(db: LocalDb, date: string, at: string): void {
  const valueJson = JSON.stringify(date);
  db.insert(settings)
    .values({ key: CLOSED_THROUGH_KEY, valueJson, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { valueJson, updatedAt: at } })
    .run();
}

export function appendEntry(db: LocalDb, entry: NewEntry, createdAt: string): number {
  const lines = assertBalanced(entry.lines.filter((l) => l.debitFen !== 0 || l.creditFen !== 0));
  if (lines.length === 0) throw new DomainError('JOURNAL_EMPTY_ENTRY');
  const closed = closedThrough(db);
  if (closed && entry.postingDate <= closed)
    throw new DomainError('PERIOD_CLOSED', { closedThrough: closed, postingDate: entry.postingDate });
  const last = db
    .select({ hash: journalEntries.hash })
    .from(journalEntries)
    .orderBy(desc(journalEntries.seq))
    .limit(1)
    .get();
  const prevHash = last?.hash ?? JOURNAL_GENESIS;
  const id = uuidv7(Date.parse(createdAt));
  const hash = entryHash(prevHash, { ...entry, id }, lines);
  const row = db
    .insert(journalEntries)
    .values({
      id,
      postingDate: entry.postingDate,
      valueDate: entry.valueDate,
      loanId: entry.loanId,
      branchId: entry.branchId,
      category: entry.category,
      memo: entry.memo,
      sourceRef: entry.sourceRef ?? null,
      createdAt,
      prevHash,
      hash,
    })
    .returning({ seq: journalEntries.seq })
    .get();
  db.insert(journalLines)
    .values(
      lines.map((l) => ({
        entrySeq: row.seq,
        postingDate: entry.postingDate,
        accountCode: l.accountCode,
        debitFen: l.debitFen,
        creditFen: l.creditFen,
        loanId: entry.loanId,
        branchId: entry.branchId,
        category: entry.category,
      })),
    )
    .run();
  recordJournalLines(db, { postingDate: entry.postingDate, branchId: entry.branchId, lines });
  return row.seq;
}

export interface JournalChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; id: string; reason: 'hash' | 'link' | 'unbalanced' };
}

/** Re-derives every entry's hash from its lines; reports the first that differs. */
export function verifyJournalChain(db: LocalDb, batchEntries = 2000): JournalChainReport {
  let prevHash = JOURNAL_GENESIS;
  let afterSeq = 0;
  let checked = 0;
  const entriesStmt = db.$client.prepare('SELECT * FROM journal_entries WHERE seq > ? ORDER BY seq LIMIT ?');
  const linesStmt = db.$client.prepare(
    'SELECT entry_seq, account_code, debit_fen, credit_fen FROM journal_lines WHERE entry_seq > ? AND entry_seq <= ? ORDER BY id',
  );
  for (;;) {
    const entries = entriesStmt.all(afterSeq, batchEntries) as Array<Record<string, string | number | null>>;
    if (entries.length === 0) return { ok: true, checked };
    const lastSeq = entries[entries.length - 1]!.seq as number;
    const bySeq = new Map<number, JournalLine[]>();
    for (const l of linesStmt.all(afterSeq, lastSeq) as Array<{
      entry_seq: number;
      account_code: string;
      debit_fen: number;
      credit_fen: number;
    }>) {
      const list = bySeq.get(l.entry_seq) ?? [];
      list.push({ accountCode: l.account_code, debitFen: l.debit_fen, creditFen: l.credit_fen });
      bySeq.set(l.entry_seq, list);
    }
    for (const e of entries) {
      const seq = e.seq as number;
      const id = e.id as string;
      const lines = bySeq.get(seq) ?? [];
      if (e.prev_hash !== prevHash) return { ok: false, checked, firstBroken: { seq, id, reason: 'link' } };
      const debit = lines.reduce((s, l) => s + l.debitFen, 0);
      const credit = lines.reduce((s, l) => s + l.creditFen, 0);
      if (debit !== credit || lines.length === 0)
        return { ok: false, checked, firstBroken: { seq, id, reason: 'unbalanced' } };
      const expected = entryHash(
        prevHash,
        {
          id,
          postingDate: e.posting_date as string,
          valueDate: e.value_date as string,
          loanId: e.loan_id as string | null,
          category: e.category as string,
          memo: e.memo as string,
        },
        lines,
      );
      if (expected !== e.hash) return { ok: false, checked, firstBroken: { seq, id, reason: 'hash' } };
      prevHash = expected;
      afterSeq = seq;
      checked++;
    }
  }
}
