/** The daily summary (日报): per posting date (记账日, not value date: a backdated
 *  repayment counts on the day it was booked, and the screen says so), what was
 *  disbursed, collected, accrued and provisioned. */
import { Space, Table, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import type { DateRange } from './hooks';
import { LedgerTools, Money, RangeField, LedgerToolbar } from './parts';

type Row = Api['ledger.dailySummary']['output'][number];
type MoneyField = 'disbursedFen' | 'collectedFen' | 'interestIncomeFen' | 'penaltyIncomeFen' | 'provisionChargeFen';
const MONEY_COLUMNS: Array<{ field: MoneyField; label: MessageKey }> = [
  { field: 'disbursedFen', label: 'ledger.col.disbursed' },
  { field: 'collectedFen', label: 'ledger.col.collected' },
  { field: 'interestIncomeFen', label: 'ledger.col.interestIncome' },
  { field: 'penaltyIncomeFen', label: 'ledger.col.penaltyIncome' },
  { field: 'provisionChargeFen', label: 'ledger.col.provisionCharge' },
];

export function DailyTab({
  active,
  range,
  onRange,
  businessDate,
}: {
  active: boolean;
  range: DateRange;
  onRange: (r: DateRange) => void;
  businessDate: string;
}) {
  const { t } = useI18n();
  const list = useApi('ledger.dailySummary', { range }, { enabled: active, placeholderData: (previous) => previous });
  const rows = list.data ?? [];
  const sum = (field: MoneyField | 'entries') => rows.reduce((total, r) => total + r[field], 0);
  return (
    <>
      <LedgerToolbar>
        <Space wrap>
          <RangeField value={range} onChange={onRange} businessDate={businessDate} testId="ledger-range-daily" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="ledger-daily-basis">
            {t('ledger.daily.basis')}
          </Typography.Text>
        </Space>
        <LedgerTools kind="daily" range={range} />
      </LedgerToolbar>
      <div className="ld-print-only" style={{ marginBottom: 4 }}>
        {t('ledger.tab.daily')} · {range.from} – {range.to} · {t('ledger.daily.basis')}
      </div>
      <Table<Row>
        rowKey="date"
        size="small"
        sticky
        bordered
        data-testid="ledger-table-daily"
        loading={list.isFetching}
        dataSource={list.data}
        pagination={{ pageSize: 100, showSizeChanger: false, size: 'small', hideOnSinglePage: true }}
        columns={[
          {
            title: t('ledger.col.postingDate'),
            dataIndex: 'date',
            width: 110,
            sorter: (a, b) => a.date.localeCompare(b.date),
            defaultSortOrder: 'descend',
          },
          ...MONEY_COLUMNS.map(({ field, label }) => ({
            title: t(label),
            dataIndex: field,
            align: 'right' as const,
            sorter: (a: Row, b: Row) => a[field] - b[field],
            render: (v: number) => <Money fen={v} />,
          })),
          {
            title: t('ledger.col.entries'),
            dataIndex: 'entries',
            width: 80,
            align: 'right',
            sorter: (a, b) => a.entries - b.entries,
          },
        ]}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0}>
                <span data-testid="ledger-totals-daily">{t('ledger.total')}</span>
              </Table.Summary.Cell>
              {MONEY_COLUMNS.map(({ field }, i) => (
                <Table.Summary.Cell key={field} index={i + 1} align="right">
                  <Money fen={sum(field)} strong />
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={6} align="right">
                {sum('entries')}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}
