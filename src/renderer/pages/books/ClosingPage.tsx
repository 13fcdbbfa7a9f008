/** Month-end closing (期末结账): the month ends that can close next (every branch has
 *  closed its days through them), the closed periods with their closing entries
 *  (income and expenses into 4103 current-year profit, at a year end into 4104),
 *  and reopening the latest one, which needs a manager and a reason (audited). */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { ActionDialog } from '../../components/ActionDialog';
import { Money } from '../loans/parts';
import { formatDateTime } from '../../components/dates';

type Close = Api['ledger.periods']['output']['closes'][number];

const KIND_LABEL: Record<string, MessageKey> = {
  surcharges: 'books.closing.kind.surcharges',
  closing: 'books.closing.kind.closing',
  yearEnd: 'books.closing.kind.yearEnd',
};

export function ClosingPage() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const periods = useApi('ledger.periods', {});
  const close = useApiMutation('ledger.closePeriod');
  const [through, setThrough] = useState<string | undefined>();
  const [reopening, setReopening] = useState<string | null>(null);
  const closable = periods.data?.closable ?? [];
  const chosen = through && closable.includes(through) ? through : closable[0];
  const at = (iso: string) => formatDateTime(iso, { seconds: true });

  return (
    <>
      <PageHeader title={t('books.closing.title')} />
      <Card
        size="small"
        title={
          <>
            <LockOutlined /> {t('books.closing.next')}
          </>
        }
        data-testid="closing-panel"
        style={{ marginBottom: 12 }}
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('books.closing.hint')}
        </Typography.Paragraph>
        <Space wrap>
          <span>{t('books.closing.closedThrough')}</span>
          <Tag data-testid="closing-closed-through">{periods.data?.closedThrough ?? t('books.closing.never')}</Tag>
          <span>{t('books.closing.lastDay')}</span>
          <Tag>{periods.data?.lastClosedDay ?? '—'}</Tag>
        </Space>
        <div style={{ marginTop: 12 }}>
          {closable.length === 0 ? (
            <Alert type="info" showIcon title={t('books.closing.nothing')} />
          ) : (
            <Space wrap>
              <span>{t('books.closing.through')}</span>
              <Select
                style={{ width: 160 }}
                value={chosen}
                onChange={setThrough}
                options={closable.map((d) => ({ value: d, label: d }))}
                data-testid="closing-through"
              />
              <Popconfirm
                title={t('books.closing.confirm', { date: chosen ?? '' })}
                disabled={!can('books.close') || !chosen}
                onConfirm={() =>
                  chosen &&
                  close.mutate(
                    { through: chosen },
                    {
                      onSuccess: (r) => void message.success(t('books.closing.done', { date: r.closedThrough })),
                      onError: (e) => void message.error(error(e.code, e.details)),
                    },
                  )
                }
              >
                <Button
                  type="primary"
                  disabled={!can('books.close') || !chosen}
                  loading={close.isPending}
                  data-testid="closing-close"
                >
                  {t('books.closing.close')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </div>
      </Card>
      <Table<Close>
        rowKey="through"
        size="small"
        loading={periods.isPending}
        dataSource={periods.data?.closes}
        pagination={{ pageSize: 12, size: 'small' }}
        locale={{ emptyText: t('books.closing.none') }}
        data-testid="closing-history"
        expandable={{
          rowExpandable: (r) => r.entries.length > 0,
          expandedRowRender: (r) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.entries}
              columns={[
                { title: t('books.closing.col.postingDate'), dataIndex: 'postingDate', width: 140 },
                {
                  title: t('books.closing.col.kind'),
                  dataIndex: 'kind',
                  render: (k: string) => (KIND_LABEL[k] ? t(KIND_LABEL[k]) : k),
                },
                {
                  title: t('books.closing.col.amount'),
                  dataIndex: 'debitFen',
                  align: 'right',
                  width: 180,
                  render: (v: number) => <Money fen={v} />,
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('books.closing.col.through'), dataIndex: 'through', width: 140 },
          { title: t('books.closing.col.by'), dataIndex: 'closedByName', render: (v: string | null) => v ?? '—' },
          { title: t('books.closing.col.at'), dataIndex: 'closedAt', width: 200, render: (v: string) => at(v) },
          {
            title: t('books.closing.col.entries'),
            key: 'entries',
            width: 120,
            align: 'right',
            render: (_, r) => r.entries.length,
          },
          {
            title: '',
            key: 'action',
            width: 150,
            render: (_, r) =>
              r.through === periods.data?.closedThrough && can('books.reopen') ? (
                <Button
                  size="small"
                  icon={<UnlockOutlined />}
                  onClick={() => setReopening(r.through)}
                  data-testid={`closing-reopen-${r.through}`}
                >
                  {t('books.closing.reopen')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ActionDialog<'ledger.reopenPeriod', { reason: string }>
        open={reopening !== null}
        onClose={() => setReopening(null)}
        title={t('books.closing.reopenTitle', { date: reopening ?? '' })}
        method="ledger.reopenPeriod"
        toInput={(v) => ({ through: reopening!, reason: v.reason })}
        done={() => t('books.closing.reopened', { date: reopening ?? '' })}
        danger
        testId="closing-reopen-dialog"
      >
        <Typography.Paragraph type="secondary">{t('books.closing.reopenHint')}</Typography.Paragraph>
        <Form.Item name="reason" label={t('books.closing.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="closing-reopen-reason" />
        </Form.Item>
      </ActionDialog>
    </>
  );
}
