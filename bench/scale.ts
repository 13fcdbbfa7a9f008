/** The scale scenarios (issue 12) on the scale book (bench/scale-book.ts) of
 *  `--scale N` active loans: reads of the ledgers and the journal, the end of day,
 *  repayments through the API, a loan with 1,000 transactions, and the chain
 *  checks. Each figure is printed with its floor, the raw prepared-statement cost
 *  of reading or writing the same rows on the same database in the same run, and
 *  its target (scaled to 1,000,000 loans where the target is stated for them). */
import { randomUUID } from 'node:crypto';
import type { LocalDb } from '../src/main/db/connection';
import { runEod, nextEodDate } from '../src/main/features/eod/run';
import { addDays } from '../src/core/dates';
import { getLoanFigures } from '../src/main/projectors/loans';
import { quietSettingsKey, quietStep } from '../src/main/projectors/quiet';
import { readSettingsSection } from '../src/main/features/settings/store';
import { appendAudit, verifyAuditChain } from '../src/main/security/audit';
import { verifyJournal } from '../src/main/features/ledger/journal';
import { registerScenario, type ScenarioOut } from './registry';
import { indexedCopy } from './raw';
import { scaleBook, type ScaleBook } from './scale-book';
import type { TestApp } from '../tests/support/app';

const FULL = 1_000_000;
const EOD_BATCH = 200;
const REPAYMENTS = Number(process.env.BENCH_REPAYMENTS ?? 2000);
const LONG_HISTORY = Number(process.env.BENCH_LONG_HISTORY ?? 1000);
const PASSWORD = 'demo1234';

let book: Promise<ScaleBook> | undefined;
let stop = false;
process.on('SIGINT', () => {
  if (stop) process.exit(130);
  stop = true;
});

export function theBook(scale: number, out: ScenarioOut): Promise<ScaleBook> {
  book ??= (async () => {
    const b = await scaleBook(scale, { onProgress: (text) => out.note(text), shouldStop: () => stop });
    if (!b) throw new Error('stopped while making the scale book; run again to resume');
    out.note(
      `scale book: ${b.activeLoans.toLocaleString('en-US')} active loans (${b.baseLoans} seeded through the app, ${b.copies} copies)${b.buildMs > 0 ? `, ${b.rowsCopied.toLocaleString('en-US')} rows made in ${(b.buildMs / 1000).toFixed(0)} s` : ', reused'}`,
    );
    for (const user of ['manager', 'officer'])
      await b.t.call('auth.login', { username: user, password: PASSWORD }, user);
    return b;
  })();
  return book;
}

/** The best of `times` runs of `fn`, in ms (the first run warms the cache). */
function best(times: number, fn: () => unknown): number {
  let min = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    fn();
    min = Math.min(min, performance.now() - started);
  }
  return min;
}

async function bestAsync(times: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    min = Math.min(min, performance.now() - started);
  }
  return min;
}

/** Moves the app's clock into the book's open business day (the day after the
 *  last closed one), late morning in Shanghai; returns the day. */
export function openDay(t: TestApp): string {
  const last = (t.app.db().$client.prepare('SELECT max(business_date) AS d FROM days_closed').get() as { d: string }).d;
  const day = addDays(last, 1);
  t.travel(`${day}T03:00:00Z`);
  return day;
}

const scaledTo = (ms: number, count: number, full: number) => (ms * full) / Math.max(1, count);
const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

