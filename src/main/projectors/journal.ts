/** The journal rule. The general ledger is a projection of the event log: for a
 *  loan on business date p, the block of entries dated p is what the loan's
 *  postings should hold as of p (by category, from the core posting rules) minus
 *  what was posted before p. A block is recomputed whole whenever something of the
 *  loan happens on p, so the lines of a day do not depend on the order of that
 *  day's events, and an entry's identity is its content: (loan, category, p).
 *
 *  The accruals and their VAT (DAILY_CATEGORIES) move every day for every accruing
 *  loan, so they post per branch and day instead: the entry (branch, category, p)
 *  holds the sum over the branch's loans of what each should hold as of p minus
 *  what was posted for it before, and each loan keeps what those entries hold for
 *  it on its row (loans.accrual_posted_json). A sum does not depend on the order
 *  of its terms either, so a day's entries are still the same whichever order the
 *  day's events and refreshes came in. */
import { createHash } from 'node:crypto';
import { DomainError } from '../../core/errors';
import { assertBalanced, type JournalLine } from '../../core/posting/rules';
import type { LocalDb } from '../db/connection';
import { batchJournalDeltas, recordJournalDelta } from '../features/monitoring/summaries';

/** Postings by category (disbursement, interestAccrual, repayment:<id> ...). */
export type Postings = Map<string, JournalLine[]>;

export interface BlockScope {
  loanId: string;
  branchId: string | null;
  postedThrough: string | null;
}

type Net = Map<string, Map<string, number>>;

function addNet(net: Net, category: string, account: string, fen: number): void {
  if (fen === 0) return;
  const byAccount = net.get(category) ?? new Map<string, number>();
  byAccount.set(account, (byAccount.get(account) ?? 0) + fen);
  net.set(category, byAccount);
}

export function entryId(loanId: string, date: string, category: string): string {
  return `${loanId}/${date}/${category}`;
}

/** The categories that post per branch and day, not per loan. */
export const DAILY_CATEGORIES: ReadonlySet<string> = new Set(['interestAccrual', 'penaltyAccrual', 'vat']);

/** What a loan's daily categories hold: {category: {account: net fen}}, no zeros. */
export type DailyNets = Record<string, Record<string, number>>;

export function dailyEntryId(branchId: string | null, date: string, category: string): string {
  return `day/${branchId ?? '-'}/${date}/${category}`;
}

/** The daily categories of `desired`, netted per account. */
export function dailyNetsOf(desired: Postings): DailyNets {
  // The keys' order is part of the JSON a loan's row keeps (accrual_posted_json).
  const out: DailyNets = {};
  for (const [category, lines] of desired) {
    if (!DAILY_CATEGORIES.has(category)) continue;
    let byAccount: Record<string, number> | undefined;
    let accounts = 0;
    for (const l of lines) {
      const n = l.debitFen - l.creditFen;
      if (n === 0) continue;
      byAccount ??= out[category] = {};
      const held = byAccount[l.accountCode];
      const sum = (held ?? 0) + n;
      if (sum === 0) {
        delete byAccount[l.accountCode];
        accounts--;
      } else {
        if (held === undefined) accounts++;
        byAccount[l.accountCode] = sum;
      }
    }
    if (byAccount && accounts === 0) delete out[category];
  }
  return out;
}

/** A digest of the loan's own postings as loan_posted holds them after a block
 *  posts `desired` (its categories other than the daily ones, netted per account). */
export function ownPostingsDigest(desired: Postings): string {
  const parts: string[] = [];
  for (const category of [...desired.keys()].sort()) {
    if (DAILY_CATEGORIES.has(category)) continue;
    const net = new Map<string, number>();
    for (const l of desired.get(category) ?? [])
      net.set(l.accountCode, (net.get(l.accountCode) ?? 0) + l.debitFen - l.creditFen);
    for (const a of [...net.keys()].sort()) if (net.get(a) !== 0) parts.push(`${category}|${a}|${net.get(a)}`);
  }
  return digest(parts.join('\n'));
}

export function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** `want` minus `before`, without zeros (empty: nothing to post). */
export function dailyDelta(want: DailyNets, before: DailyNets): DailyNets {
  // Every account of either side once, without deleting keys (the end of day calls
  // this for each loan; what it answers is only summed into the day's entries).
  const out: DailyNets = {};
  for (const category in want) {
    const w = want[category]!;
    const b = before[category];
    for (const a in w) {
      const n = w[a]! - (b?.[a] ?? 0);
      if (n !== 0) (out[category] ??= {})[a] = n;
    }
  }
  for (const category in before) {
    const w = want[category];
    const b = before[category]!;
    for (const a in b) if (w?.[a] === undefined && b[a] !== 0) (out[category] ??= {})[a] = -b[a]!;
  }
  return out;
}

