/** System health for the administrator: what is wrong and what to do, the
 *  database's size, how long each end of day took, and the failed and refused
 *  calls per day. (Sync lag and refused events join when sync lands.) */
import { Card, Col, Descriptions, List, Row } from 'antd';
import { Bar, CartesianGrid, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ChartCard } from '../home/dashboard/ChartCard';
import { DataStamp } from '../home/dashboard/DataStamp';
import { HealthItem } from '../home/dashboard/SystemPanels';
import { PALETTE } from '../home/dashboard/format';
import { DASHBOARD_CSS } from '../home/dashboard/styles';

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

export function HealthPage() {
  const { t, language } = useI18n();
  const q = useApi('monitoring.system', { days: 30 }, { refetchInterval: 60_000 });
  const d = q.data;
  return (
    <div className="ld-dashboard">
      <style>{DASHBOARD_CSS}</style>
      <PageHeader title={t('health.title')} />
      <Row gutter={[12, 12]}>
        <Col span={14}>
          <Card
            size="small"
            title={t('health.checks')}
            className="ld-chart-card"
            loading={!d}
            data-testid="health-checks"
          >
            {d && <List size="small" dataSource={d.checks} renderItem={(c) => <HealthItem check={c} />} />}
            <div className="ld-chart-foot">{d && <DataStamp asOf={d.asOf} />}</div>
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={t('health.database')} className="ld-chart-card" loading={!d}>
            {d && (
              <Descriptions size="small" column={1} data-testid="health-database">
                <Descriptions.Item label={t('health.dbSize')}>{mb(d.database.bytes)}</Descriptions.Item>
                <Descriptions.Item label={t('health.walSize')}>{mb(d.database.walBytes)}</Descriptions.Item>
                <Descriptions.Item label={t('health.freeSize')}>{mb(d.database.freeBytes)}</Descriptions.Item>
                {d.database.tables.map((tb) => (
                  <Descriptions.Item key={tb.name} label={t('health.rows', { table: tb.name })}>
                    {new Intl.NumberFormat(language).format(tb.rows)}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('health.lastBackup')}>
                  {d.backup.lastOkAt ? new Date(d.backup.lastOkAt).toLocaleString(language) : t('health.never')}
                </Descriptions.Item>
                <Descriptions.Item label={t('health.file')}>
                  <span style={{ fontSize: 11, wordBreak: 'break-all' }}>{d.database.file}</span>
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col span={12}>
          <ChartCard
            id="eod-duration"
            timeSeries
            title={t('health.eodDuration')}
            asOf={d?.asOf}
            loading={q.isFetching}
            error={q.error}
            rows={d?.eodRuns ?? []}
            legend={[{ name: t('health.seconds'), color: PALETTE[0]! }]}
            drill={() => '#/eod'}
            chart={() => (
              <ComposedChart data={d?.eodRuns ?? []} margin={{ left: 4, right: 8 }}>
                <CartesianGrid stroke="#eef0f4" vertical={false} />
                <XAxis dataKey="date" tick={{ fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} width={40} />
                <Tooltip />
                <Bar
                  maxBarSize={48}
                  dataKey="seconds"
                  name={t('health.seconds')}
                  fill={PALETTE[0]}
                  isAnimationActive={false}
                />
              </ComposedChart>
            )}
            columns={[
              { key: 'date', title: t('dash.col.date'), value: (r) => r.date },
              { key: 'status', title: t('dash.col.status'), value: (r) => t(`health.eodStatus.${r.status as 'done'}`) },
              { key: 'loans', title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
              { key: 'seconds', title: t('health.seconds'), kind: 'number', value: (r) => r.seconds },
            ]}
          />
        </Col>
        <Col span={12}>
          <ChartCard
            id="errors"
            timeSeries
            title={t('health.errors')}
            asOf={d?.asOf}
            loading={q.isFetching}
            error={q.error}
            rows={d?.errors ?? []}
            legend={[
              { name: t('dash.failed'), color: PALETTE[2]! },
              { name: t('dash.denied'), color: PALETTE[3]! },
            ]}
            drill={(r) => `#/admin/audit?from=${r.date}&to=${r.date}`}
            chart={(select) => (
              <ComposedChart
                data={d?.errors ?? []}
                onClick={(s) => select(Number(s.activeTooltipIndex))}
                margin={{ left: 4, right: 8 }}
              >
                <CartesianGrid stroke="#eef0f4" vertical={false} />
                <XAxis dataKey="date" tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
                <Tooltip />
                <Bar
                  maxBarSize={48}
                  dataKey="failed"
                  name={t('dash.failed')}
                  fill={PALETTE[2]}
                  isAnimationActive={false}
                />
                <Bar
                  maxBarSize={48}
                  dataKey="denied"
                  name={t('dash.denied')}
                  fill={PALETTE[3]}
                  isAnimationActive={false}
                />
              </ComposedChart>
            )}
            columns={[
              { key: 'date', title: t('dash.col.date'), value: (r) => r.date },
              { key: 'failed', title: t('dash.failed'), kind: 'number', value: (r) => r.failed },
              { key: 'fl', title: t('dash.failedLogins'), kind: 'number', value: (r) => r.failedLogins },
              { key: 'denied', title: t('dash.denied'), kind: 'number', value: (r) => r.denied },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}
