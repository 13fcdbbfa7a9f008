/** The monitoring summaries (projections the dashboards read instead of the
 *  journal): daily account movements, kept up to date on every journal append;
 *  the day's loan book by dimension, the day's money movements and each loan's
 *  month-end state, written at end of day; and the backfill that builds all of
 *  them for a profile made before they existed (its history replayed from the
 *  loans' contracts and transactions).
 *
 *  The interface a projector calls: recordJournalLines (per appended entry),
 *  snapshotPortfolio (per closed business day), ensureSummaries (before reading;
 *  idempotent and cheap once built). */
import type { LocalDb } from '../../db/connection';
import type { JournalLine } from '../../../core/posting/rules';
import { addDays, dateParts, daysInMonth, formatDate, toDayNumber, type BusinessDate } from '../../../core/dates';
import { loanPosition } from '../../../core/servicing/position';
import { classify, requiredProvision } from '../../../core/servicing/delinquency';
import { contractOf, servicingTransactions, type LoanRow, type LoanTxRow } from '../../projectors/loans';

/** Bump when the summaries' meaning changes: everything is rebuilt once. */
export const SUMMARY_VERSION = 1;
/** History snapshots: every month end, every Sunday of the last HISTORY_WEEKS
 *  weeks and every day of the last HISTORY_DAYS days before the business date. */
export const HISTORY_WEEKS = 26;
export const HISTORY_DAYS = 14;
const HISTORY_BATCH_LOANS = 100;

export interface PostedLines {
  postingDate: BusinessDate;
  branchId: string | null;
  lines: readonly JournalLine[];
}

const MOVEMENT_UPSERT = `INSERT INTO summary_account_daily (posting_date, account_code, branch_id, debit_fen, credit_fen, lines)
   VALUES (?, ?, ?, ?, ?, ?)
   ON CONFLICT (posting_date, account_code, branch_id) DO UPDATE SET
     debit_fen = debit_fen + excluded.debit_fen, credit_fen = credit_fen + excluded.credit_fen,
     lines = lines + excluded.lines`;

type Movement = { postingDate: string; accountCode: string; branchId: string; d: number; k: number; lines: number };
/** Movements held back while a batch runs (see batchJournalDeltas), by database. */
const held = new WeakMap<LocalDb, Map<string, Movement>>();

function addMovements(
  db: LocalDb,
  entry: { postingDate: BusinessDate; branchId: string | null },
  lines: readonly JournalLine[],
  sign: 1 | -1,
  into?: Map<string, Movement>,
): void {
  const upsert = db.$client.prepare(MOVEMENT_UPSERT);
  const branchId = entry.branchId ?? '';
  for (const l of lines) {
    if (!into) {
      upsert.run(entry.postingDate, l.accountCode, branchId, sign * l.debitFen, sign * l.creditFen, sign);
      continue;
    }
    const key = `${entry.postingDate}|${l.accountCode}|${branchId}`;
    const m = into.get(key) ?? {
      postingDate: entry.postingDate,
      accountCode: l.accountCode,
      branchId,
      d: 0,
      k: 0,
      lines: 0,
    };
    m.d += sign * l.debitFen;
    m.k += sign * l.creditFen;
    m.lines += sign;
    into.set(key, m);
  }
}

/** Replaces a journal block's lines in the daily account movements: the lines the
 *  block held are taken out, the new ones put in (the journal projector calls it). */
export function recordJournalDelta(
  db: LocalDb,
  entry: {
    postingDate: BusinessDate;
    branchId: string | null;
    removed: readonly JournalLine[];
    added: readonly JournalLine[];
  },
): void {
  const into = held.get(db);
  addMovements(db, entry, entry.removed, -1, into);
  addMovements(db, entry, entry.added, 1, into);
}

/** Runs `work` (inside the caller's transaction) holding the daily account
 *  movements of its journal blocks back and writing them once, summed, at its end:
 *  the end of day posts thousands of blocks onto a few rows. Nothing in `work` may
 *  read the movements. */
export function batchJournalDeltas<T>(db: LocalDb, work: () => T): T {
  if (held.has(db)) return work();
  const into = new Map<string, Movement>();
  held.set(db, into);
  let result: T;
  try {
    result = work();
  } finally {
    held.delete(db);
  }
  const upsert = db.$client.prepare(MOVEMENT_UPSERT);
  // Every row a block touched is written, even to a net zero, as without the batch.
  for (const m of into.values()) upsert.run(m.postingDate, m.accountCode, m.branchId, m.d, m.k, m.lines);
  return result;
}