registerScenario({
  name: 'scale: loan ledger, journal and trial balance',
  run: async (out, options) => {
    const { t } = await theBook(options.scale, out);
    const db = t.app.db();
    const c = db.$client;
    // The floor: a page of loan rows read raw in an index's order, and the book's
    // kept totals (loan_book_totals) added up raw.
    const rawPage = best(3, () => c.prepare('SELECT * FROM loans ORDER BY number LIMIT 100').all());
    const rawTotals = best(3, () =>
      c.prepare('SELECT sum(loans), sum(outstanding_principal_fen) FROM loan_book_totals').get(),
    );
    const branch = c.prepare("SELECT branch_id FROM loans WHERE status = 'active' LIMIT 1").pluck().get() as string;
    const filters = [
      { name: 'all loans by number', input: {} },
      { name: 'overdue, by DPD descending', input: { overdueOnly: true, sort: { field: 'dpd', order: 'desc' } } },
      {
        name: 'substandard or worse, by outstanding',
        input: {
          classification: ['substandard', 'doubtful', 'loss'],
          sort: { field: 'outstandingPrincipalFen', order: 'desc' },
        },
      },
      {
        name: 'searched by customer name, by customer',
        input: { search: '王', sort: { field: 'customerName', order: 'asc' } },
      },
      {
        name: 'active, by disbursement date',
        input: { status: ['active'], sort: { field: 'disbursedOn', order: 'asc' } },
      },
      {
        name: 'written off or closed, by principal',
        input: { status: ['written_off', 'closed'], sort: { field: 'principalFen', order: 'desc' } },
      },
      { name: 'one branch, by customer', input: { branchId: branch, sort: { field: 'customerName', order: 'asc' } } },
      {
        name: 'M2 bucket, page 50 by DPD',
        input: { bucket: ['M2'], sort: { field: 'dpd', order: 'asc' } },
        offset: 4900,
      },
    ] as const;
    let worst = 0;
    for (const f of filters) {
      const ms = await bestAsync(3, () =>
        t.call('ledger.loans', { ...f.input, limit: 100, offset: 'offset' in f ? f.offset : 0 } as never, 'manager'),
      );
      out.note(`loan ledger, ${f.name}: first page of 100 with its totals in ${ms.toFixed(0)} ms`);
      worst = Math.max(worst, ms);
    }
    out.result({
      name: `loan ledger, first page of 100 with totals, slowest of ${filters.length} filters and sorts (${options.scale.toLocaleString('en-US')} loans)`,
      value: worst,
      unit: 'ms',
      floor: rawPage + rawTotals,
      kind: 'time',
      target: '< 100 ms (page), < 500 ms (totals)',
      met: worst < 100,
    });

    const lines = (c.prepare('SELECT count(*) AS n FROM journal_lines').get() as { n: number }).n;
    const last = (c.prepare('SELECT max(posting_date) AS d FROM journal_lines').get() as { d: string }).d;
    const rawLines = best(3, () => c.prepare('SELECT * FROM journal_lines ORDER BY posting_date DESC LIMIT 100').all());
    const journalMs = await bestAsync(3, () =>
      t.call('ledger.journal', { range: { from: addDays(last, -30), to: last }, limit: 100 } as never, 'manager'),
    );
    out.result({
      name: `journal, a page of 100 of the last 30 days (${lines.toLocaleString('en-US')} lines)`,
      value: journalMs,
      unit: 'ms',
      floor: rawLines,
      kind: 'time',
      target: '< 100 ms',
      met: journalMs < 100,
    });
    const middle = addDays(last, -45);
    const rawDaily = best(2, () =>
      c
        .prepare(
          'SELECT account_code, sum(debit_fen - credit_fen) FROM summary_account_daily WHERE posting_date <= ? GROUP BY account_code',
        )
        .all(middle),
    );
    const tbMs = await bestAsync(2, () => t.call('ledger.trialBalance', { date: middle }, 'manager'));
    out.result({
      name: `trial balance on ${middle} (${lines.toLocaleString('en-US')} journal lines)`,
      value: tbMs,
      unit: 'ms',
      floor: rawDaily,
      kind: 'time',
      target: '< 500 ms',
      met: tbMs < 500,
    });
  },
});

