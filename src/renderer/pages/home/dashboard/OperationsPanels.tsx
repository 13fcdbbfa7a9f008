/** Operations panels: the application funnel, time to decision (median and 90th
 *  percentile, automatic against manual), approval rate by grade, officer
 *  productivity, collections due against collected, and the cash forecast from
 *  the schedules for the coming weeks. */
import { useApi } from '../../../api/hooks';
import { useI18n } from '../../../i18n/i18n';
import { ChartCard } from './ChartCard';
import { ledgerHref, PALETTE } from './format';
import { REFRESH } from './PortfolioPanels';
import type { ChartFilter, PanelContext, PanelDef } from './panels';

export function useOperations(filter: ChartFilter) {
  return useApi('monitoring.operations', filter, REFRESH);
}

const STAGES = [
  'submitted',
  'autoApproved',
  'autoDeclined',
  'reviewed',
  'approved',
  'declined',
  'disbursed',
  'inReview',
] as const;

function Funnel({ filter }: PanelContext) {
  const { t } = useI18n();
  const q = useOperations(filter);
  const f = q.data?.funnel;
  const rows = f ? STAGES.map((s) => ({ stage: s, name: t(`dash.funnel.${s}`), n: f[s] })) : [];
  return (
    <ChartCard
      id="funnel"
      title={t('dash.funnel')}
      query={q}
      rows={rows}
      drill={(r) =>
        r.stage === 'inReview'
          ? '#/review'
          : r.stage === 'disbursed'
            ? ledgerHref('disbursements', { from: filter.from, to: filter.to })
            : null
      }
      chart={{
        breakdown: 'bar',
        name: 'name',
        value: 'n',
        valueName: t('dash.col.applications'),
        format: 'count',
      }}
      columns={[
        { key: 'stage', title: t('dash.col.stage'), value: (r) => r.name },
        { key: 'n', title: t('dash.col.applications'), kind: 'number', value: (r) => r.n },
        {
          key: 'share',
          title: t('dash.col.share'),
          kind: 'percent',
          value: (r) => (f && f.submitted ? r.n / f.submitted : null),
        },
      ]}
    />
  );
}

function DecisionTimes({ filter }: PanelContext) {
  const { t } = useI18n();
  const q = useOperations(filter);
  const d = q.data?.decisionTimes;
  const rows = d
    ? (['auto', 'manual', 'all'] as const).map((k) => ({ key: k, name: t(`dash.decision.${k}`), ...d[k] }))
    : [];
  const minutes = (m: number | null) =>
    m === null ? '—' : m < 60 ? t('dash.minutes', { n: m }) : t('dash.hours', { n: (m / 60).toFixed(1) });
  return (
    <ChartCard
      id="decision-times"
      title={t('dash.decisionTimes')}
      query={q}
      rows={rows}
      chart={{
        kind: 'bar',
        x: 'name',
        tooltip: minutes,
        series: [
          { key: 'medianMinutes', name: t('dash.median'), color: PALETTE[0]! },
          { key: 'p90Minutes', name: t('dash.p90'), color: PALETTE[2]! },
        ],
      }}
      columns={[
        { key: 'name', title: t('dash.col.decidedBy'), value: (r) => r.name },
        { key: 'n', title: t('dash.col.decided'), kind: 'number', value: (r) => r.decided },
        { key: 'median', title: t('dash.median'), value: (r) => minutes(r.medianMinutes) },
        { key: 'p90', title: t('dash.p90'), value: (r) => minutes(r.p90Minutes) },
      ]}
      note={t('dash.decisionNote')}
    />
  );
}

function Grades({ filter }: PanelContext) {
  const { t } = useI18n();
  const q = useOperations(filter);
  const rows = (q.data?.approvalByGrade ?? []).map((g) => ({ ...g, r: Number(g.rate) }));
  return (
    <ChartCard
      id="approval-by-grade"
      title={t('dash.approvalByGrade')}
      query={q}
      rows={rows}
      drill={() => '#/review'}
      chart={{
        kind: 'bar',
        x: 'grade',
        y: 'percent',
        yDomain: [0, 1],
        legend: false,
        pointDrill: false,
        series: [{ key: 'r', name: t('dash.col.approvalRate'), color: PALETTE[1]! }],
      }}
      columns={[
        { key: 'grade', title: t('dash.col.grade'), value: (r) => r.grade },
        { key: 'decided', title: t('dash.col.decided'), kind: 'number', value: (r) => r.decided },
        { key: 'approved', title: t('dash.col.approved'), kind: 'number', value: (r) => r.approved },
        { key: 'rate', title: t('dash.col.approvalRate'), kind: 'percent', value: (r) => r.rate },
      ]}
    />
  );
}

