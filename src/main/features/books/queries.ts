/** Reads of the books: account balances, the statements of a month, the VAT report,
 *  manual entries and closed periods; one query each, shared by the window, the
 *  exports and the CLI. */
import type { LocalDb } from '../../db/connection';
import { withDescendants } from '../../../core/accounting/chart';
import {
  monthEnd,
  monthStart,
  previousMonthEnd,
  yearStart,
  isMonthEnd,
  monthEndsBetween,
} from '../../../core/accounting/closing';
import { balanceSheet, incomeStatement, type Balances } from '../../../core/accounting/statements';
import { farmExemption, type VatTreatment } from '../../../core/accounting/vat';
import { readSettingsSection } from '../settings/store';
import { readChart } from './chart';
import { accountNets } from '../ledger/queries';
import { closedThrough } from '../../projectors/journal';
import { CLOSING_KINDS } from '../../projectors/books';
import type { LoanRow } from '../../projectors/loans';
import type { EntryLine } from '../../../core/accounting/entries';

/** An account's balance with its sub-accounts', debit-positive, through `date`. */
export function accountBalanceFen(db: LocalDb, accountId: string, date: string): number {
  const ids = withDescendants(readChart(db), accountId);
  const row = db.$client
    .prepare(
      `SELECT coalesce(sum(debit_fen) - sum(credit_fen), 0) AS n FROM journal_lines WHERE posting_date <= ? AND account_code IN (${ids.map(() => '?').join(', ')})`,
    )
    .get(date, ...ids) as { n: number };
  return row.n;
}

/** How a loan disbursed on `date` is taxed: the company's rate and 90-day rule, and
 *  the farm-household exemption when the company, the product and the customer
 *  qualify and the loan and the household's balance are within the limit. */
export function vatTreatmentAt(db: LocalDb, loan: LoanRow, date: string): VatTreatment {
  const s = readSettingsSection(db, 'accounting');
  const c = db.$client;
  const customer = c.prepare('SELECT farm_household AS f FROM customers WHERE id = ?').get(loan.customerId) as
    { f: number } | undefined;
  const product = c.prepare('SELECT config_json AS j FROM products WHERE id = ?').get(loan.productId) as
    { j: string } | undefined;
  const other = c
    .prepare(
      "SELECT coalesce(sum(outstanding_principal_fen), 0) AS n FROM loans WHERE customer_id = ? AND id != ? AND status = 'active'",
    )
    .get(loan.customerId, loan.id) as { n: number };
  const exemptThrough = farmExemption({
    companyApproved: s.farmExemptionApproved,
    productFarmLoans: product
      ? (JSON.parse(product.j) as { farmHouseholdLoans?: boolean }).farmHouseholdLoans === true
      : false,
    customerFarmHousehold: customer?.f === 1,
    principalFen: loan.principalFen,
    otherBalanceFen: other.n,
    disbursedOn: date,
    exemptThrough: s.farmExemptionThrough,
  });
  return { rate: s.vatRate, deferral: s.vatDeferral90, exemptThrough };
}

/** Income and expense movements of [from, to] without the closing entries. */
export function periodFlows(db: LocalDb, from: string, to: string): Map<string, number> {
  const rows = db.$client
    .prepare(
      `SELECT account_code AS a, sum(debit_fen) - sum(credit_fen) AS n FROM journal_lines
       WHERE posting_date >= ? AND posting_date <= ? AND category NOT IN ('closing', 'yearEnd') GROUP BY account_code`,
    )
    .all(from, to) as Array<{ a: string; n: number }>;
  return new Map(rows.map((r) => [r.a, r.n]));
}

/** The balance sheet through `date` beside the previous month end, and the income
 *  statement of `date`'s month to date beside the month before and the year to
 *  date. */
export function statements(db: LocalDb, date: string) {
  const chart = readChart(db);
  const priorDate = previousMonthEnd(date);
  const bs = balanceSheet(chart, { current: accountNets(db, date), prior: accountNets(db, priorDate) });
  const columns: Record<'current' | 'prior' | 'ytd', Balances> = {
    current: periodFlows(db, monthStart(date), date),
    prior: periodFlows(db, monthStart(priorDate), priorDate),
    ytd: periodFlows(db, yearStart(date), date),
  };
  const is = incomeStatement(chart, columns);
  const top = chart.filter((a) => a.parentId === null);
  const nets = accountNets(db, date);
  const all = [...nets.values()].reduce((t, n) => t + n, 0);
  return {
    date,
    priorDate,
    period: { from: monthStart(date), to: date },
    priorPeriod: { from: monthStart(priorDate), to: priorDate },
    ytd: { from: yearStart(date), to: date },
    closedThrough: closedThrough(db),
    balanceSheet: bs,
    incomeStatement: is,
    /** Debits minus credits of the whole journal through the date (0: it balances). */
    journalDifferenceFen: all,
    topLevelAccounts: top.length,
  };
}

interface TaxRow {
  loanId: string;
  interestBaseFen: number;
  penaltyBaseFen: number;
  feesBaseFen: number;
  vatFen: number;
  exemptFen: number;
  deferredFen: number;
  offBalanceFen: number;
}

