/** The general ledger (总账): journal lines in a date range, by account (a parent
 *  code includes its sub-accounts), with debit and credit totals. */
import { useMemo } from 'react';
import { Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { accountByCode, CHART_OF_ACCOUNTS } from '../../../core/posting/accounts';
import { categoryMemo } from '../../../core/posting/categories';
import { loanHref, openLoan, type DateRange } from './hooks';
import { useListKeys } from '../../components/useListKeys';

import { LedgerTools, Money, RangeField } from './parts';

type Row = Api['ledger.journal']['output']['rows'][number];
const LIMIT = 1000;

export function useAccountName(): (code: string) => string {
  const { language } = useI18n();
  return (code) => {
    const account = accountByCode(code);
    return account ? (language === 'en' ? account.nameEn : account.nameZh) : '';
  };
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
  const list = useApi(
    'ledger.journal',
    { range, accountCode, limit: LIMIT },
    { enabled: active, placeholderData: (previous) => previous },
  );
  const rows = list.data?.rows;
  const totals = list.data?.totals;
  const keys = useListKeys(rows, (r) => r.loanId && openLoan(r.loanId, 'journal'), { active });

  const columns = useMemo<ColumnsType<Row>>(
    () => [
      {
        title: t('ledger.col.postingDate'),
        dataIndex: 'postingDate',
        width: 96,
        sorter: (a, b) => a.postingDate.localeCompare(b.postingDate),
      },
      { title: t('ledger.col.valueDate'), dataIndex: 'valueDate', width: 96 },
      {
        title: t('ledger.col.account'),
        dataIndex: 'accountCode',
        width: 190,
        sorter: (a, b) => a.accountCode.localeCompare(b.accountCode),
        render: (v: string) => (
          <span>
            <span style={{ fontFamily: 'monospace' }}>{v}</span> {accountName(v)}
          </span>
        ),
      },
      {
        title: t('ledger.col.debit'),
        dataIndex: 'debitFen',
        width: 120,
        align: 'right',
        sorter: (a, b) => a.debitFen - b.debitFen,
        render: (v: number) => (v ? <Money fen={v} /> : ''),
      },
      {
        title: t('ledger.col.credit'),
        dataIndex: 'creditFen',
        width: 120,
        align: 'right',
        sorter: (a, b) => a.creditFen - b.creditFen,
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
    [t, language],
  );

  return (
    <>
      <div
        className="ld-no-print"
        style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8, gap: 8, flexWrap: 'wrap' }}
      >
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
          {totals && totals.count > (rows?.length ?? 0) && (
            <Typography.Text type="warning">
              {t('ledger.rowsShown', { shown: rows?.length ?? 0, n: totals.count })}
            </Typography.Text>
          )}
        </Space>
        <LedgerTools kind="journal" range={range} filter={{ accountCode }} />
      </div>
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
        scroll={{ x: 1150 }}
        rowClassName={keys.rowClassName}
        onRow={(r, i) => ({
          onClick: () => keys.setIndex(i ?? -1),
          onDoubleClick: () => r.loanId && openLoan(r.loanId, 'journal'),
        })}
        pagination={{ pageSize: 100, showSizeChanger: false, size: 'small', showTotal: (n) => t('ledger.rows', { n }) }}
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
