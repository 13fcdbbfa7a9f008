/** Portfolio panels: outstanding principal (with control account 1303 beside
 *  it), disbursements by period, the book by product and by repayment method,
 *  and the average annualized rate. */
import { keepPreviousData } from '@tanstack/react-query';
import { useApi } from '../../../api/hooks';
import { useI18n, type Translate } from '../../../i18n/i18n';
import type { Api } from '../../../api/client';
import { ChartCard, type ChartColumn, type ChartQuery } from './ChartCard';
import type { DataAsOf } from './DataStamp';
import { ledgerHref, PALETTE, stockHref, type Scope } from './format';
import type { ChartFilter, Options, PanelContext, PanelDef } from './panels';

type Portfolio = Api['monitoring.portfolio']['output'];
export type StockPoint = Portfolio['stock'][number];
export type FlowPoint = Portfolio['flows'][number];

/** Dashboards refresh themselves every five minutes and keep the last figures while they do. */
export const REFRESH = { staleTime: 60_000, refetchInterval: 5 * 60_000, placeholderData: keepPreviousData };

export function usePortfolio(filter: ChartFilter) {
  return useApi('monitoring.portfolio', filter, REFRESH);
}

export function sourceLabel(t: Translate, s: StockPoint) {
  return t(`dash.source.${s.source}`);
}

/** A portfolio chart the officer's home shows too, over the officer's own rows and query. */
interface SharedChartProps<R, A extends DataAsOf = DataAsOf> {
  id?: string;
  title?: string;
  rows: R[];
  scope: Scope;
  query: ChartQuery<A>;
}

export function OutstandingChart({
  id = 'outstanding',
  title,
  rows,
  scope,
  query,
}: SharedChartProps<StockPoint, Portfolio['asOf']>) {
  const { t } = useI18n();
  const asOf = query.data?.asOf;
  const beforeBooks = asOf?.booksOpenedOn ? rows.filter((r) => !r.inBooks) : [];
  return (
    <ChartCard
      id={id}
      timeSeries
      title={title ?? t('dash.outstanding')}
      query={query}
      rows={rows}
      drill={(r) => stockHref('1303', r.asOf, scope)}
      chart={{
        kind: 'area',
        x: 'period',
        y: 'money',
        series: [{ key: 'outstandingPrincipalFen', name: t('dash.outstanding'), color: PALETTE[0]!, fill: '#dbe7fb' }],
      }}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        { key: 'asOf', title: t('dash.col.asOf'), value: (r) => r.asOf },
        { key: 'source', title: t('dash.col.source'), value: (r) => sourceLabel(t, r) },
        { key: 'loans', title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
        { key: 'out', title: t('dash.outstanding'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
        {
          key: 'c1303',
          title: t('dash.col.control1303'),
          kind: 'money',
          value: (r) => (r.inBooks ? r.control1303Fen : null),
        },
      ]}
      note={beforeBooks.length > 0 ? t('dash.historyNote', { date: asOf!.booksOpenedOn! }) : null}
    />
  );
}

function Outstanding({ filter, scope }: PanelContext) {
  const q = usePortfolio(filter);
  return <OutstandingChart rows={q.data?.stock ?? []} scope={scope} query={q} />;
}

export function DisbursementsChart({ id = 'disbursements', title, rows, scope, query }: SharedChartProps<FlowPoint>) {
  const { t } = useI18n();
  return (
    <ChartCard
      id={id}
      timeSeries
      title={title ?? t('dash.disbursements')}
      query={query}
      rows={rows}
      drill={(r) => ledgerHref('disbursements', { from: r.start, to: r.end, ...scope })}
      chart={{
        kind: 'bar',
        x: 'period',
        y: 'money',
        right: 'count',
        series: [
          { key: 'disbursedFen', name: t('dash.col.amount'), color: PALETTE[0]! },
          { key: 'disbursedCount', name: t('dash.col.count'), color: PALETTE[2]!, kind: 'line', right: true },
        ],
      }}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        { key: 'n', title: t('dash.col.count'), kind: 'number', value: (r) => r.disbursedCount },
        { key: 'fen', title: t('dash.col.amount'), kind: 'money', value: (r) => r.disbursedFen },
        { key: 'rate', title: t('dash.col.avgRate'), kind: 'percent', value: (r) => r.disbursedRate },
      ]}
    />
  );
}

