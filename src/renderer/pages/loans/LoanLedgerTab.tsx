/** The loan ledger (贷款台账) and the overdue ledger (逾期台账): one row per loan,
 *  server-side filters, sort and paging (paging.ts), totals over the whole filter. */
import { useMemo, useState } from 'react';
import { Checkbox, Input, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { productName } from '../../components/names';
import { loanHref, openLoan, type DateRange } from './hooks';
import { useListKeys } from '../../components/useListKeys';

import { useDebounced } from '../../components/useDebounced';
import {
  BUCKETS,
  BucketTag,
  CLASSIFICATIONS,
  ClassTag,
  LedgerTools,
  LOAN_STATUSES,
  Money,
  StatusTag,
  type Bucket,
  type Classification,
  type LoanStatus,
  LedgerToolbar,
} from './parts';
import { formatPercent } from '../../components/percent';
import { pager, tableBody, tableSort, usePaging } from './paging';

type Input = Api['ledger.loans']['input'];
type Row = Api['ledger.loans']['output']['rows'][number];
type SortField = NonNullable<Input['sort']>['field'];
const SORT_FIELDS: SortField[] = [
  'number',
  'disbursedOn',
  'principalFen',
  'outstandingPrincipalFen',
  'dpd',
  'customerName',
];
/** The columns' widths added (a virtual body needs it). */
const TABLE_WIDTH = 2400;

export function LoanLedgerTab({
  overdue,
  active,
  businessDate,
  scope = {},
  initialFilters = {},
}: {
  overdue: boolean;
  active: boolean;
  businessDate: string;
  /** Only the loans of this branch, product or officer (a dashboard's drill-down). */
  scope?: { branchId?: string; productId?: string; officerId?: string };
  initialFilters?: { status?: LoanStatus[]; bucket?: Bucket[]; classification?: Classification[] };
}) {
  const { t, language } = useI18n();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim(), 250);
  const [filters, setFilters] = useState<{
    status?: LoanStatus[];
    bucket?: Bucket[];
    classification?: Classification[];
  }>(initialFilters);
  const [sort, setSort] = useState<NonNullable<Input['sort']>>(
    overdue ? { field: 'dpd', order: 'desc' } : { field: 'number', order: 'desc' },
  );
  const [overdueOnly, setOverdueOnly] = useState(overdue);
  const paging = usePaging([debounced, filters, overdueOnly, sort, scope]);
  const body = tableBody(paging.pageSize, TABLE_WIDTH, 'max-content');
  const input: Input = {
    search: debounced || undefined,
    status: filters.status?.length ? filters.status : undefined,
    bucket: filters.bucket?.length ? filters.bucket : undefined,
    classification: filters.classification?.length ? filters.classification : undefined,
    overdueOnly: overdueOnly || undefined,
    ...scope,
    sort,
    limit: paging.limit,
    offset: paging.offset,
  };
  const list = useApi('ledger.loans', input, { placeholderData: (previous) => previous, enabled: active });
  const keys = useListKeys(list.data?.rows, (r) => openLoan(r.id), { active });
  const kind = overdue ? 'overdue' : 'loans';
  const range: DateRange = { from: businessDate, to: businessDate };
  const totals = list.data?.totals;

  const sortOrder = (field: SortField) =>
    sort.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const mono = { fontFamily: 'monospace' } as const;
  const columns = useMemo<ColumnsType<Row>>(
    () => [
      {
        title: t('ledger.col.number'),
        dataIndex: 'number',
        key: 'number',
        width: 120,
        fixed: 'left',
        sorter: true,
        sortOrder: sortOrder('number'),
        render: (v: string, r) => (
          <a href={loanHref(r.id)} style={mono} data-testid="ledger-loan-link" onClick={(e) => e.stopPropagation()}>
            {v}
          </a>
        ),
      },
      {
        title: t('ledger.col.customer'),
        dataIndex: 'customerName',
        key: 'customerName',
        width: 100,
        fixed: 'left',
        sorter: true,
        sortOrder: sortOrder('customerName'),
        ellipsis: true,
      },
      {
        title: t('ledger.col.residentId'),
        dataIndex: 'customerResidentId',
        width: 170,
        render: (v: string | null) => <span style={{ ...mono, fontSize: 12, whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
      },
      {
        title: t('ledger.col.product'),
        dataIndex: 'productName',
        width: 110,
        ellipsis: true,
        // The product's name in the window's language (its English name in English).
        render: (v: string | null, r) => (v ? productName({ name: v, nameEn: r.productNameEn }, language) : '—'),
      },
      {
        title: t('ledger.col.principal'),
        dataIndex: 'principalFen',
        key: 'principalFen',
        width: 120,
        align: 'right',
        sorter: true,
        sortOrder: sortOrder('principalFen'),
        render: (v: number) => <Money fen={v} />,
      },
      {
        title: t('ledger.col.rate'),
        dataIndex: 'rateAnnual',
        width: 72,
        align: 'right',
        render: (v: string) => formatPercent(v),
      },
      {
        title: t('ledger.col.annualizedRate'),
        dataIndex: 'annualizedRate',
        width: 96,
        align: 'right',
        render: (v: string) => <strong>{formatPercent(v)}</strong>,
      },
      { title: t('ledger.col.periods'), dataIndex: 'periods', width: 66, align: 'right' },
      {
        title: t('ledger.col.method'),
        dataIndex: 'method',
        width: 96,
        ellipsis: true,
        render: (v: string) => t(`loans.method.${v as 'annuity'}`),
      },
      {
        title: t('ledger.col.disbursedOn'),
        dataIndex: 'disbursedOn',
        key: 'disbursedOn',
        width: 108,
        sorter: true,
        sortOrder: sortOrder('disbursedOn'),
        render: (v: string | null) => v ?? '—',
      },
      {
        title: t('ledger.col.maturity'),
        dataIndex: 'maturityDate',
        width: 100,
        render: (v: string | null) => v ?? '—',
      },
      {
        title: t('ledger.col.outstandingPrincipal'),
        dataIndex: 'outstandingPrincipalFen',
        key: 'outstandingPrincipalFen',
        width: 120,
        align: 'right',
        sorter: true,
        sortOrder: sortOrder('outstandingPrincipalFen'),
        render: (v: number, r) => (
          <a href={loanHref(r.id, 'journal')} onClick={(e) => e.stopPropagation()} title={t('loans.tab.journal')}>
            <Money fen={v} />
          </a>
        ),
      },
      {
        title: t('ledger.col.accruedInterest'),
        dataIndex: 'accruedInterestFen',
        width: 104,
        align: 'right',
        render: (v: number) => <Money fen={v} />,
      },
      {
        title: t('ledger.col.penalty'),
        dataIndex: 'penaltyFen',
        width: 100,
        align: 'right',
        render: (v: number) => <Money fen={v} />,
      },
      {
        title: t('ledger.col.dpd'),
        dataIndex: 'dpd',
        key: 'dpd',
        width: 96,
        align: 'right',
        sorter: true,
        sortOrder: sortOrder('dpd'),
        render: (v: number) => (
          <span style={{ color: v > 0 ? '#cf1322' : undefined, fontWeight: v > 0 ? 600 : undefined }}>{v}</span>
        ),
      },
      {
        title: t('ledger.col.bucket'),
        dataIndex: 'bucket',
        key: 'bucket',
        width: 84,
        filters: BUCKETS.map((b) => ({ text: b, value: b })),
        filteredValue: filters.bucket ?? null,
        render: (v: string) => <BucketTag value={v} />,
      },
      {
        title: t('ledger.col.classification'),
        dataIndex: 'classification',
        key: 'classification',
        width: 110,
        filters: CLASSIFICATIONS.map((c) => ({ text: t(`loans.class.${c}`), value: c })),
        filteredValue: filters.classification ?? null,
        render: (v: string) => <ClassTag value={v} />,
      },
      {
        title: t('ledger.col.provision'),
        dataIndex: 'provisionFen',
        width: 100,
        align: 'right',
        render: (v: number) => <Money fen={v} />,
      },
      {
        title: t('ledger.col.officer'),
        dataIndex: 'officerName',
        width: 80,
        ellipsis: true,
        render: (v: string | null) => v ?? '—',
      },
      {
        title: t('ledger.col.status'),
        dataIndex: 'status',
        key: 'status',
        width: 120,
        filters: LOAN_STATUSES.map((s) => ({ text: t(`loans.status.${s}`), value: s })),
        filteredValue: filters.status ?? null,
        render: (v: string) => <StatusTag status={v} />,
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, language, sort, filters],
  );

  return (
    <>
      <LedgerToolbar>
        <Space wrap>
          <Input.Search
            ref={keys.searchRef}
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('ledger.searchHint')}
            style={{ width: 320 }}
            data-testid={`ledger-search-${kind}`}
          />
          {!overdue && (
            <Checkbox
              checked={overdueOnly}
              onChange={(e) => setOverdueOnly(e.target.checked)}
              data-testid="ledger-overdue-only"
            >
              {t('ledger.overdueOnly')}
            </Checkbox>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ledger.keysHint')}
          </Typography.Text>
        </Space>
        <LedgerTools
          kind={kind}
          range={range}
          filter={{
            loanFilter: {
              search: input.search,
              status: input.status,
              bucket: input.bucket,
              classification: input.classification,
              overdueOnly: input.overdueOnly,
              ...scope,
              sort,
            },
          }}
        />
      </LedgerToolbar>
      <Table<Row>
        rowKey="id"
        size="small"
        sticky
        bordered
        data-testid={`ledger-table-${kind}`}
        className="ld-print-wide"
        loading={list.isFetching}
        dataSource={list.data?.rows}
        columns={columns}
        virtual={body.virtual}
        scroll={body.scroll}
        rowClassName={keys.rowClassName}
        onRow={(r, i) => ({
          onClick: () => keys.setIndex(i ?? -1),
          onDoubleClick: () => openLoan(r.id),
          style: { cursor: 'pointer' },
        })}
        pagination={pager(paging, totals?.count ?? 0, (n) => t('ledger.rows', { n }))}
        onChange={(pagination, tableFilters, sorter) => {
          setSort(
            tableSort(sorter, SORT_FIELDS) ??
              (overdue ? { field: 'dpd', order: 'desc' } : { field: 'number', order: 'desc' }),
          );
          setFilters({
            status: (tableFilters.status as LoanStatus[] | null) ?? undefined,
            bucket: (tableFilters.bucket as Bucket[] | null) ?? undefined,
            classification: (tableFilters.classification as Classification[] | null) ?? undefined,
          });
          paging.setPage(pagination.current ?? 1, pagination.pageSize ?? paging.pageSize);
        }}
        summary={() =>
          totals && (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <span data-testid={`ledger-totals-${kind}`}>
                    {t('ledger.total')} · {t('ledger.rows', { n: totals.count })}
                  </span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} colSpan={2} />
                <Table.Summary.Cell index={4} align="right">
                  <Money fen={totals.principalFen} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} colSpan={6} />
                <Table.Summary.Cell index={11} align="right">
                  <Money fen={totals.outstandingPrincipalFen} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={12} align="right">
                  <Money fen={totals.accruedInterestFen} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={13} align="right">
                  <Money fen={totals.penaltyFen} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={14} colSpan={3} />
                <Table.Summary.Cell index={17} align="right">
                  <Money fen={totals.provisionFen} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={18} colSpan={2} />
              </Table.Summary.Row>
            </Table.Summary>
          )
        }
      />
    </>
  );
}