function Officers({ filter, options }: PanelContext) {
  const { t } = useI18n();
  const q = useOperations(filter);
  const rows = (q.data?.officers ?? []).map((o) => ({
    ...o,
    name: options?.officers.find((u) => u.id === o.officerId)?.name ?? o.officerId.slice(0, 8),
  }));
  return (
    <ChartCard
      id="officers"
      title={t('dash.officers')}
      query={q}
      rows={rows}
      drill={(r) => ledgerHref('disbursements', { from: filter.from, to: filter.to, officerId: r.officerId })}
      chart={{
        kind: 'bar',
        x: 'name',
        y: 'money',
        series: [
          { key: 'disbursedFen', name: t('dash.col.disbursed'), color: PALETTE[0]! },
          { key: 'collectedFen', name: t('dash.collected'), color: PALETTE[1]! },
        ],
      }}
      columns={[
        { key: 'name', title: t('dash.col.officer'), value: (r) => r.name },
        { key: 'submitted', title: t('dash.col.submitted'), kind: 'number', value: (r) => r.submitted },
        { key: 'approved', title: t('dash.col.approved'), kind: 'number', value: (r) => r.approved },
        { key: 'dn', title: t('dash.col.disbursedCount'), kind: 'number', value: (r) => r.disbursedCount },
        { key: 'df', title: t('dash.col.disbursed'), kind: 'money', value: (r) => r.disbursedFen },
        { key: 'col', title: t('dash.collected'), kind: 'money', value: (r) => r.collectedFen },
        { key: 'out', title: t('dash.outstanding'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
        { key: 'par', title: 'PAR30', kind: 'percent', value: (r) => r.par30 },
      ]}
    />
  );
}

function Collections({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const q = useOperations(filter);
  const rows = q.data?.collections ?? [];
  return (
    <ChartCard
      id="collections"
      timeSeries
      title={t('dash.collections')}
      query={q}
      rows={rows}
      drill={(r) => ledgerHref('repayments', { from: r.start, to: r.end, ...scope })}
      chart={{
        kind: 'bar',
        x: 'period',
        y: 'money',
        series: [
          { key: 'dueFen', name: t('dash.due'), color: PALETTE[2]! },
          { key: 'collectedFen', name: t('dash.collected'), color: PALETTE[1]! },
        ],
      }}
      columns={[
        { key: 'period', title: t('dash.col.period'), value: (r) => r.period },
        { key: 'due', title: t('dash.due'), kind: 'money', value: (r) => r.dueFen },
        { key: 'col', title: t('dash.collected'), kind: 'money', value: (r) => r.collectedFen },
        {
          key: 'ratio',
          title: t('dash.col.collectedShare'),
          kind: 'percent',
          value: (r) => (r.dueFen ? r.collectedFen / r.dueFen : null),
        },
      ]}
      note={t('dash.collectionsNote')}
    />
  );
}

function Forecast({ filter, scope }: PanelContext) {
  const { t, money } = useI18n();
  const q = useOperations(filter);
  const f = q.data?.forecast;
  const rows = (f?.weeks ?? []).map((w) => ({ ...w, label: w.start.slice(5) }));
  return (
    <ChartCard
      id="cash-forecast"
      title={t('dash.forecast')}
      query={q}
      rows={rows}
      chart={{
        kind: 'bar',
        x: 'label',
        y: 'money',
        series: [{ key: 'expectedFen', name: t('dash.expected'), color: PALETTE[5]! }],
      }}
      columns={[
        { key: 'week', title: t('dash.col.week'), value: (r) => `${r.start} – ${r.end}` },
        { key: 'n', title: t('dash.col.installments'), kind: 'number', value: (r) => r.installments },
        { key: 'fen', title: t('dash.expected'), kind: 'money', value: (r) => r.expectedFen },
      ]}
      note={
        f ? (
          <a href={ledgerHref('overdue', scope)}>
            {t('dash.overdueNow', { n: f.overdueInstallments, amount: money(f.overdueFen) })}
          </a>
        ) : null
      }
    />
  );
}

export const operationsPanels: PanelDef[] = [
  {
    id: 'funnel',
    section: 'operations',
    permission: 'monitoring.portfolio',
    order: 10,
    render: (c) => <Funnel {...c} />,
  },
  {
    id: 'decision-times',
    section: 'operations',
    permission: 'monitoring.portfolio',
    order: 20,
    render: (c) => <DecisionTimes {...c} />,
  },
  {
    id: 'collections',
    section: 'operations',
    permission: 'monitoring.portfolio',
    order: 30,
    render: (c) => <Collections {...c} />,
  },
  {
    id: 'cash-forecast',
    section: 'operations',
    permission: 'monitoring.portfolio',
    order: 40,
    render: (c) => <Forecast {...c} />,
  },
  {
    id: 'approval-by-grade',
    section: 'operations',
    permission: 'monitoring.portfolio',
    order: 50,
    render: (c) => <Grades {...c} />,
  },
  {
    id: 'officers',
    section: 'operations',
    permission: 'monitoring.portfolio',
    order: 60,
    render: (c) => <Officers {...c} />,
  },
];
