/** The ledgers (台账) users read: one query each, with filters and totals, shared
 *  by the window, the exports and the CLI. */
import { and, asc, desc, eq, gte, gt, inArray, isNotNull, lte, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  customers,
  journalEntries,
  journalLines,
  loanBookByDisbursement,
  loanBookTotals,
  loans,
  loanTransactions,
  products,
  users,
} from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { defaultChart, depthOf, hasChildren, rollUp, withDescendants } from '../../../core/accounting/chart';
import { readChart } from '../books/chart';
import { containsPattern } from '../../db/like';
import { accountSummaryReady } from '../monitoring/summaries';
import { maskAccount, maskResidentId } from '../../../core/validation/identity';

export interface LoanLedgerFilter {
  status?: string[];
  bucket?: string[];
  classification?: string[];
  branchId?: string;
  productId?: string;
  officerId?: string;
  search?: string;
  overdueOnly?: boolean;
  sort?: {
    field: 'number' | 'disbursedOn' | 'principalFen' | 'outstandingPrincipalFen' | 'dpd' | 'customerName';
    order: 'asc' | 'desc';
  };
  limit: number;
  offset: number;
}

const SORTABLE = {
  number: loans.number,
  disbursedOn: loans.disbursedOn,
  principalFen: loans.principalFen,
  // As the ledger shows it (and as its index loans_outstanding holds it).
  outstandingPrincipalFen: sql`(CASE WHEN ${loans.status} = 'written_off' THEN 0 ELSE ${loans.outstandingPrincipalFen} END)`,
  dpd: loans.dpd,
  customerName: customers.name,
} as const;

/** The filters on the columns both the loans and their maintained totals hold. */
function groupWhere(
  f: LoanLedgerFilter,
  c: Record<'status' | 'bucket' | 'classification' | 'branchId' | 'productId' | 'officerId' | 'overdue', SQL>,
): SQL[] {
  const where: SQL[] = [];
  if (f.status?.length) where.push(inArray(c.status, f.status));
  if (f.bucket?.length) where.push(inArray(c.bucket, f.bucket));
  if (f.classification?.length) where.push(inArray(c.classification, f.classification));
  if (f.branchId) where.push(eq(c.branchId, f.branchId));
  if (f.productId) where.push(eq(c.productId, f.productId));
  if (f.officerId) where.push(eq(c.officerId, f.officerId));
  if (f.overdueOnly) where.push(and(c.overdue, eq(c.status, 'active'))!);
  return where;
}

/** `+column`: the same value, which the query planner cannot look up in an index. */
const unindexed = (column: AnyColumn): SQL => sql`+${column}`;

/** The loan ledger's WHERE. A search finds its loans by their number's index and
 *  by their customers (name or number), then the other filters narrow those.
 *  `walkSort`: the filters leave most of the book, so the page is read in the sort
 *  column's index order and filtered as it goes (the filters' own indexes would
 *  gather nearly every loan just to sort them). */
function loanWhere(f: LoanLedgerFilter, walkSort = false): SQL | undefined {
  const col = walkSort ? unindexed : (c: AnyColumn) => sql`${c}`;
  const where = groupWhere(f, {
    status: col(loans.status),
    bucket: col(loans.bucket),
    classification: col(loans.classification),
    branchId: col(loans.branchId),
    productId: col(loans.productId),
    officerId: col(loans.officerId),
    // Days past due over 0, as its bucket (bucketOf), which the sort indexes hold.
    overdue: sql`${col(loans.bucket)} <> 'M0'`,
  });
  if (f.search) {
    const pattern = containsPattern(f.search);
    where.push(
      sql`${loans}.rowid in (select rowid from ${loans} where ${loans.number} like ${pattern} escape '\\'
        union all select rowid from ${loans} where ${loans.customerId} in
          (select ${customers.id} from ${customers}
            where ${customers.name} like ${pattern} escape '\\' or ${customers.number} like ${pattern} escape '\\'))`,
    );
  }
  return where.length ? and(...where) : undefined;
}

/** The loan ledger's full order for a sort field: the field, then the rest of its
 *  index's columns (schema.ts, loans_* with the ledger's filters), then the row. */
