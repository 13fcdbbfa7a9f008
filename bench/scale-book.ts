/** The scale book: a loan book of N active loans for the scale scenarios, kept
 *  between runs (BENCH_BOOKS, default <tmp>/loandesk-bench-books/book-N).
 *
 *  Made in two steps. First the demo company (BASE_PERSONS persons, about as many
 *  active loans) is seeded through the app's handlers, events and projectors: its
 *  loans have a year of history, every bucket and class, repayments early, late,
 *  partial and missed. Then its active loans are copied until the book holds N:
 *  each copy is the same loan under new ids (loan, its transactions, and every id
 *  inside its journal entries, posted totals and allocations; its accruals added to
 *  its branch's daily entries of its last posted day), its rows inserted
 *  with prepared statements a copy per transaction, at raw insert speed. A copy is
 *  what the projectors would write for the same events; the copies' events are not
 *  in the log (a rebuild gives the demo back, not the book), which the scenarios
 *  do not need. The daily account movements follow the copied journal lines, and a
 *  capital entry funds the copied disbursements, so the trial balance still
 *  balances and agrees with the loan ledger.
 *
 *  Progress goes to stderr; Ctrl+C stops after the current copy and the next run
 *  resumes from the last committed one. */
import { existsSync, mkdirSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type TestApp } from '../tests/support/app';
import type { LocalDb } from '../src/main/db/connection';
import { proposeEntry, approveEntry } from '../src/main/features/books/handlers';
import { buildAccountSummary, recordJournalLines } from '../src/main/features/monitoring/summaries';
import { batchPostings, postDaily, type DailyNets } from '../src/main/projectors/journal';
import { company, OPENING_DAY } from './company';

