/** The customer file: a dense, server-paged table with identifiers masked, search
 *  (name, number, last 4 of phone or ID; "/" focuses it), kind filter, watch-list
 *  flag; register, import and the watch list for roles that may write. */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Input, Segmented, Space, Table, Tag } from 'antd';
import { BankOutlined, ImportOutlined, SafetyOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useListKeys } from '../../components/useListKeys';
import { LIST_SORT_FIELDS } from '../../../contract/schemas/customers';
import { useCan } from '../../api/session';
import { RegisterBusinessDialog, RegisterPersonDialog } from './RegisterDialogs';
import { CustomerDrawer } from './CustomerDrawer';
import { ImportDialog } from './ImportDialog';
import { WatchlistDialog } from './WatchlistDialog';
import { WatchlistFlag } from './WatchlistHits';
import { formatDate } from '../../components/dates';

type Row = Api['customers.list']['output']['rows'][number];
type ListInput = Api['customers.list']['input'];
type SortField = (typeof LIST_SORT_FIELDS)[number];
type Dialog = 'person' | 'business' | 'import' | 'watchlist' | null;

const PAGE_SIZE = 50;

export function CustomersPage() {
  const { t, money } = useI18n();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState<ListInput>({ limit: PAGE_SIZE, offset: 0, sort: 'number', order: 'desc' });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useApi('customers.list', query, { placeholderData: (previous) => previous });
  const keys = useListKeys(list.data?.rows, (r) => setOpenId(r.id), { active: dialog === null && openId === null });

  // Debounced search: the list follows typing without a call per key.
  useEffect(() => {
    const timer = setTimeout(() => setQuery((q) => ({ ...q, search: search.trim() || undefined, offset: 0 })), 250);
    return () => clearTimeout(timer);
  }, [search]);

  const sortOrder = (field: SortField) =>
    query.sort === field ? (query.order === 'asc' ? 'ascend' : 'descend') : null;
  const mono = { fontFamily: 'monospace' } as const;
  const writer = can('customers.write');

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        extra={
          writer && (
            <Space>
              <Button
                type="primary"
                icon={<UserAddOutlined />}
                onClick={() => setDialog('person')}
                data-testid="customer-register"
              >
                {t('customers.registerPerson')}
              </Button>
              <Button icon={<BankOutlined />} onClick={() => setDialog('business')}>
                {t('customers.registerBusiness')}
              </Button>
              <Button icon={<ImportOutlined />} onClick={() => setDialog('import')} data-testid="customer-import">
                {t('customers.import.title')}
              </Button>
              <Button icon={<SafetyOutlined />} onClick={() => setDialog('watchlist')}>
                {t('customers.watchlist.title')}
              </Button>
            </Space>
          )
        }
      />
      <Space style={{ marginBottom: 8 }} wrap>
        <Input.Search
          ref={keys.searchRef}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('customers.searchHint')}
          style={{ width: 320 }}
          data-testid="customer-search"
        />
        <Segmented
          value={query.kind ?? 'all'}
          onChange={(v) => setQuery((q) => ({ ...q, kind: v === 'all' ? undefined : (v as Row['kind']), offset: 0 }))}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'person', label: t('customers.kind.person') },
            { value: 'business', label: t('customers.kind.business') },
          ]}
        />
        <Checkbox
          checked={query.watchlistOnly ?? false}
          onChange={(e) => setQuery((q) => ({ ...q, watchlistOnly: e.target.checked || undefined, offset: 0 }))}
        >
          {t('customers.watchlistOnly')}
        </Checkbox>
      </Space>
      <Table<Row>
        rowKey="id"
        size="small"
        sticky
        data-testid="customers-table"
        loading={list.isFetching}
        dataSource={list.data?.rows}
        rowClassName={keys.rowClassName}
        onRow={(r, i) => ({
          onClick: () => setOpenId(r.id),
          onMouseEnter: () => keys.setIndex(i ?? -1),
          style: { cursor: 'pointer' },
        })}
        pagination={{
          current: Math.floor((query.offset ?? 0) / PAGE_SIZE) + 1,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          size: 'small',
          showTotal: (total) => t('customers.total', { n: total }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const field = (LIST_SORT_FIELDS as readonly string[]).includes(String(s?.field))
            ? (s!.field as SortField)
            : 'number';
          setQuery((q) => ({
            ...q,
            sort: s?.order ? field : 'number',
            order: s?.order === 'ascend' ? 'asc' : 'desc',
            offset: ((pagination.current ?? 1) - 1) * PAGE_SIZE,
          }));
        }}
        columns={[
          {
            title: t('customers.field.number'),
            dataIndex: 'number',
            width: 100,
            sorter: true,
            sortOrder: sortOrder('number'),
            render: (v: string) => <span style={mono}>{v}</span>,
          },
          {
            title: t('customers.field.name'),
            dataIndex: 'name',
            width: 200,
            sorter: true,
            sortOrder: sortOrder('name'),
            render: (v: string, r) => (
              <Space size={4}>
                {v}
                <WatchlistFlag flag={r.watchlistFlag} />
              </Space>
            ),
          },
          {
            title: t('customers.field.kind'),
            dataIndex: 'kind',
            width: 80,
            render: (k: Row['kind']) => (
              <Tag color={k === 'person' ? 'blue' : 'purple'}>{t(`customers.kind.${k}`)}</Tag>
            ),
          },
          {
            title: t('customers.field.idOrCode'),
            width: 190,
            render: (_, r) => <span style={mono}>{r.kind === 'person' ? r.residentIdMasked : r.creditCode}</span>,
          },
          {
            title: t('customers.field.phone'),
            dataIndex: 'phoneMasked',
            width: 120,
            render: (v: string | null) => <span style={mono}>{v ?? '—'}</span>,
          },
          {
            title: t('customers.field.age'),
            dataIndex: 'age',
            width: 60,
            align: 'right',
            render: (v: number | null) => v ?? '',
          },
          {
            title: t('customers.field.monthlyIncome'),
            dataIndex: 'monthlyIncomeFen',
            width: 130,
            align: 'right',
            sorter: true,
            sortOrder: sortOrder('monthlyIncomeFen'),
            render: (v: number | null) => (v === null ? '' : money(v)),
          },
          {
            title: t('customers.field.employer'),
            dataIndex: 'employer',
            ellipsis: true,
            render: (v: string | null, r) => v ?? r.industry ?? '',
          },
          {
            title: t('customers.field.createdAt'),
            dataIndex: 'createdAt',
            width: 110,
            sorter: true,
            sortOrder: sortOrder('createdAt'),
            render: (v: string) => formatDate(v),
          },
        ]}
      />
      {openId && <CustomerDrawer customerId={openId} onClose={() => setOpenId(null)} />}
      <RegisterPersonDialog open={dialog === 'person'} onClose={() => setDialog(null)} />
      <RegisterBusinessDialog open={dialog === 'business'} onClose={() => setDialog(null)} />
      <ImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} />
      <WatchlistDialog open={dialog === 'watchlist'} onClose={() => setDialog(null)} />
    </>
  );
}