function ledgerOrder(field: keyof typeof SORTABLE): SQL[] {
  const filters: AnyColumn[] = [
    loans.status,
    loans.bucket,
    loans.classification,
    loans.branchId,
    loans.productId,
    loans.officerId,
  ];
  const tail = filters.map((c) => sql`${c}`);
  const row = sql`${loans}.rowid`;
  if (field === 'customerName') return [sql`${customers.name}`, sql`${customers}.rowid`, ...tail, row];
  return [sql`${SORTABLE[field]}`, ...tail, row];
}

/** Reading a table row costs about this many index entries (decrypting its page). */
const ROW_PER_INDEX_ENTRIES = 50;

/** Whether to read the sort column's index (which holds the filter columns) until a
 *  page of matches, rather than gather the `matching` loans by the status index and
 *  sort them: the walk reads about page end x book / matching entries, the gathering
 *  a row per match, and without a status filter no index gathers. */
function walksSortIndex(f: LoanLedgerFilter, matching: number, book: number): boolean {
  if (f.search) return false;
  if (!f.status?.length) return true;
  const entries = Math.min(book, ((f.offset + f.limit) * book) / Math.max(1, matching));
  return entries < ROW_PER_INDEX_ENTRIES * matching;
}

/** The totals row: from the loan book's maintained totals (loan_book_totals, kept
 *  by triggers on loans) unless a search names loans one by one. */
function loanLedgerTotals(db: LocalDb, f: LoanLedgerFilter) {
  if (f.search) {
    return db
      .select(loanTotalsColumns(sql`${loans.status} = 'written_off'`, sql`${loans.nonAccrualSince} is not null`, loans))
      .from(loans)
      .where(loanWhere(f))
      .get()!;
  }
  const t = loanBookTotals;
  const where = groupWhere(f, {
    status: sql`${t.status}`,
    bucket: sql`${t.bucket}`,
    classification: sql`${t.classification}`,
    branchId: sql`${t.branchId}`,
    productId: sql`${t.productId}`,
    officerId: sql`${t.officerId}`,
    overdue: eq(t.overdue, 1),
  });
  return db
    .select(
      loanTotalsColumns(
        sql`${loanBookTotals.status} = 'written_off'`,
        sql`${loanBookTotals.nonAccrual} = 1`,
        loanBookTotals,
        sql`${loanBookTotals.loans}`,
      ),
    )
    .from(loanBookTotals)
    .where(where.length ? and(...where) : undefined)
    .get()!;
}

type SummedColumns = Record<
  | 'principalFen'
  | 'outstandingPrincipalFen'
  | 'accruedInterestFen'
  | 'penaltyFen'
  | 'provisionFen'
  | 'offBalanceInterestFen'
  | 'writtenOffPrincipalFen',
  AnyColumn
>;

/** The ledger's totals over rows of loans or of their groups (`count` counts a
 *  group's loans): a written-off loan's principal and a non-accruing loan's
 *  receivable stand off the balance sheet, in their own columns. */
function loanTotalsColumns(writtenOff: SQL, nonAccrual: SQL, c: SummedColumns, count: SQL = sql`1`) {
  const onBalance = (col: AnyColumn) =>
    sql<number>`coalesce(sum(case when ${writtenOff} or ${nonAccrual} then 0 else ${col} end), 0)`;
  return {
    count: sql<number>`coalesce(sum(${count}), 0)`,
    principalFen: sql<number>`coalesce(sum(${c.principalFen}), 0)`,
    outstandingPrincipalFen: sql<number>`coalesce(sum(case when ${writtenOff} then 0 else ${c.outstandingPrincipalFen} end), 0)`,
    accruedInterestFen: onBalance(c.accruedInterestFen),
    penaltyFen: onBalance(c.penaltyFen),
    provisionFen: sql<number>`coalesce(sum(${c.provisionFen}), 0)`,
    offBalanceInterestFen: sql<number>`coalesce(sum(${c.offBalanceInterestFen}), 0)`,
    writtenOffPrincipalFen: sql<number>`coalesce(sum(${c.writtenOffPrincipalFen}), 0)`,
  };
}