/** The loan figures the end of day may change. */
const LOAN_COLS = [
  'status',
  'closed_on',
  'outstanding_principal_fen',
  'overdue_principal_fen',
  'accrued_interest_fen',
  'penalty_fen',
  'penalty_bound_on',
  'penalty_forgone_fen',
  'overpayment_fen',
  'dpd',
  'bucket',
  'classification',
  'provision_fen',
  'position_as_of',
  'posted_through',
  'non_accrual_since',
  'off_balance_interest_fen',
  'interest_advance_fen',
  'written_off_principal_fen',
  'accrual_posted_json',
  'tax_figures_json',
  'quiet_json',
];

interface Before {
  figures: unknown[];
  /** Its day is a quiet one: the end of day reads its row alone (projectors/quiet.ts). */
  quiet: boolean;
}

/** Each active loan's figures before the end of day, so the floor writes only the
 *  columns the day changed (as the end of day does) and reads what it reads. */
function figuresBefore(db: LocalDb, date: string): Map<string, Before> {
  const rows = db.$client
    .prepare(`SELECT id, ${LOAN_COLS.join(', ')} FROM loans WHERE status = 'active'`)
    .raw(true)
    .all() as unknown[][];
  const key = quietSettingsKey(readSettingsSection(db, 'accounting'));
  return new Map(
    rows.map((r) => {
      const id = r[0] as string;
      const loan = getLoanFigures(db, id);
      return [id, { figures: r.slice(1), quiet: loan !== undefined && quietStep(loan, date, key) !== null }];
    }),
  );
}

/** The raw cost of the end of day's own rows: each batch's loan rows read in rowid
 *  order (and, for a loan whose day is not a quiet one, its contract and transactions), and the rows the day wrote (its journal entries and lines, tax figures,
 *  posted totals and loan figures) written again with prepared statements in the
 *  same batches, onto a date nothing else uses; those rows are removed after. */