/** Each loan's figures as of `date`: its row's when its last block is on or before
 *  the date, else loan_tax's last month end on or before it. */
function taxAsOf(db: LocalDb, date: string): Map<string, TaxRow> {
  const FIGURES = [
    'interestBaseFen',
    'penaltyBaseFen',
    'feesBaseFen',
    'vatFen',
    'exemptFen',
    'deferredFen',
    'offBalanceFen',
  ] as const;
  const current = db.$client
    .prepare('SELECT id, tax_figures_json AS j FROM loans WHERE tax_figures_json IS NOT NULL AND posted_through <= ?')
    .all(date) as Array<{ id: string; j: string }>;
  const rows = db.$client
    .prepare(
      `SELECT t.loan_id AS loanId, t.interest_base_fen AS interestBaseFen, t.penalty_base_fen AS penaltyBaseFen,
        t.fees_base_fen AS feesBaseFen, t.vat_fen AS vatFen, t.exempt_fen AS exemptFen, t.deferred_fen AS deferredFen,
        t.off_balance_fen AS offBalanceFen
       FROM loan_tax t JOIN (SELECT loan_id, max(posting_date) AS d FROM loan_tax WHERE posting_date <= ? GROUP BY loan_id) m
         ON m.loan_id = t.loan_id AND m.d = t.posting_date`,
    )
    .all(date) as TaxRow[];
  const out = new Map(rows.map((r) => [r.loanId, r]));
  for (const { id, j } of current) {
    const figures = JSON.parse(j) as number[];
    const row = { loanId: id } as TaxRow;
    FIGURES.forEach((k, i) => (row[k] = figures[i] ?? 0));
    out.set(id, row);
  }
  return out;
}

export const VAT_REPORT_MAX_ROWS = 5000;

/** The VAT of a month (`YYYY-MM`): per loan and in total, the interest, penalty and
 *  fees VAT fell due on (gross, VAT included), the output VAT, the exempt interest of
 *  farm-household loans, and the over-90-day interest not yet received (deferred,
 *  at the month end); with the output VAT the journal booked in the month beside
 *  it. */
export function vatReport(db: LocalDb, month: string) {
  const from = `${month}-01`;
  const to = monthEnd(from);
  const before = previousMonthEnd(from);
  const now = taxAsOf(db, to);
  const prior = taxAsOf(db, before);
  const loans = new Map(
    (
      db.$client
        .prepare(
          `SELECT l.id, l.number, k.contract_json AS contractJson, c.name AS customerName, l.status FROM loans l
           JOIN loan_contracts k ON k.loan_id = l.id LEFT JOIN customers c ON c.id = l.customer_id WHERE l.tax_figures_json IS NOT NULL`,
        )
        .all() as Array<{
        id: string;
        number: string;
        contractJson: string;
        customerName: string | null;
        status: string;
      }>
    ).map((l) => [l.id, l]),
  );
  const zero: TaxRow = {
    loanId: '',
    interestBaseFen: 0,
    penaltyBaseFen: 0,
    feesBaseFen: 0,
    vatFen: 0,
    exemptFen: 0,
    deferredFen: 0,
    offBalanceFen: 0,
  };
  const rows = [];
  const totals = {
    interestFen: 0,
    penaltyFen: 0,
    feesFen: 0,
    taxableFen: 0,
    salesFen: 0,
    vatFen: 0,
    exemptFen: 0,
    deferredFen: 0,
  };
  for (const [loanId, n] of now) {
    const p = prior.get(loanId) ?? zero;
    const loan = loans.get(loanId);
    const row = {
      loanId,
      loanNumber: loan?.number ?? loanId,
      customerName: loan?.customerName ?? '',
      exempt: loan ? (JSON.parse(loan.contractJson) as { vat?: VatTreatment }).vat?.exemptThrough != null : false,
      interestFen: n.interestBaseFen - p.interestBaseFen,
      penaltyFen: n.penaltyBaseFen - p.penaltyBaseFen,
      feesFen: n.feesBaseFen - p.feesBaseFen,
      vatFen: n.vatFen - p.vatFen,
      exemptFen: n.exemptFen - p.exemptFen,
      deferredFen: n.deferredFen,
    };
    const taxable = row.interestFen + row.penaltyFen + row.feesFen;
    if (taxable === 0 && row.vatFen === 0 && row.exemptFen === 0 && row.deferredFen === 0) continue;
    totals.interestFen += row.interestFen;
    totals.penaltyFen += row.penaltyFen;
    totals.feesFen += row.feesFen;
    totals.taxableFen += taxable;
    totals.vatFen += row.vatFen;
    totals.salesFen += taxable - row.vatFen;
    totals.exemptFen += row.exemptFen;
    totals.deferredFen += row.deferredFen;
    rows.push({ ...row, taxableFen: taxable, salesFen: taxable - row.vatFen });
  }
  rows.sort((a, b) => (a.loanNumber < b.loanNumber ? -1 : 1));
  const booked = db.$client
    .prepare(
      "SELECT coalesce(sum(credit_fen) - sum(debit_fen), 0) AS n FROM journal_lines WHERE account_code = '2221.01' AND category = 'vat' AND posting_date >= ? AND posting_date <= ?",
    )
    .get(from, to) as { n: number };
  const s = readSettingsSection(db, 'accounting');
  return {
    month,
    from,
    to,
    rate: s.vatRate,
    deferral90: s.vatDeferral90,
    totals,
    journalOutputVatFen: booked.n,
    rows: rows.slice(0, VAT_REPORT_MAX_ROWS),
    rowCount: rows.length,
  };
}