export function loanLedger(db: LocalDb, f: LoanLedgerFilter) {
  const totals = loanLedgerTotals(db, f);
  const field = f.sort?.field ?? 'number';
  const book =
    (db.$client.prepare('SELECT coalesce(sum(loans), 0) FROM loan_book_totals').pluck().get() as number) ?? 0;
  if (f.offset >= totals.count) return { rows: [], totals };
  const walkSort = walksSortIndex(f, totals.count, book);
  const conditions = [loanWhere(f, walkSort)];
  // Sorted by name while walking: the customers' name index leads, each customer's
  // loans follow (a WHERE on the customer turns the left join into a plain one).
  if (walkSort && field === 'customerName') conditions.push(isNotNull(customers.id));
  const direction = f.sort?.order === 'desc' ? desc : asc;
  const rows = db
    .select({
      id: loans.id,
      number: loans.number,
      customerId: loans.customerId,
      customerName: customers.name,
      customerResidentId: customers.residentId,
      productName: products.name,
      productNameEn: products.nameEn,
      principalFen: loans.principalFen,
      rateAnnual: loans.rateAnnual,
      annualizedRate: loans.annualizedRate,
      periods: loans.periods,
      method: loans.method,
      status: loans.status,
      disbursedOn: loans.disbursedOn,
      maturityDate: loans.maturityDate,
      outstandingPrincipalFen: loans.outstandingPrincipalFen,
      accruedInterestFen: loans.accruedInterestFen,
      penaltyFen: loans.penaltyFen,
      dpd: loans.dpd,
      bucket: loans.bucket,
      classification: loans.classification,
      provisionFen: loans.provisionFen,
      officerName: users.displayName,
      branchId: loans.branchId,
      nonAccrualSince: loans.nonAccrualSince,
      offBalanceInterestFen: loans.offBalanceInterestFen,
      writtenOffPrincipalFen: loans.writtenOffPrincipalFen,
      interestAdvanceFen: loans.interestAdvanceFen,
      // The next installment not yet past due (the compact loan list's 下期应还日).
      nextDueDate: sql<
        string | null
      >`(select min(i.due_date) from installments i where i.loan_id = ${loans.id} and i.status in ('due', 'notDue'))`,
    })
    .from(loans)
    .leftJoin(customers, eq(customers.id, loans.customerId))
    .leftJoin(products, eq(products.id, loans.productId))
    .leftJoin(users, eq(users.id, loans.officerId))
    .where(and(...conditions))
    // Ties broken in the sort index's own order down to the row, so pages of equal
    // values neither repeat nor skip, and the index is read without sorting.
    .orderBy(...ledgerOrder(field).map((c) => direction(c)))
    .limit(f.limit)
    .offset(f.offset)
    .all()
    .map((r) => {
      // On the balance sheet: not a written-off loan's principal, not the receivable
      // of a loan that stopped accruing; those stand in their own (表外) columns.
      const writtenOff = r.status === 'written_off';
      const onBalance = !writtenOff && r.nonAccrualSince === null;
      return {
        ...r,
        customerResidentId: r.customerResidentId ? maskResidentId(r.customerResidentId) : null,
        outstandingPrincipalFen: writtenOff ? 0 : r.outstandingPrincipalFen,
        accruedInterestFen: onBalance ? r.accruedInterestFen : 0,
        penaltyFen: onBalance ? r.penaltyFen : 0,
      };
    });
  return { rows, totals };
}

export interface DateRange {
  from: string;
  to: string;
}

/** Narrows a transaction ledger to the loans of a branch, product or officer. */
export interface LoanScope {
  branchId?: string;
  productId?: string;
  officerId?: string;
}

/** One page of a list: `limit` rows from `offset`, in the order `sort` names (a
 *  ledger's own order when none), sorted and cut in SQL. */
export interface Page<Field extends string> {
  limit: number;
  offset?: number;
  sort?: { field: Field; order: 'asc' | 'desc' };
}

const TRANSACTION_SORT = {
  bookedOn: loanTransactions.bookedOn,
  valueDate: loanTransactions.valueDate,
  loanNumber: loans.number,
  customerName: customers.name,
  amountFen: loanTransactions.amountFen,
  transferRef: loanTransactions.transferRef,
  actorName: users.displayName,
} as const;
export type TransactionSortField = keyof typeof TRANSACTION_SORT;

/** The transactions of `kinds` booked in `range` (of the scope's loans, and of
 *  `channels` when given): a page of them, newest booking first unless sorted, and
 *  the count and amount of all of them. A page given as a number is its limit. */