function eodFloor(db: LocalDb, date: string, before: Map<string, Before>): { ms: number; rows: number } {
  const c = db.$client;
  const FAR = '9999-12-30';
  const walked = c
    .prepare("SELECT rowid, id FROM loans WHERE status = 'active' AND position_as_of = ? ORDER BY rowid")
    .raw(true)
    .all(date) as Array<[number, string]>;
  const ids = walked.map((w) => w[1]);
  const readLoan = c.prepare('SELECT * FROM loans WHERE id = ?');
  // The end of day reads a batch's rows in the walk that finds them (rowid order).
  const readBatch = c.prepare("SELECT * FROM loans WHERE rowid BETWEEN ? AND ? AND status = 'active'");
  const readContract = c.prepare('SELECT contract_json FROM loan_contracts WHERE loan_id = ?');
  const readTxs = c.prepare('SELECT * FROM loan_transactions WHERE loan_id = ? ORDER BY created_at, id');
  const entriesOf = c.prepare('SELECT * FROM journal_entries WHERE loan_id = ? AND posting_date = ?').raw(true);
  const linesOf = c.prepare('SELECT * FROM journal_lines WHERE loan_id = ? AND posting_date = ?').raw(true);
  const taxOf = c.prepare('SELECT * FROM loan_tax WHERE loan_id = ? AND posting_date = ?').raw(true);
  const postedOf = c
    .prepare(
      'SELECT * FROM loan_posted WHERE loan_id = ? AND category IN (SELECT category FROM journal_entries WHERE loan_id = ? AND posting_date = ?)',
    )
    .raw(true);
  const cols = (t: string) =>
    (c.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((x) => x.name);
  const insert = (t: string) =>
    c.prepare(
      `INSERT INTO ${t} VALUES (${cols(t)
        .map(() => '?')
        .join(', ')})`,
    );
  const entryCols = cols('journal_entries');
  const lineCols = cols('journal_lines');
  const taxCols = cols('loan_tax');
  const putEntry = insert('journal_entries');
  const putLine = insert('journal_lines');
  const putTax = insert('loan_tax');
  const putPosted = c.prepare(
    'INSERT INTO loan_posted VALUES (?, ?, ?, ?) ON CONFLICT (loan_id, category, account_code) DO UPDATE SET net_fen = excluded.net_fen',
  );
  const putLoan = (id: string, cols: string[], values: unknown[]) =>
    c.prepare(`UPDATE loans SET ${cols.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
  const sumDaily = c.prepare(
    'INSERT INTO summary_account_daily VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (posting_date, account_code, branch_id) DO UPDATE SET debit_fen = debit_fen + excluded.debit_fen',
  );
  const far = (row: unknown[], at: number) =>
    row.map((v, i) => (i === at ? FAR : typeof v === 'string' ? v.replace(`/${date}/`, `/${FAR}/`) : v));
  let ms = 0;
  let rows = 0;
  for (let i = 0; i < ids.length; i += EOD_BATCH) {
    const batch = ids.slice(i, i + EOD_BATCH);
    const span = [walked[i]![0], walked[Math.min(i + EOD_BATCH, walked.length) - 1]![0]] as const;
    // What the day wrote, gathered untimed.
    const work = batch.map((id) => ({
      id,
      entries: (entriesOf.all(id, date) as unknown[][]).map((r) => far(r, entryCols.indexOf('posting_date'))),
      lines: (linesOf.all(id, date) as unknown[][]).map((r) => far(r, lineCols.indexOf('posting_date'))),
      tax: (taxOf.all(id, date) as unknown[][]).map((r) => far(r, taxCols.indexOf('posting_date'))),
      posted: postedOf.all(id, id, date) as unknown[][],
      loan: readLoan.get(id) as Record<string, unknown>,
    }));
    const started = performance.now();
    c.transaction(() => {
      readBatch.all(...span);
      for (const w of work) {
        const was = before.get(w.id);
        if (!was?.quiet) {
          readContract.get(w.id);
          readTxs.all(w.id);
        }
        for (const r of w.entries) putEntry.run(r);
        for (const r of w.lines) putLine.run(r);
        for (const r of w.tax) putTax.run(r);
        for (const r of w.posted) putPosted.run(r);
        const cols = LOAN_COLS.filter((k, i) => !was || was.figures[i] !== w.loan[k]);
        if (cols.length > 0)
          putLoan(
            w.id,
            cols,
            cols.map((k) => w.loan[k]),
          );
        rows += w.entries.length + w.lines.length + w.tax.length + w.posted.length + 1;
      }
      sumDaily.run(FAR, '1132', '', 0, 0, 0);
    })();
    ms += performance.now() - started;
  }
  c.transaction(() => {
    for (const t of ['journal_lines', 'journal_entries', 'loan_tax', 'summary_account_daily'])
      c.prepare(`DELETE FROM ${t} WHERE posting_date = ?`).run(FAR);
  })();
  return { ms, rows };
}

registerScenario({
  name: 'scale: end of day',
  run: async (out, options) => {
    const { t } = await theBook(options.scale, out);
    const db = t.app.db();
    const date = openDay(t);
    const now = () => new Date(t.clock.ms);
    if (nextEodDate(db, now()) !== date) throw new Error(`the scale book's next end of day is not ${date}`);
    const before = figuresBefore(db, date);
    const quiet = [...before.values()].filter((b) => b.quiet).length;
    const rss0 = mb();
    let peak = rss0;
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    let shown = -1;
    const result = await runEod(db, date, {
      meta: { actorId: null, deviceId: t.app.deviceId(), branchId: null, occurredAt: now().toISOString() },
      now: now(),
      shouldStop: () => stop,
      onProgress: (p) => {
        peak = Math.max(peak, mb());
        const percent = p.total > 0 ? Math.floor((p.done * 100) / p.total) : 100;
        if (percent % 10 === 0 && percent !== shown) out.note(`end of day ${date}: ${p.done}/${p.total} loans`);
        shown = percent;
      },
      yieldBetweenBatches: () => new Promise((resolve) => setImmediate(resolve)),
      ...(process.env.BENCH_EOD_WORKERS ? { workers: Number(process.env.BENCH_EOD_WORKERS) } : {}),
      ...(process.env.BENCH_EOD_BATCH ? { batchLoans: Number(process.env.BENCH_EOD_BATCH) } : {}),
    });
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    if (result.status !== 'done') throw new Error('end of day stopped; run again to resume it');
    const floor = eodFloor(db, date, before);
    const projected = scaledTo(ms, result.done, FULL);
    out.note(
      `end of day ${date}: ${result.done.toLocaleString('en-US')} loans (${quiet.toLocaleString('en-US')} on a quiet day) in ${(ms / 1000).toFixed(1)} s (${result.workers} planner threads, ${Math.round((result.done * 1000) / ms).toLocaleString('en-US')} loans/s, ${((cpu.user + cpu.system) / 1000 / ms).toFixed(2)} cores busy), floor ${(floor.ms / 1000).toFixed(1)} s for its ${floor.rows.toLocaleString('en-US')} rows; at 1,000,000 loans: ${(projected / 1000).toFixed(0)} s; resident memory ${rss0} → ${peak} MB`,
    );
    out.result({
      name: `end of day, ${result.done.toLocaleString('en-US')} active loans (seconds; at 1,000,000: ${(projected / 1000).toFixed(0)} s)`,
      value: ms / 1000,
      unit: 's',
      floor: floor.ms / 1000,
      kind: 'time',
      target: '≤ 3× floor and < 120 s at 1,000,000 loans',
      met: ms <= 3 * floor.ms && projected < 120_000,
    });
  },
});