export const BASE_PERSONS = Number(process.env.BENCH_BASE_PERSONS ?? 300);
const COPIED_TABLES = [
  'loan_contracts',
  'installments',
  'loan_transactions',
  'loan_posted',
  'journal_entries',
  'journal_lines',
  'loan_tax',
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export interface ScaleBook {
  t: TestApp;
  activeLoans: number;
  baseLoans: number;
  copies: number;
  /** Milliseconds spent making what this run made (0 when reused). */
  buildMs: number;
  rowsCopied: number;
}

function meta(db: LocalDb, key: string): string | null {
  const row = db.$client.prepare('SELECT value FROM bench_book WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

function setMeta(db: LocalDb, key: string, value: string): void {
  db.$client
    .prepare('INSERT INTO bench_book (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    .run(key, value);
}

/** The id of copy `k` of a base id: its first 8 hex digits replaced by k. The rest
 *  is the base id's (random), so no two copies meet; and one copy's ids share a
 *  prefix, so its rows go into the indexes side by side rather than one leaf page
 *  apart each (ten times faster once the book outgrows the page cache). */
function copyId(id: string, k: number): string {
  return k.toString(16).padStart(8, '0') + id.slice(8);
}

function columnsOf(db: LocalDb, table: string): string[] {
  return (db.$client.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

/** Inserts copy `k` of the base loans; returns the rows written. */
function copyLoans(db: LocalDb, baseIds: readonly string[], k: number): number {
  const c = db.$client;
  let rows = 0;
  const txIds = c.prepare('SELECT id FROM loan_transactions WHERE loan_id = ?').pluck();
  const rewrite = (ids: Map<string, string>, v: unknown) =>
    typeof v === 'string' && v.length >= 36 ? v.replace(UUID, (m) => ids.get(m) ?? m) : v;
  const loanColumns = columnsOf(db, 'loans');
  const numberAt = loanColumns.indexOf('number');
  const branchAt = loanColumns.indexOf('branch_id');
  const postedAt = loanColumns.indexOf('posted_through');
  const dailyAt = loanColumns.indexOf('accrual_posted_json');
  const tables = ['loans', ...COPIED_TABLES].map((table) => {
    const columns = table === 'loans' ? loanColumns : columnsOf(db, table);
    const key = table === 'loans' ? 'id' : 'loan_id';
    return {
      table,
      read: c.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${key} = ?`).raw(true),
      write: c.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`),
    };
  });
  const lineColumns = columnsOf(db, 'journal_lines');
  const at = (name: string) => lineColumns.indexOf(name);
  for (const baseId of baseIds) {
    const ids = new Map<string, string>([[baseId, copyId(baseId, k)]]);
    for (const tx of txIds.all(baseId) as string[]) ids.set(tx, copyId(tx, k));
    for (const t of tables)
      for (const row of t.read.all(baseId) as unknown[][]) {
        const copy = row.map((v) => rewrite(ids, v));
        if (t.table === 'loans') {
          copy[numberAt] = `${String(row[numberAt])}-${k}`;
          // The copy's accruals join its branch's daily entries (all on its last posted day).
          postDaily(
            db,
            copy[branchAt] as string | null,
            copy[postedAt] as string,
            JSON.parse(copy[dailyAt] as string) as DailyNets,
          );
        }
        t.write.run(copy);
        rows++;
        if (t.table === 'journal_lines')
          recordJournalLines(db, {
            postingDate: copy[at('posting_date')] as string,
            branchId: copy[at('branch_id')] as string | null,
            lines: [
              {
                accountCode: copy[at('account_code')] as string,
                debitFen: copy[at('debit_fen')] as number,
                creditFen: copy[at('credit_fen')] as number,
              },
            ],
          });
      }
  }
  return rows;
}

/** Paid-in capital for the copies' disbursements, so cash never stands in credit. */
function fundCopies(t: TestApp, baseIds: readonly string[], copies: number): void {
  const db = t.app.db();
  const principal = db.$client
    .prepare(`SELECT coalesce(sum(principal_fen), 0) AS n FROM loans WHERE id IN (${baseIds.map(() => '?').join(',')})`)
    .get(...baseIds) as { n: number };
  const fen = principal.n * copies;
  if (fen === 0) return;
  const m = {
    actorId: null,
    deviceId: t.app.deviceId(),
    branchId: null,
    occurredAt: new Date().toISOString(),
    businessDate: OPENING_DAY,
  };
  db.transaction(() => {
    const { id } = proposeEntry(db, m, {
      kind: 'manual',
      valueDate: OPENING_DAY,
      memo: '基准测试增资 (bench capital for the copied loans)',
      lines: [
        { accountId: '1002', debitFen: fen, creditFen: 0, memo: null },
        { accountId: '4001', debitFen: 0, creditFen: fen, memo: null },
      ],
      reversesId: null,
    });
    approveEntry(db, m, { entryId: id, expectedVersion: 1, note: null });
  });
}

/** Opens (or makes, or resumes making) the book of `activeLoans` active loans. */
export async function scaleBook(
  activeLoans: number,
  options: { onProgress?: (text: string) => void; shouldStop?: () => boolean } = {},
): Promise<ScaleBook | null> {
  const root = process.env.BENCH_BOOKS ?? join(tmpdir(), 'loandesk-bench-books');
  const home = join(root, `book-${activeLoans}`);
  const started = performance.now();
  if (!existsSync(join(home, 'profile.json'))) {
    rmSync(home, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const base = await company(BASE_PERSONS);
    cpSync(base.seeded, home, { recursive: true });
  }
  const t = await startApp({ home });
  const db = t.app.db();
  db.$client.exec('CREATE TABLE IF NOT EXISTS bench_book (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  let baseIds = JSON.parse(meta(db, 'baseIds') ?? 'null') as string[] | null;
  if (!baseIds) {
    baseIds = (
      db.$client.prepare("SELECT id FROM loans WHERE status = 'active' ORDER BY id").all() as Array<{ id: string }>
    ).map((r) => r.id);
    db.transaction(() => setMeta(db, 'baseIds', JSON.stringify(baseIds)));
  }
  const copiesWanted = Math.max(0, Math.ceil(activeLoans / baseIds.length) - 1);
  if (meta(db, 'funded') === null) {
    fundCopies(t, baseIds, copiesWanted);
    db.transaction(() => setMeta(db, 'funded', String(copiesWanted)));
  }
  let copies = Number(meta(db, 'copies') ?? 0);
  const resumedFrom = copies;
  let rowsCopied = 0;
  let shown = -1;
  while (copies < copiesWanted) {
    if (options.shouldStop?.()) {
      t.app.close();
      return null;
    }
    const k = copies + 1;
    rowsCopied += db.transaction(() =>
      batchPostings(db, () => {
        const n = copyLoans(db, baseIds, k);
        setMeta(db, 'copies', String(k));
        return n;
      }),
    );
    copies = k;
    const percent = Math.floor((copies * 100) / copiesWanted);
    if (percent !== shown) options.onProgress?.(`scale book: copy ${copies}/${copiesWanted} (${percent}%)`);
    shown = percent;
    await new Promise((resolve) => setImmediate(resolve));
  }
  // As on a profile whose manager opened the dashboard once.
  buildAccountSummary(db);
  const active = db.$client.prepare("SELECT count(*) AS n FROM loans WHERE status = 'active'").get() as { n: number };
  return {
    t,
    activeLoans: active.n,
    baseLoans: baseIds.length,
    copies,
    buildMs: copies > resumedFrom || resumedFrom === 0 ? performance.now() - started : 0,
    rowsCopied,
  };
}