export function transactionLedger(
  db: LocalDb,
  kinds: string[],
  range: DateRange,
  page: number | Page<TransactionSortField>,
  scope: LoanScope & { channels?: string[] } = {},
) {
  const { limit, offset = 0, sort } = typeof page === 'number' ? { limit: page } : page;
  const conditions: SQL[] = [
    inArray(loanTransactions.kind, kinds),
    gte(loanTransactions.bookedOn, range.from),
    lte(loanTransactions.bookedOn, range.to),
  ];
  if (scope.branchId) conditions.push(eq(loans.branchId, scope.branchId));
  if (scope.productId) conditions.push(eq(loans.productId, scope.productId));
  if (scope.officerId) conditions.push(eq(loans.officerId, scope.officerId));
  if (scope.channels?.length) conditions.push(inArray(loanTransactions.channel, scope.channels));
  const where = and(...conditions);
  const direction = sort?.order === 'asc' ? asc : desc;
  const order = [
    ...(sort && sort.field !== 'bookedOn' ? [direction(TRANSACTION_SORT[sort.field])] : []),
    direction(loanTransactions.bookedOn),
    direction(loanTransactions.createdAt),
    direction(loanTransactions.id),
  ];
  const rows = db
    .select({
      id: loanTransactions.id,
      kind: loanTransactions.kind,
      loanId: loanTransactions.loanId,
      loanNumber: loans.number,
      customerName: customers.name,
      valueDate: loanTransactions.valueDate,
      bookedOn: loanTransactions.bookedOn,
      amountFen: loanTransactions.amountFen,
      channel: loanTransactions.channel,
      allocationJson: loanTransactions.allocationJson,
      reversesId: loanTransactions.reversesId,
      reversedById: loanTransactions.reversedById,
      counterpartyAccount: loanTransactions.counterpartyAccount,
      transferRef: loanTransactions.transferRef,
      note: loanTransactions.note,
      actorName: users.displayName,
    })
    .from(loanTransactions)
    .leftJoin(loans, eq(loans.id, loanTransactions.loanId))
    .leftJoin(customers, eq(customers.id, loans.customerId))
    .leftJoin(users, eq(users.id, loanTransactions.actorId))
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset)
    .all()
    // The receiving account is listed masked (sensitive personal information).
    .map((r) => ({ ...r, counterpartyAccount: r.counterpartyAccount ? maskAccount(r.counterpartyAccount) : null }));
  const totals = db
    .select({ count: sql<number>`count(*)`, amountFen: sql<number>`coalesce(sum(${loanTransactions.amountFen}), 0)` })
    .from(loanTransactions)
    .leftJoin(loans, eq(loans.id, loanTransactions.loanId))
    .where(where)
    .get()!;
  return { rows, totals };
}

const JOURNAL_SORT = {
  postingDate: journalLines.postingDate,
  accountCode: journalLines.accountCode,
  debitFen: journalLines.debitFen,
  creditFen: journalLines.creditFen,
} as const;
export type JournalSortField = keyof typeof JOURNAL_SORT;

/** The journal lines posted in `range` (of an account with its sub-accounts, of a
 *  loan): a page of them, newest posting date first unless sorted, and the count
 *  and debit and credit sums of all of them. A page given as a number is its limit. */
