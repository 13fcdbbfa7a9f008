/** System health for the administrator: what is wrong and what to do, the
 *  database's size, how long each end of day took, and the failed and refused
 *  calls per day. (Sync lag and refused events join when sync lands.) */
import { Card, Col, Descriptions, List, Row } from 'antd';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { ChartCard } from '../home/dashboard/ChartCard';
import { DataStamp } from '../home/dashboard/DataStamp';
import { HealthItem } from '../home/dashboard/SystemPanels';
import { AuditDaysCard } from '../home/dashboard/ExceptionsPanels';
import { PALETTE } from '../home/dashboard/format';
import { DASHBOARD_CSS } from '../home/dashboard/styles';
import { formatDateTime } from '../../components/dates';

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
                  {d.backup.lastOkAt ? formatDateTime(d.backup.lastOkAt) : t('health.never')}
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
            query={q}
            rows={d?.eodRuns ?? []}
            drill={() => '#/eod'}
            chart={{
              kind: 'bar',
              x: 'date',
              pointDrill: false,
              series: [{ key: 'seconds', name: t('health.seconds'), color: PALETTE[0]! }],
            }}
            columns={[
              { key: 'date', title: t('dash.col.date'), value: (r) => r.date },
              { key: 'status', title: t('dash.col.status'), value: (r) => t(`health.eodStatus.${r.status as 'done'}`) },
              { key: 'loans', title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
              { key: 'seconds', title: t('health.seconds'), kind: 'number', value: (r) => r.seconds },
            ]}
          />
        </Col>
        <Col span={12}>
          <AuditDaysCard id="errors" title={t('health.errors')} rows={d?.errors ?? []} query={q} />
        </Col>
      </Row>
    </div>
  );
}
