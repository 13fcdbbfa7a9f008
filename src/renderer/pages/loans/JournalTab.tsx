/** The general ledger (总账): journal lines in a date range, by account (a parent
 *  code includes its sub-accounts), one page at a time, sorted in the database
 *  (paging.ts), with the debit and credit totals of the whole filter. */
import { useMemo, useState } from 'react';
import { Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { accountByCode, CHART_OF_ACCOUNTS } from '../../../core/posting/accounts';
import { categoryMemo } from '../../../core/posting/categories';
import { loanHref, openLoan, type DateRange } from './hooks';
import { useListKeys } from '../../components/useListKeys';

import { LedgerTools, Money, RangeField, LedgerToolbar } from './parts';
import { pager, tableBody, tableSort, usePaging } from './paging';

type Input = Api['ledger.journal']['input'];
type Row = Api['ledger.journal']['output']['rows'][number];
type Sort = NonNullable<Input['sort']>;
const SORT_FIELDS: Sort['field'][] = ['postingDate', 'accountCode', 'debitFen', 'creditFen'];
const TABLE_WIDTH = 1150;

export function useAccountName(): (code: string) => string {
  const { language } = useI18n();
  return (code) => {
    const account = accountByCode(code);
    return account ? (language === 'en' ? account.nameEn : account.nameZh) : '';
  };
}

/** An account's code and its name in the language shown. */
export function AccountCell({ code }: { code: string }) {
  const accountName = useAccountName();
  return (
    <span>
      <span style={{ fontFamily: 'monospace' }}>{code}</span> {accountName(code)}
    </span>
  );
}

export function JournalTab({
  active,
  range,
  onRange,
  accountCode,
  onAccount,
  businessDate,
}: {
  active: boolean;
  range: DateRange;
  onRange: (r: DateRange) => void;
  accountCode: string | undefined;
  onAccount: (code: string | undefined) => void;
  businessDate: string;
}) {
  const { t, language } = useI18n();
  const accountName = useAccountName();
  const [sort, setSort] = useState<Sort | undefined>(undefined);
  const paging = usePaging([range, accountCode, sort]);
  const list = useApi(
    'ledger.journal',
    { range, accountCode, sort, limit: paging.limit, offset: paging.offset },
    { enabled: active, placeholderData: (previous) => previous },
  );
  const body = tableBody(paging.pageSize, TABLE_WIDTH);
  const sortOrder = (field: Sort['field']) =>
    sort?.field === field ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const rows = list.data?.rows;
  const totals = list.data?.totals;
  const keys = useListKeys(rows, (r) => r.loanId && openLoan(r.loanId, 'journal'), { active });

  const columns = useMemo<ColumnsType<Row>>(
    () => [
      {
        title: t('ledger.col.postingDate'),
        dataIndex: 'postingDate',
        key: 'postingDate',
        width: 96,
        sorter: true,
        sortOrder: sortOrder('postingDate'),
      },
      { title: t('ledger.col.valueDate'), dataIndex: 'valueDate', width: 96 },
      {
        title: t('ledger.col.account'),
        dataIndex: 'accountCode',
        key: 'accountCode',
        width: 190,
        sorter: true,
        sortOrder: sortOrder('accountCode'),
        render: (v: string) => <AccountCell code={v} />,
      },
      {
        title: t('ledger.col.debit'),
        dataIndex: 'debitFen',
        key: 'debitFen',
        width: 120,
        align: 'right',
        sorter: true,
        sortOrder: sortOrder('debitFen'),
        render: (v: number) => (v ? <Money fen={v} /> : ''),
      },
      {
        title: t('ledger.col.credit'),
        dataIndex: 'creditFen',
        key: 'creditFen',
        width: 120,
        align: 'right',
        sorter: true,
        sortOrder: sortOrder('creditFen'),
        render: (v: number) => (v ? <Money fen={v} /> : ''),
      },
      {
        title: t('ledger.col.number'),
        dataIndex: 'loanNumber',
        width: 120,
        render: (v: string | null, r) =>
          r.loanId ? (
            <a
              href={loanHref(r.loanId, 'journal')}
              style={{ fontFamily: 'monospace' }}
              onClick={(e) => e.stopPropagation()}
              data-testid="ledger-loan-link"
            >
              {v ?? r.loanId.slice(0, 8)}
            </a>
          ) : (
            '—'
          ),
      },
      {
        title: t('ledger.col.memo'),
        dataIndex: 'kind',
        ellipsis: true,
        render: (_: string, r) => categoryMemo(r.kind, r.adjustment, language),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, language, sort],
  );

  return (
    <>
      <LedgerToolbar>
        <Space wrap>
          <RangeField value={range} onChange={onRange} businessDate={businessDate} testId="ledger-range-journal" />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('ledger.allAccounts')}
            value={accountCode}
            onChange={(v: string | undefined) => onAccount(v)}
            style={{ width: 280 }}
            data-testid="ledger-journal-account"
            options={CHART_OF_ACCOUNTS.map((a) => ({ value: a.code, label: `${a.code} ${accountName(a.code)}` }))}
          />
        </Space>
        <LedgerTools kind="journal" range={range} filter={{ accountCode }} />
      </LedgerToolbar>
      <div className="ld-print-only" style={{ marginBottom: 4 }}>
        {accountCode ? `${t('ledger.account')}: ${accountCode} ${accountName(accountCode)}` : t('ledger.allAccounts')} ·{' '}
        {range.from} – {range.to}
      </div>
      <Table<Row>
        rowKey={(r) => `${r.entryId}|${r.accountCode}`}
        size="small"
        sticky
        bordered
        data-testid="ledger-table-journal"
        className="ld-print-mid"
        loading={list.isFetching}
        dataSource={rows}
        columns={columns}
        virtual={body.virtual}
        scroll={body.scroll}
        rowClassName={keys.rowClassName}
        onRow={(r, i) => ({
          onClick: () => keys.setIndex(i ?? -1),
          onDoubleClick: () => r.loanId && openLoan(r.loanId, 'journal'),
        })}
        onChange={(pagination, _filters, sorter) => {
          const next: Sort | undefined = tableSort(sorter, SORT_FIELDS);
          if (JSON.stringify(next) !== JSON.stringify(sort)) setSort(next);
          paging.setPage(pagination.current ?? 1, pagination.pageSize ?? paging.pageSize);
        }}
        pagination={pager(paging, totals?.count ?? 0, (n) => t('ledger.rows', { n }))}
        summary={() =>
          totals && (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                <Table.Summary.Cell index={0} colSpan={3}>
                  <span data-testid="ledger-totals-journal">
                    {t('ledger.total')} · {t('ledger.rows', { n: totals.count })}
                  </span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <span data-testid="ledger-journal-debit-total">
                    <Money fen={totals.debitFen} strong />
                  </span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <span data-testid="ledger-journal-credit-total">
                    <Money fen={totals.creditFen} strong />
                  </span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} colSpan={2} />
              </Table.Summary.Row>
            </Table.Summary>
          )
        }
      />
    </>
  );
}
