/** The administrator's home: what is wrong with this desktop and what to do,
 *  in plain words (the health page has the detail). */
import { Card, List, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { useApi } from '../../../api/hooks';
import { useI18n } from '../../../i18n/i18n';
import type { Api } from '../../../api/client';
import type { MessageKey } from '../../../i18n/zh-CN';
import { DataStamp } from './DataStamp';
import { REFRESH } from './PortfolioPanels';
import type { PanelDef } from './panels';

export type HealthCheck = Api['monitoring.system']['output']['checks'][number];

const ICON = {
  ok: <CheckCircleTwoTone twoToneColor="#52c41a" />,
  warning: <ExclamationCircleTwoTone twoToneColor="#faad14" />,
  error: <CloseCircleTwoTone twoToneColor="#f5222d" />,
};

/** One check as "what is wrong" and "what to do", with its figures. */
export function HealthItem({ check }: { check: HealthCheck }) {
  const { t, money } = useI18n();
  const values: Record<string, string | number> = { ...check.values };
  if (typeof check.values.differenceFen === 'number') values.difference = money(check.values.differenceFen);
  if (typeof check.values.bytes === 'number') values.size = `${(check.values.bytes / 1024 ** 2).toFixed(0)} MB`;
  const todo = `health.${check.code}.todo` as MessageKey;
  return (
    <List.Item data-testid={`health-${check.code}`} data-level={check.level}>
      <List.Item.Meta
        avatar={ICON[check.level]}
        title={t(`health.${check.code}` as MessageKey, values)}
        description={check.level === 'ok' ? null : t(todo, values)}
      />
    </List.Item>
  );
}

function Health() {
  const { t } = useI18n();
  const q = useApi('monitoring.system', {}, REFRESH);
  return (
    <Card
      size="small"
      title={t('dash.health')}
      className="ld-chart-card"
      data-testid="list-health"
      loading={!q.data && q.isFetching}
      extra={<a href="#/admin/health">{t('dash.healthMore')}</a>}
    >
      {q.error && <Typography.Text type="danger">{q.error.code}</Typography.Text>}
      {q.data && (
        <>
          <List size="small" dataSource={q.data.checks} renderItem={(c) => <HealthItem check={c} />} />
          <div className="ld-chart-foot">
            <DataStamp asOf={q.data.asOf} />
          </div>
        </>
      )}
    </Card>
  );
}

export const systemPanels: PanelDef[] = [
  { id: 'health', section: 'system', permission: 'monitoring.system', order: 10, span: 24, render: () => <Health /> },
];
