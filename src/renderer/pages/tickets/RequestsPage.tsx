/** Requests passed on from tickets (hardship reviews, repayment-date questions,
 *  disputes of posted amounts): the loan officer's queue, completed with an outcome
 *  the agent then reads on the ticket. */
import { useState } from 'react';
import { Button, Form, Input, Segmented, Table, Tag, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { ActionDialog } from '../../components/ActionDialog';
import { zodRule } from '../../components/zodRule';
import { useHashRoute } from '../../app/useHashRoute';
import { completeActionInput } from '../../../contract/schemas/tickets';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import { useInstant, UserText } from './parts';

type Row = Api['tickets.actions']['output'][number];

export function RequestsPage() {
  const { t } = useI18n();
  const can = useCan();
  const instant = useInstant();
  const [, navigate] = useHashRoute();
  const [status, setStatus] = useState<'open' | 'done' | 'all'>('open');
  const [completing, setCompleting] = useState<Row | null>(null);
  const list = useApi('tickets.actions', { status }, { placeholderData: (p) => p });
  const completer = can('collections.write') && can('tickets.write');
  return (
    <>
      <PageHeader title={t('requests.title')} />
      <Typography.Paragraph type="secondary">{t('requests.intro')}</Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 8 }}
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={(['open', 'done', 'all'] as const).map((s) => ({ value: s, label: t(`requests.filter.${s}`) }))}
      />
      <Table<Row>
        rowKey="id"
        size="small"
        sticky
        data-testid="requests-table"
        dataSource={list.data}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: t('requests.empty') }}
        pagination={false}
        columns={[
          {
            title: t('requests.col.ticket'),
            dataIndex: 'ticketNumber',
            width: 96,
            render: (v: string, r) =>
              r.ticketVisible ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => navigate(`/tickets/${r.ticketId}`)}
                >
                  {v}
                </Button>
              ) : (
                v
              ),
          },
          { title: t('requests.col.customer'), dataIndex: 'customerName', width: 96 },
          {
            title: t('requests.col.loan'),
            dataIndex: 'loanNumber',
            width: 96,
            render: (v: string, r) =>
              can('loans.read') ? (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate(`/loans/${r.loanId}`)}>
                  {v}
                </Button>
              ) : (
                v
              ),
          },
          {
            title: t('requests.col.kind'),
            dataIndex: 'kind',
            width: 130,
            render: (v: string) => t(`tickets.actionKind.${v}` as MessageKey),
          },
          {
            title: t('requests.col.note'),
            dataIndex: 'note',
            render: (v: string, r) => (
              <>
                <UserText value={v} />
                {r.outcome && (
                  <Typography.Text type="success">
                    {t('requests.col.outcome')}
                    {t('shell.colon')}
                    {r.outcome}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('requests.col.officer'),
            dataIndex: 'officerName',
            width: 96,
            render: (v: string | null, r) => (
              <span>
                {v ?? '—'} {r.mine && <Tag color="blue">{t('requests.mine')}</Tag>}
              </span>
            ),
          },
          { title: t('requests.col.requestedBy'), dataIndex: 'requestedByName', width: 84 },
          {
            title: t('requests.col.requestedAt'),
            dataIndex: 'requestedAt',
            width: 104,
            render: (v: string) => instant(v, true),
          },
          {
            title: t('requests.col.status'),
            dataIndex: 'status',
            width: 110,
            render: (v: 'open' | 'done', r) =>
              v === 'open' && completer ? (
                <Button size="small" type="primary" onClick={() => setCompleting(r)} data-testid="request-complete">
                  {t('requests.complete')}
                </Button>
              ) : (
                <Tag color={v === 'done' ? 'green' : 'gold'}>{t(`tickets.related.status.${v}`)}</Tag>
              ),
          },
        ]}
      />
      {completing && (
        <ActionDialog<'tickets.completeAction', { outcome: string }>
          open
          onClose={() => setCompleting(null)}
          title={`${t('requests.complete.title')} · ${completing.ticketNumber}`}
          method="tickets.completeAction"
          testId="request-complete-dialog"
          toInput={(v) => ({ actionId: completing.id, expectedVersion: completing.version, outcome: v.outcome })}
          done={() => t('requests.completed')}
        >
          <Form.Item
            name="outcome"
            label={t('requests.col.outcome')}
            rules={[zodRule(completeActionInput.shape.outcome)]}
          >
            <Input.TextArea rows={3} maxLength={TEXT_MAX_CHARS.note} data-testid="request-outcome" />
          </Form.Item>
        </ActionDialog>
      )}
    </>
  );
}
