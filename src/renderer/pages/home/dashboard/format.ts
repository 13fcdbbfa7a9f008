/** Small pure helpers of the dashboards: axis labels, percents, the "data as of"
 *  sentence's parts, and the ledger addresses a chart point drills into. */
import type { Language } from '../../../i18n/i18n';

/** Fen as a short yuan label for an axis: 1.2万 / 12K. */
export function compactYuan(fen: number, language: Language): string {
  return new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(fen / 100);
}

/** A decimal fraction string ("0.062500") as "6.25%" (the one percent formatter). */
export { formatPercent as pct } from '../../../components/percent';

/** An ISO instant as local "YYYY-MM-DD HH:mm". */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export interface Scope {
  branchId?: string;
  productId?: string;
  officerId?: string;
}

/** `#/ledgers/<tab>?…` with the filters a ledger understands (see LedgersPage). */
export function ledgerHref(
  tab: 'loans' | 'disbursements' | 'repayments' | 'overdue' | 'journal',
  params: Scope & {
    from?: string;
    to?: string;
    account?: string;
    status?: string[];
    bucket?: string[];
    classification?: string[];
  },
): string {
  const q = new URLSearchParams();
  if (params.from) q.set('from', params.from);
  if (params.to) q.set('to', params.to);
  if (params.branchId) q.set('branch', params.branchId);
  if (params.productId) q.set('product', params.productId);
  if (params.officerId) q.set('officer', params.officerId);
  if (params.account) q.set('account', params.account);
  if (params.status?.length) q.set('status', params.status.join(','));
  if (params.bucket?.length) q.set('bucket', params.bucket.join(','));
  if (params.classification?.length) q.set('class', params.classification.join(','));
  const query = q.toString();
  return `#/ledgers/${tab}${query ? `?${query}` : ''}`;
}

/** The journal behind a stock figure (a control account through a date) when the
 *  chart is not narrowed to a product or officer; else the loans behind it. */
export function stockHref(
  account: string,
  asOf: string,
  scope: Scope,
  loans: { status?: string[]; bucket?: string[]; classification?: string[] } = {},
): string {
  if (scope.productId || scope.officerId)
    return ledgerHref('loans', { ...scope, status: loans.status ?? ['active'], ...loans });
  return ledgerHref('journal', { account, from: '2000-01-01', to: asOf });
}

export const PALETTE = ['#1f5fbf', '#52c41a', '#faad14', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#fa8c16'];
export const CLASS_COLORS: Record<string, string> = {
  normal: '#52c41a',
  specialMention: '#fadb14',
  substandard: '#fa8c16',
  doubtful: '#fa541c',
  loss: '#cf1322',
};
export const BUCKET_COLORS: Record<string, string> = {
  M0: '#52c41a',
  M1: '#fadb14',
  M2: '#fa8c16',
  M3: '#fa541c',
  'M4+': '#cf1322',
};
