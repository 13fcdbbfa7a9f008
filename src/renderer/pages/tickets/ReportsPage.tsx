/** The service figures a customer-service lead reads: SLA attainment, satisfaction
 *  and root causes per team and month, and promises to pay made, kept and broken per
 *  officer. Both tables read the same methods a dashboard panel would register. */
import { useState } from 'react';
import { Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { Money } from '../loans/parts';

type Figure = Api['tickets.stats']['output']['figures'][number];
type PromiseRow = Api['collections.promiseStats']['output']['rows'][number];

function percent(v: number | null): string {
  return v === null ? '—' : `${v.toFixed(1)}%`;
}

export function ReportsPage() {
  const { t } = useI18n();
  const can = useCan();
  const status = useApi('app.status', {});
  const today = status.data?.businessDate ?? dayjs().format('YYYY-MM-DD');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs(today).subtract(2, 'month').startOf('month'),
    dayjs(today),
  ]);
  const fromMonth = range[0].format('YYYY-MM');
  const toMonth = range[1].format('YYYY-MM');
  const stats = useApi('tickets.stats', { fromMonth, toMonth }, { enabled: can('tickets.reports') });
  const promises = useApi(
    'collections.promiseStats',
    { from: range[0].startOf('month').format('YYYY-MM-DD'), to: range[1].endOf('month').format('YYYY-MM-DD') },
    { enabled: can('collections.read') },
  );
  const teamName = (code: string | null) =>
    code === null ? t('reports.noTeam') : (stats.data?.teams.find((x) => x.code === code)?.name ?? code);
  return (
    <>
      <PageHeader
        title={t('reports.title')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('reports.months')}</Typography.Text>
            <DatePicker.RangePicker
              picker="month"
              allowClear={false}
              value={range}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              data-testid="reports-months"
            />
          </Space>
        }
      />
      {can('tickets.reports') && (
        <Card size="small" title={t('reports.service')} style={{ marginBottom: 12 }}>
          <Table<Figure>
            rowKey={(r) => `${r.month}-${r.team ?? ''}`}
            size="small"
            pagination={false}
            data-testid="reports-service"
            loading={stats.isFetching && !stats.data}
            dataSource={stats.data?.figures}
            locale={{ emptyText: t('reports.empty') }}
            columns={[
              { title: t('reports.col.month'), dataIndex: 'month', width: 84 },
              {
                title: t('reports.col.team'),
                dataIndex: 'team',
                width: 110,
                render: (v: string | null) => teamName(v),
              },
              { title: t('reports.col.tickets'), dataIndex: 'tickets', align: 'right', width: 64 },
              {
                title: t('reports.col.frAttainment'),
                key: 'fr',
                align: 'right',
                width: 120,
                render: (_: unknown, r) => (
                  <span
                    title={t('reports.measured', {
                      met: r.firstResponseMet,
                      all: r.firstResponseMet + r.firstResponseBreached,
                    })}
                  >
                    {percent(r.firstResponseAttainment)}
                  </span>
                ),
              },
              {
                title: t('reports.col.resAttainment'),
                key: 'res',
                align: 'right',
                width: 120,
                render: (_: unknown, r) => (
                  <span
                    title={t('reports.measured', { met: r.resolutionMet, all: r.resolutionMet + r.resolutionBreached })}
                  >
                    {percent(r.resolutionAttainment)}
                  </span>
                ),
              },
              {
                title: t('reports.col.avgScore'),
                dataIndex: 'averageScore',
                align: 'right',
                width: 96,
                render: (v: number | null, r) => (v === null ? '—' : `${v.toFixed(2)} (${r.scored})`),
              },
              {
                title: t('reports.col.satisfied'),
                dataIndex: 'satisfiedShare',
                align: 'right',
                width: 104,
                render: (v: number | null) => percent(v),
              },
              { title: t('reports.col.complaints'), dataIndex: 'complaints', align: 'right', width: 64 },
              {
                title: t('reports.col.rootCauses'),
                dataIndex: 'rootCauses',
                render: (v: Figure['rootCauses']) => (
                  <Space size={2} wrap>
                    {Object.entries(v)
                      .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
                      .map(([cause, n]) => (
                        <Tag key={cause}>
                          {t(`tickets.rootCause.${cause}` as MessageKey)} {n}
                        </Tag>
                      ))}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {can('collections.read') && (
        <Card size="small" title={t('reports.promises')}>
          <Table<PromiseRow>
            rowKey={(r) => r.officerId ?? '-'}
            size="small"
            pagination={false}
            data-testid="reports-promises"
            loading={promises.isFetching && !promises.data}
            dataSource={promises.data?.rows}
            locale={{ emptyText: t('reports.empty') }}
            columns={[
              { title: t('reports.col.officer'), dataIndex: 'officerName', render: (v: string | null) => v ?? '—' },
              { title: t('reports.col.made'), dataIndex: 'made', align: 'right' },
              { title: t('reports.col.kept'), dataIndex: 'kept', align: 'right' },
              { title: t('reports.col.broken'), dataIndex: 'broken', align: 'right' },
              { title: t('reports.col.pending'), dataIndex: 'pending', align: 'right' },
              {
                title: t('reports.col.keptShare'),
                dataIndex: 'keptShare',
                align: 'right',
                render: (v: number | null) => percent(v),
              },
              {
                title: t('reports.col.madeAmount'),
                dataIndex: 'madeFen',
                align: 'right',
                render: (v: number) => <Money fen={v} />,
              },
              {
                title: t('reports.col.keptAmount'),
                dataIndex: 'keptFen',
                align: 'right',
                render: (v: number) => <Money fen={v} />,
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
