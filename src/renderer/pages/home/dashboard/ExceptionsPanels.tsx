/** The exceptions an auditor (and a manager) should look at: open cash flags,
 *  classification overrides, loans above their rate cap, reversals, the
 *  reconciliation of the loan ledger, and refused / failed calls and reveals. */
import { Card, Col, Row, Statistic, Tag } from 'antd';
import { useApi } from '../../../api/hooks';
import { useI18n } from '../../../i18n/i18n';
import { ChartCard, type ChartQuery } from './ChartCard';
import { DataStamp } from './DataStamp';
import { ledgerHref, PALETTE } from './format';
import { REFRESH } from './PortfolioPanels';
import { ListCard } from './ListCard';
import type { ChartFilter, PanelContext, PanelDef } from './panels';

export function useExceptions(filter: ChartFilter) {
  return useApi('monitoring.exceptions', filter, REFRESH);
}

function Summary({ filter, scope }: PanelContext) {
  const { t, money } = useI18n();
  const q = useExceptions(filter);
  const d = q.data;
  const open = d?.flags.reduce((s, f) => s + f.open, 0) ?? 0;
  const tile = (title: string, value: number | string, href: string, testId: string, warn: boolean) => (
    <Col span={8}>
      <a href={href} data-testid={testId} className="ld-tile">
        <Statistic
          title={<span className="ld-stat-title">{title}</span>}
          value={value}
          styles={{ content: { fontSize: 20, color: warn ? '#cf1322' : undefined } }}
        />
      </a>
    </Col>
  );
  return (
    <Card
      size="small"
      title={t('dash.exceptions')}
      className="ld-chart-card"
      data-testid="list-exceptions"
      loading={!d && q.isFetching}
    >
      {d && (
        <>
          <Row gutter={[12, 12]}>
            {tile(t('dash.openFlags'), open, '#/compliance', 'tile-open-flags', open > 0)}
            {tile(t('dash.capBreaches'), d.capBreaches, '#/reports/rate-cap', 'tile-cap-breaches', d.capBreaches > 0)}
            {tile(t('dash.overrides'), d.overrides, '#/reports/classification', 'tile-overrides', false)}
            {tile(
              t('dash.reversals'),
              `${d.reversals.count} · ${money(d.reversals.amountFen)}`,
              ledgerHref('repayments', { from: filter.from, to: filter.to, ...scope }),
              'tile-reversals',
              false,
            )}
            <Col span={16}>
              <div className="ld-stat-title" style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>
                {t('dash.reconciliation')}
              </div>
              <a href="#/ledgers/trial">
                {d.reconciliation.agrees ? (
                  <Tag color="green" data-testid="tile-reconciliation">
                    {t('dash.reconAgrees')}
                  </Tag>
                ) : (
                  <Tag color="red" data-testid="tile-reconciliation">
                    {t('dash.reconDiffers')}
                  </Tag>
                )}
              </a>
            </Col>
          </Row>
          <div className="ld-chart-foot">
            <DataStamp asOf={d.asOf} />
          </div>
        </>
      )}
    </Card>
  );
}

type AuditDay = { date: string; denied: number; failed: number; failedLogins: number; reveals?: number };

/** Refused and failed calls per day (and reveals of sensitive data, when given),
 *  each day drilling into its audit log: on the exceptions tab and on system health. */
export function AuditDaysCard({
  id,
  title,
  rows,
  query,
  reveals,
}: {
  id: string;
  title: string;
  rows: AuditDay[];
  query: ChartQuery;
  reveals?: boolean;
}) {
  const { t } = useI18n();
  return (
    <ChartCard
      id={id}
      timeSeries
      title={title}
      query={query}
      rows={rows}
      drill={(r) => `#/admin/audit?from=${r.date}&to=${r.date}`}
      chart={{
        kind: 'bar',
        x: 'date',
        y: 'count',
        series: [
          { key: 'denied', name: t('dash.denied'), color: PALETTE[3]! },
          { key: 'failed', name: t('dash.failed'), color: PALETTE[2]! },
          ...(reveals ? [{ key: 'reveals', name: t('dash.reveals'), color: PALETTE[4]!, kind: 'line' as const }] : []),
        ],
      }}
      columns={[
        { key: 'date', title: t('dash.col.date'), value: (r) => r.date },
        { key: 'denied', title: t('dash.denied'), kind: 'number', value: (r) => r.denied },
        { key: 'failed', title: t('dash.failed'), kind: 'number', value: (r) => r.failed },
        { key: 'fl', title: t('dash.failedLogins'), kind: 'number', value: (r) => r.failedLogins },
        ...(reveals
          ? [
              {
                key: 'rev',
                title: t('dash.reveals'),
                kind: 'number' as const,
                value: (r: AuditDay) => r.reveals ?? null,
              },
            ]
          : []),
      ]}
    />
  );
}

function AuditDays({ filter }: PanelContext) {
  const { t } = useI18n();
  const q = useExceptions(filter);
  return <AuditDaysCard id="audit-days" title={t('dash.auditDays')} rows={q.data?.audit ?? []} query={q} reveals />;
}

function OpenFlags({ filter }: PanelContext) {
  const { t, money } = useI18n();
  const q = useApi('compliance.list', { from: filter.from, to: filter.to, status: 'open' }, REFRESH);
  const ex = useExceptions(filter);
  return (
    <ListCard
      id="open-flags"
      title={t('dash.openFlagsList')}
      rows={(q.data ?? []).slice(0, 20)}
      loading={q.isFetching}
      asOf={ex.data?.asOf}
      empty={t('dash.openFlagsEmpty')}
      href={() => '#/compliance'}
      columns={[
        { key: 'date', title: t('compliance.col.date'), render: (f) => f.businessDate },
        {
          key: 'kind',
          title: t('compliance.col.kind'),
          ellipsis: true,
          render: (f) =>
            f.kind === 'structuring'
              ? t('compliance.kind.structuring')
              : t(`compliance.kind.${f.largeCashKind ?? 'cumulative'}`),
        },
        { key: 'customer', title: t('compliance.col.customer'), ellipsis: true, render: (f) => f.customerName ?? '—' },
        { key: 'amount', title: t('compliance.col.amount'), align: 'right', render: (f) => money(f.amountFen) },
      ]}
    />
  );
}

export const exceptionsPanels: PanelDef[] = [
  {
    id: 'exceptions',
    section: 'exceptions',
    permission: 'monitoring.exceptions',
    order: 10,
    render: (c) => <Summary {...c} />,
  },
  {
    id: 'open-flags',
    section: 'exceptions',
    permission: 'monitoring.exceptions',
    order: 20,
    render: (c) => <OpenFlags {...c} />,
  },
  {
    id: 'audit-days',
    section: 'exceptions',
    permission: 'monitoring.exceptions',
    order: 30,
    span: 24,
    render: (c) => <AuditDays {...c} />,
  },
];