interface DailyChange {
  branchId: string | null;
  date: string;
  category: string;
  account: string;
  n: number;
}

/** Daily postings held back while a batch runs (batchPostings), by database, keyed
 *  "branch|date|category|account". */
const heldDaily = new WeakMap<LocalDb, Map<string, DailyChange>>();

/** Adds a loan's change of its daily categories on `date` to its branch's entries
 *  of that day (at once, or at the end of the running batch). */
export function postDaily(db: LocalDb, branchId: string | null, date: string, delta: DailyNets): void {
  const categories = Object.entries(delta);
  if (categories.length === 0) return;
  const into = heldDaily.get(db) ?? new Map<string, DailyChange>();
  for (const [category, byAccount] of categories)
    for (const [account, n] of Object.entries(byAccount)) {
      const key = `${branchId ?? ''}|${date}|${category}|${account}`;
      const held = into.get(key);
      if (held) held.n += n;
      else into.set(key, { branchId, date, category, account, n });
    }
  if (!heldDaily.has(db)) writeDaily(db, into);
}

/** Runs `work` (inside the caller's transaction) holding the daily entries' changes
 *  back and writing them once, summed, at its end, with the daily account
 *  movements likewise (the end of day posts thousands of loans onto a few rows).
 *  Nothing in `work` may read the daily entries or the movements. */
export function batchPostings<T>(db: LocalDb, work: () => T): T {
  if (heldDaily.has(db)) return work();
  return batchJournalDeltas(db, () => {
    const into = new Map<string, DailyChange>();
    heldDaily.set(db, into);
    let result: T;
    try {
      result = work();
    } finally {
      heldDaily.delete(db);
    }
    writeDaily(db, into);
    return result;
  });
}

function writeDaily(db: LocalDb, changes: ReadonlyMap<string, DailyChange>): void {
  const c = db.$client;
  const byEntry = new Map<
    string,
    { branchId: string | null; date: string; category: string; nets: Map<string, number> }
  >();
  for (const { branchId, date, category, account, n } of changes.values()) {
    if (n === 0) continue;
    const id = dailyEntryId(branchId, date, category);
    const e = byEntry.get(id) ?? { branchId, date, category, nets: new Map<string, number>() };
    e.nets.set(account, n);
    byEntry.set(id, e);
  }
  if (byEntry.size === 0) return;
  // Nothing posts on or before the last closed period's end (checked once per batch).
  const closed = closedThrough(db);
  const earliest = [...byEntry.values()].reduce((d, e) => (e.date < d ? e.date : d), '9999-12-31');
  if (closed && earliest <= closed)
    throw new DomainError('PERIOD_CLOSED', { closedThrough: closed, postingDate: earliest });
  const linesOf = c.prepare(
    'SELECT account_code AS a, debit_fen AS d, credit_fen AS k FROM journal_lines WHERE entry_id = ?',
  );
  const putLine = c.prepare(
    `INSERT INTO journal_lines (entry_id, account_code, debit_fen, credit_fen, posting_date, loan_id, branch_id, category) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)
     ON CONFLICT (entry_id, account_code) DO UPDATE SET debit_fen = excluded.debit_fen, credit_fen = excluded.credit_fen`,
  );
  const dropLine = c.prepare('DELETE FROM journal_lines WHERE entry_id = ? AND account_code = ?');
  const putEntry = c.prepare(
    'INSERT INTO journal_entries (id, posting_date, value_date, loan_id, branch_id, category, kind, ref, adjustment) VALUES (?, ?, ?, NULL, ?, ?, ?, NULL, 0) ON CONFLICT (id) DO NOTHING',
  );
  const dropEntry = c.prepare('DELETE FROM journal_entries WHERE id = ?');
  for (const [id, e] of [...byEntry].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const old = linesOf.all(id) as Array<{ a: string; d: number; k: number }>;
    const removed: JournalLine[] = [];
    const added: JournalLine[] = [];
    let left = 0;
    const net = new Map(old.map((l) => [l.a, l.d - l.k]));
    for (const [a, n] of e.nets) net.set(a, (net.get(a) ?? 0) + n);
    putEntry.run(id, e.date, e.date, e.branchId, e.category, e.category);
    for (const [a, n] of net) {
      const before = old.find((l) => l.a === a);
      if (before && before.d - before.k === n) {
        left += 1;
        continue;
      }
      if (before) removed.push({ accountCode: a, debitFen: before.d, creditFen: before.k });
      if (n === 0) {
        dropLine.run(id, a);
        continue;
      }
      const line =
        n > 0 ? { accountCode: a, debitFen: n, creditFen: 0 } : { accountCode: a, debitFen: 0, creditFen: -n };
      putLine.run(id, a, line.debitFen, line.creditFen, e.date, e.branchId, e.category);
      added.push(line);
      left += 1;
    }
    if (left === 0) dropEntry.run(id);
    recordJournalDelta(db, { postingDate: e.date, branchId: e.branchId, removed, added });
  }
}

