/** The officer's collections list (贷后催收): loans past due, a broken promise
 *  first (the loan is raised), then by days past due and the amount to collect
 *  today, with the latest promise, the last contact and the next action. A row
 *  opens the loan's contact log, where a contact and a promise are recorded. */
import { useState } from 'react';
import { Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { useListKeys } from '../../components/useListKeys';
import { Money } from '../loans/parts';
import { CaseDrawer } from './CaseDrawer';
import { NextActionText, PromiseCell, type CaseRow } from './parts';
import { NoticeDialog } from '../documents/Notice';
import { Button } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useCan } from '../../api/session';

const ROW_CSS =
  '.ld-case-raised > .ant-table-cell { background: #fff7e6 !important; } .ld-case-raised > .ant-table-cell:first-child { box-shadow: inset 3px 0 0 #fa8c16; }';

export function CollectionsPage() {
  const { t, money } = useI18n();
  const [scope, setScope] = useState<'mine' | 'branch'>('branch');
  const [search, setSearch] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [noticeOf, setNoticeOf] = useState<string | null>(null);
  const can = useCan();
  const settled = useDebounced(search.trim(), 250);
  const list = useApi('collections.list', { scope, search: settled || undefined }, { placeholderData: (p) => p });
  const rows = list.data?.rows ?? [];
  const keys = useListKeys(rows, (r) => setOpenId(r.loanId));
  return (
    <>
      <style>{ROW_CSS}</style>
      <PageHeader title={t('collections.title')} />
      <Space style={{ marginBottom: 8 }} wrap>
        <Segmented
          value={scope}
          onChange={(v) => setScope(v as typeof scope)}
          options={[
            { value: 'branch', label: t('collections.scope.branch') },
            { value: 'mine', label: t('collections.scope.mine') },
          ]}
          data-testid="collections-scope"
        />
        <Input.Search
          ref={keys.searchRef}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('collections.search')}
          style={{ width: 240 }}
        />
        {list.data && (
          <Typography.Text type="secondary" data-testid="collections-summary">
            {t('collections.summary', {
              n: list.data.total,
              amount: money(list.data.amountDueFen),
              raised: list.data.raised,
            })}
          </Typography.Text>
        )}
      </Space>
      <Table<CaseRow>
        rowKey="loanId"
        size="small"
        sticky
        data-testid="collections-table"
        dataSource={rows}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: t('collections.empty') }}
        pagination={false}
        rowClassName={(r, i) => [r.raised ? 'ld-case-raised' : '', keys.rowClassName(r, i)].filter(Boolean).join(' ')}
        onRow={(r, i) => ({
          onClick: () => setOpenId(r.loanId),
          onMouseEnter: () => keys.setIndex(i ?? -1),
          style: { cursor: 'pointer' },
          'data-loan': r.loanNumber,
          'data-raised': r.raised ? 'true' : 'false',
        })}
        columns={[
          {
            title: t('collections.col.loan'),
            dataIndex: 'loanNumber',
            width: 96,
            render: (v: string, r) => (
              <Space size={2} orientation="vertical">
                <span style={{ fontFamily: 'monospace' }}>{v}</span>
                {r.raised && (
                  <Tag color="orange" data-testid="case-raised">
                    {t('collections.raised')}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('collections.col.customer'), dataIndex: 'customerName', width: 92, ellipsis: true },
          {
            title: t('collections.col.phone'),
            dataIndex: 'customerPhoneMasked',
            width: 110,
            render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span>,
          },
          {
            title: t('collections.col.dpd'),
            dataIndex: 'dpd',
            width: 64,
            align: 'right',
            render: (v: number) => <Typography.Text type={v > 30 ? 'danger' : undefined}>{v}</Typography.Text>,
          },
          {
            title: t('collections.col.due'),
            dataIndex: 'amountDueFen',
            width: 108,
            align: 'right',
            render: (v: number) => <Money fen={v} strong />,
          },
          {
            title: t('collections.col.promise'),
            key: 'promise',
            width: 200,
            render: (_: unknown, r) => <PromiseCell promise={r.promise} />,
          },
          {
            title: t('collections.col.lastContact'),
            key: 'last',
            width: 160,
            ellipsis: true,
            render: (_: unknown, r) =>
              r.lastContact ? (
                <span>
                  {r.lastContact.date.slice(5)} · {t(`collections.kind.${r.lastContact.kind}` as MessageKey)} ·{' '}
                  {t(`collections.outcome.${r.lastContact.outcome}` as MessageKey)}
                </span>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('collections.col.next'),
            key: 'next',
            ellipsis: true,
            render: (_: unknown, r) => <NextActionText action={r.nextAction} short />,
          },
          { title: t('collections.col.officer'), dataIndex: 'officerName', width: 76, ellipsis: true },
          ...(can('collections.write')
            ? [
                {
                  title: '',
                  key: 'notice',
                  width: 96,
                  render: (_: unknown, r: CaseRow) => (
                    <Button
                      size="small"
                      type="link"
                      icon={<NotificationOutlined />}
                      title={t('documents.action.notice')}
                      onClick={(e) => {
                        e.stopPropagation();
                        setNoticeOf(r.loanId);
                      }}
                      data-testid="case-notice"
                    >
                      {t('documents.action.noticeShort')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {openId && <CaseDrawer loanId={openId} onClose={() => setOpenId(null)} />}
      {noticeOf && <NoticeDialog loanId={noticeOf} onClose={() => setNoticeOf(null)} />}
    </>
  );
}
