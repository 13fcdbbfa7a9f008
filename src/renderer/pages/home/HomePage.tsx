/** The home page: who you are and where, then your role's dashboard (its own
 *  lazily loaded chunk). Roles without panels keep the overview of their
 *  permissions. */
import { lazy, Suspense } from 'react';
import { Card, Col, Descriptions, Row, Spin, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import type { MessageKey } from '../../i18n/zh-CN';
import { hasPanels } from './hasPanels';

const Dashboard = lazy(() => import('./dashboard/Dashboard').then((m) => ({ default: m.Dashboard })));

export function HomePage() {
  const { t } = useI18n();
  const status = useApi('app.status', {});
  const session = status.data?.session;
  if (!session) return null;
  const businessDate = status.data?.businessDate ?? '';
  const dashboard = hasPanels(session.permissions);
  return (
    <>
      <div className="ld-home-header">
        <PageHeader
          title={t('home.welcome', { name: session.displayName })}
          extra={
            <Typography.Text type="secondary" data-testid="home-context">
              {t(`role.${session.role}`)} · {session.branchName ?? '—'} · {t('home.businessDate')} {businessDate}
            </Typography.Text>
          }
        />
      </div>
      {dashboard ? (
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Dashboard permissions={session.permissions} userId={session.userId} businessDate={businessDate} />
        </Suspense>
      ) : (
        <Row gutter={12}>
          <Col span={12}>
            <Card size="small">
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('home.role')}>{t(`role.${session.role}`)}</Descriptions.Item>
                <Descriptions.Item label={t('home.branch')}>{session.branchName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('home.businessDate')}>{businessDate}</Descriptions.Item>
                <Descriptions.Item label={t('home.security')}>
                  {session.totpEnabled ? <Tag color="green">{t('home.totpOn')}</Tag> : <Tag>{t('home.totpOff')}</Tag>}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col span={12}>
            <Card size="small" title={t('home.permissions')}>
              <div data-testid="permissions">
                {session.permissions.map((p) => (
                  <Tag key={p} style={{ marginBottom: 6 }}>
                    {t(`perm.${p}` as MessageKey)}
                  </Tag>
                ))}
              </div>
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
