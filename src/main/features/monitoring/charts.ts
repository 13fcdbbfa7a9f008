/** The dashboards' data: each function answers one panel for a period, branch,
 *  product and officer, from the summaries (features/monitoring/summaries.ts)
 *  plus live tails for the open business day, never from the journal. Every
 *  money figure is defined like its ledger: stocks agree with the control
 *  accounts, flows with the disbursement and repayment ledgers. */
import type { LocalDb } from '../../db/connection';
import { addDays, addMonths, isLastDayOfMonth, type BusinessDate } from '../../../core/dates';
import { Dec } from '../../../core/decimal';
import {
  BUCKET_ORDER,
  percentile,
  periodsOf,
  ratio,
  rollRates,
  vintageCurves,
  type Granularity,
  type LoanMonthState,
  type Period,
  type RollRate,
  type VintageCurve,
} from '../../../core/monitoring';
import { FLOWS_SQL, LIVE_PORTFOLIO_SQL, booksOpenedOn, flowsThrough, loanMonthAsOf, type FlowRow } from './summaries';

export const CLASSES = ['normal', 'specialMention', 'substandard', 'doubtful', 'loss'] as const;
export type ClassName = (typeof CLASSES)[number];

export interface Scope {
  branchId?: string;
  productId?: string;
  officerId?: string;
}

export interface ChartFilter extends Scope {
  from: BusinessDate;
  to: BusinessDate;
  granularity: Granularity;
}

/** When the figures were computed and what they rest on, for the "data as of" stamp. */
export interface DataAsOf {
  computedAt: string;
  businessDate: BusinessDate;
  lastClosedDay: BusinessDate | null;
  /** Money movements up to this day come from the end-of-day summaries, later ones live. */
  flowsThrough: BusinessDate | null;
  booksOpenedOn: BusinessDate | null;
}