export function journal(
  db: LocalDb,
  range: DateRange,
  filter: { accountCode?: string; loanId?: string },
  page: number | Page<JournalSortField>,
) {
  const { limit, offset = 0, sort } = typeof page === 'number' ? { limit: page } : page;
  const sorted = sort ? [(sort.order === 'asc' ? asc : desc)(JOURNAL_SORT[sort.field])] : [];
  const where: SQL[] = [gte(journalLines.postingDate, range.from), lte(journalLines.postingDate, range.to)];
  if (filter.accountCode)
    where.push(inArray(journalLines.accountCode, withDescendants(readChart(db), filter.accountCode)));
  if (filter.loanId) where.push(eq(journalLines.loanId, filter.loanId));
  const rows = db
    .select({
      entryId: journalLines.entryId,
      postingDate: journalLines.postingDate,
      valueDate: journalEntries.valueDate,
      accountCode: journalLines.accountCode,
      debitFen: journalLines.debitFen,
      creditFen: journalLines.creditFen,
      loanId: journalLines.loanId,
      loanNumber: loans.number,
      category: journalLines.category,
      kind: journalEntries.kind,
      ref: journalEntries.ref,
      adjustment: journalEntries.adjustment,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .leftJoin(loans, eq(loans.id, journalLines.loanId))
    .where(and(...where))
    // The tie-break is the index's order (journal_lines_date_entry): a page is read
    // off the index, not sorted out of a whole day's lines.
    .orderBy(...sorted, desc(journalLines.postingDate), asc(journalLines.entryId), asc(journalLines.accountCode))
    .limit(limit)
    .offset(offset)
    .all();
  // The code the company gives each account now (lines record its id).
  const codeOf = new Map(readChart(db).map((a) => [a.id, a.code]));
  const shown = rows.map((r) => ({ ...r, code: codeOf.get(r.accountCode) ?? r.accountCode }));
  return { rows: shown, totals: journalTotals(db, range, filter, where) };
}

/** The count and sums of the journal lines of a range: from the daily account
 *  movements once they are built (a loan's lines from the journal, by its index). */
function journalTotals(
  db: LocalDb,
  range: DateRange,
  filter: { accountCode?: string; loanId?: string },
  where: SQL[],
): { count: number; debitFen: number; creditFen: number } {
  if (!filter.loanId && accountSummaryReady(db)) {
    const accounts = filter.accountCode ? withDescendants(readChart(db), filter.accountCode) : null;
    return db.$client
      .prepare(
        `SELECT coalesce(sum(lines), 0) AS count, coalesce(sum(debit_fen), 0) AS debitFen, coalesce(sum(credit_fen), 0) AS creditFen
         FROM summary_account_daily WHERE posting_date >= ? AND posting_date <= ?${accounts ? ` AND account_code IN (${accounts.map(() => '?').join(', ')})` : ''}`,
      )
      .get(range.from, range.to, ...(accounts ?? [])) as { count: number; debitFen: number; creditFen: number };
  }
  return db
    .select({
      count: sql<number>`count(*)`,
      debitFen: sql<number>`coalesce(sum(${journalLines.debitFen}), 0)`,
      creditFen: sql<number>`coalesce(sum(${journalLines.creditFen}), 0)`,
    })
    .from(journalLines)
    .where(and(...where))
    .get()!;
}

export interface TrialBalanceRow {
  /** The account's id (what journal lines record; its code as first defined). */
  id: string;
  /** The code the company gives it now. */
  code: string;
  nameZh: string;
  nameEn: string;
  parentId: string | null;
  depth: number;
  hasChildren: boolean;
  /** Its balance with its sub-accounts', on its debit or credit side. */
  debitFen: number;
  creditFen: number;
}

/** Every account's balance (its own postings, debit-positive) through `date`. */
export function accountNets(db: LocalDb, date: string, from?: string): Map<string, number> {
  const since = from ? ' AND posting_date >= ?' : '';
  // Once built, the daily account movements answer without reading the journal
  // (a row per account, day and branch, kept by every posting); an account is
  // listed when it has lines, as from the journal itself.
  const sql = accountSummaryReady(db)
    ? `SELECT account_code AS a, sum(debit_fen) - sum(credit_fen) AS n FROM summary_account_daily WHERE posting_date <= ?${since} GROUP BY account_code HAVING sum(lines) > 0`
    : `SELECT account_code AS a, sum(debit_fen) - sum(credit_fen) AS n FROM journal_lines WHERE posting_date <= ?${since} GROUP BY account_code`;
  const rows = db.$client.prepare(sql).all(...(from ? [date, from] : [date])) as Array<{ a: string; n: number }>;
  return new Map(rows.map((r) => [r.a, r.n]));
}

/** Balances of every account through `date`, each on its debit or credit side, a
 *  parent's with its sub-accounts', and the reconciliation of the loan ledger to
 *  the control accounts. The totals add the top-level accounts. */
export function trialBalance(db: LocalDb, date: string) {
  const own = accountNets(db, date);
  const chart = readChart(db);
  const known = new Set(chart.map((a) => a.id));
  // A line on an account the chart no longer has still shows (top level).
  const full = [
    ...chart,
    ...[...own.keys()]
      .filter((id) => !known.has(id))
      .map((id) => ({ ...defaultChart()[0]!, id, code: id, nameZh: id, nameEn: id, parentId: null, system: false })),
  ];
  const total = rollUp(full, own);
  const accounts: TrialBalanceRow[] = full.map((a) => {
    const net = total.get(a.id) ?? 0;
    return {
      id: a.id,
      code: a.code,
      nameZh: a.nameZh,
      nameEn: a.nameEn,
      parentId: a.parentId,
      depth: depthOf(full, a.id),
      hasChildren: hasChildren(full, a.id),
      debitFen: net > 0 ? net : 0,
      creditFen: net < 0 ? -net : 0,
    };
  });
  const top = accounts.filter((a) => a.depth === 0);
  const totals = {
    debitFen: top.reduce((t, a) => t + a.debitFen, 0),
    creditFen: top.reduce((t, a) => t + a.creditFen, 0),
  };
  const balance = (id: string) => total.get(id) ?? 0;
  const ledger = loanBookOn(db, date);
  return {
    date,
    accounts,
    totals,
    reconciliation: {
      loanLedgerPrincipalFen: ledger.principalFen,
      controlAccount1303Fen: balance('1303'),
      loanLedgerOverduePrincipalFen: ledger.overduePrincipalFen,
      controlAccount130302Fen: balance('1303.02'),
      loanLedgerReceivableFen: ledger.receivableFen,
      controlAccount1132Fen: balance('1132'),
      loanLedgerProvisionFen: ledger.provisionFen,
      controlAccount1304Fen: 0 - balance('1304'),
      loanLedgerOverpaymentFen: ledger.overpaymentFen,
      controlAccount2241Fen: 0 - balance('2241'),
      loanLedgerAdvanceFen: ledger.advanceFen,
      controlAccount220301Fen: 0 - balance('2203.01'),
    },
  };
}

/** The loan ledger's balances of the loans disbursed by `date` that are active or
 *  closed, from the loan book's maintained totals (loan_book_by_disbursement). */
export function loanBookOn(db: LocalDb, date: string) {
  const t = loanBookByDisbursement;
  return db
    .select({
      principalFen: sql<number>`coalesce(sum(${t.outstandingPrincipalFen}), 0)`,
      overduePrincipalFen: sql<number>`coalesce(sum(${t.overduePrincipalFen}), 0)`,
      receivableFen: sql<number>`coalesce(sum(${t.accruedInterestFen} + ${t.penaltyFen} - ${t.offBalanceInterestFen}), 0)`,
      provisionFen: sql<number>`coalesce(sum(${t.provisionFen}), 0)`,
      overpaymentFen: sql<number>`coalesce(sum(${t.overpaymentFen}), 0)`,
      advanceFen: sql<number>`coalesce(sum(${t.interestAdvanceFen}), 0)`,
    })
    .from(t)
    .where(and(inArray(t.status, ['active', 'closed']), gt(t.disbursedOn, ''), lte(t.disbursedOn, date)))
    .get()!;
}

/** One row per posting date: what was disbursed, collected and accrued. */
export function dailySummary(db: LocalDb, range: DateRange) {
  return db.$client
    .prepare(
      `SELECT posting_date AS date,
        SUM(CASE WHEN category = 'disbursement' AND account_code LIKE '1303%' THEN debit_fen ELSE 0 END) AS disbursedFen,
        SUM(CASE WHEN category LIKE 'repayment:%' AND account_code IN ('1001','1002') THEN debit_fen - credit_fen ELSE 0 END) AS collectedFen,
        SUM(CASE WHEN category = 'interestAccrual' AND account_code = '6011' THEN credit_fen - debit_fen ELSE 0 END) AS interestIncomeFen,
        SUM(CASE WHEN category = 'penaltyAccrual' AND account_code = '6051' THEN credit_fen - debit_fen ELSE 0 END) AS penaltyIncomeFen,
        SUM(CASE WHEN category = 'provision' AND account_code = '6701' THEN debit_fen - credit_fen ELSE 0 END) AS provisionChargeFen,
        COUNT(DISTINCT entry_id) AS entries
      FROM journal_lines WHERE posting_date BETWEEN ? AND ? GROUP BY posting_date ORDER BY posting_date DESC`,
    )
    .all(range.from, range.to) as Array<{
    date: string;
    disbursedFen: number;
    collectedFen: number;
    interestIncomeFen: number;
    penaltyIncomeFen: number;
    provisionChargeFen: number;
    entries: number;
  }>;
}
