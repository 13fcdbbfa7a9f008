/** Risk panels: PAR30 / PAR90, the five-tier classification over time, DPD
 *  bucket roll rates, provisions against control account 1304, write-offs and
 *  recoveries, and vintage curves (cumulative default rate by disbursement month). */
import { useApi } from '../../../api/hooks';
import { daysInMonth } from '../../../../core/dates';
import { useI18n } from '../../../i18n/i18n';
import { ChartCard } from './ChartCard';
import { BUCKET_COLORS, CLASS_COLORS, ledgerHref, PALETTE, stockHref } from './format';
import { colorAt } from './charts';
import { REFRESH, sourceLabel } from './PortfolioPanels';
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
      query={q}
      rows={rows}
      drill={() => ledgerHref('loans', { ...scope, status: ['active'], bucket: ['M2', 'M3', 'M4+'] })}
      chart={{
        kind: 'line',
        x: 'period',
        y: 'percent',
        series: [
          { key: 'p30', name: 'PAR30', color: PALETTE[2]! },
          { key: 'p90', name: 'PAR90', color: PALETTE[3]! },
        ],
      }}
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
  const q = useRisk(filter);
  const rows = (q.data?.stock ?? []).map((s) => ({ period: s.period, asOf: s.asOf, ...s.byClassification }));
  return (
    <ChartCard
      id="classes"
      timeSeries
      title={t('dash.classes')}
      query={q}
      rows={rows}
      drill={(r) =>
        ledgerHref('loans', {
          ...scope,
          status: ['active'],
          classification: CLASSES.filter((c) => c !== 'normal' && r[c] > 0),
        })
      }
      chart={{
        kind: 'bar',
        x: 'period',
        y: 'money',
        series: CLASSES.map((c) => ({ key: c, name: t(`loans.class.${c}`), color: CLASS_COLORS[c]!, stack: 'class' })),
      }}
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
      query={q}
      rows={rows}
      drill={() => ledgerHref('overdue', { ...scope })}
      chart={{
        kind: 'line',
        x: 'month',
        y: 'percent',
        yDomain: [0, 1],
        series: ROLLS.map((b) => ({ key: b, name: label(b), color: BUCKET_COLORS[b]! })),
      }}
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
  const q = useRisk(filter);
  const rows = q.data?.stock ?? [];
  return (
    <ChartCard
      id="provisions"
      timeSeries
      title={t('dash.provisions')}
      query={q}
      rows={rows}
      drill={(r) => stockHref('1304', r.asOf, scope)}
      chart={{
        kind: 'bar',
        x: 'period',
        y: 'money',
        series: [{ key: 'provisionFen', name: t('dash.provision'), color: PALETTE[4]! }],
      }}
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
  const q = useRisk(filter);
  const rows = q.data?.flows ?? [];
  return (
    <ChartCard
      id="write-offs"
      timeSeries
      title={t('dash.writeOffs')}
      query={q}
      rows={rows}
      drill={(r) => (r.writtenOffCount > 0 ? ledgerHref('loans', { ...scope, status: ['written_off'] }) : null)}
      chart={{
        kind: 'bar',
        x: 'period',
        y: 'money',
        series: [
          { key: 'writtenOffFen', name: t('dash.writtenOff'), color: PALETTE[3]! },
          { key: 'recoveredFen', name: t('dash.recovered'), color: PALETTE[1]! },
        ],
      }}
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
      query={q}
      rows={rows}
      drill={(r) => ledgerHref('disbursements', { ...scope, from: `${r.vintage}-01`, to: monthEnd(r.vintage) })}
      chart={{
        kind: 'line',
        x: 'mob',
        y: 'percent',
        data,
        xLabel: (l) => t('dash.monthsOnBook', { n: String(l) }),
        series: curves.map((c, i) => ({ key: c.vintage, color: colorAt(i) })),
      }}
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