export interface Env {
  now: Date;
  businessDate: BusinessDate;
  lastClosedDay: BusinessDate | null;
  /** The organisation's time zone: instants (submitted, audited) fall on its business dates. */
  timeZone: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The business date of an instant (ISO) in a time zone; one formatter per zone
 *  (creating a formatter costs more than formatting thousands of dates). */
function dayOf(iso: string, timeZone: string): BusinessDate {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** ISO instants bounding [from, to] with a day's margin each side (any time zone);
 *  rows are then kept by their business date. */
function instantBounds(from: BusinessDate, to: BusinessDate): { fromInstant: string; toInstant: string } {
  return { fromInstant: `${addDays(from, -1)}T00:00:00.000Z`, toInstant: `${addDays(to, 2)}T00:00:00.000Z` };
}

export function dataAsOf(db: LocalDb, env: Env): DataAsOf {
  return {
    computedAt: env.now.toISOString(),
    businessDate: env.businessDate,
    lastClosedDay: env.lastClosedDay,
    flowsThrough: flowsThrough(db),
    booksOpenedOn: booksOpenedOn(db),
  };
}

function scopeSql(scope: Scope): { where: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (scope.branchId) {
    parts.push('branchId = @branchId');
    params.branchId = scope.branchId;
  }
  if (scope.productId) {
    parts.push('productId = @productId');
    params.productId = scope.productId;
  }
  if (scope.officerId) {
    parts.push('officerId = @officerId');
    params.officerId = scope.officerId;
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

// ---------------------------------------------------------------------------
// Stocks: the loan book at period ends

export interface StockPoint {
  period: string;
  start: BusinessDate;
  end: BusinessDate;
  asOf: BusinessDate;
  /** eod: end-of-day snapshot; history: replayed; live: the loan book now. */
  source: 'eod' | 'history' | 'live';
  /** Whether the books (the journal) existed on that date. */
  inBooks: boolean;
  loans: number;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  receivableFen: number;
  provisionFen: number;
  par30Fen: number;
  par90Fen: number;
  par30: string;
  par90: string;
  /** Outstanding-weighted annualized rate, decimal string; null for an empty book. */
  averageRate: string | null;
  byClassification: Record<ClassName, number>;
  byBucket: Record<(typeof BUCKET_ORDER)[number], number>;
  /** Control accounts through asOf (only without a product or officer filter). */
  control1303Fen: number | null;
  control1304Fen: number | null;
}

interface BookRow {
  asOf: string;
  classification: string;
  bucket: string;
  loans: number;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  receivableFen: number;
  provisionFen: number;
  rateWeighted: number;
}

const BOOK_SUMS = `sum(loans) AS loans, sum(outstandingPrincipalFen) AS outstandingPrincipalFen,
  sum(overduePrincipalFen) AS overduePrincipalFen, sum(receivableFen) AS receivableFen,
  sum(provisionFen) AS provisionFen, sum(rateWeighted) AS rateWeighted`;

function snapshotRelation(dates: readonly string[]): string {
  return `SELECT as_of AS asOf, branch_id AS branchId, product_id AS productId, method, officer_id AS officerId,
    classification, bucket, loans, outstanding_principal_fen AS outstandingPrincipalFen,
    overdue_principal_fen AS overduePrincipalFen, receivable_fen AS receivableFen, provision_fen AS provisionFen,
    rate_weighted AS rateWeighted FROM summary_portfolio_daily WHERE as_of IN (${dates.map((d) => `'${d}'`).join(',')})`;
}

/** The book on each date (snapshots) and now ('live' dated the business date), grouped. */
function bookRows(db: LocalDb, dates: readonly string[], live: BusinessDate | null, scope: Scope, groupBy: string) {
  const { where, params } = scopeSql(scope);
  const rows: Array<BookRow & Record<string, unknown>> = [];
  if (dates.length > 0)
    rows.push(
      ...(db.$client
        .prepare(
          `SELECT asOf, ${groupBy}, ${BOOK_SUMS} FROM (${snapshotRelation(dates)}) ${where} GROUP BY asOf, ${groupBy}`,
        )
        .all(params) as Array<BookRow & Record<string, unknown>>),
    );
  if (live)
    rows.push(
      ...(db.$client
        .prepare(
          `SELECT @live AS asOf, ${groupBy}, ${BOOK_SUMS} FROM (${LIVE_PORTFOLIO_SQL}) ${where} GROUP BY ${groupBy}`,
        )
        .all({ ...params, live }) as Array<BookRow & Record<string, unknown>>),
    );
  return rows;
}

/** Cumulative balance (debit - credit) through each date of accounts starting with `prefix`. */
function controlSeries(db: LocalDb, prefix: string, branchId?: string): Array<{ date: string; balanceFen: number }> {
  const rows = db.$client
    .prepare(
      `SELECT posting_date AS date, sum(debit_fen) - sum(credit_fen) AS netFen FROM summary_account_daily
       WHERE account_code LIKE @prefix ${branchId ? 'AND branch_id = @branchId' : ''}
       GROUP BY posting_date ORDER BY posting_date`,
    )
    .all({ prefix: `${prefix}%`, ...(branchId ? { branchId } : {}) }) as Array<{ date: string; netFen: number }>;
  let balance = 0;
  return rows.map((r) => ({ date: r.date, balanceFen: (balance += r.netFen) }));
}

function balanceThrough(series: ReadonlyArray<{ date: string; balanceFen: number }>, date: string): number {
  let value = 0;
  for (const s of series) {
    if (s.date > date) break;
    value = s.balanceFen;
  }
  return value;
}

/** The snapshot (or the live book) that stands for each period: the latest one
 *  inside it; the period holding the open business day uses the live book. */
function pointDates(db: LocalDb, periods: readonly Period[], env: Env) {
  const first = periods[0]?.start;
  const last = periods.at(-1)?.end;
  if (!first || !last) return [];
  const available = (
    db.$client
      .prepare(
        `SELECT as_of AS d, min(source) AS source FROM summary_portfolio_daily WHERE as_of BETWEEN ? AND ? GROUP BY as_of ORDER BY as_of`,
      )
      .all(first, last) as Array<{ d: string; source: 'eod' | 'history' }>
  ).map((r) => ({ date: r.d, source: r.source }));
  const out: Array<{ period: Period; asOf: string; source: StockPoint['source'] }> = [];
  for (const period of periods) {
    if (period.start <= env.businessDate && env.businessDate <= period.end) {
      out.push({ period, asOf: env.businessDate, source: 'live' });
      continue;
    }
    const inside = available.filter((a) => a.date >= period.start && a.date <= period.end).at(-1);
    if (inside) out.push({ period, asOf: inside.date, source: inside.source });
  }
  return out;
}

export function stockPoints(db: LocalDb, filter: ChartFilter, env: Env): StockPoint[] {
  const periods = periodsOf(filter.from, filter.to, filter.granularity);
  const chosen = pointDates(db, periods, env);
  const dates = chosen.filter((c) => c.source !== 'live').map((c) => c.asOf);
  const live = chosen.some((c) => c.source === 'live') ? env.businessDate : null;
  const rows = bookRows(db, dates, live, filter, 'classification, bucket');
  const booksFrom = booksOpenedOn(db);
  const withControl = !filter.productId && !filter.officerId;
  const c1303 = withControl ? controlSeries(db, '1303', filter.branchId) : [];
  const c1304 = withControl ? controlSeries(db, '1304', filter.branchId) : [];
  return chosen.map(({ period, asOf, source }) => {
    const point: StockPoint = {
      period: period.key,
      start: period.start,
      end: period.end,
      asOf,
      source,
      inBooks: booksFrom !== null && asOf >= booksFrom,
      loans: 0,
      outstandingPrincipalFen: 0,
      overduePrincipalFen: 0,
      receivableFen: 0,
      provisionFen: 0,
      par30Fen: 0,
      par90Fen: 0,
      par30: '0.000000',
      par90: '0.000000',
      averageRate: null,
      byClassification: { normal: 0, specialMention: 0, substandard: 0, doubtful: 0, loss: 0 },
      byBucket: { M0: 0, M1: 0, M2: 0, M3: 0, 'M4+': 0 },
      control1303Fen: withControl ? balanceThrough(c1303, asOf) : null,
      control1304Fen: withControl ? -balanceThrough(c1304, asOf) : null,
    };
    let rateWeighted = 0;
    for (const r of rows) {
      if (r.asOf !== asOf) continue;
      point.loans += r.loans;
      point.outstandingPrincipalFen += r.outstandingPrincipalFen;
      point.overduePrincipalFen += r.overduePrincipalFen;
      point.receivableFen += r.receivableFen;
      point.provisionFen += r.provisionFen;
      rateWeighted += r.rateWeighted;
      if (r.classification in point.byClassification)
        point.byClassification[r.classification as ClassName] += r.outstandingPrincipalFen;
      if (r.bucket in point.byBucket)
        point.byBucket[r.bucket as keyof StockPoint['byBucket']] += r.outstandingPrincipalFen;
      // DPD over 30 is bucket M2 and above; over 90 is M4+.
      if (r.bucket === 'M2' || r.bucket === 'M3' || r.bucket === 'M4+') point.par30Fen += r.outstandingPrincipalFen;
      if (r.bucket === 'M4+') point.par90Fen += r.outstandingPrincipalFen;
    }
    point.par30 = ratio(point.par30Fen, point.outstandingPrincipalFen);
    point.par90 = ratio(point.par90Fen, point.outstandingPrincipalFen);
    point.averageRate =
      point.outstandingPrincipalFen > 0 ? (rateWeighted / point.outstandingPrincipalFen).toFixed(6) : null;
    return point;
  });
}

export interface MixRow {
  key: string;
  loans: number;
  outstandingPrincipalFen: number;
  averageRate: string | null;
}

/** The book now by product and by repayment method. */
export function bookMix(db: LocalDb, scope: Scope, env: Env): { byProduct: MixRow[]; byMethod: MixRow[] } {
  const mix = (column: 'productId' | 'method'): MixRow[] =>
    bookRows(db, [], env.businessDate, scope, column)
      .map((r) => ({
        key: String(r[column]),
        loans: r.loans,
        outstandingPrincipalFen: r.outstandingPrincipalFen,
        averageRate: r.outstandingPrincipalFen > 0 ? (r.rateWeighted / r.outstandingPrincipalFen).toFixed(6) : null,
      }))
      .sort((a, b) => b.outstandingPrincipalFen - a.outstandingPrincipalFen);
  return { byProduct: mix('productId'), byMethod: mix('method') };
}

// ---------------------------------------------------------------------------
// Flows: money movements per period, as the ledgers total them

export interface FlowPoint {
  period: string;
  start: BusinessDate;
  end: BusinessDate;
  disbursedCount: number;
  disbursedFen: number;
  /** Principal-weighted annualized rate of the loans disbursed, decimal string. */
  disbursedRate: string | null;
  repaymentCount: number;
  /** Repayments less reversals booked: the repayment ledger's total. */
  collectedFen: number;
  cashCollectedFen: number;
  writtenOffCount: number;
  writtenOffFen: number;
  recoveredFen: number;
}

/** Flow rows booked in [from, to] within the scope: summarized days, then live ones. */
export function flowRows(db: LocalDb, from: BusinessDate, to: BusinessDate, scope: Scope): FlowRow[] {
  const through = flowsThrough(db);
  const { where, params } = scopeSql(scope);
  const summarizedTo = through && through < to ? through : to;
  const parts: string[] = [];
  const all: Record<string, string> = { ...params };
  if (through && from <= summarizedTo) {
    parts.push(`SELECT booked_on AS bookedOn, kind, branch_id AS branchId, product_id AS productId, officer_id AS officerId,
      channel, count, amount_fen AS amountFen, rate_weighted AS rateWeighted
      FROM summary_flows_daily WHERE booked_on BETWEEN @sumFrom AND @sumTo`);
    Object.assign(all, { sumFrom: from, sumTo: summarizedTo });
  }
  const liveFrom = through && through >= from ? addDays(through, 1) : from;
  if (liveFrom <= to) {
    parts.push(FLOWS_SQL.replaceAll('@from', '@liveFrom').replaceAll('@to', '@liveTo'));
    Object.assign(all, { liveFrom, liveTo: to });
  }
  if (parts.length === 0) return [];
  return db.$client
    .prepare(`SELECT * FROM (${parts.map((p) => `SELECT * FROM (${p})`).join(' UNION ALL ')}) ${where}`)
    .all(all) as FlowRow[];
}

export function flowPoints(db: LocalDb, filter: ChartFilter): FlowPoint[] {
  const periods = periodsOf(filter.from, filter.to, filter.granularity);
  const rows = flowRows(db, filter.from, filter.to, filter);
  return periods.map((p) => {
    const point: FlowPoint = {
      period: p.key,
      start: p.start,
      end: p.end,
      disbursedCount: 0,
      disbursedFen: 0,
      disbursedRate: null,
      repaymentCount: 0,
      collectedFen: 0,
      cashCollectedFen: 0,
      writtenOffCount: 0,
      writtenOffFen: 0,
      recoveredFen: 0,
    };
    let rateWeighted = 0;
    for (const r of rows) {
      if (r.bookedOn < p.start || r.bookedOn > p.end) continue;
      switch (r.kind) {
        case 'disbursement':
          point.disbursedCount += r.count;
          point.disbursedFen += r.amountFen;
          rateWeighted += r.rateWeighted;
          break;
        case 'repayment':
        case 'reversal':
          if (r.kind === 'repayment') point.repaymentCount += r.count;
          point.collectedFen += r.amountFen;
          if (r.channel === 'cash') point.cashCollectedFen += r.amountFen;
          break;
        case 'writeOff':
          point.writtenOffCount += r.count;
          point.writtenOffFen += r.amountFen;
          break;
        case 'recovery':
          point.recoveredFen += r.amountFen;
          break;
      }
    }
    point.disbursedRate = point.disbursedFen > 0 ? (rateWeighted / point.disbursedFen).toFixed(6) : null;
    return point;
  });
}

// ---------------------------------------------------------------------------
// Risk: roll rates and vintages from the loans' month-end states

interface MonthRow {
  month: string;
  loanId: string;
  status: string;
  bucket: string;
  outstandingPrincipalFen: number;
}

function loanScopeSql(scope: Scope): { where: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (scope.branchId) {
    parts.push('l.branch_id = @branchId');
    params.branchId = scope.branchId;
  }
  if (scope.productId) {
    parts.push('l.product_id = @productId');
    params.productId = scope.productId;
  }
  if (scope.officerId) {
    parts.push('l.officer_id = @officerId');
    params.officerId = scope.officerId;
  }
  return { where: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
}

/** Roll rates between consecutive month ends in [from, to] (at most 24 months). */
export function rollRateSeries(db: LocalDb, filter: ChartFilter): RollRate[] {
  const fromMonth = addMonths(`${filter.from.slice(0, 7)}-01`, -1).slice(0, 7);
  const toMonth = filter.to.slice(0, 7);
  const { where, params } = loanScopeSql(filter);
  const rows = db.$client
    .prepare(
      `SELECT m.month, m.loan_id AS loanId, m.status, m.bucket, m.outstanding_principal_fen AS outstandingPrincipalFen
       FROM summary_loan_month m JOIN loans l ON l.id = m.loan_id
       WHERE m.month BETWEEN @fromMonth AND @toMonth ${where}`,
    )
    .all({ ...params, fromMonth, toMonth }) as MonthRow[];
  const byMonth = new Map<string, Map<string, LoanMonthState>>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? new Map<string, LoanMonthState>();
    m.set(r.loanId, r);
    byMonth.set(r.month, m);
  }
  // Only months whose state is at their last day (a month still running would show rolls of a few days).
  const complete = new Set(
    (
      db.$client
        .prepare('SELECT month, max(as_of) AS asOf FROM summary_loan_month WHERE month BETWEEN ? AND ? GROUP BY month')
        .all(fromMonth, toMonth) as Array<{ month: string; asOf: string }>
    )
      .filter((m) => isLastDayOfMonth(loanMonthAsOf(db, m.month, m.asOf)))
      .map((m) => m.month),
  );
  const months = [...byMonth.keys()]
    .filter((m) => complete.has(m))
    .sort()
    .slice(-25);
  const out: RollRate[] = [];
  for (let i = 1; i < months.length; i++) {
    const prev = months[i - 1]!;
    if (addMonths(`${prev}-01`, 1).slice(0, 7) !== months[i]) continue;
    out.push(...rollRates(prev, byMonth.get(prev)!, byMonth.get(months[i]!)!));
  }
  return out;
}

/** Cumulative default curves of the vintages disbursed in [from, to]. */
export function vintageSeries(db: LocalDb, filter: ChartFilter, env: Env): VintageCurve[] {
  const { where, params } = loanScopeSql(filter);
  // The first month end each loan stood over 90 DPD or written off: one grouped pass.
  const loans = db.$client
    .prepare(
      `SELECT substr(l.disbursed_on, 1, 7) AS vintage, l.principal_fen AS principalFen, d.defaultMonth
       FROM loans l LEFT JOIN (
         SELECT loan_id, min(month) AS defaultMonth FROM summary_loan_month
         WHERE bucket = 'M4+' OR status = 'written_off' GROUP BY loan_id
       ) d ON d.loan_id = l.id
       WHERE l.disbursed_on BETWEEN @from AND @to ${where}`,
    )
    .all({ ...params, from: filter.from, to: filter.to }) as Array<{
    vintage: string;
    principalFen: number;
    defaultMonth: string | null;
  }>;
  return vintageCurves(loans, env.businessDate.slice(0, 7));
}

// ---------------------------------------------------------------------------
// Operations: applications, decisions, collections and the cash forecast

export interface Funnel {
  submitted: number;
  autoApproved: number;
  autoDeclined: number;
  inReview: number;
  reviewed: number;
  approved: number;
  declined: number;
  returned: number;
  disbursed: number;
}

interface AppRow {
  status: string;
  grade: string | null;
  submittedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  createdBy: string;
  disbursed: number;
}

function applicationsIn(db: LocalDb, filter: ChartFilter, env: Env): AppRow[] {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (filter.branchId) {
    parts.push('a.branch_id = @branchId');
    params.branchId = filter.branchId;
  }
  if (filter.productId) {
    parts.push('a.product_id = @productId');
    params.productId = filter.productId;
  }
  if (filter.officerId) {
    parts.push('a.created_by = @officerId');
    params.officerId = filter.officerId;
  }
  const rows = db.$client
    .prepare(
      `SELECT a.status, a.grade, a.submitted_at AS submittedAt, a.decided_at AS decidedAt, a.decided_by AS decidedBy,
         a.created_by AS createdBy, CASE WHEN l.disbursed_on IS NOT NULL THEN 1 ELSE 0 END AS disbursed
       FROM applications a LEFT JOIN loans l ON l.id = a.loan_id
       WHERE a.submitted_at >= @fromInstant AND a.submitted_at < @toInstant ${parts.length ? `AND ${parts.join(' AND ')}` : ''}`,
    )
    .all({ ...params, ...instantBounds(filter.from, filter.to) }) as AppRow[];
  return rows.filter((a) => {
    const day = dayOf(a.submittedAt, env.timeZone);
    return day >= filter.from && day <= filter.to;
  });
}

const SYSTEM = 'system';

export function funnelOf(apps: readonly AppRow[]): Funnel {
  const auto = (a: AppRow) => a.decidedBy === SYSTEM;
  return {
    submitted: apps.length,
    autoApproved: apps.filter((a) => auto(a) && a.status === 'approved').length,
    autoDeclined: apps.filter((a) => auto(a) && a.status === 'declined').length,
    inReview: apps.filter((a) => a.status === 'review').length,
    reviewed: apps.filter((a) => a.decidedBy !== null && !auto(a)).length,
    approved: apps.filter((a) => a.status === 'approved').length,
    declined: apps.filter((a) => a.status === 'declined').length,
    returned: apps.filter((a) => a.status === 'returned').length,
    disbursed: apps.filter((a) => a.disbursed === 1).length,
  };
}

export interface DecisionTimes {
  decided: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

function minutesToDecide(apps: readonly AppRow[]): number[] {
  return apps
    .filter((a) => a.decidedAt)
    .map((a) => Math.max(0, Math.round((Date.parse(a.decidedAt!) - Date.parse(a.submittedAt)) / 60_000)));
}

export function decisionTimes(apps: readonly AppRow[]): {
  all: DecisionTimes;
  auto: DecisionTimes;
  manual: DecisionTimes;
} {
  const times = (list: readonly AppRow[]): DecisionTimes => {
    const m = minutesToDecide(list);
    return { decided: m.length, medianMinutes: percentile(m, 0.5), p90Minutes: percentile(m, 0.9) };
  };
  return {
    all: times(apps),
    auto: times(apps.filter((a) => a.decidedBy === SYSTEM)),
    manual: times(apps.filter((a) => a.decidedBy !== null && a.decidedBy !== SYSTEM)),
  };
}

export function approvalByGrade(apps: readonly AppRow[]) {
  return ['A', 'B', 'C', 'D', 'E'].map((grade) => {
    const decided = apps.filter((a) => a.grade === grade && (a.status === 'approved' || a.status === 'declined'));
    const approved = decided.filter((a) => a.status === 'approved').length;
    return { grade, decided: decided.length, approved, rate: ratio(approved, decided.length) };
  });
}

export interface OfficerRow {
  officerId: string;
  submitted: number;
  approved: number;
  disbursedCount: number;
  disbursedFen: number;
  collectedFen: number;
  outstandingPrincipalFen: number;
  par30Fen: number;
  par30: string;
}

export function officerProductivity(db: LocalDb, filter: ChartFilter, env: Env, apps: readonly AppRow[]): OfficerRow[] {
  const byOfficer = new Map<string, OfficerRow>();
  const row = (officerId: string): OfficerRow => {
    let r = byOfficer.get(officerId);
    if (!r) {
      r = {
        officerId,
        submitted: 0,
        approved: 0,
        disbursedCount: 0,
        disbursedFen: 0,
        collectedFen: 0,
        outstandingPrincipalFen: 0,
        par30Fen: 0,
        par30: '0.000000',
      };
      byOfficer.set(officerId, r);
    }
    return r;
  };
  for (const a of apps) {
    const r = row(a.createdBy);
    r.submitted++;
    if (a.status === 'approved') r.approved++;
  }
  for (const f of flowRows(db, filter.from, filter.to, filter)) {
    if (!f.officerId) continue;
    const r = row(f.officerId);
    if (f.kind === 'disbursement') {
      r.disbursedCount += f.count;
      r.disbursedFen += f.amountFen;
    } else if (f.kind === 'repayment' || f.kind === 'reversal') r.collectedFen += f.amountFen;
  }
  for (const b of bookRows(db, [], env.businessDate, filter, 'officerId, bucket')) {
    const officerId = String(b.officerId);
    if (!officerId) continue;
    const r = row(officerId);
    r.outstandingPrincipalFen += b.outstandingPrincipalFen;
    if (b.bucket === 'M2' || b.bucket === 'M3' || b.bucket === 'M4+') r.par30Fen += b.outstandingPrincipalFen;
  }
  for (const r of byOfficer.values()) r.par30 = ratio(r.par30Fen, r.outstandingPrincipalFen);
  return [...byOfficer.values()].sort((a, b) => b.disbursedFen - a.disbursedFen);
}

export interface CollectionPoint {
  period: string;
  start: BusinessDate;
  end: BusinessDate;
  /** Installments falling due in the period (scheduled payment). */
  dueFen: number;
  collectedFen: number;
}

function installmentScope(scope: Scope): { where: string; params: Record<string, string> } {
  return loanScopeSql(scope);
}

export function collectionsDue(db: LocalDb, filter: ChartFilter): CollectionPoint[] {
  const { where, params } = installmentScope(filter);
  const due = db.$client
    .prepare(
      `SELECT i.due_date AS date, sum(i.payment_fen) AS dueFen FROM installments i JOIN loans l ON l.id = i.loan_id
       WHERE i.due_date BETWEEN @from AND @to AND l.disbursed_on IS NOT NULL ${where} GROUP BY i.due_date`,
    )
    .all({ ...params, from: filter.from, to: filter.to }) as Array<{ date: string; dueFen: number }>;
  return flowPoints(db, filter).map((f) => ({
    period: f.period,
    start: f.start,
    end: f.end,
    dueFen: due.filter((d) => d.date >= f.start && d.date <= f.end).reduce((s, d) => s + d.dueFen, 0),
    collectedFen: f.collectedFen,
  }));
}

export interface ForecastWeek {
  start: BusinessDate;
  end: BusinessDate;
  installments: number;
  expectedFen: number;
}

/** What the schedules expect to come in, week by week from the business date
 *  (what is still unpaid of each installment), and what is overdue now. */
export function cashForecast(db: LocalDb, scope: Scope, env: Env, weeks = 8) {
  const { where, params } = installmentScope(scope);
  const unpaid = `i.payment_fen - i.paid_principal_fen - i.paid_interest_fen`;
  const rows = db.$client
    .prepare(
      `SELECT i.due_date AS date, count(*) AS n, sum(${unpaid}) AS fen FROM installments i JOIN loans l ON l.id = i.loan_id
       WHERE l.status = 'active' AND i.status != 'paid' AND i.due_date BETWEEN @from AND @to ${where} GROUP BY i.due_date`,
    )
    .all({ ...params, from: env.businessDate, to: addDays(env.businessDate, weeks * 7 - 1) }) as Array<{
    date: string;
    n: number;
    fen: number;
  }>;
  const overdue = db.$client
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(${unpaid}), 0) AS fen FROM installments i JOIN loans l ON l.id = i.loan_id
       WHERE l.status = 'active' AND i.status != 'paid' AND i.due_date < @from ${where}`,
    )
    .get({ ...params, from: env.businessDate }) as { n: number; fen: number };
  const out: ForecastWeek[] = [];
  for (let w = 0; w < weeks; w++) {
    const start = addDays(env.businessDate, w * 7);
    const end = addDays(start, 6);
    const inWeek = rows.filter((r) => r.date >= start && r.date <= end);
    out.push({
      start,
      end,
      installments: inWeek.reduce((s, r) => s + r.n, 0),
      expectedFen: inWeek.reduce((s, r) => s + r.fen, 0),
    });
  }
  return { weeks: out, overdueInstallments: overdue.n, overdueFen: overdue.fen };
}

// ---------------------------------------------------------------------------
// Panels

export function portfolioPanel(db: LocalDb, filter: ChartFilter, env: Env) {
  return {
    asOf: dataAsOf(db, env),
    stock: stockPoints(db, filter, env),
    flows: flowPoints(db, filter),
    mix: bookMix(db, filter, env),
  };
}

export function riskPanel(db: LocalDb, filter: ChartFilter, env: Env) {
  return {
    asOf: dataAsOf(db, env),
    stock: stockPoints(db, filter, env),
    flows: flowPoints(db, filter),
    rollRates: rollRateSeries(db, filter),
    vintages: vintageSeries(db, filter, env),
  };
}

export function operationsPanel(db: LocalDb, filter: ChartFilter, env: Env) {
  const apps = applicationsIn(db, filter, env);
  return {
    asOf: dataAsOf(db, env),
    funnel: funnelOf(apps),
    decisionTimes: decisionTimes(apps),
    approvalByGrade: approvalByGrade(apps),
    officers: officerProductivity(db, filter, env, apps),
    collections: collectionsDue(db, filter),
    forecast: cashForecast(db, filter, env),
  };
}

/** The officer's own work: the review queue, what falls due today, who to call. */
export function officerPanel(db: LocalDb, officerId: string, filter: ChartFilter, env: Env) {
  const scope = { ...filter, officerId };
  const c = db.$client;
  const queue = c
    .prepare(
      `SELECT a.id, a.number, a.status, a.amount_fen AS amountFen, a.grade, a.submitted_at AS submittedAt,
         cu.name AS customerName, a.created_by = @me AS mine
       FROM applications a LEFT JOIN customers cu ON cu.id = a.customer_id
       WHERE (a.status = 'review' AND a.created_by != @me) OR (a.status = 'returned' AND a.created_by = @me)
       ORDER BY a.submitted_at LIMIT 50`,
    )
    .all({ me: officerId }) as Array<{
    id: string;
    number: string;
    status: string;
    amountFen: number;
    grade: string | null;
    submittedAt: string;
    customerName: string | null;
    mine: number;
  }>;
  const dueToday = c
    .prepare(
      `SELECT l.id AS loanId, l.number, cu.name AS customerName, i.n, i.due_date AS dueDate,
         i.payment_fen - i.paid_principal_fen - i.paid_interest_fen AS dueFen
       FROM installments i JOIN loans l ON l.id = i.loan_id LEFT JOIN customers cu ON cu.id = l.customer_id
       WHERE l.officer_id = @me AND l.status = 'active' AND i.status != 'paid' AND i.due_date = @today
       ORDER BY dueFen DESC LIMIT 100`,
    )
    .all({ me: officerId, today: env.businessDate }) as Array<{
    loanId: string;
    number: string;
    customerName: string | null;
    n: number;
    dueDate: string;
    dueFen: number;
  }>;
  const overdue = c
    .prepare(
      `SELECT l.id AS loanId, l.number, cu.name AS customerName, l.dpd, l.bucket,
         l.overdue_principal_fen AS overduePrincipalFen, l.outstanding_principal_fen AS outstandingPrincipalFen,
         l.penalty_fen AS penaltyFen
       FROM loans l LEFT JOIN customers cu ON cu.id = l.customer_id
       WHERE l.officer_id = @me AND l.status = 'active' AND l.dpd > 0
       ORDER BY l.dpd DESC, l.overdue_principal_fen DESC LIMIT 100`,
    )
    .all({ me: officerId }) as Array<{
    loanId: string;
    number: string;
    customerName: string | null;
    dpd: number;
    bucket: string;
    overduePrincipalFen: number;
    outstandingPrincipalFen: number;
    penaltyFen: number;
  }>;
  return {
    asOf: dataAsOf(db, env),
    queue,
    dueToday,
    overdue,
    stock: stockPoints(db, scope, env),
    flows: flowPoints(db, scope),
  };
}

/** The auditor's exceptions: what needs a second look in the period. */
export function exceptionsPanel(db: LocalDb, filter: ChartFilter, env: Env) {
  const c = db.$client;
  const flags = c
    .prepare(
      `SELECT kind, count(*) AS n, sum(CASE WHEN reviewed_at IS NULL THEN 1 ELSE 0 END) AS open
       FROM compliance_flags WHERE business_date BETWEEN ? AND ? GROUP BY kind`,
    )
    .all(filter.from, filter.to) as Array<{ kind: string; n: number; open: number }>;
  const overrides = (
    c
      .prepare("SELECT count(*) AS n FROM loans WHERE status = 'active' AND classification_override_json IS NOT NULL")
      .get() as {
      n: number;
    }
  ).n;
  const reversals = flowRows(db, filter.from, filter.to, filter).filter((f) => f.kind === 'reversal');
  const audit = auditByDay(db, filter.from, filter.to, env.timeZone);
  const capBreaches = rateCapBreaches(db).length;
  return {
    asOf: dataAsOf(db, env),
    flags,
    overrides,
    reversals: {
      count: reversals.reduce((s, r) => s + r.count, 0),
      amountFen: reversals.reduce((s, r) => s + r.amountFen, 0),
    },
    capBreaches,
    reconciliation: reconciliationNow(db),
    audit,
  };
}

export interface AuditDay {
  date: BusinessDate;
  denied: number;
  failed: number;
  failedLogins: number;
  reveals: number;
}

/** Denied and failed calls, failed logins and reveals per business day. */
export function auditByDay(db: LocalDb, from: BusinessDate, to: BusinessDate, timeZone: string): AuditDay[] {
  const { fromInstant, toInstant } = instantBounds(from, to);
  const rows = db.$client
    .prepare(
      `SELECT at, action, outcome FROM audit_log WHERE at >= ? AND at < ?
       AND (outcome != 'ok' OR action IN (${REVEAL_ACTIONS.map((a) => `'${a}'`).join(',')}))`,
    )
    .all(fromInstant, toInstant) as Array<{ at: string; action: string; outcome: string }>;
  const days = new Map<string, AuditDay>();
  for (const r of rows) {
    const date = dayOf(r.at, timeZone);
    if (date < from || date > to) continue;
    const d = days.get(date) ?? { date, denied: 0, failed: 0, failedLogins: 0, reveals: 0 };
    if (r.outcome === 'denied') d.denied++;
    if (r.outcome === 'failed') d.failed++;
    if (r.outcome === 'failed' && r.action === 'auth.login') d.failedLogins++;
    if (r.outcome === 'ok') d.reveals++;
    days.set(date, d);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** API methods whose successful call reveals sensitive data (kind 'reveal'). */
export const REVEAL_ACTIONS = ['customers.reveal', 'documents.download'] as const;

/** Loan ledger against the control accounts now (from the summaries). */
export function reconciliationNow(db: LocalDb) {
  const control = db.$client
    .prepare(
      `SELECT
         coalesce(sum(CASE WHEN account_code LIKE '1303%' THEN debit_fen - credit_fen END), 0) AS c1303,
         coalesce(sum(CASE WHEN account_code LIKE '1132%' THEN debit_fen - credit_fen END), 0) AS c1132,
         coalesce(sum(CASE WHEN account_code LIKE '1304%' THEN credit_fen - debit_fen END), 0) AS c1304
       FROM summary_account_daily`,
    )
    .get() as { c1303: number; c1132: number; c1304: number };
  const ledger = db.$client
    .prepare(
      `SELECT coalesce(sum(outstanding_principal_fen), 0) AS principal,
         coalesce(sum(accrued_interest_fen + penalty_fen), 0) AS receivable, coalesce(sum(provision_fen), 0) AS provision
       FROM loan_book_by_disbursement WHERE status IN ('active', 'closed')`,
    )
    .get() as { principal: number; receivable: number; provision: number };
  return {
    loanLedgerPrincipalFen: ledger.principal,
    control1303Fen: control.c1303,
    loanLedgerReceivableFen: ledger.receivable,
    control1132Fen: control.c1132,
    loanLedgerProvisionFen: ledger.provision,
    control1304Fen: control.c1304,
    agrees:
      ledger.principal === control.c1303 && ledger.receivable === control.c1132 && ledger.provision === control.c1304,
  };
}

export interface CapBreach {
  loanId: string;
  number: string;
  customerName: string | null;
  productId: string;
  annualizedRate: string;
  cap: string;
  outstandingPrincipalFen: number;
}

/** Active loans whose annualized rate is above their product's cap. */
export function rateCapBreaches(db: LocalDb): CapBreach[] {
  return rateCapRows(db).filter((r) => r.over);
}

export function rateCapRows(db: LocalDb) {
  const caps = new Map(
    (
      db.$client.prepare('SELECT id, name, config_json AS configJson FROM products').all() as Array<{
        id: string;
        name: string;
        configJson: string;
      }>
    ).map((p) => [
      p.id,
      { name: p.name, cap: String((JSON.parse(p.configJson) as { rateCapAnnual?: string }).rateCapAnnual ?? '0.24') },
    ]),
  );
  const rows = db.$client
    .prepare(
      `SELECT l.id AS loanId, l.number, cu.name AS customerName, l.product_id AS productId,
         l.annualized_rate AS annualizedRate, l.rate_annual AS rateAnnual,
         l.outstanding_principal_fen AS outstandingPrincipalFen, l.disbursed_on AS disbursedOn, l.branch_id AS branchId,
         l.officer_id AS officerId
       FROM loans l LEFT JOIN customers cu ON cu.id = l.customer_id
       WHERE l.status = 'active' ORDER BY CAST(l.annualized_rate AS REAL) DESC`,
    )
    .all() as Array<{
    loanId: string;
    number: string;
    customerName: string | null;
    productId: string;
    annualizedRate: string;
    rateAnnual: string;
    outstandingPrincipalFen: number;
    disbursedOn: string | null;
    branchId: string | null;
    officerId: string | null;
  }>;
  return rows.map((r) => {
    const product = caps.get(r.productId);
    const cap = product?.cap ?? '0.24';
    return {
      ...r,
      productName: product?.name ?? null,
      annualizedRate: Number(r.annualizedRate).toFixed(6),
      cap,
      over: exceeds(r.annualizedRate, cap),
    };
  });
}

/** rate > cap, compared at 8 decimals like the cap check in core. */
export function exceeds(rate: string, cap: string): boolean {
  return new Dec(rate).toDecimalPlaces(8).greaterThan(new Dec(cap));
}
