/** The trial balance (试算平衡表) as of a date, each account opening its journal
 *  lines, and the reconciliation of the loan ledger to its control accounts. */
import { useState, type HTMLAttributes } from 'react';
import { Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { useListKeys } from '../../components/useListKeys';
import { fromDayjs, LedgerTools, Money, ReconciliationTag, toDayjs, LedgerToolbar } from './parts';
import { useAccountName } from './JournalTab';

type Output = Api['ledger.trialBalance']['output'];
type AccountRow = Output['accounts'][number];
type Reconciliation = Output['reconciliation'];

const RECON_ITEMS: Array<{
  key: string;
  label: MessageKey;
  ledger: keyof Reconciliation;
  control: keyof Reconciliation;
  account: string;
}> = [
  {
    key: 'principal',
    label: 'ledger.recon.principal',
    ledger: 'loanLedgerPrincipalFen',
    control: 'controlAccount1303Fen',
    account: '1303',
  },
  {
    key: 'overdue',
    label: 'ledger.recon.overdue',
    ledger: 'loanLedgerOverduePrincipalFen',
    control: 'controlAccount130302Fen',
    account: '1303.02',
  },
  {
    key: 'receivable',
    label: 'ledger.recon.receivable',
    ledger: 'loanLedgerReceivableFen',
    control: 'controlAccount1132Fen',
    account: '1132',
  },
  {
    key: 'provision',
    label: 'ledger.recon.provision',
    ledger: 'loanLedgerProvisionFen',
    control: 'controlAccount1304Fen',
    account: '1304',
  },
  {
    key: 'overpayment',
    label: 'ledger.recon.overpayment',
    ledger: 'loanLedgerOverpaymentFen',
    control: 'controlAccount2241Fen',
    account: '2241',
  },
];

/** Loan ledger vs control accounts, one line each, green when they agree. */
export function ReconciliationPanel({
  reconciliation,
  onAccount,
}: {
  reconciliation: Reconciliation;
  onAccount?: (code: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('ledger.recon.title')} data-testid="ledger-reconciliation" style={{ marginTop: 12 }}>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={RECON_ITEMS}
        columns={[
          {
            title: t('ledger.recon.item'),
            dataIndex: 'label',
            render: (label: MessageKey, r) =>
              onAccount ? <a onClick={() => onAccount(r.account)}>{t(label)}</a> : t(label),
          },
          {
            title: t('ledger.recon.ledger'),
            width: 160,
            align: 'right',
            render: (_, r) => <Money fen={reconciliation[r.ledger] as number} />,
          },
          {
            title: t('ledger.recon.control'),
            width: 160,
            align: 'right',
            render: (_, r) => <Money fen={reconciliation[r.control] as number} />,
          },
          {
            title: t('ledger.recon.result'),
            width: 170,
            render: (_, r) => (
              <ReconciliationTag
                ledgerFen={reconciliation[r.ledger] as number}
                controlFen={reconciliation[r.control] as number}
                testId={`recon-${r.key}`}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

export function TrialBalanceTab({
  active,
  businessDate,
  onDrill,
}: {
  active: boolean;
  businessDate: string;
  onDrill: (code: string, date: string) => void;
}) {
  const { t, money } = useI18n();
  const accountName = useAccountName();
  const [date, setDate] = useState(businessDate);
  const tb = useApi('ledger.trialBalance', { date }, { enabled: active, placeholderData: (previous) => previous });
  const accounts = tb.data?.accounts;
  const keys = useListKeys(accounts, (r) => onDrill(r.code, date), { active });
  const totals = tb.data?.totals;
  const difference = totals ? totals.debitFen - totals.creditFen : 0;
  return (
    <>
      <LedgerToolbar>
        <Space wrap>
          <span>{t('ledger.trial.date')}</span>
          <DatePicker
            allowClear={false}
            value={toDayjs(date)}
            onChange={(v) => setDate(fromDayjs(v) ?? businessDate)}
            disabledDate={(d) => d.format('YYYY-MM-DD') > businessDate}
            data-testid="ledger-trial-date"
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ledger.trial.drillHint')}
          </Typography.Text>
        </Space>
        <LedgerTools kind="trial" range={{ from: date, to: date }} />
      </LedgerToolbar>
      <div className="ld-print-only" style={{ marginBottom: 4 }}>
        {t('ledger.tab.trial')} · {t('ledger.trial.date')} {date}
      </div>
      <Table<AccountRow>
        rowKey="code"
        size="small"
        bordered
        sticky
        data-testid="ledger-table-trial"
        loading={tb.isFetching}
        dataSource={accounts}
        pagination={false}
        rowClassName={keys.rowClassName}
        onRow={(r) =>
          ({
            onClick: () => onDrill(r.code, date),
            style: { cursor: 'pointer' },
            'data-testid': `trial-account-${r.code}`,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('ledger.col.code'),
            dataIndex: 'code',
            width: 100,
            render: (v: string) => <a style={{ fontFamily: 'monospace' }}>{v}</a>,
          },
          {
            title: t('ledger.col.accountName'),
            dataIndex: 'code',
            key: 'name',
            render: (v: string, r) => (
              <span style={{ paddingLeft: v.includes('.') ? 16 : 0 }}>{accountName(v) || r.nameZh}</span>
            ),
          },
          {
            title: t('ledger.col.debitBalance'),
            dataIndex: 'debitFen',
            width: 170,
            align: 'right',
            render: (v: number) => (v ? <Money fen={v} /> : ''),
          },
          {
            title: t('ledger.col.creditBalance'),
            dataIndex: 'creditFen',
            width: 170,
            align: 'right',
            render: (v: number) => (v ? <Money fen={v} /> : ''),
          },
        ]}
        summary={() =>
          totals && (
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0} colSpan={2}>
                <Space>
                  {t('ledger.total')}
                  <Tag color={difference === 0 ? 'green' : 'red'} data-testid="trial-balanced">
                    {difference === 0
                      ? t('ledger.trial.balanced')
                      : t('ledger.trial.unbalanced', { amount: money(Math.abs(difference)) })}
                  </Tag>
                </Space>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <span data-testid="trial-debit-total">
                  <Money fen={totals.debitFen} strong />
                </span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <span data-testid="trial-credit-total">
                  <Money fen={totals.creditFen} strong />
                </span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
      {tb.data && (
        <ReconciliationPanel reconciliation={tb.data.reconciliation} onAccount={(code) => onDrill(code, date)} />
      )}
    </>
  );
}