/** Forgets every summary (after the projections were rebuilt): the next read builds them again. */
export function resetSummaries(db: LocalDb): void {
  for (const table of [
    'summary_account_daily',
    'summary_portfolio_daily',
    'summary_flows_daily',
    'summary_loan_month',
    'summary_meta',
  ])
    db.$client.prepare(`DELETE FROM ${table}`).run();
}

/** Adds one appended entry's lines to the daily account movements. */
export function recordJournalLines(db: LocalDb, entry: PostedLines): void {
  addMovements(db, entry, entry.lines, 1, held.get(db));
}

// ---------------------------------------------------------------------------
// The loan book and the money movements of a day

const PORTFOLIO_COLUMNS = `as_of, branch_id, product_id, method, officer_id, classification, bucket, source, loans,
  outstanding_principal_fen, overdue_principal_fen, receivable_fen, provision_fen, rate_weighted`;

/** The active loans (`where` narrowing them), grouped by every dimension. */
const portfolioSql = (where: string) => `SELECT coalesce(branch_id, '') AS branchId, product_id AS productId, method,
    coalesce(officer_id, '') AS officerId, classification, bucket, count(*) AS loans,
    sum(outstanding_principal_fen) AS outstandingPrincipalFen, sum(overdue_principal_fen) AS overduePrincipalFen,
    sum(accrued_interest_fen + penalty_fen) AS receivableFen, sum(provision_fen) AS provisionFen,
    sum(outstanding_principal_fen * CAST(annualized_rate AS REAL)) AS rateWeighted
  FROM loans WHERE status = 'active'${where}
  GROUP BY branch_id, product_id, method, officer_id, classification, bucket`;

/** The loan book now, from the loans table, grouped by every dimension. */
export const LIVE_PORTFOLIO_SQL = portfolioSql('');
/** One branch's (@branch), read through the loans' status and branch index. */
const BRANCH_PORTFOLIO_SQL = portfolioSql(' AND branch_id IS @branch');

/** A month's loan state rows of one branch's loans as of @date: the active ones and
 *  those closed or written off in the month, each written only where it changed
 *  (a row's as_of is the day it last did). Both are read through the status and
 *  branch index, not by a scan of the loan book. */
const LOAN_MONTH_SQL = (statuses: string, also: string) =>
  `INSERT INTO summary_loan_month (month, loan_id, as_of, status, bucket, outstanding_principal_fen)
   SELECT @month, id, @date, status, bucket, CASE WHEN status = 'active' THEN outstanding_principal_fen ELSE 0 END
   FROM loans WHERE status IN (${statuses}) AND branch_id IS @branch AND disbursed_on <= @date${also}
   ON CONFLICT (month, loan_id) DO UPDATE SET as_of = excluded.as_of, status = excluded.status,
     bucket = excluded.bucket, outstanding_principal_fen = excluded.outstanding_principal_fen
   WHERE summary_loan_month.status IS NOT excluded.status OR summary_loan_month.bucket IS NOT excluded.bucket
     OR summary_loan_month.outstanding_principal_fen IS NOT excluded.outstanding_principal_fen`;
const ACTIVE_LOAN_MONTH_SQL = LOAN_MONTH_SQL("'active'", '');
const ENDED_LOAN_MONTH_SQL = LOAN_MONTH_SQL(
  "'approved', 'closed', 'written_off', 'cancelled'",
  ' AND (closed_on >= @start OR written_off_on >= @start)',
);

/** What a branch's day close reads of the loan book (eod-parallel.test.ts holds
 *  each to the index). */
export const BRANCH_SNAPSHOT_SQL = [BRANCH_PORTFOLIO_SQL, ACTIVE_LOAN_MONTH_SQL, ENDED_LOAN_MONTH_SQL] as const;

/** Money movements booked in [from, to] (the ledgers' rows) grouped by dimension;
 *  write-offs are dated by the write-off and count the principal written off. */
