/** The customer beside the ticket, masked: identity, loans with status, days past
 *  due, what is due and when, recent repayments and earlier tickets. */
import { Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useHashRoute } from '../../app/useHashRoute';
import { Money, StatusTag } from '../loans/parts';
import { TicketStatusTag } from './parts';

export function CustomerPanel({ customerId, ticketId }: { customerId: string | null; ticketId?: string }) {
  const { t } = useI18n();
  const can = useCan();
  const [, navigate] = useHashRoute();
  const panel = useApi('tickets.customerPanel', { customerId: customerId ?? '' }, { enabled: !!customerId });
  if (!customerId)
    return (
      <Card size="small" title={t('tickets.panel.title')}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.panel.none')} />
      </Card>
    );
  const data = panel.data;
  return (
    <Card
      size="small"
      title={t('tickets.panel.title')}
      extra={<Tag color="default">{t('tickets.panel.masked')}</Tag>}
      loading={!data}
      data-testid="customer-panel"
    >
      {data && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 96 } }}>
            <Descriptions.Item label={t('tickets.col.customer')}>
              <Typography.Text strong>{data.customer.name}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('tickets.panel.number')}>{data.customer.number}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.panel.phone')}>
              <span style={{ fontFamily: 'monospace' }} data-testid="panel-phone">
                {data.customer.phoneMasked ?? '—'}
              </span>
            </Descriptions.Item>
            {data.customer.residentIdMasked && (
              <Descriptions.Item label={t('tickets.panel.residentId')}>
                <span style={{ fontFamily: 'monospace' }}>{data.customer.residentIdMasked}</span>
              </Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Text type="secondary">{t('tickets.panel.loans')}</Typography.Text>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data.loans}
              locale={{ emptyText: t('tickets.panel.noLoans') }}
              onRow={(l) => ({
                onClick: () => can('loans.read') && navigate(`/loans/${l.id}`),
                style: { cursor: 'pointer' },
              })}
              columns={[
                {
                  title: t('collections.col.loan'),
                  dataIndex: 'number',
                  render: (v: string, l) => (
                    <Space size={2} orientation="vertical">
                      <span style={{ fontFamily: 'monospace' }}>{v}</span>
                      <StatusTag status={l.status} />
                    </Space>
                  ),
                },
                {
                  title: t('tickets.panel.dpd'),
                  dataIndex: 'dpd',
                  align: 'right',
                  width: 54,
                  render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
                },
                {
                  title: t('tickets.panel.due'),
                  dataIndex: 'amountDueFen',
                  align: 'right',
                  render: (v: number, l) => (
                    <Space size={0} orientation="vertical" style={{ alignItems: 'flex-end' }}>
                      <Money fen={v} />
                      {l.nextDueDate && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {l.nextDueDate}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </div>
          <div>
            <Typography.Text type="secondary">{t('tickets.panel.repayments')}</Typography.Text>
            {data.repayments.length === 0 ? (
              <div>
                <Typography.Text type="secondary">{t('tickets.panel.noRepayments')}</Typography.Text>
              </div>
            ) : (
              <List
                size="small"
                dataSource={data.repayments}
                renderItem={(r) => (
                  <List.Item style={{ padding: '4px 0' }}>
                    <span>
                      {r.valueDate} · <span style={{ fontFamily: 'monospace' }}>{r.loanNumber}</span>
                      {r.reversed ? <Tag style={{ marginLeft: 4 }}>{t('tickets.panel.reversed')}</Tag> : null}
                    </span>
                    <Money fen={r.amountFen} />
                  </List.Item>
                )}
              />
            )}
          </div>
          <div>
            <Typography.Text type="secondary">{t('tickets.panel.tickets')}</Typography.Text>
            <List
              size="small"
              dataSource={data.tickets.filter((x) => x.id !== ticketId)}
              locale={{ emptyText: '—' }}
              renderItem={(x) => (
                <List.Item style={{ padding: '4px 0', cursor: 'pointer' }} onClick={() => navigate(`/tickets/${x.id}`)}>
                  <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                    <span style={{ fontFamily: 'monospace' }}>{x.number}</span> {x.subject}
                  </Typography.Text>
                  <Space size={4}>
                    <Tag>{t(`tickets.category.${x.category}` as MessageKey)}</Tag>
                    <TicketStatusTag status={x.status} />
                  </Space>
                </List.Item>
              )}
            />
          </div>
        </Space>
      )}
    </Card>
  );
}
