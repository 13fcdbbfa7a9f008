/** The disbursement ledger (放款台账) and the repayment ledger (还款台账): money
 *  movements booked in a date range, sorted and filtered in the window. */
import { useEffect, useMemo, useState } from 'react';
import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { loanHref, openLoan, type DateRange } from './hooks';
import { useListKeys } from '../../components/useListKeys';

import { LedgerTools, Money, RangeField } from './parts';
import { AllocationText, parseAllocation } from './allocation';

type Row = Api['ledger.transactions']['output']['rows'][number];
const LIMIT = 1000;
const KIND_COLOR: Record<string, string> = {
  disbursement: 'blue',
  repayment: 'green',
  reversal: 'red',
  recovery: 'purple',
};

const byString = (key: keyof Row) => (a: Row, b: Row) => String(a[key] ?? '').localeCompare(String(b[key] ?? ''));

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
  const kinds: Api['ledger.transactions']['input']['kinds'] =
    kind === 'disbursements' ? ['disbursement'] : ['repayment', 'reversal'];
  const list = useApi(
    'ledger.transactions',
    { kinds, range, limit: LIMIT, ...scope },
    { enabled: active, placeholderData: (previous) => previous },
  );
  const rows = list.data?.rows;
  const [visible, setVisible] = useState<Row[] | null>(null);
  // A new range remounts the table (key below), clearing its filters and sort.
  useEffect(() => setVisible(null), [rows]);
  const shown = visible ?? rows ?? [];
  const keys = useListKeys(shown, (r) => openLoan(r.loanId), { active });
  const totalFen = shown.reduce((sum, r) => sum + r.amountFen, 0);
  const truncated = !!list.data && list.data.totals.count > (rows?.length ?? 0);

  const columns = useMemo<ColumnsType<Row>>(() => {
    const cols: ColumnsType<Row> = [
      {
        title: t('ledger.col.bookedOn'),
        dataIndex: 'bookedOn',
        width: 96,
        sorter: byString('bookedOn'),
        defaultSortOrder: 'descend',
      },
      {
        title: t('ledger.col.valueDate'),
        dataIndex: 'valueDate',
        width: 96,
        sorter: byString('valueDate'),
        render: (v: string, r) => <span style={{ color: v < r.bookedOn ? '#d46b08' : undefined }}>{v}</span>,
      },
      {
        title: t('ledger.col.number'),
        dataIndex: 'loanNumber',
        width: 120,
        sorter: byString('loanNumber'),
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
        width: 100,
        sorter: byString('customerName'),
        ellipsis: true,
      },
      {
        title: t('ledger.col.kind'),
        dataIndex: 'kind',
        width: 80,
        filters: kinds.map((k) => ({ text: t(`loans.txKind.${k}`), value: k })),
        onFilter: (value, r) => r.kind === value,
        render: (v: string) => <Tag color={KIND_COLOR[v]}>{t(`loans.txKind.${v as 'repayment'}`)}</Tag>,
      },
      {
        title: t('ledger.col.amount'),
        dataIndex: 'amountFen',
        width: 130,
        align: 'right',
        sorter: (a, b) => a.amountFen - b.amountFen,
        render: (v: number, r) => (
          <span style={{ textDecoration: r.reversedById ? 'line-through' : undefined }}>
            <Money fen={v} />
          </span>
        ),
      },
      {
        title: t('ledger.col.channel'),
        dataIndex: 'channel',
        width: 110,
        filters: (['bank', 'cash'] as const).map((c) => ({ text: t(`loans.channel.${c}`), value: c })),
        onFilter: (value, r) => r.channel === value,
        render: (v: string | null) => (v ? t(`loans.channel.${v as 'bank'}`) : '—'),
      },
    ];
    if (kind === 'disbursements') {
      // The receiving account (masked) and the bank's reference: what a bank
      // statement line is matched by.
      cols.push(
        {
          title: t('ledger.col.account'),
          dataIndex: 'counterpartyAccount',
          width: 150,
          render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
        },
        {
          title: t('ledger.col.transferRef'),
          dataIndex: 'transferRef',
          width: 170,
          sorter: byString('transferRef'),
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
        width: 80,
        sorter: byString('actorName'),
        ellipsis: true,
        render: (v: string | null) => v ?? '—',
      },
      { title: t('ledger.col.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '' },
    );
    return cols;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, kind]);

  return (
    <>
      <div
        className="ld-no-print"
        style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8, gap: 8, flexWrap: 'wrap' }}
      >
        <Space wrap>
          <RangeField value={range} onChange={onRange} businessDate={businessDate} testId={`ledger-range-${kind}`} />
          {truncated && (
            <Typography.Text type="warning">
              {t('ledger.rowsShown', { shown: rows?.length ?? 0, n: list.data?.totals.count ?? 0 })}
            </Typography.Text>
          )}
        </Space>
        <LedgerTools kind={kind} range={range} filter={{ scope }} />
      </div>
      <Table<Row>
        key={`${range.from}_${range.to}`}
        rowKey="id"
        size="small"
        sticky
        bordered
        data-testid={`ledger-table-${kind}`}
        className="ld-print-mid"
        loading={list.isFetching}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        rowClassName={keys.rowClassName}
        onRow={(r, i) => ({
          onClick: () => keys.setIndex(i ?? -1),
          onDoubleClick: () => openLoan(r.loanId),
          style: { cursor: 'pointer' },
        })}
        onChange={(_p, _f, _s, extra) => setVisible(extra.currentDataSource)}
        pagination={{ pageSize: 100, showSizeChanger: false, size: 'small', showTotal: (n) => t('ledger.rows', { n }) }}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0} colSpan={5}>
                <span data-testid={`ledger-totals-${kind}`}>
                  {t('ledger.total')} · {t('ledger.rows', { n: shown.length })}
                </span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                <Money fen={totalFen} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} colSpan={kind === 'repayments' ? 4 : 5} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}
