/** Risk panels: PAR30 / PAR90, the five-tier classification over time, DPD
 *  bucket roll rates, provisions against control account 1304, write-offs and
 *  recoveries, and vintage curves (cumulative default rate by disbursement month). */
import { Bar, CartesianGrid, ComposedChart, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../../../api/hooks';
import { daysInMonth } from '../../../../core/dates';
import { useI18n } from '../../../i18n/i18n';
import { ChartCard } from './ChartCard';
import { BUCKET_COLORS, CLASS_COLORS, ledgerHref, PALETTE, pct, stockHref } from './format';
import { REFRESH, sourceLabel, useMoneyAxis } from './PortfolioPanels';
import type { ChartFilter, PanelContext, PanelDef } from './panels';

const CLASSES = ['normal', 'specialMention', 'substandard', 'doubtful', 'loss'] as const;

export function useRisk(filter: ChartFilter) {
  return useApi('monitoring.risk', filter, REFRESH);
}

function Par({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const q = useRisk(filter);
  const rows = (q.data?.stock ?? []).map((s) => ({ ...s, p30: Number(s.par30), p90: Number(s.par90) }));
  return (
    <ChartCard
      id="par"
      timeSeries
      title={t('dash.par')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={[
        { name: 'PAR30', color: PALETTE[2]! },
        { name: 'PAR90', color: PALETTE[3]! },
      ]}
      drill={() => ledgerHref('loans', { ...scope, status: ['active'], bucket: ['M2', 'M3', 'M4+'] })}
      chart={(select) => (
        <LineChart data={rows} onClick={(s) => select(Number(s.activeTooltipIndex))} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={(v: number) => pct(v, 0)} tick={{ fontSize: 11 }} width={44} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          <Line dataKey="p30" name="PAR30" stroke={PALETTE[2]} dot={false} isAnimationActive={false} />
          <Line dataKey="p90" name="PAR90" stroke={PALETTE[3]} dot={false} isAnimationActive={false} />
        </LineChart>
      )}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        { key: 'source', title: t('dash.col.source'), value: (r) => sourceLabel(t, r) },
        { key: 'out', title: t('dash.outstanding'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
        { key: 'par30Fen', title: t('dash.col.par30Fen'), kind: 'money', value: (r) => r.par30Fen },
        { key: 'par30', title: 'PAR30', kind: 'percent', value: (r) => r.par30 },
        { key: 'par90', title: 'PAR90', kind: 'percent', value: (r) => r.par90 },
      ]}
    />
  );
}

function Classes({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const axis = useMoneyAxis();
  const q = useRisk(filter);
  const rows = (q.data?.stock ?? []).map((s) => ({ period: s.period, asOf: s.asOf, ...s.byClassification }));
  return (
    <ChartCard
      id="classes"
      timeSeries
      title={t('dash.classes')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={CLASSES.map((c) => ({ name: t(`loans.class.${c}`), color: CLASS_COLORS[c]! }))}
      drill={(r) =>
        ledgerHref('loans', {
          ...scope,
          status: ['active'],
          classification: CLASSES.filter((c) => c !== 'normal' && r[c] > 0),
        })
      }
      chart={(select) => (
        <ComposedChart data={rows} onClick={(s) => select(Number(s.activeTooltipIndex))} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={axis.tick} tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={axis.tooltip} />
          {CLASSES.map((c) => (
            <Bar
              key={c}
              dataKey={c}
              stackId="class"
              name={t(`loans.class.${c}`)}
              fill={CLASS_COLORS[c]}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      )}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        ...CLASSES.map((c) => ({
          key: c,
          title: t(`loans.class.${c}`),
          kind: 'money' as const,
          value: (r: (typeof rows)[number]) => r[c],
        })),
      ]}
    />
  );
}

const ROLLS = ['M0', 'M1', 'M2', 'M3', 'M4+'] as const;

function Rolls({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const q = useRisk(filter);
  const byMonth = new Map<string, Record<string, number | string>>();
  for (const r of q.data?.rollRates ?? []) {
    const row = byMonth.get(r.month) ?? { month: r.month };
    row[r.from] = Number(r.rate);
    byMonth.set(r.month, row);
  }
  const rows = [...byMonth.values()] as Array<{ month: string } & Record<string, number>>;
  const label = (from: string) =>
    `${from}→${from === 'M4+' ? t('dash.writtenOff') : ROLLS[ROLLS.indexOf(from as 'M0') + 1]}`;
  return (
    <ChartCard
      id="roll-rates"
      timeSeries
      title={t('dash.rollRates')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={ROLLS.map((b) => ({ name: label(b), color: BUCKET_COLORS[b]! }))}
      drill={() => ledgerHref('overdue', { ...scope })}
      chart={(select) => (
        <LineChart data={rows} onClick={(s) => select(Number(s.activeTooltipIndex))} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={(v: number) => pct(v, 0)} tick={{ fontSize: 11 }} width={44} domain={[0, 1]} />
          <Tooltip formatter={(v) => pct(Number(v))} />
          {ROLLS.map((b) => (
            <Line key={b} dataKey={b} name={label(b)} stroke={BUCKET_COLORS[b]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      )}
      columns={[
        { key: 'month', title: t('dash.col.month'), value: (r) => r.month },
        ...ROLLS.map((b) => ({
          key: b,
          title: label(b),
          kind: 'percent' as const,
          value: (r: (typeof rows)[number]) => r[b] ?? null,
        })),
      ]}
      note={t('dash.rollNote')}
    />
  );
}

function Provisions({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const axis = useMoneyAxis();
  const q = useRisk(filter);
  const rows = q.data?.stock ?? [];
  return (
    <ChartCard
      id="provisions"
      timeSeries
      title={t('dash.provisions')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={[{ name: t('dash.provision'), color: PALETTE[4]! }]}
      drill={(r) => stockHref('1304', r.asOf, scope)}
      chart={(select) => (
        <ComposedChart data={rows} onClick={(s) => select(Number(s.activeTooltipIndex))} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={axis.tick} tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={axis.tooltip} />
          <Bar
            maxBarSize={48}
            dataKey="provisionFen"
            name={t('dash.provision')}
            fill={PALETTE[4]}
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        { key: 'prov', title: t('dash.provision'), kind: 'money', value: (r) => r.provisionFen },
        {
          key: 'c1304',
          title: t('dash.col.control1304'),
          kind: 'money',
          value: (r) => (r.inBooks ? r.control1304Fen : null),
        },
        {
          key: 'cover',
          title: t('dash.col.coverage'),
          kind: 'percent',
          value: (r) => (r.outstandingPrincipalFen ? r.provisionFen / r.outstandingPrincipalFen : null),
        },
      ]}
    />
  );
}

function WriteOffs({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const axis = useMoneyAxis();
  const q = useRisk(filter);
  const rows = q.data?.flows ?? [];
  return (
    <ChartCard
      id="write-offs"
      timeSeries
      title={t('dash.writeOffs')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={[
        { name: t('dash.writtenOff'), color: PALETTE[3]! },
        { name: t('dash.recovered'), color: PALETTE[1]! },
      ]}
      drill={(r) => (r.writtenOffCount > 0 ? ledgerHref('loans', { ...scope, status: ['written_off'] }) : null)}
      chart={(select) => (
        <ComposedChart data={rows} onClick={(s) => select(Number(s.activeTooltipIndex))} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={axis.tick} tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={axis.tooltip} />
          <Bar
            maxBarSize={48}
            dataKey="writtenOffFen"
            name={t('dash.writtenOff')}
            fill={PALETTE[3]}
            isAnimationActive={false}
          />
          <Bar
            maxBarSize={48}
            dataKey="recoveredFen"
            name={t('dash.recovered')}
            fill={PALETTE[1]}
            isAnimationActive={false}
          />
        </ComposedChart>
      )}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        { key: 'n', title: t('dash.col.writeOffCount'), kind: 'number', value: (r) => r.writtenOffCount },
        { key: 'wo', title: t('dash.writtenOff'), kind: 'money', value: (r) => r.writtenOffFen },
        { key: 'rec', title: t('dash.recovered'), kind: 'money', value: (r) => r.recoveredFen },
      ]}
    />
  );
}

const MAX_VINTAGES = 8;

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(daysInMonth(y!, m!)).padStart(2, '0')}`;
}

function Vintages({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const q = useRisk(filter);
  const curves = (q.data?.vintages ?? []).slice(-MAX_VINTAGES);
  const longest = Math.max(0, ...curves.map((c) => c.points.length));
  const data = Array.from({ length: longest }, (_, k) => {
    const row: Record<string, number> = { mob: k };
    for (const c of curves) if (c.points[k]) row[c.vintage] = Number(c.points[k]!.rate);
    return row;
  });
  const rows = curves.map((c) => ({ ...c, latest: c.points.at(-1) }));
  return (
    <ChartCard
      id="vintages"
      title={t('dash.vintages')}
      asOf={q.data?.asOf}
      loading={q.isFetching}
      error={q.error}
      rows={rows}
      legend={curves.map((c, i) => ({ name: c.vintage, color: PALETTE[i % PALETTE.length]! }))}
      drill={(r) => ledgerHref('disbursements', { ...scope, from: `${r.vintage}-01`, to: monthEnd(r.vintage) })}
      chart={() => (
        <LineChart data={data} margin={{ left: 4, right: 8 }}>
          <CartesianGrid stroke="#eef0f4" vertical={false} />
          <XAxis dataKey="mob" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={(v: number) => pct(v, 0)} tick={{ fontSize: 11 }} width={44} />
          <Tooltip formatter={(v) => pct(Number(v))} labelFormatter={(l) => t('dash.monthsOnBook', { n: String(l) })} />
          {curves.map((c, i) => (
            <Line
              key={c.vintage}
              dataKey={c.vintage}
              stroke={PALETTE[i % PALETTE.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
      columns={[
        { key: 'vintage', title: t('dash.col.vintage'), value: (r) => r.vintage },
        { key: 'loans', title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
        { key: 'fen', title: t('dash.col.disbursed'), kind: 'money', value: (r) => r.disbursedFen },
        { key: 'mob', title: t('dash.col.mob'), kind: 'number', value: (r) => r.latest?.monthsOnBook ?? null },
        { key: 'def', title: t('dash.col.defaulted'), kind: 'money', value: (r) => r.latest?.defaultedFen ?? null },
        { key: 'rate', title: t('dash.col.defaultRate'), kind: 'percent', value: (r) => r.latest?.rate ?? null },
      ]}
      note={t('dash.vintageNote')}
    />
  );
}

export const riskPanels: PanelDef[] = [
  { id: 'par', section: 'risk', permission: 'monitoring.portfolio', order: 10, render: (c) => <Par {...c} /> },
  { id: 'classes', section: 'risk', permission: 'monitoring.portfolio', order: 20, render: (c) => <Classes {...c} /> },
  { id: 'roll-rates', section: 'risk', permission: 'monitoring.portfolio', order: 30, render: (c) => <Rolls {...c} /> },
  {
    id: 'provisions',
    section: 'risk',
    permission: 'monitoring.portfolio',
    order: 40,
    render: (c) => <Provisions {...c} />,
  },
  {
    id: 'write-offs',
    section: 'risk',
    permission: 'monitoring.portfolio',
    order: 50,
    render: (c) => <WriteOffs {...c} />,
  },
  {
    id: 'vintages',
    section: 'risk',
    permission: 'monitoring.portfolio',
    order: 60,
    render: (c) => <Vintages {...c} />,
  },
];
