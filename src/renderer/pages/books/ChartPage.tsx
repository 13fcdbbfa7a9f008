/** The chart of accounts (会计科目) for administrators: the defaults after the Chinese
 *  enterprise accounting standards and the company's own sub-accounts, each
 *  renamed, renumbered or deactivated (a system account the posting rules use
 *  stays active); a sub-account is added under any account. */
import { useState } from 'react';
import { Button, Form, Input, Space, Switch, Table, Tag } from 'antd';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { ActionDialog } from '../../components/ActionDialog';

type Account = Api['books.accounts']['output']['accounts'][number];

const TYPE_LABEL: Record<string, MessageKey> = {
  asset: 'books.chart.type.asset',
  contraAsset: 'books.chart.type.contraAsset',
  liability: 'books.chart.type.liability',
  equity: 'books.chart.type.equity',
  income: 'books.chart.type.income',
  expense: 'books.chart.type.expense',
};

interface EditForm {
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
}

export function ChartPage() {
  const { t, language } = useI18n();
  const accounts = useApi('books.accounts', {});
  const [editing, setEditing] = useState<Account | null>(null);
  const [adding, setAdding] = useState<Account | null>(null);
  const depth = (a: Account) => a.code.split('.').length - 1;
  const nameFields = (
    <>
      <Form.Item name="nameZh" label={t('books.chart.nameZh')} rules={[{ required: true }]}>
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('books.chart.nameEn')} rules={[{ required: true }]}>
        <Input maxLength={60} />
      </Form.Item>
    </>
  );
  return (
    <>
      <PageHeader title={t('books.chart.title')} />
      <Table<Account>
        rowKey="id"
        size="small"
        sticky
        loading={accounts.isPending}
        dataSource={accounts.data?.accounts}
        pagination={false}
        data-testid="chart-table"
        columns={[
          {
            title: t('ledger.col.code'),
            dataIndex: 'code',
            width: 140,
            render: (v: string, a) => <span style={{ fontFamily: 'monospace', paddingLeft: depth(a) * 16 }}>{v}</span>,
          },
          {
            title: t('ledger.col.accountName'),
            key: 'name',
            render: (_, a) => (
              <span style={{ paddingLeft: depth(a) * 16 }}>{language === 'en' ? a.nameEn : a.nameZh}</span>
            ),
          },
          {
            title: t('books.chart.type'),
            dataIndex: 'type',
            width: 120,
            render: (v: string) => t(TYPE_LABEL[v]!),
          },
          {
            title: t('books.chart.status'),
            key: 'status',
            width: 160,
            render: (_, a) => (
              <Space size={4}>
                {a.system && <Tag>{t('books.chart.system')}</Tag>}
                {!a.active && <Tag color="red">{t('books.chart.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 200,
            render: (_, a) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(a)} data-testid={`chart-edit-${a.code}`}>
                  {t('books.chart.edit')}
                </Button>
                {depth(a) < 2 && (
                  <Button size="small" onClick={() => setAdding(a)} data-testid={`chart-add-${a.code}`}>
                    {t('books.chart.addSub')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <ActionDialog<'books.changeAccount', EditForm>
          open
          onClose={() => setEditing(null)}
          title={t('books.chart.editTitle', { code: editing.code })}
          method="books.changeAccount"
          initialValues={{
            code: editing.code,
            nameZh: editing.nameZh,
            nameEn: editing.nameEn,
            active: editing.active,
          }}
          toInput={(v) => ({
            accountId: editing.id,
            expectedVersion: editing.version,
            ...(v.code !== editing.code ? { code: v.code } : {}),
            ...(v.nameZh !== editing.nameZh ? { nameZh: v.nameZh } : {}),
            ...(v.nameEn !== editing.nameEn ? { nameEn: v.nameEn } : {}),
            ...(v.active !== editing.active ? { active: v.active } : {}),
          })}
          done={() => t('books.chart.saved', { code: editing.code })}
          testId="chart-edit-dialog"
        >
          <Form.Item name="code" label={t('ledger.col.code')} rules={[{ required: true }]}>
            <Input maxLength={10} />
          </Form.Item>
          {nameFields}
          <Form.Item name="active" label={t('books.chart.active')} valuePropName="checked">
            <Switch disabled={editing.system} />
          </Form.Item>
        </ActionDialog>
      )}
      {adding && (
        <ActionDialog<'books.defineAccount', { code: string; nameZh: string; nameEn: string }>
          open
          onClose={() => setAdding(null)}
          title={t('books.chart.addTitle', { code: adding.code })}
          method="books.defineAccount"
          initialValues={{ code: `${adding.code}.` }}
          toInput={(v) => ({ code: v.code, nameZh: v.nameZh, nameEn: v.nameEn, parentId: adding.id })}
          done={(v) => t('books.chart.added', { code: v.code })}
          testId="chart-add-dialog"
        >
          <Form.Item name="code" label={t('ledger.col.code')} rules={[{ required: true }]}>
            <Input maxLength={10} />
          </Form.Item>
          {nameFields}
        </ActionDialog>
      )}
    </>
  );
}