function Disbursements({ filter, scope }: PanelContext) {
  const q = usePortfolio(filter);
  return <DisbursementsChart rows={q.data?.flows ?? []} scope={scope} query={q} />;
}

export function productName(options: Options | undefined, id: string): string {
  return options?.products.find((p) => p.id === id)?.name ?? id.slice(0, 8);
}

type MixRow = Portfolio['mix']['byProduct'][number] & { name: string };

/** The table of a breakdown of the book: the category, its loans, outstanding and average rate. */
function mixColumns(t: Translate, category: string): ChartColumn<MixRow>[] {
  return [
    { key: 'name', title: category, value: (r) => r.name },
    { key: 'loans', title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
    { key: 'out', title: t('dash.outstanding'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
    { key: 'rate', title: t('dash.col.avgRate'), kind: 'percent', value: (r) => r.averageRate },
  ];
}

function ByProduct({ filter, scope, options }: PanelContext) {
  const { t } = useI18n();
  const q = usePortfolio(filter);
  const rows = (q.data?.mix.byProduct ?? []).map((r) => ({ ...r, name: productName(options, r.key) }));
  return (
    <ChartCard
      id="by-product"
      title={t('dash.byProduct')}
      query={q}
      rows={rows}
      drill={(r) => ledgerHref('loans', { ...scope, productId: r.key, status: ['active'] })}
      chart={{
        breakdown: 'bar',
        name: 'name',
        value: 'outstandingPrincipalFen',
        valueName: t('dash.outstanding'),
        format: 'money',
        labelWidth: 130,
      }}
      columns={mixColumns(t, t('dash.col.product'))}
    />
  );
}

function ByMethod({ filter }: PanelContext) {
  const { t } = useI18n();
  const q = usePortfolio(filter);
  const rows = (q.data?.mix.byMethod ?? []).map((r) => ({ ...r, name: t(`loans.method.${r.key as 'annuity'}`) }));
  return (
    <ChartCard
      id="by-method"
      title={t('dash.byMethod')}
      query={q}
      rows={rows}
      chart={{ breakdown: 'pie', name: 'name', value: 'outstandingPrincipalFen', format: 'money' }}
      columns={mixColumns(t, t('dash.col.method'))}
    />
  );
}

function AverageRate({ filter }: PanelContext) {
  const { t } = useI18n();
  const q = usePortfolio(filter);
  const flows = new Map((q.data?.flows ?? []).map((f) => [f.period, f]));
  const rows = (q.data?.stock ?? []).map((s) => ({
    period: s.period,
    book: s.averageRate === null ? null : Number(s.averageRate),
    disbursed: flows.get(s.period)?.disbursedRate ? Number(flows.get(s.period)!.disbursedRate) : null,
  }));
  return (
    <ChartCard
      id="average-rate"
      timeSeries
      title={t('dash.averageRate')}
      query={q}
      rows={rows}
      chart={{
        kind: 'line',
        x: 'period',
        y: 'percent',
        yDomain: ['auto', 'auto'],
        series: [
          { key: 'book', name: t('dash.rateBook'), color: PALETTE[0]! },
          { key: 'disbursed', name: t('dash.rateDisbursed'), color: PALETTE[4]!, connectNulls: true },
        ],
      }}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        { key: 'book', title: t('dash.rateBook'), kind: 'percent', value: (r) => r.book },
        { key: 'disbursed', title: t('dash.rateDisbursed'), kind: 'percent', value: (r) => r.disbursed },
      ]}
    />
  );
}

export const portfolioPanels: PanelDef[] = [
  {
    id: 'outstanding',
    section: 'portfolio',
    permission: 'monitoring.portfolio',
    order: 10,
    render: (c) => <Outstanding {...c} />,
  },
  {
    id: 'disbursements',
    section: 'portfolio',
    permission: 'monitoring.portfolio',
    order: 20,
    render: (c) => <Disbursements {...c} />,
  },
  {
    id: 'by-product',
    section: 'portfolio',
    permission: 'monitoring.portfolio',
    order: 30,
    render: (c) => <ByProduct {...c} />,
  },
  {
    id: 'by-method',
    section: 'portfolio',
    permission: 'monitoring.portfolio',
    order: 40,
    render: (c) => <ByMethod {...c} />,
  },
  {
    id: 'average-rate',
    section: 'portfolio',
    permission: 'monitoring.portfolio',
    order: 50,
    render: (c) => <AverageRate {...c} />,
  },
];