/** Nothing may post on or before the last closed period's end. */
export function closedThrough(db: LocalDb): string | null {
  const row = db.$client.prepare('SELECT max(through) AS t FROM period_closes').get() as { t: string | null };
  return row.t;
}

/** Replaces the loan's block on p = max(date, postedThrough) so that its postings
 *  equal `desired`; returns p. `valueDates` gives a category's value date (a
 *  repayment's), else p. */
export function postLoanBlock(
  db: LocalDb,
  scope: BlockScope,
  date: string,
  desired: Postings,
  valueDates: ReadonlyMap<string, string>,
): string {
  const p = scope.postedThrough && scope.postedThrough > date ? scope.postedThrough : date;
  const c = db.$client;
  const prior: Net = new Map();
  const stored = new Map<string, number>();
  for (const r of c
    .prepare('SELECT category, account_code AS a, net_fen AS n FROM loan_posted WHERE loan_id = ?')
    .all(scope.loanId) as Array<{ category: string; a: string; n: number }>) {
    addNet(prior, r.category, r.a, r.n);
    stored.set(`${r.category}\u0000${r.a}`, r.n);
  }
  const block = c
    .prepare(
      'SELECT category, account_code AS a, debit_fen AS d, credit_fen AS k, debit_fen - credit_fen AS n FROM journal_lines WHERE loan_id = ? AND posting_date = ?',
    )
    .all(scope.loanId, p) as Array<{ category: string; a: string; d: number; k: number; n: number }>;
  for (const r of block) addNet(prior, r.category, r.a, -r.n);

  const want: Net = new Map();
  for (const [category, lines] of desired) {
    if (DAILY_CATEGORIES.has(category)) continue;
    for (const l of lines) addNet(want, category, l.accountCode, l.debitFen - l.creditFen);
  }
  const delta: Net = new Map();
  for (const [category, byAccount] of want) for (const [a, n] of byAccount) addNet(delta, category, a, n);
  for (const [category, byAccount] of prior) for (const [a, n] of byAccount) addNet(delta, category, a, -n);

  const changed = block.length > 0 || [...delta.values()].some((m) => [...m.values()].some((n) => n !== 0));
  if (!changed) return p;
  const closed = closedThrough(db);
  if (closed && p <= closed) throw new DomainError('PERIOD_CLOSED', { closedThrough: closed, postingDate: p });

  if (block.length > 0) {
    c.prepare('DELETE FROM journal_lines WHERE loan_id = ? AND posting_date = ?').run(scope.loanId, p);
    c.prepare('DELETE FROM journal_entries WHERE loan_id = ? AND posting_date = ?').run(scope.loanId, p);
  }
  const insertEntry = c.prepare(
    'INSERT INTO journal_entries (id, posting_date, value_date, loan_id, branch_id, category, kind, ref, adjustment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const added: JournalLine[] = [];
  const insertLine = c.prepare(
    'INSERT INTO journal_lines (entry_id, account_code, debit_fen, credit_fen, posting_date, loan_id, branch_id, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [category, byAccount] of [...delta].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lines: JournalLine[] = [];
    for (const [accountCode, n] of [...byAccount].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (n > 0) lines.push({ accountCode, debitFen: n, creditFen: 0 });
      else if (n < 0) lines.push({ accountCode, debitFen: 0, creditFen: -n });
    }
    if (lines.length === 0) continue;
    assertBalanced(lines);
    const id = entryId(scope.loanId, p, category);
    const [kind, ref] = category.includes(':') ? category.split(':') : [category, null];
    insertEntry.run(
      id,
      p,
      valueDates.get(category) ?? p,
      scope.loanId,
      scope.branchId,
      category,
      kind,
      ref,
      [...(prior.get(category)?.values() ?? [])].some((n) => n !== 0) ? 1 : 0,
    );
    for (const l of lines) {
      insertLine.run(id, l.accountCode, l.debitFen, l.creditFen, p, scope.loanId, scope.branchId, category);
      added.push(l);
    }
  }
  // The dashboards' daily account movements follow the journal.
  recordJournalDelta(db, {
    postingDate: p,
    branchId: scope.branchId,
    removed: block.map((r) => ({ accountCode: r.a, debitFen: r.d, creditFen: r.k })),
    added,
  });
  // What the loan has posted in all, by category and account: only what changed is written.
  const upsertPosted = c.prepare(
    'INSERT INTO loan_posted (loan_id, category, account_code, net_fen) VALUES (?, ?, ?, ?) ON CONFLICT (loan_id, category, account_code) DO UPDATE SET net_fen = excluded.net_fen',
  );
  for (const [category, byAccount] of want)
    for (const [a, n] of byAccount) {
      const key = `${category}\u0000${a}`;
      const before = stored.get(key);
      stored.delete(key);
      if (n !== 0 && n !== before) upsertPosted.run(scope.loanId, category, a, n);
      else if (n === 0 && before !== undefined) stored.set(key, before);
    }
  const dropPosted = c.prepare('DELETE FROM loan_posted WHERE loan_id = ? AND category = ? AND account_code = ?');
  for (const key of stored.keys()) {
    const [category, a] = key.split('\u0000');
    dropPosted.run(scope.loanId, category, a);
  }
  return p;
}

/** An entry that belongs to no loan (a manual voucher, a closing entry). */
export interface OtherEntry {
  id: string;
  postingDate: string;
  valueDate: string;
  branchId: string | null;
  /** e.g. manual:<entry id>, closing, yearEnd, surcharges */
  category: string;
  kind: string;
  ref: string | null;
}

/** Posts one entry that belongs to no loan; the lines must balance on the company's
 *  chart. Nothing posts on or before the last closed period's end unless `closing`
 *  (the close's own entries). */
export function postOtherEntry(
  db: LocalDb,
  entry: OtherEntry,
  lines: readonly JournalLine[],
  known: (accountCode: string) => boolean,
  options: { closing?: boolean } = {},
): void {
  if (lines.length === 0) return;
  assertBalanced(lines, known);
  const closed = closedThrough(db);
  if (!options.closing && closed && entry.postingDate <= closed)
    throw new DomainError('PERIOD_CLOSED', { closedThrough: closed, postingDate: entry.postingDate });
  const c = db.$client;
  c.prepare(
    'INSERT INTO journal_entries (id, posting_date, value_date, loan_id, branch_id, category, kind, ref, adjustment) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, 0)',
  ).run(entry.id, entry.postingDate, entry.valueDate, entry.branchId, entry.category, entry.kind, entry.ref);
  const insertLine = c.prepare(
    'INSERT INTO journal_lines (entry_id, account_code, debit_fen, credit_fen, posting_date, loan_id, branch_id, category) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)',
  );
  // One line per account, netted (an entry's identity is its content).
  const net = new Map<string, number>();
  for (const l of lines) net.set(l.accountCode, (net.get(l.accountCode) ?? 0) + l.debitFen - l.creditFen);
  const added: JournalLine[] = [];
  for (const [accountCode, n] of [...net].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (n === 0) continue;
    const line = n > 0 ? { accountCode, debitFen: n, creditFen: 0 } : { accountCode, debitFen: 0, creditFen: -n };
    insertLine.run(
      entry.id,
      accountCode,
      line.debitFen,
      line.creditFen,
      entry.postingDate,
      entry.branchId,
      entry.category,
    );
    added.push(line);
  }
  recordJournalDelta(db, { postingDate: entry.postingDate, branchId: entry.branchId, removed: [], added });
}

/** Removes entries that belong to no loan (a reopened period's closing entries). */
export function removeOtherEntries(db: LocalDb, entryIds: readonly string[]): void {
  const c = db.$client;
  for (const id of entryIds) {
    const entry = c.prepare('SELECT posting_date AS p, branch_id AS b FROM journal_entries WHERE id = ?').get(id) as
      { p: string; b: string | null } | undefined;
    if (!entry) continue;
    const removed = c
      .prepare(
        'SELECT account_code AS accountCode, debit_fen AS debitFen, credit_fen AS creditFen FROM journal_lines WHERE entry_id = ?',
      )
      .all(id) as JournalLine[];
    c.prepare('DELETE FROM journal_lines WHERE entry_id = ?').run(id);
    c.prepare('DELETE FROM journal_entries WHERE id = ?').run(id);
    recordJournalDelta(db, { postingDate: entry.p, branchId: entry.b, removed, added: [] });
  }
}