export const FLOWS_SQL = `SELECT t.booked_on AS bookedOn, t.kind AS kind, coalesce(l.branch_id, '') AS branchId,
    l.product_id AS productId, coalesce(l.officer_id, '') AS officerId, coalesce(t.channel, '') AS channel,
    count(*) AS count, sum(t.amount_fen) AS amountFen,
    sum(t.amount_fen * CAST(l.annualized_rate AS REAL)) AS rateWeighted
  FROM loan_transactions t JOIN loans l ON l.id = t.loan_id
  WHERE t.booked_on BETWEEN @from AND @to
  GROUP BY t.booked_on, t.kind, l.branch_id, l.product_id, l.officer_id, t.channel
  UNION ALL
  SELECT written_off_on, 'writeOff', coalesce(branch_id, ''), product_id, coalesce(officer_id, ''), '',
    count(*), sum(outstanding_principal_fen), sum(outstanding_principal_fen * CAST(annualized_rate AS REAL))
  FROM loans WHERE status = 'written_off' AND written_off_on BETWEEN @from AND @to
  GROUP BY written_off_on, branch_id, product_id, officer_id`;

export interface FlowRow {
  bookedOn: string;
  kind: 'disbursement' | 'repayment' | 'reversal' | 'recovery' | 'writeOff';
  branchId: string;
  productId: string;
  officerId: string;
  channel: string;
  count: number;
  amountFen: number;
  rateWeighted: number;
}

function writeFlows(db: LocalDb, from: BusinessDate, to: BusinessDate): void {
  db.$client.prepare('DELETE FROM summary_flows_daily WHERE booked_on BETWEEN ? AND ?').run(from, to);
  db.$client
    .prepare(
      `INSERT INTO summary_flows_daily (booked_on, kind, branch_id, product_id, officer_id, channel, count, amount_fen, rate_weighted) ${FLOWS_SQL}`,
    )
    .run({ from, to });
}

function monthOf(date: BusinessDate): string {
  return date.slice(0, 7);
}

function monthStart(date: BusinessDate): BusinessDate {
  return `${monthOf(date)}-01`;
}

/** Writes a branch's loan book of `date` (its end of day just done: every active loan
 *  of it is as of `date`) and each of its loans' month state, and the day's money
 *  movements. Each branch's day closes its own rows: the loans of a branch whose
 *  day is still open are not taken half refreshed. */
export function snapshotPortfolio(db: LocalDb, date: BusinessDate, branchId: string | null): void {
  const c = db.$client;
  c.prepare('DELETE FROM summary_portfolio_daily WHERE as_of = ? AND branch_id = ?').run(date, branchId ?? '');
  c.prepare(
    `INSERT INTO summary_portfolio_daily (${PORTFOLIO_COLUMNS})
     SELECT @date, branchId, productId, method, officerId, classification, bucket, 'eod', loans,
       outstandingPrincipalFen, overduePrincipalFen, receivableFen, provisionFen, rateWeighted
     FROM (${BRANCH_PORTFOLIO_SQL})`,
  ).run({ date, branch: branchId });
  // Each loan's state in the month; the month's own date is kept beside (loanMonthAsOf).
  const month = { month: monthOf(date), date, start: monthStart(date), branch: branchId };
  c.prepare(ACTIVE_LOAN_MONTH_SQL).run(month);
  c.prepare(ENDED_LOAN_MONTH_SQL).run(month);
  const key = loanMonthKey(monthOf(date));
  const known = readMeta(db, key);
  if (!known || known < date) writeMeta(db, key, date);
  // Days between the last summarized day and this one (no end of day ran on them).
  const through = readMeta(db, 'flowsThrough');
  writeFlows(db, through && through < date ? addDays(through, 1) : date, date);
  if (!through || through < date) writeMeta(db, 'flowsThrough', date);
}

// ---------------------------------------------------------------------------
// Bookkeeping

function loanMonthKey(month: string): string {
  return `loanMonth:${month}`;
}

/** The last day a month's loan states (summary_loan_month) were taken on: the later
 *  of the end of day's snapshots (summary_meta) and the history's rows. */
export function loanMonthAsOf(db: LocalDb, month: string, rowsAsOf: BusinessDate): BusinessDate {
  const snapshot = readMeta(db, loanMonthKey(month));
  return snapshot && snapshot > rowsAsOf ? snapshot : rowsAsOf;
}

