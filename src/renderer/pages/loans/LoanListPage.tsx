/** The compact loan list (贷款查询) for everyday lookup beside the 21-column loan
 *  ledger: status, customer, outstanding principal, next due date and days past due
 *  first, then the loan number and product. Searched, filtered, sorted and paged in
 *  the database through ledger.loans; the keyboard moves and opens rows. */
import { useEffect, useState } from 'react';
import { Input, Segmented, Space, Table, Typography } from 'antd';
import { tableSort } from './paging';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { productName } from '../../components/names';
import { useDebounced } from '../../components/useDebounced';
import { useListKeys } from '../../components/useListKeys';
import { loanHref, openLoan } from './hooks';
import { Money, StatusTag } from './parts';

type Input = Api['ledger.loans']['input'];
type Row = Api['ledger.loans']['output']['rows'][number];
type SortField = NonNullable<Input['sort']>['field'];
export const LOAN_LIST_PAGE_SIZE = 50;
const SORTABLE: SortField[] = ['customerName', 'outstandingPrincipalFen', 'dpd', 'number'];
const VIEWS = ['active', 'overdue', 'approved', 'all'] as const;
type View = (typeof VIEWS)[number];

/** What each view asks the database for. */
function viewFilter(view: View): Pick<Input, 'status' | 'overdueOnly'> {
  if (view === 'active') return { status: ['active'] };
  if (view === 'overdue') return { overdueOnly: true };
  if (view === 'approved') return { status: ['approved'] };
  return {};
}

export function LoanListPage() {
  const { t, language } = useI18n();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim(), 250);
  const [view, setView] = useState<View>('active');
  const [sort, setSort] = useState<NonNullable<Input['sort']>>({ field: 'dpd', order: 'desc' });
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [debounced, view]);
  const input: Input = {
    search: debounced || undefined,
    ...viewFilter(view),
    sort,
    limit: LOAN_LIST_PAGE_SIZE,
    offset: (page - 1) * LOAN_LIST_PAGE_SIZE,
  };
  const list = useApi('ledger.loans', input, { placeholderData: (previous) => previous });
  const keys = useListKeys(list.data?.rows, (r) => openLoan(r.id));
  const order = (field: SortField) =>
    sort.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const nowrap = { whiteSpace: 'nowrap' } as const;

  return (
    <div className="ld-page">
      <PageHeader title={t('loanList.title')} />
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          ref={keys.searchRef}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('ledger.searchHint')}
          style={{ width: 320 }}
          data-testid="loan-list-search"
        />
        <Segmented<View>
          value={view}
          onChange={setView}
          options={VIEWS.map((v) => ({ value: v, label: t(`loanList.view.${v}`) }))}
          data-testid="loan-list-view"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ledger.keysHint')}
        </Typography.Text>
      </Space>
      <Table<Row>
        rowKey="id"
        size="small"
        data-testid="loan-list"
        loading={list.isFetching}
        dataSource={list.data?.rows}
        rowClassName={keys.rowClassName}
        onRow={(r, i) => ({
          onClick: () => keys.setIndex(i ?? -1),
          onDoubleClick: () => openLoan(r.id),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('ledger.col.status'),
            dataIndex: 'status',
            width: 130,
            render: (v: string) => <StatusTag status={v} />,
          },
          {
            title: t('ledger.col.customer'),
            dataIndex: 'customerName',
            key: 'customerName',
            sorter: true,
            sortOrder: order('customerName'),
            // A long company name wraps (it is shown whole), the other columns do not.
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('loanList.outstanding'),
            dataIndex: 'outstandingPrincipalFen',
            key: 'outstandingPrincipalFen',
            align: 'right',
            sorter: true,
            sortOrder: order('outstandingPrincipalFen'),
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('loanList.nextDue'),
            dataIndex: 'nextDueDate',
            render: (v: string | null, r) => <span style={nowrap}>{(r.status === 'active' && v) || '—'}</span>,
          },
          {
            title: t('loanList.dpd'),
            dataIndex: 'dpd',
            key: 'dpd',
            align: 'right',
            sorter: true,
            sortOrder: order('dpd'),
            render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : '0'),
          },
          {
            title: t('ledger.col.number'),
            dataIndex: 'number',
            key: 'number',
            sorter: true,
            sortOrder: order('number'),
            render: (v: string, r) => (
              <a
                href={loanHref(r.id)}
                style={{ fontFamily: 'monospace', ...nowrap }}
                data-testid="loan-list-link"
                onClick={(e) => e.stopPropagation()}
              >
                {v}
              </a>
            ),
          },
          {
            title: t('ledger.col.product'),
            dataIndex: 'productName',
            ellipsis: true,
            render: (_: unknown, r) =>
              r.productName ? productName({ name: r.productName, nameEn: r.productNameEn }, language) : '—',
          },
        ]}
        pagination={{
          current: page,
          pageSize: LOAN_LIST_PAGE_SIZE,
          total: list.data?.totals.count ?? 0,
          showSizeChanger: false,
          size: 'small',
          showTotal: (n) => t('ledger.rows', { n }),
        }}
        onChange={(pagination, _filters, sorter) => {
          setSort(tableSort(sorter, SORTABLE) ?? { field: 'dpd', order: 'desc' });
          setPage(pagination.current ?? 1);
        }}
      />
    </div>
  );
}
