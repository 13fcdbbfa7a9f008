/** The customer's loans in the customer drawer: status, outstanding principal, the
 *  next due date and what is overdue, with 新建申请 for this customer and 还款 on an
 *  active loan; each offered only to a role that holds its permission. */
import { useState } from 'react';
import { Button, Space, Table, Tooltip, Typography } from 'antd';
import { FileAddOutlined, PayCircleOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { RepaymentDialog } from '../loans/RepaymentDialog';
import { Money, StatusTag } from '../loans/parts';
import { loanHref } from '../loans/hooks';

type CustomerLoan = Api['loans.ofCustomer']['output'][number];

/** The application form, opened on this customer (ApplyPage reads `customer`). */
export function applyHref(customerId: string): string {
  return `#/apply?customer=${encodeURIComponent(customerId)}`;
}

export function CustomerLoans({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const can = useCan();
  const loans = useApi('loans.ofCustomer', { customerId }, { enabled: can('loans.read') });
  const [repaying, setRepaying] = useState<CustomerLoan | null>(null);
  const canRepay = can('repayments.record');

  return (
    <section data-testid="customer-loans">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('customers.loans.title')}
        </Typography.Title>
        {can('applications.create') && (
          <Button size="small" icon={<FileAddOutlined />} href={applyHref(customerId)} data-testid="customer-apply">
            {t('customers.loans.apply')}
          </Button>
        )}
      </Space>
      {can('loans.read') && (
        <Table<CustomerLoan>
          size="small"
          rowKey="id"
          pagination={false}
          loading={loans.isLoading}
          dataSource={loans.data ?? []}
          locale={{ emptyText: t('customers.loans.none') }}
          columns={[
            {
              title: t('customers.loans.number'),
              dataIndex: 'number',
              render: (v: string, r) => (
                <a href={loanHref(r.id)} style={{ whiteSpace: 'nowrap' }}>
                  {v}
                </a>
              ),
            },
            {
              title: t('customers.loans.status'),
              dataIndex: 'status',
              render: (v: string) => <StatusTag status={v} />,
            },
            {
              title: t('customers.loans.outstanding'),
              dataIndex: 'outstandingPrincipalFen',
              align: 'right',
              render: (v: number) => <Money fen={v} />,
            },
            {
              title: t('customers.loans.nextDue'),
              dataIndex: 'nextDueDate',
              render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span>,
            },
            {
              title: <Tooltip title={t('customers.loans.overdueHint')}>{t('customers.loans.overdue')}</Tooltip>,
              dataIndex: 'overdueFen',
              align: 'right',
              render: (v: number) =>
                v > 0 ? (
                  <Typography.Text type="danger">
                    <Money fen={v} />
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            ...(canRepay
              ? [
                  {
                    key: 'repay',
                    render: (_: unknown, r: CustomerLoan) =>
                      r.status === 'active' && (
                        <Button
                          size="small"
                          icon={<PayCircleOutlined />}
                          onClick={() => setRepaying(r)}
                          data-testid={`customer-repay-${r.number}`}
                        >
                          {t('customers.loans.repay')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {repaying && <LoanRepayment loan={repaying} onClose={() => setRepaying(null)} />}
    </section>
  );
}

/** The loan page's repayment dialog, with the terms the contract fixed. */
function LoanRepayment({ loan, onClose }: { loan: CustomerLoan; onClose: () => void }) {
  const can = useCan();
  const detail = useApi('loans.get', { loanId: loan.id });
  if (!detail.data) return null;
  return (
    <RepaymentDialog
      open
      onClose={onClose}
      loanId={loan.id}
      loanNumber={loan.number}
      businessDate={detail.data.businessDate}
      disbursedOn={detail.data.loan.disbursedOn}
      defaultIntent={detail.data.rules.repaymentIntent}
      canOverrideCap={can('repayments.overrideCap')}
    />
  );
}