export function readMeta(db: LocalDb, key: string): string | null {
  const row = db.$client.prepare('SELECT value FROM summary_meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value ?? null;
}

function writeMeta(db: LocalDb, key: string, value: string): void {
  db.$client.prepare('INSERT OR REPLACE INTO summary_meta (key, value) VALUES (?, ?)').run(key, value);
}

/** True when the daily account movements are built for this summary version
 *  (ensureSummaries builds them once; every posting keeps them since). */
export function accountSummaryReady(db: LocalDb): boolean {
  return readMeta(db, 'version') === String(SUMMARY_VERSION);
}

/** The date through which the money movements are summarized (later days are read live). */
export function flowsThrough(db: LocalDb): BusinessDate | null {
  return readMeta(db, 'flowsThrough');
}

/** The first posting date of the journal: before it the books did not exist
 *  (a migrated company's history lives only in its loans' transactions). */
export function booksOpenedOn(db: LocalDb): BusinessDate | null {
  const row = db.$client.prepare('SELECT min(posting_date) AS d FROM summary_account_daily').get() as {
    d: string | null;
  };
  return row.d;
}

// ---------------------------------------------------------------------------
// Backfill

/** The dates the history is replayed on, ascending, in [first, last]. */
export function historyDates(first: BusinessDate, last: BusinessDate): BusinessDate[] {
  if (first > last) return [];
  const dates = new Set<BusinessDate>();
  // Month ends.
  let { year, month } = dateParts(first);
  for (;;) {
    const end = formatDate({ year, month, day: daysInMonth(year, month) });
    if (end > last) break;
    dates.add(end);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  // Sundays of the last weeks (1970-01-04 was a Sunday).
  const lastDay = toDayNumber(last);
  const lastSunday = lastDay - ((((lastDay - toDayNumber('1970-01-04')) % 7) + 7) % 7);
  for (let w = 0; w < HISTORY_WEEKS; w++) dates.add(addDays(last, lastSunday - lastDay - 7 * w));
  for (let d = 0; d < HISTORY_DAYS; d++) dates.add(addDays(last, -d));
  dates.add(last);
  return [...dates].filter((d) => d >= first && d <= last).sort();
}

interface Bucketed {
  branchId: string;
  productId: string;
  method: string;
  officerId: string;
  classification: string;
  bucket: string;
  loans: number;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  receivableFen: number;
  provisionFen: number;
  rateWeighted: number;
}

/** Per loan, each account's balance by posting date (1303 principal, 1303.02
 *  overdue, 1132 receivable, 1304 provision), for history dates inside the books. */
function journalBalancesByLoan(db: LocalDb): Map<string, Array<{ date: string; code: string; netFen: number }>> {
  const rows = db.$client
    .prepare(
      `SELECT loan_id AS loanId, posting_date AS date,
         CASE WHEN account_code = '1303.02' THEN '1303.02' ELSE substr(account_code, 1, 4) END AS code,
         sum(debit_fen) - sum(credit_fen) AS netFen
       FROM journal_lines
       WHERE loan_id IS NOT NULL AND (account_code LIKE '1303%' OR account_code LIKE '1132%' OR account_code LIKE '1304%')
       GROUP BY loan_id, posting_date, code ORDER BY loan_id, posting_date`,
    )
    .all() as Array<{ loanId: string; date: string; code: string; netFen: number }>;
  const byLoan = new Map<string, Array<{ date: string; code: string; netFen: number }>>();
  for (const r of rows) {
    const list = byLoan.get(r.loanId) ?? [];
    list.push(r);
    byLoan.set(r.loanId, list);
  }
  return byLoan;
}

function balanceThrough(rows: Array<{ date: string; code: string; netFen: number }> | undefined, date: string) {
  const out = { principal: 0, overdue: 0, receivable: 0, provision: 0 };
  for (const r of rows ?? []) {
    if (r.date > date) break;
    if (r.code === '1303' || r.code === '1303.02') out.principal += r.netFen;
    if (r.code === '1303.02') out.overdue += r.netFen;
    if (r.code === '1132') out.receivable += r.netFen;
    if (r.code === '1304') out.provision -= r.netFen;
  }
  return out;
}

export interface BackfillReport {
  accountRows: number;
  flowsThrough: BusinessDate;
  historyDates: number;
  replays: number;
  elapsedMs: number;
}

/** Rebuilds the daily account movements from the journal (one pass). */
export function rebuildAccountSummary(db: LocalDb): number {
  const c = db.$client;
  c.prepare('DELETE FROM summary_account_daily').run();
  return c
    .prepare(
      `INSERT INTO summary_account_daily (posting_date, account_code, branch_id, debit_fen, credit_fen, lines)
       SELECT posting_date, account_code, coalesce(branch_id, ''), sum(debit_fen), sum(credit_fen), count(*)
       FROM journal_lines GROUP BY posting_date, account_code, coalesce(branch_id, '')`,
    )
    .run().changes;
}

/** Builds the daily account movements from the journal now, without the history
 *  snapshots (ensureSummaries adds those when a dashboard first needs them). */
export function buildAccountSummary(db: LocalDb): number {
  if (accountSummaryReady(db)) return 0;
  return db.transaction(() => {
    const rows = rebuildAccountSummary(db);
    writeMeta(db, 'version', String(SUMMARY_VERSION));
    return rows;
  });
}

/** Replays every loan on the history dates before `businessDate` that have no
 *  end-of-day snapshot, and writes them as 'history' snapshots (one transaction
 *  at the end; the replay yields between batches of loans). Inside the books the
 *  money figures are the loan's own journal balances, so they agree with the
 *  control accounts; before the books opened they come from the replay. */
async function backfillHistory(
  db: LocalDb,
  businessDate: BusinessDate,
  yieldBetweenBatches: () => Promise<void>,
): Promise<{ dates: number; replays: number }> {
  const c = db.$client;
  const first = (c.prepare('SELECT min(disbursed_on) AS d FROM loans').get() as { d: string | null }).d;
  if (!first) return { dates: 0, replays: 0 };
  const eodDates = new Set(
    (
      c.prepare("SELECT DISTINCT as_of AS d FROM summary_portfolio_daily WHERE source = 'eod'").all() as Array<{
        d: string;
      }>
    ).map((r) => r.d),
  );
  const dates = historyDates(first, addDays(businessDate, -1)).filter((d) => !eodDates.has(d));
  if (dates.length === 0) return { dates: 0, replays: 0 };
  const booksFrom = booksOpenedOn(db);
  const balances = booksFrom ? journalBalancesByLoan(db) : new Map();
  const loanRows = c.prepare('SELECT id FROM loans WHERE disbursed_on IS NOT NULL ORDER BY id').all() as Array<{
    id: string;
  }>;
  const loanStmt = c.prepare(
    'SELECT l.*, k.contract_json FROM loans l JOIN loan_contracts k ON k.loan_id = l.id WHERE l.id = ?',
  );
  const txStmt = c.prepare('SELECT * FROM loan_transactions WHERE loan_id = ? ORDER BY created_at, id');
  const book = new Map<string, Map<string, Bucketed>>(dates.map((d) => [d, new Map()]));
  const months = new Map<
    string,
    { month: string; loanId: string; asOf: string; status: string; bucket: string; outstandingPrincipalFen: number }
  >();
  let replays = 0;
  for (let i = 0; i < loanRows.length; i += HISTORY_BATCH_LOANS) {
    for (const { id } of loanRows.slice(i, i + HISTORY_BATCH_LOANS)) {
      const raw = loanStmt.get(id) as Record<string, unknown>;
      const loan = camel(raw) as LoanRow;
      const txs = (txStmt.all(id) as Array<Record<string, unknown>>).map((t) => camel(t) as LoanTxRow);
      const contract = contractOf(loan);
      const servicing = servicingTransactions(txs);
      const rate = Number(loan.annualizedRate);
      for (const date of dates) {
        if (date < loan.disbursedOn!) continue;
        const monthKey = `${monthOf(date)}|${id}`;
        if (loan.writtenOffOn && loan.writtenOffOn <= date) {
          months.set(monthKey, {
            month: monthOf(date),
            loanId: id,
            asOf: date,
            status: 'written_off',
            bucket: 'M4+',
            outstandingPrincipalFen: 0,
          });
          break;
        }
        const position = loanPosition(contract, servicing, date);
        replays++;
        if (position.closed) {
          months.set(monthKey, {
            month: monthOf(date),
            loanId: id,
            asOf: date,
            status: 'closed',
            bucket: 'M0',
            outstandingPrincipalFen: 0,
          });
          break;
        }
        const { classification } = classify(position.dpd);
        let figures = {
          principal: position.outstandingPrincipalFen,
          overdue: position.overduePrincipalFen,
          receivable: position.accruedInterestFen + position.penaltyFen,
          provision: requiredProvision([{ outstandingPrincipalFen: position.outstandingPrincipalFen, classification }])
            .totalFen,
        };
        if (booksFrom && date >= booksFrom) figures = balanceThrough(balances.get(id), date);
        const key = [
          loan.branchId ?? '',
          loan.productId,
          loan.method,
          loan.officerId ?? '',
          classification,
          position.bucket,
        ].join('|');
        const day = book.get(date)!;
        const cell =
          day.get(key) ??
          ({
            branchId: loan.branchId ?? '',
            productId: loan.productId,
            method: loan.method,
            officerId: loan.officerId ?? '',
            classification,
            bucket: position.bucket,
            loans: 0,
            outstandingPrincipalFen: 0,
            overduePrincipalFen: 0,
            receivableFen: 0,
            provisionFen: 0,
            rateWeighted: 0,
          } satisfies Bucketed);
        cell.loans++;
        cell.outstandingPrincipalFen += figures.principal;
        cell.overduePrincipalFen += figures.overdue;
        cell.receivableFen += figures.receivable;
        cell.provisionFen += figures.provision;
        cell.rateWeighted += figures.principal * rate;
        day.set(key, cell);
        months.set(monthKey, {
          month: monthOf(date),
          loanId: id,
          asOf: date,
          status: 'active',
          bucket: position.bucket,
          outstandingPrincipalFen: figures.principal,
        });
      }
    }
    await yieldBetweenBatches();
  }
  db.transaction(() => {
    const del = c.prepare("DELETE FROM summary_portfolio_daily WHERE as_of = ? AND source = 'history'");
    const ins = c.prepare(
      `INSERT INTO summary_portfolio_daily (${PORTFOLIO_COLUMNS}) VALUES (@asOf, @branchId, @productId, @method, @officerId,
        @classification, @bucket, 'history', @loans, @outstandingPrincipalFen, @overduePrincipalFen, @receivableFen,
        @provisionFen, @rateWeighted)`,
    );
    for (const [asOf, cells] of book) {
      del.run(asOf);
      for (const cell of cells.values()) ins.run({ asOf, ...cell });
    }
    const month = c.prepare(
      `INSERT INTO summary_loan_month (month, loan_id, as_of, status, bucket, outstanding_principal_fen)
       VALUES (@month, @loanId, @asOf, @status, @bucket, @outstandingPrincipalFen)
       ON CONFLICT (month, loan_id) DO UPDATE SET as_of = excluded.as_of, status = excluded.status,
         bucket = excluded.bucket, outstanding_principal_fen = excluded.outstanding_principal_fen
       WHERE excluded.as_of > summary_loan_month.as_of`,
    );
    for (const row of months.values()) month.run(row);
  });
  return { dates: dates.length, replays };
}

/** snake_case row to the drizzle camelCase shape. */
function camel(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase())] = v;
  return out;
}