export interface EntryFilter {
  status?: Array<'proposed' | 'approved' | 'rejected'>;
  from?: string;
  to?: string;
  limit: number;
}

interface EntryRow {
  id: string;
  number: string;
  kind: string;
  status: string;
  valueDate: string;
  postingDate: string | null;
  memo: string;
  linesJson: string;
  debitFen: number;
  reversesId: string | null;
  reversedById: string | null;
  proposedBy: string | null;
  proposedByName: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
}

const ENTRY_SELECT = `SELECT e.id, e.number, e.kind, e.status, e.value_date AS valueDate, e.posting_date AS postingDate,
  e.memo, e.lines_json AS linesJson, e.debit_fen AS debitFen, e.reverses_id AS reversesId, e.reversed_by_id AS reversedById,
  e.proposed_by AS proposedBy, p.display_name AS proposedByName, e.proposed_at AS proposedAt, e.decided_by AS decidedBy,
  d.display_name AS decidedByName, e.decided_at AS decidedAt, e.decision_note AS decisionNote, e.version
  FROM manual_entries e LEFT JOIN users p ON p.id = e.proposed_by LEFT JOIN users d ON d.id = e.decided_by`;

function entryOf(db: LocalDb, r: EntryRow) {
  const chart = readChart(db);
  const { linesJson, ...rest } = r;
  const lines = (JSON.parse(linesJson) as EntryLine[]).map((l) => {
    const a = chart.find((x) => x.id === l.accountId);
    return { ...l, code: a?.code ?? l.accountId, nameZh: a?.nameZh ?? '', nameEn: a?.nameEn ?? '' };
  });
  const numberOf = (id: string | null) =>
    id
      ? ((
          db.$client.prepare('SELECT number FROM manual_entries WHERE id = ?').get(id) as { number: string } | undefined
        )?.number ?? null)
      : null;
  return { ...rest, lines, reversesNumber: numberOf(r.reversesId), reversedByNumber: numberOf(r.reversedById) };
}

export function listEntries(db: LocalDb, f: EntryFilter) {
  const where: string[] = [];
  const args: Array<string | number> = [];
  if (f.status?.length) {
    where.push(`e.status IN (${f.status.map(() => '?').join(', ')})`);
    args.push(...f.status);
  }
  if (f.from) {
    where.push('coalesce(e.posting_date, e.value_date) >= ?');
    args.push(f.from);
  }
  if (f.to) {
    where.push('coalesce(e.posting_date, e.value_date) <= ?');
    args.push(f.to);
  }
  const rows = db.$client
    .prepare(
      `${ENTRY_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY e.number DESC LIMIT ${Math.floor(f.limit)}`,
    )
    .all(...args) as EntryRow[];
  return rows.map((r) => entryOf(db, r));
}

export function getEntry(db: LocalDb, id: string) {
  const row = db.$client.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
  return row ? entryOf(db, row) : null;
}

/** The closed periods with their closing entries, and the month ends that can be
 *  closed next (through `lastDay`, the last day every branch has closed). */
export function periods(db: LocalDb, lastDay: string | null) {
  const closes = db.$client
    .prepare(
      `SELECT c.through, c.closed_by AS closedBy, u.display_name AS closedByName, c.closed_at AS closedAt
       FROM period_closes c LEFT JOIN users u ON u.id = c.closed_by ORDER BY c.through DESC`,
    )
    .all() as Array<{ through: string; closedBy: string | null; closedByName: string | null; closedAt: string }>;
  const closed = closedThrough(db);
  const first = (db.$client.prepare('SELECT min(posting_date) AS d FROM journal_lines').get() as { d: string | null })
    .d;
  const closable =
    lastDay && first ? monthEndsBetween(closed ?? previousMonthEnd(first), lastDay).filter((m) => isMonthEnd(m)) : [];
  const closingOf = (through: string) =>
    db.$client
      .prepare(
        `SELECT e.id, e.posting_date AS postingDate, e.kind, sum(l.debit_fen) AS debitFen FROM journal_entries e
         JOIN journal_lines l ON l.entry_id = e.id WHERE e.loan_id IS NULL AND e.ref = ? AND e.kind IN (${CLOSING_KINDS.map(() => '?').join(', ')})
         GROUP BY e.id ORDER BY e.posting_date, e.kind`,
      )
      .all(through, ...CLOSING_KINDS) as Array<{ id: string; postingDate: string; kind: string; debitFen: number }>;
  return {
    closedThrough: closed,
    lastClosedDay: lastDay,
    closable,
    closes: closes.map((c) => ({ ...c, entries: closingOf(c.through) })),
  };
}
