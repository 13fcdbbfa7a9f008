/** The workbench: who you are, where, which business date, and what your role may do. */
import { Card, Col, Descriptions, Row, Tag } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import type { MessageKey } from '../../i18n/zh-CN';

export function HomePage() {
  const { t } = useI18n();
  const status = useApi('app.status', {});
  const session = status.data?.session;
  if (!session) return null;
  return (
    <>
      <PageHeader title={t('home.welcome', { name: session.displayName })} />
      <Row gutter={12}>
        <Col span={12}>
          <Card size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('home.role')}>{t(`role.${session.role}`)}</Descriptions.Item>
              <Descriptions.Item label={t('home.branch')}>{session.branchName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('home.businessDate')}>{status.data?.businessDate}</Descriptions.Item>
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
    </>
  );
}
