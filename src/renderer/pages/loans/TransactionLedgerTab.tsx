/** The disbursement ledger (放款台账) and the repayment ledger (还款台账): money
 *  movements booked in a date range, one page at a time, sorted and filtered in the
 *  database (paging.ts), with the count and amount of the whole filter. */
import { useMemo, useState } from 'react';
import { Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { loanHref, openLoan, type DateRange } from './hooks';
import { useListKeys } from '../../components/useListKeys';

import { LedgerTools, Money, RangeField, LedgerToolbar } from './parts';
import { AllocationText, parseAllocation } from './allocation';
import { pager, tableBody, tableSort, usePaging } from './paging';

type Input = Api['ledger.transactions']['input'];
type Row = Api['ledger.transactions']['output']['rows'][number];
type Sort = NonNullable<Input['sort']>;
type Kind = Input['kinds'][number];
type Channel = NonNullable<Input['channels']>[number];
const SORT_FIELDS: Sort['field'][] = [
  'bookedOn',
  'valueDate',
  'loanNumber',
  'customerName',
  'amountFen',
  'transferRef',
  'actorName',
];
const NEWEST_FIRST: Sort = { field: 'bookedOn', order: 'desc' };
/** The columns' widths added (the note takes the rest): a virtual body needs it. */
const TABLE_WIDTH = 1400;
const KIND_COLOR: Record<string, string> = {
  disbursement: 'blue',
  repayment: 'green',
  reversal: 'red',
  recovery: 'purple',
};

export function TransactionLedgerTab({
  kind,
  active,
  range,
  onRange,
  businessDate,
  scope = {},
}: {
  kind: 'disbursements' | 'repayments';
  active: boolean;
  range: DateRange;
  onRange: (r: DateRange) => void;
  businessDate: string;
  /** Only the loans of this branch, product or officer (a dashboard's drill-down). */
  scope?: { branchId?: string; productId?: string; officerId?: string };
}) {
  const { t } = useI18n();
  const kinds: Kind[] = kind === 'disbursements' ? ['disbursement'] : ['repayment', 'reversal'];
  const [sort, setSort] = useState<Sort>(NEWEST_FIRST);
  const [kindFilter, setKindFilter] = useState<Kind[]>([]);
  const [channels, setChannels] = useState<Channel[]>([]);
  const paging = usePaging([range, scope, sort, kindFilter, channels]);
  const input: Input = {
    kinds: kindFilter.length ? kindFilter : kinds,
    range,
    channels: channels.length ? channels : undefined,
    sort,
    limit: paging.limit,
    offset: paging.offset,
    ...scope,
  };
  const list = useApi('ledger.transactions', input, { enabled: active, placeholderData: (previous) => previous });
  const rows = list.data?.rows;
  const totals = list.data?.totals;
  const keys = useListKeys(rows, (r) => openLoan(r.loanId), { active });
  const sortOrder = (field: Sort['field']) =>
    sort.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const body = tableBody(paging.pageSize, TABLE_WIDTH, 'max-content');

  const columns = useMemo<ColumnsType<Row>>(() => {
    const cols: ColumnsType<Row> = [
      {
        title: t('ledger.col.bookedOn'),
        dataIndex: 'bookedOn',
        key: 'bookedOn',
        width: 96,
        sorter: true,
        sortOrder: sortOrder('bookedOn'),
      },
      {
        title: t('ledger.col.valueDate'),
        dataIndex: 'valueDate',
        key: 'valueDate',
        width: 96,
        sorter: true,
        sortOrder: sortOrder('valueDate'),
        render: (v: string, r) => <span style={{ color: v < r.bookedOn ? '#d46b08' : undefined }}>{v}</span>,
      },
      {
        title: t('ledger.col.number'),
        dataIndex: 'loanNumber',
        key: 'loanNumber',
        width: 120,
        sorter: true,
        sortOrder: sortOrder('loanNumber'),
        render: (v: string | null, r) => (
          <a
            href={loanHref(r.loanId, 'transactions')}
            style={{ fontFamily: 'monospace' }}
            onClick={(e) => e.stopPropagation()}
            data-testid="ledger-loan-link"
          >
            {v ?? r.loanId.slice(0, 8)}
          </a>
        ),
      },
      {
        title: t('ledger.col.customer'),
        dataIndex: 'customerName',
        key: 'customerName',
        width: 100,
        sorter: true,
        sortOrder: sortOrder('customerName'),
        ellipsis: true,
      },
      {
        title: t('ledger.col.kind'),
        dataIndex: 'kind',
        key: 'kind',
        width: 80,
        filters: kinds.length > 1 ? kinds.map((k) => ({ text: t(`loans.txKind.${k}`), value: k })) : undefined,
        filteredValue: kindFilter,
        render: (v: string) => <Tag color={KIND_COLOR[v]}>{t(`loans.txKind.${v as 'repayment'}`)}</Tag>,
      },
      {
        title: t('ledger.col.amount'),
        dataIndex: 'amountFen',
        key: 'amountFen',
        width: 130,
        align: 'right',
        sorter: true,
        sortOrder: sortOrder('amountFen'),
        render: (v: number, r) => (
          <span style={{ textDecoration: r.reversedById ? 'line-through' : undefined }}>
            <Money fen={v} />
          </span>
        ),
      },
      {
        title: t('ledger.col.channel'),
        dataIndex: 'channel',
        key: 'channel',
        width: 110,
        filters: (['bank', 'cash'] as const).map((c) => ({ text: t(`loans.channel.${c}`), value: c })),
        filteredValue: channels,
        render: (v: string | null) => (v ? t(`loans.channel.${v as 'bank'}`) : '—'),
      },
    ];
    if (kind === 'disbursements') {
      // The receiving account (masked) and the bank's reference: what a bank
      // statement line is matched by.
      cols.push(
        {
          title: t('ledger.col.receivingAccount'),
          dataIndex: 'counterpartyAccount',
          width: 150,
          render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
        },
        {
          title: t('ledger.col.transferRef'),
          dataIndex: 'transferRef',
          key: 'transferRef',
          width: 170,
          sorter: true,
          sortOrder: sortOrder('transferRef'),
          render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
        },
      );
    }
    if (kind === 'repayments') {
      cols.push({
        title: t('ledger.col.allocation'),
        dataIndex: 'allocationJson',
        width: 300,
        render: (v: string | null) => <AllocationText allocation={parseAllocation(v)} />,
      });
    }
    cols.push(
      {
        title: t('ledger.col.actor'),
        dataIndex: 'actorName',
        key: 'actorName',
        width: 80,
        sorter: true,
        sortOrder: sortOrder('actorName'),
        ellipsis: true,
        render: (v: string | null) => v ?? '—',
      },
      { title: t('ledger.col.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    );
    return cols;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, kind, sort, kindFilter, channels]);

  return (
    <>
      <LedgerToolbar>
        <Space wrap>
          <RangeField value={range} onChange={onRange} businessDate={businessDate} testId={`ledger-range-${kind}`} />
        </Space>
        <LedgerTools kind={kind} range={range} filter={{ scope }} />
      </LedgerToolbar>
      <Table<Row>
        rowKey="id"
        size="small"
        sticky
        bordered
        data-testid={`ledger-table-${kind}`}
        className="ld-print-mid"
        loading={list.isFetching}
        dataSource={rows}
        columns={columns}
        virtual={body.virtual}
        scroll={body.scroll}
        rowClassName={keys.rowClassName}
        onRow={(r, i) => ({
          onClick: () => keys.setIndex(i ?? -1),
          onDoubleClick: () => openLoan(r.loanId),
          style: { cursor: 'pointer' },
        })}
        onChange={(pagination, tableFilters, sorter) => {
          const next: Sort = tableSort(sorter, SORT_FIELDS) ?? NEWEST_FIRST;
          const nextKinds = (tableFilters.kind as Kind[] | null) ?? [];
          const nextChannels = (tableFilters.channel as Channel[] | null) ?? [];
          if (JSON.stringify(next) !== JSON.stringify(sort)) setSort(next);
          if (JSON.stringify(nextKinds) !== JSON.stringify(kindFilter)) setKindFilter(nextKinds);
          if (JSON.stringify(nextChannels) !== JSON.stringify(channels)) setChannels(nextChannels);
          paging.setPage(pagination.current ?? 1, pagination.pageSize ?? paging.pageSize);
        }}
        pagination={pager(paging, totals?.count ?? 0, (n) => t('ledger.rows', { n }))}
        summary={() =>
          totals && (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                <Table.Summary.Cell index={0} colSpan={5}>
                  <span data-testid={`ledger-totals-${kind}`}>
                    {t('ledger.total')} · {t('ledger.rows', { n: totals.count })}
                  </span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <Money fen={totals.amountFen} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} colSpan={kind === 'repayments' ? 4 : 5} />
              </Table.Summary.Row>
            </Table.Summary>
          )
        }
      />
    </>
  );
}