/** Loans of the officer's branch that can take small repayments. */
function activeLoansOf(t: TestApp, limit: number): string[] {
  const db = t.app.db();
  const officer = db.$client.prepare("SELECT branch_id AS b FROM users WHERE username = 'officer'").get() as {
    b: string;
  };
  return db.$client
    .prepare(
      "SELECT id FROM loans WHERE status = 'active' AND branch_id = ? AND outstanding_principal_fen > 100000 ORDER BY id LIMIT ?",
    )
    .pluck()
    .all(officer.b, limit) as string[];
}

/** Rows added to the tables a repayment writes since `before` (rowid marks). */
export function marks(db: LocalDb, tables: readonly string[]): Map<string, number> {
  return new Map(
    tables.map((t) => [
      t,
      (db.$client.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );
}

/** The raw cost of repayments' own rows, in `transactions` transactions: in each,
 *  `loansPerTransaction` loans' rows read (row and contract, transactions,
 *  installments, postings, tax figures: of `coldLoans`, loans nothing read yet, as
 *  cold in the cache as the API's were) and their row and postings written back, and
 *  its share of the rows the repayments added (since `before`) inserted again into
 *  copies of their tables with the same indexes. */
export function rawWritesOf(
  db: LocalDb,
  before: Map<string, number>,
  transactions: number,
  coldLoans: readonly string[],
  loansPerTransaction = 1,
): { ms: number; rows: number } {
  const c = db.$client;
  const added: Array<{ insert: ReturnType<typeof c.prepare>; rows: unknown[][] }> = [];
  for (const [table, mark] of before) {
    indexedCopy(c, table, { keys: false });
    const rows = c.prepare(`SELECT * FROM ${table} WHERE rowid > ?`).raw(true).all(mark) as unknown[][];
    // A table the repayments added nothing to (loan_tax off a month end) costs nothing.
    if (rows.length === 0) continue;
    const width = rows[0]!.length;
    added.push({
      insert: c.prepare(
        `INSERT INTO bench_raw_${table} VALUES (${Array.from({ length: width }, () => '?').join(', ')})`,
      ),
      rows,
    });
  }
  const reads = [
    'SELECT l.*, c.contract_json FROM loans l JOIN loan_contracts c ON c.loan_id = l.id WHERE l.id = ?',
    'SELECT * FROM loan_transactions WHERE loan_id = ? ORDER BY created_at, id',
    'SELECT * FROM installments WHERE loan_id = ? ORDER BY n',
    'SELECT * FROM loan_tax WHERE loan_id = ? ORDER BY posting_date DESC LIMIT 1',
  ].map((q) => c.prepare(q));
  const posted = c
    .prepare('SELECT loan_id, category, account_code, net_fen FROM loan_posted WHERE loan_id = ?')
    .raw(true);
  const putPosted = c.prepare(
    'INSERT INTO loan_posted (loan_id, category, account_code, net_fen) VALUES (?, ?, ?, ?) ON CONFLICT (loan_id, category, account_code) DO UPDATE SET net_fen = excluded.net_fen',
  );
  const putLoan = c.prepare('UPDATE loans SET outstanding_principal_fen = outstanding_principal_fen WHERE id = ?');
  let rows = 0;
  const started = performance.now();
  for (let k = 0; k < transactions; k++)
    c.transaction(() => {
      for (let i = k * loansPerTransaction; i < (k + 1) * loansPerTransaction; i++) {
        const loan = coldLoans[i % coldLoans.length]!;
        for (const r of reads) rows += r.all(loan).length;
        for (const p of posted.all(loan) as unknown[][]) {
          putPosted.run(p);
          rows++;
        }
        putLoan.run(loan);
        rows++;
      }
      for (const a of added) {
        const share = Math.ceil(a.rows.length / transactions);
        for (const r of a.rows.slice(k * share, (k + 1) * share)) {
          a.insert.run(r);
          rows++;
        }
      }
    })();
  const ms = performance.now() - started;
  for (const table of before.keys()) c.exec(`DROP TABLE bench_raw_${table}`);
  return { ms, rows };
}

const REPAYMENT_TABLES = [
  'events',
  'loan_transactions',
  'journal_entries',
  'journal_lines',
  'receipts',
  'audit_log',
  'loan_tax',
];

registerScenario({
  name: 'scale: repayments through the API',
  run: async (out, options) => {
    const { t } = await theBook(options.scale, out);
    const db = t.app.db();
    const ids = activeLoansOf(t, REPAYMENTS);
    const cold = db.$client
      .prepare("SELECT id FROM loans WHERE status = 'active' ORDER BY id DESC LIMIT ?")
      .pluck()
      .all(REPAYMENTS) as string[];
    const valueDate = openDay(t);
    const before = marks(db, REPAYMENT_TABLES);
    const started = performance.now();
    for (let i = 0; i < REPAYMENTS; i++)
      await t.call(
        'repayments.record',
        { loanId: ids[i % ids.length]!, amountFen: 100, valueDate, channel: 'bank', intent: 'installments' } as never,
        'officer',
      );
    const ms = performance.now() - started;
    const raw = rawWritesOf(db, before, REPAYMENTS, cold);
    out.note(
      `${REPAYMENTS} repayments of ¥1.00 on ${ids.length} loans, one call each (validation, permission, events, projections, journal, audit): ${(ms / REPAYMENTS).toFixed(2)} ms each; their ${raw.rows.toLocaleString('en-US')} rows read and written raw (a loan's rows read, the rows added inserted again), a transaction per repayment: ${(raw.ms / REPAYMENTS).toFixed(3)} ms each`,
    );
    out.result({
      name: 'repayments one by one through the API',
      value: (REPAYMENTS * 1000) / ms,
      unit: 'repayments/s',
      floor: (REPAYMENTS * 1000) / raw.ms,
      kind: 'rate',
      target: '≥ 5,000 /s',
      met: (REPAYMENTS * 1000) / ms >= 5000,
    });
  },
});

registerScenario({
  name: 'scale: a loan with 1,000 transactions',
  run: async (out, options) => {
    const { t } = await theBook(options.scale, out);
    const db = t.app.db();
    const [loanId] = activeLoansOf(t, 1);
    const valueDate = openDay(t);
    const have = (
      db.$client.prepare('SELECT count(*) AS n FROM loan_transactions WHERE loan_id = ?').get(loanId) as { n: number }
    ).n;
    const started = performance.now();
    for (let i = have; i < LONG_HISTORY; i++)
      await t.call(
        'repayments.record',
        { loanId: loanId!, amountFen: 100, valueDate, channel: 'bank', intent: 'installments' } as never,
        'officer',
      );
    out.note(
      `${LONG_HISTORY - have} repayments recorded on one loan in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const open = () =>
      Promise.all([
        t.call('loans.get', { loanId: loanId! }, 'officer'),
        t.call(
          'ledger.journal',
          { range: { from: '2000-01-01', to: '2099-12-31' }, loanId: loanId!, limit: 100 } as never,
          'officer',
        ),
      ]);
    const ms = await bestAsync(3, open);
    const c = db.$client;
    const raw = best(3, () => {
      c.prepare('SELECT * FROM loans WHERE id = ?').get(loanId);
      c.prepare('SELECT * FROM installments WHERE loan_id = ?').all(loanId);
      c.prepare('SELECT * FROM loan_transactions WHERE loan_id = ?').all(loanId);
      c.prepare('SELECT * FROM journal_lines WHERE loan_id = ? ORDER BY posting_date DESC LIMIT 100').all(loanId);
    });
    out.result({
      name: `opens a loan with ${LONG_HISTORY} transactions (detail, schedule, transactions, journal)`,
      value: ms,
      unit: 'ms',
      floor: raw,
      kind: 'time',
      target: '< 200 ms',
      met: ms < 200,
    });
  },
});

registerScenario({
  name: 'scale: chain verification',
  run: async (out, options) => {
    const { t } = await theBook(options.scale, out);
    const db = t.app.db();
    const c = db.$client;
    const want = Math.min(options.scale, FULL);
    let have = (c.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    if (have < want) {
      const started = performance.now();
      const device = t.app.deviceId();
      for (; have < want;) {
        c.transaction(() => {
          for (let k = 0; k < 5000 && have < want; k++, have++)
            appendAudit(db, {
              userId: null,
              username: 'bench',
              deviceId: device,
              action: 'bench.filler',
              summary: { n: have, id: randomUUID() },
              outcome: 'ok',
            });
        })();
      }
      out.note(
        `audit log filled to ${want.toLocaleString('en-US')} records in ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    const audit = (() => {
      const started = performance.now();
      const report = verifyAuditChain(db);
      return { ms: performance.now() - started, report };
    })();
    const rawAudit = best(1, () => {
      for (const _ of c.prepare('SELECT * FROM audit_log').raw(true).iterate()) void _;
    });
    out.result({
      name: `audit chain verified, ${have.toLocaleString('en-US')} records (at 1,000,000: ${(scaledTo(audit.ms, have, FULL) / 1000).toFixed(1)} s)`,
      value: audit.ms / 1000,
      unit: 's',
      floor: rawAudit / 1000,
      kind: 'time',
      target: '< 10 s for 1,000,000 records',
      met: scaledTo(audit.ms, have, FULL) < 10_000,
    });
    const lines = (c.prepare('SELECT count(*) AS n FROM journal_lines').get() as { n: number }).n;
    const journal = (() => {
      const started = performance.now();
      const report = verifyJournal(db);
      return { ms: performance.now() - started, ok: report.ok };
    })();
    if (!journal.ok) throw new Error('the journal does not verify on the scale book');
    const rawJournal = best(1, () => {
      for (const _ of c.prepare('SELECT * FROM journal_lines').raw(true).iterate()) void _;
    });
    out.result({
      name: `journal verified (balanced entries, loan totals), ${lines.toLocaleString('en-US')} lines (at 1,000,000: ${(scaledTo(journal.ms, lines, FULL) / 1000).toFixed(1)} s)`,
      value: journal.ms / 1000,
      unit: 's',
      floor: rawJournal / 1000,
      kind: 'time',
      target: '< 10 s for 1,000,000 records',
      met: scaledTo(journal.ms, lines, FULL) < 10_000,
    });
  },
});