/** Builds what is missing: the account movements (once per summary version),
 *  the money movements of every day before the business date, and the history
 *  snapshots. Cheap when everything is built; concurrent callers share one run. */
export async function ensureSummaries(
  db: LocalDb,
  businessDate: BusinessDate,
  options: { yieldBetweenBatches?: () => Promise<void> } = {},
): Promise<BackfillReport | null> {
  const running = inFlight.get(db);
  if (running) return running;
  const version = readMeta(db, 'version');
  const through = flowsThrough(db);
  const yesterday = addDays(businessDate, -1);
  if (version === String(SUMMARY_VERSION) && readMeta(db, 'history') && through && through >= yesterday) return null;
  const run = (async (): Promise<BackfillReport> => {
    const started = performance.now();
    let accountRows = 0;
    const fresh = version !== String(SUMMARY_VERSION);
    db.transaction(() => {
      if (fresh) {
        accountRows = rebuildAccountSummary(db);
        db.$client.prepare('DELETE FROM summary_flows_daily').run();
        db.$client.prepare("DELETE FROM summary_portfolio_daily WHERE source = 'history'").run();
        db.$client.prepare('DELETE FROM summary_meta').run();
      }
      const from = fresh || !through ? '0000-01-01' : addDays(through, 1);
      if (from <= yesterday) {
        writeFlows(db, from, yesterday);
        writeMeta(db, 'flowsThrough', yesterday);
      }
    });
    let history = { dates: 0, replays: 0 };
    if (fresh || !readMeta(db, 'history')) {
      history = await backfillHistory(db, businessDate, options.yieldBetweenBatches ?? (() => Promise.resolve()));
      db.transaction(() => {
        writeMeta(db, 'history', JSON.stringify({ through: yesterday, dates: history.dates }));
        writeMeta(db, 'version', String(SUMMARY_VERSION));
      });
    }
    return {
      accountRows,
      flowsThrough: flowsThrough(db) ?? yesterday,
      historyDates: history.dates,
      replays: history.replays,
      elapsedMs: Math.round(performance.now() - started),
    };
  })();
  inFlight.set(db, run);
  try {
    return await run;
  } finally {
    inFlight.delete(db);
  }
}

const inFlight = new WeakMap<LocalDb, Promise<BackfillReport>>();
