/** Portfolio panels: outstanding principal (with control account 1303 beside
 *  it), disbursements by period, the book by product and by repayment method,
 *  and the average annualized rate. */
import { Area, Bar, CartesianGrid, Cell, ComposedChart, Line, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import { keepPreviousData } from '@tanstack/react-query';
import { useApi } from '../../../api/hooks';
import { useI18n } from '../../../i18n/i18n';
import type { Api } from '../../../api/client';
import { ChartCard } from './ChartCard';
import { compactYuan, ledgerHref, PALETTE, pct, stockHref, type Scope } from './format';
import type { ChartFilter, Options, PanelContext, PanelDef } from './panels';

type Portfolio = Api['monitoring.portfolio']['output'];
export type StockPoint = Portfolio['stock'][number];

/** Dashboards refresh themselves every five minutes and keep the last figures while they do. */
export const REFRESH = { staleTime: 60_000, refetchInterval: 5 * 60_000, placeholderData: keepPreviousData };

export function usePortfolio(filter: ChartFilter) {
  return useApi('monitoring.portfolio', filter, REFRESH);
}

/** A money axis in 万 / K. */
export function useMoneyAxis() {
  const { language, money } = useI18n();
  return {
    tick: (v: number) => compactYuan(v, language),
    tooltip: (v: unknown) => money(Number(v)),
  };
}

export function sourceLabel(t: ReturnType<typeof useI18n>['t'], s: StockPoint) {
  return t(`dash.source.${s.source}`);
}

export function OutstandingChart({
  id = 'outstanding',
  title,
  rows,
  scope,
  loading,
  error,
  asOf,
}: {
  id?: string;
  title?: string;
  rows: StockPoint[];
  scope: Scope;
  loading?: boolean;
  error?: Parameters<typeof ChartCard>[0]['error'];
  asOf?: Portfolio['asOf'];
}) {
  const { t } = useI18n();
  const axis = useMoneyAxis();
  const beforeBooks = asOf?.booksOpenedOn ? rows.filter((r) => !r.inBooks) : [];
  return (
    <ChartCard
      id={id}
      timeSeries
      title={title ?? t('dash.outstanding')}
      asOf={asOf}
      loading={loading}
      error={error}
      rows={rows}
      legend={[{ name: t('dash.outstanding'), color: PALETTE[0]! }]}
      drill={(r) => stockHref('1303', r.asOf, scope)}
      chart={(select) => (
        <ComposedChart data={rows} onClick={(s) => select(Number(s.activeTooltipIndex))} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={axis.tick} tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={axis.tooltip} />
          <Area
            dataKey="outstandingPrincipalFen"
            name={t('dash.outstanding')}
            stroke={PALETTE[0]}
            fill="#dbe7fb"
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
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
  return (
    <OutstandingChart
      rows={q.data?.stock ?? []}
      scope={scope}
      loading={q.isFetching}
      error={q.error}
      asOf={q.data?.asOf}
    />
  );
}

export function DisbursementsChart({
  id = 'disbursements',
  title,
  data,
  scope,
  loading,
  error,
}: {
  id?: string;
  title?: string;
  data: Portfolio | undefined;
  scope: Scope;
  loading?: boolean;
  error?: Parameters<typeof ChartCard>[0]['error'];
}) {
  const { t } = useI18n();
  const axis = useMoneyAxis();
  const rows = data?.flows ?? [];
  return (
    <ChartCard
      id={id}
      timeSeries
      title={title ?? t('dash.disbursements')}
      asOf={data?.asOf}
      loading={loading}
      error={error}
      rows={rows}
      legend={[
        { name: t('dash.col.amount'), color: PALETTE[0]! },
        { name: t('dash.col.count'), color: PALETTE[2]! },
      ]}
      drill={(r) => ledgerHref('disbursements', { from: r.start, to: r.end, ...scope })}
      chart={(select) => (
        <ComposedChart data={rows} onClick={(s) => select(Number(s.activeTooltipIndex))} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="fen" tickFormatter={axis.tick} tick={{ fontSize: 11 }} width={56} />
          <YAxis yAxisId="n" orientation="right" tick={{ fontSize: 11 }} width={32} allowDecimals={false} />
          <Tooltip formatter={(v, name) => (name === t('dash.col.count') ? String(v) : axis.tooltip(v))} />
          <Bar
            yAxisId="fen"
            dataKey="disbursedFen"
            name={t('dash.col.amount')}
            fill={PALETTE[0]}
            isAnimationActive={false}
          />
          <Line
            yAxisId="n"
            dataKey="disbursedCount"
            name={t('dash.col.count')}
            stroke={PALETTE[2]}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
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
  return <DisbursementsChart data={q.data} scope={scope} loading={q.isFetching} error={q.error} />;
}

export function productName(options: Options | undefined, id: string): string {
  return options?.products.find((p) => p.id === id)?.name ?? id.slice(0, 8);
}

function ByProduct({ filter, scope, options }: PanelContext) {
  const { t } = useI18n();
  const axis = useMoneyAxis();
  const q = usePortfolio(filter);
  const rows = (q.data?.mix.byProduct ?? []).map((r) => ({ ...r, name: productName(options, r.key) }));
  return (
    <ChartCard
      id="by-product"
      title={t('dash.byProduct')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      drill={(r) => ledgerHref('loans', { ...scope, productId: r.key, status: ['active'] })}
      chart={(select) => (
        <ComposedChart
          data={rows}
          layout="vertical"
          onClick={(s) => select(Number(s.activeTooltipIndex))}
          margin={{ left: 4, right: 12 }}
        >
          <CartesianGrid stroke="#eef0f4" horizontal={false} />
          <XAxis type="number" tickFormatter={axis.tick} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={130} tick={{ fontSize: 11 }} />
          <Tooltip formatter={axis.tooltip} />
          <Bar maxBarSize={48} dataKey="outstandingPrincipalFen" name={t('dash.outstanding')} isAnimationActive={false}>
            {rows.map((_, i) => (
              <Cell key={i} fill={PALETTE[i % PALETTE.length]} />
            ))}
          </Bar>
        </ComposedChart>
      )}
      columns={[
        { key: 'name', title: t('dash.col.product'), value: (r) => r.name },
        { key: 'loans', title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
        { key: 'out', title: t('dash.outstanding'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
        { key: 'rate', title: t('dash.col.avgRate'), kind: 'percent', value: (r) => r.averageRate },
      ]}
    />
  );
}

function ByMethod({ filter }: PanelContext) {
  const { t, money } = useI18n();
  const q = usePortfolio(filter);
  const rows = (q.data?.mix.byMethod ?? []).map((r) => ({ ...r, name: t(`loans.method.${r.key as 'annuity'}`) }));
  return (
    <ChartCard
      id="by-method"
      title={t('dash.byMethod')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={rows.map((r, i) => ({ name: r.name, color: PALETTE[i % PALETTE.length]! }))}
      chart={() => (
        <PieChart>
          <Tooltip formatter={(v) => money(Number(v))} />
          <Pie
            data={rows}
            dataKey="outstandingPrincipalFen"
            nameKey="name"
            innerRadius={48}
            outerRadius={80}
            isAnimationActive={false}
            label={(e: { percent?: number }) => pct(e.percent ?? 0, 0)}
          >
            {rows.map((_, i) => (
              <Cell key={i} fill={PALETTE[i % PALETTE.length]} />
            ))}
          </Pie>
        </PieChart>
      )}
      columns={[
        { key: 'name', title: t('dash.col.method'), value: (r) => r.name },
        { key: 'loans', title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
        { key: 'out', title: t('dash.outstanding'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
        { key: 'rate', title: t('dash.col.avgRate'), kind: 'percent', value: (r) => r.averageRate },
      ]}
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
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={[
        { name: t('dash.rateBook'), color: PALETTE[0]! },
        { name: t('dash.rateDisbursed'), color: PALETTE[4]! },
      ]}
      chart={() => (
        <ComposedChart data={rows} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis
            tickFormatter={(v: number) => pct(v, 0)}
            tick={{ fontSize: 11 }}
            width={44}
            domain={['auto', 'auto']}
          />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Line dataKey="book" name={t('dash.rateBook')} stroke={PALETTE[0]} dot={false} isAnimationActive={false} />
          <Line
            dataKey="disbursed"
            name={t('dash.rateDisbursed')}
            stroke={PALETTE[4]}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
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
