/** One loan (`#/loans/<id>[/<tab>]`): its figures with the annualized rate up
 *  front, the schedule, transactions with their allocation, the journal lines
 *  behind every amount, the event timeline, and the actions the role and status allow. */
import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CalculatorOutlined,
  CloseCircleOutlined,
  DollarOutlined,
  FileProtectOutlined,
  NotificationOutlined,
  PrinterOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
  TagsOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { DocumentsTab } from './DocumentsTab';
import { categoryMemo } from '../../../core/posting/categories';
import { productName } from '../../components/names';
import { useI18n } from '../../i18n/i18n';
import { LEDGER_CSS } from './hooks';
import { useCan } from '../../api/session';
import { BucketTag, ClassTag, InstallmentTag, Money, StatusTag } from './parts';
import { AllocationText, parseAllocation } from './allocation';
import { AccountCell } from './JournalTab';
import { RepaymentDialog, type RepaymentStart } from './RepaymentDialog';
import {
  ApproveWriteOffDialog,
  CancelLoanDialog,
  ClassifyDialog,
  DisburseDialog,
  PayoffDialog,
  ProposeWriteOffDialog,
  RecoveryDialog,
  ReverseDialog,
} from './LoanDialogs';
import { ContractDialog } from './ContractSheet';
import { ReceiptDialog } from '../documents/Receipt';
import { ScheduleDialog } from '../documents/Schedule';
import { CertificateDialog } from '../documents/Certificate';
import { NoticeDialog } from '../documents/Notice';
import { formatDateTime } from '../../components/dates';
import { formatPercent } from '../../components/percent';

type Detail = Api['loans.get']['output'];
type Installment = Detail['installments'][number];
type Transaction = Detail['transactions'][number];
type JournalLine = Detail['journal'][number];
type LoanEvent = Detail['events'][number];
type Dialog =
  | 'disburse'
  | 'cancel'
  | 'repay'
  | 'payoff'
  | 'propose'
  | 'approve'
  | 'recovery'
  | 'classify'
  | 'contract'
  | 'schedule'
  | 'certificate'
  | 'notice'
  | null;

export const LOAN_TABS = ['schedule', 'transactions', 'journal', 'events', 'documents'] as const;
type LoanTab = (typeof LOAN_TABS)[number];

export function LoanDetailPage({ id, tab }: { id: string; tab?: string }) {
  const { t, error } = useI18n();
  const detail = useApi('loans.get', { loanId: id });
  if (detail.isPending) return <Spin />;
  if (detail.error) {
    return (
      <Result
        status={detail.error.code === 'LOAN_UNKNOWN' ? '404' : 'error'}
        title={
          detail.error.code === 'LOAN_UNKNOWN'
            ? t('loans.detail.notFound')
            : error(detail.error.code, detail.error.details)
        }
        extra={<Button href="#/ledgers">{t('loans.back')}</Button>}
      />
    );
  }
  return (
    <LoanDetail
      detail={detail.data}
      tab={(LOAN_TABS as readonly string[]).includes(tab ?? '') ? (tab as LoanTab) : 'schedule'}
    />
  );
}

function LoanDetail({ detail, tab }: { detail: Detail; tab: LoanTab }) {
  const { t, money, language } = useI18n();
  const can = useCan();
  const canAttachDocuments = can('customers.write');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reversing, setReversing] = useState<Transaction | null>(null);
  // The receipt shown: a repayment's row, or the one just recorded at the counter.
  const [receiptOf, setReceiptOf] = useState<string | null>(null);
  // Each opening of the repayment dialog is a fresh form (from the payoff quote: its amount and date).
  const [repayStart, setRepayStart] = useState<{ n: number; start?: RepaymentStart }>({ n: 0 });
  const openRepay = (start?: RepaymentStart) => {
    setRepayStart((r) => ({ n: r.n + 1, start }));
    setDialog('repay');
  };
  const { loan } = detail;
  const pending = detail.writeOffProposal;
  const override = loan.classificationOverrideJson
    ? (JSON.parse(loan.classificationOverrideJson) as { reason?: string })
    : null;
  const go = (next: LoanTab) => (window.location.hash = `#/loans/${encodeURIComponent(loan.id)}/${next}`);
  const close = () => setDialog(null);

  const actions = [
    loan.status === 'approved' && can('loans.disburse') && (
      <Button
        key="disburse"
        type="primary"
        icon={<SendOutlined />}
        onClick={() => setDialog('disburse')}
        data-testid="loan-disburse"
      >
        {t('loans.action.disburse')}
      </Button>
    ),
    loan.status === 'approved' && can('loans.cancel') && (
      <Button
        key="cancel"
        danger
        icon={<CloseCircleOutlined />}
        onClick={() => setDialog('cancel')}
        data-testid="loan-cancel"
      >
        {t('loans.action.cancel')}
      </Button>
    ),
    loan.status === 'active' && can('repayments.record') && (
      <Button key="repay" type="primary" icon={<DollarOutlined />} onClick={() => openRepay()} data-testid="loan-repay">
        {t('loans.action.repay')}
      </Button>
    ),
    loan.status === 'active' && (
      <Button key="payoff" icon={<CalculatorOutlined />} onClick={() => setDialog('payoff')} data-testid="loan-payoff">
        {t('loans.action.payoff')}
      </Button>
    ),
    loan.status === 'active' && can('loans.writeOff') && (
      <Button key="classify" icon={<TagsOutlined />} onClick={() => setDialog('classify')} data-testid="loan-classify">
        {t('loans.action.classify')}
      </Button>
    ),
    loan.status === 'active' && !pending && can('repayments.record') && (
      <Button
        key="propose"
        danger
        icon={<StopOutlined />}
        onClick={() => setDialog('propose')}
        data-testid="loan-propose-writeoff"
      >
        {t('loans.action.proposeWriteOff')}
      </Button>
    ),
    loan.status === 'active' && pending && can('loans.writeOff') && (
      <Button
        key="approve"
        danger
        type="primary"
        icon={<StopOutlined />}
        onClick={() => setDialog('approve')}
        data-testid="loan-approve-writeoff"
      >
        {t('loans.action.approveWriteOff')}
      </Button>
    ),
    loan.status === 'written_off' && can('repayments.record') && (
      <Button
        key="recovery"
        icon={<RollbackOutlined />}
        onClick={() => setDialog('recovery')}
        data-testid="loan-recovery"
      >
        {t('loans.action.recovery')}
      </Button>
    ),
    <Button
      key="contract"
      icon={<FileProtectOutlined />}
      onClick={() => setDialog('contract')}
      data-testid="loan-print-contract"
    >
      {t('loans.action.printContract')}
    </Button>,
    loan.disbursedOn && (
      <Button
        key="schedule"
        icon={<ScheduleOutlined />}
        onClick={() => setDialog('schedule')}
        data-testid="loan-print-schedule"
      >
        {t('documents.action.schedule')}
      </Button>
    ),
    loan.status === 'closed' && can('repayments.record') && (
      <Button
        key="certificate"
        icon={<SafetyCertificateOutlined />}
        onClick={() => setDialog('certificate')}
        data-testid="loan-print-certificate"
      >
        {t('documents.action.certificate')}
      </Button>
    ),
    loan.status === 'active' && loan.dpd > 0 && can('collections.read') && (
      <Button
        key="notice"
        icon={<NotificationOutlined />}
        onClick={() => setDialog('notice')}
        data-testid="loan-print-notice"
      >
        {t('documents.action.notice')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <div className="ld-page">
      <style>{LEDGER_CSS}</style>
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
          marginBottom: 8,
          gap: 8,
          flexWrap: 'wrap',
        }}
      >
        <Space align="center" wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            href="#/ledgers"
            className="ld-no-print"
            title={t('loans.back')}
          />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="loan-number">
            {t('loans.detail.title', { number: loan.number })}
          </Typography.Title>
          <span data-testid="loan-status">
            <StatusTag status={loan.status} />
          </span>
          {pending && <Tag color="volcano">{t('loans.field.writeOffPending')}</Tag>}
        </Space>
        <Space wrap className="ld-no-print" data-testid="loan-actions">
          {actions}
        </Space>
      </div>
      {detail.cancellation && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="loan-cancellation"
          title={t('loans.cancel.banner', {
            at: formatDateTime(detail.cancellation.at),
            by: detail.cancellation.byName ?? '—',
            reason: detail.cancellation.reason,
          })}
        />
      )}
      <Card size="small" style={{ marginBottom: 8 }}>
        <Row gutter={[22, 8]}>
          <Col flex="none">
            <Statistic
              title={<span className="ld-stat-title">{t('loans.field.annualizedRate')}</span>}
              value={formatPercent(loan.annualizedRate)}
              styles={{ content: { color: '#c41d7f', fontWeight: 700, fontSize: 26 } }}
              data-testid="loan-annualized-rate"
            />
          </Col>
          <Col flex="none">
            <Statistic
              title={<span className="ld-stat-title">{t('loans.field.rate')}</span>}
              value={formatPercent(loan.rateAnnual)}
              styles={{ content: { fontSize: 18 } }}
            />
          </Col>
          <Col flex="none">
            <Figure label={t('loans.field.principal')} fen={loan.principalFen} testId="loan-principal" />
          </Col>
          <Col flex="none">
            <Figure
              label={t('loans.field.outstandingPrincipal')}
              fen={loan.outstandingPrincipalFen}
              testId="loan-outstanding"
              onClick={() => go('journal')}
            />
          </Col>
          <Col flex="none">
            <Figure
              label={t('loans.field.accruedInterest')}
              fen={loan.accruedInterestFen}
              testId="loan-interest"
              onClick={() => go('journal')}
            />
          </Col>
          <Col flex="none">
            <Figure
              label={t('loans.field.penalty')}
              fen={loan.penaltyFen}
              testId="loan-penalty"
              danger={loan.penaltyFen > 0}
              onClick={() => go('journal')}
              badge={
                loan.penaltyBoundOn ? (
                  <Tooltip
                    placement="bottom"
                    title={t('loans.penaltyBound.tip', {
                      date: loan.penaltyBoundOn,
                      redLine: formatPercent(detail.rules.redLineAnnual),
                      forgone: money(loan.penaltyForgoneFen),
                    })}
                  >
                    <Tag color="orange" style={{ marginInlineEnd: 0, fontSize: 11 }} data-testid="loan-penalty-bound">
                      {t('loans.penaltyBound.tag')} · {loan.penaltyBoundOn}
                    </Tag>
                  </Tooltip>
                ) : undefined
              }
            />
          </Col>
          {(loan.nonAccrualSince || loan.offBalanceInterestFen > 0) && (
            <Col flex="none">
              <Figure
                label={t('loans.field.offBalanceInterest')}
                fen={loan.offBalanceInterestFen}
                testId="loan-off-balance"
                badge={
                  loan.nonAccrualSince ? (
                    <Tooltip placement="bottom" title={t('loans.nonAccrual.tip', { date: loan.nonAccrualSince })}>
                      <Tag color="red" style={{ marginInlineEnd: 0, fontSize: 11 }} data-testid="loan-non-accrual">
                        {t('loans.nonAccrual.tag')} · {loan.nonAccrualSince}
                      </Tag>
                    </Tooltip>
                  ) : undefined
                }
              />
            </Col>
          )}
          <Col flex="none">
            <Statistic
              title={<span className="ld-stat-title">{t('loans.field.dpd')}</span>}
              value={loan.dpd}
              styles={{ content: { fontSize: 18, color: loan.dpd > 0 ? '#cf1322' : undefined } }}
              data-testid="loan-dpd"
            />
          </Col>
          <Col flex="auto">
            <div className="ld-stat-title" style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>
              {t('loans.field.bucket')} / {t('loans.field.classification')}
            </div>
            <Space size={4} style={{ marginTop: 6 }}>
              <BucketTag value={loan.bucket} />
              <Tooltip
                title={
                  override?.reason ? `${t('loans.field.overridden')}${t('shell.colon')}${override.reason}` : undefined
                }
              >
                <span data-testid="loan-classification">
                  <ClassTag value={loan.classification} overridden={!!override} />
                </span>
              </Tooltip>
            </Space>
          </Col>
        </Row>
      </Card>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, lg: 3 }}
        style={{ marginBottom: 8, background: '#fff' }}
      >
        <Descriptions.Item label={t('loans.field.customer')}>
          <span style={{ whiteSpace: 'nowrap' }}>
            {detail.customer ? `${detail.customer.name}（${detail.customer.number}）` : '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.field.residentId')}>
          <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{detail.customer?.residentId ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.field.product')}>
          {detail.product ? `${productName(detail.product, language)}（${detail.product.code}）` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.field.method')}>
          {t(`loans.method.${loan.method as 'annuity'}`)} · {t('documents.periods', { n: loan.periods })}
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.field.disbursedOn')}>{loan.disbursedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('loans.field.maturity')}>{loan.maturityDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('loans.field.officer')}>{detail.officerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('loans.field.application')}>{detail.applicationNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('loans.field.upfrontFee')}>
          <Money fen={detail.upfrontFeeFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.field.provision')}>
          <Money fen={loan.provisionFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.field.overpayment')}>
          <Money fen={loan.overpaymentFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('shell.businessDate')}>{detail.businessDate}</Descriptions.Item>
        <Descriptions.Item label={t('loans.field.defaultIntent')}>
          <span data-testid="loan-default-intent">{t(`loans.intent.${detail.rules.repaymentIntent}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.payoff.cap')}>{formatPercent(detail.rules.rateCapAnnual)}</Descriptions.Item>
        <Descriptions.Item label={t('loans.field.redLine')}>
          <span data-testid="loan-red-line">{formatPercent(detail.rules.redLineAnnual)}</span>
        </Descriptions.Item>
        {loan.status === 'closed' ? (
          <Descriptions.Item label={t('loans.field.closedOn')}>
            <span data-testid="loan-closed-on">{loan.closedOn ?? '—'}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(k as LoanTab)}
        data-testid="loan-tabs"
        items={[
          {
            key: 'schedule',
            label: <span data-testid="loan-tab-schedule">{t('loans.tab.schedule')}</span>,
            children: <ScheduleTab detail={detail} />,
          },
          {
            key: 'transactions',
            label: <span data-testid="loan-tab-transactions">{t('loans.tab.transactions')}</span>,
            children: (
              <TransactionsTab
                detail={detail}
                onReverse={can('repayments.reverse') && loan.status !== 'written_off' ? setReversing : undefined}
                onReceipt={can('repayments.record') ? (tx) => setReceiptOf(tx.id) : undefined}
                onJournal={() => go('journal')}
              />
            ),
          },
          {
            key: 'journal',
            label: <span data-testid="loan-tab-journal">{t('loans.tab.journal')}</span>,
            children: <JournalLinesTab lines={detail.journal} daily={detail.dailyPostings} />,
          },
          {
            key: 'events',
            label: <span data-testid="loan-tab-events">{t('loans.tab.events')}</span>,
            children: <EventsTab events={detail.events} />,
          },
          {
            key: 'documents',
            label: <span data-testid="loan-tab-documents">{t('loans.tab.documents')}</span>,
            children: (
              <DocumentsTab
                loanId={detail.loan.id}
                canAttach={canAttachDocuments}
                canDownload={can('documents.download')}
              />
            ),
          },
        ]}
      />
      {loan.status === 'approved' && (
        <>
          <DisburseDialog open={dialog === 'disburse'} onClose={close} detail={detail} />
          <CancelLoanDialog open={dialog === 'cancel'} onClose={close} detail={detail} />
        </>
      )}
      {loan.status === 'active' && (
        <>
          <RepaymentDialog
            key={repayStart.n}
            open={dialog === 'repay'}
            onClose={close}
            loanId={loan.id}
            loanNumber={loan.number}
            businessDate={detail.businessDate}
            disbursedOn={loan.disbursedOn}
            defaultIntent={detail.rules.repaymentIntent}
            canOverrideCap={can('repayments.overrideCap')}
            start={repayStart.start}
            onRecorded={setReceiptOf}
          />
          {dialog === 'payoff' && (
            <PayoffDialog
              open
              onClose={close}
              detail={detail}
              canRecord={can('repayments.record')}
              canOverrideCap={can('repayments.overrideCap')}
              onRecord={(amountFen, valueDate) => openRepay({ amountFen, valueDate })}
            />
          )}
          <ProposeWriteOffDialog open={dialog === 'propose'} onClose={close} detail={detail} />
          <ApproveWriteOffDialog
            open={dialog === 'approve'}
            onClose={close}
            detail={detail}
            proposalReason={pending?.reason}
          />
          <ClassifyDialog open={dialog === 'classify'} onClose={close} detail={detail} />
        </>
      )}
      {loan.status === 'written_off' && <RecoveryDialog open={dialog === 'recovery'} onClose={close} detail={detail} />}
      <ReverseDialog open={!!reversing} onClose={() => setReversing(null)} transaction={reversing} />
      {dialog === 'contract' && <ContractDialog loanId={loan.id} onClose={close} />}
      {dialog === 'schedule' && <ScheduleDialog loanId={loan.id} onClose={close} />}
      {dialog === 'certificate' && <CertificateDialog loanId={loan.id} onClose={close} />}
      {dialog === 'notice' && <NoticeDialog loanId={loan.id} onClose={close} />}
      {receiptOf && <ReceiptDialog transactionId={receiptOf} onClose={() => setReceiptOf(null)} />}
    </div>
  );
}

function Figure({
  label,
  fen,
  testId,
  danger,
  onClick,
  badge,
}: {
  label: string;
  fen: number;
  testId: string;
  danger?: boolean;
  onClick?: () => void;
  /** Shown under the amount (the penalty's red line). */
  badge?: ReactNode;
}) {
  const { money } = useI18n();
  return (
    <div>
      <div className="ld-stat-title" style={{ color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>
        {label}
      </div>
      <div
        data-testid={testId}
        onClick={onClick}
        className="ld-money"
        style={{
          fontSize: 18,
          fontWeight: 600,
          marginTop: 4,
          color: danger ? '#cf1322' : undefined,
          cursor: onClick ? 'pointer' : undefined,
        }}
      >
        {money(fen)}
      </div>
      {badge ? <div style={{ marginTop: 2, lineHeight: 1 }}>{badge}</div> : null}
    </div>
  );
}

function ScheduleTab({ detail }: { detail: Detail }) {
  const { t } = useI18n();
  const preview = detail.installments.length === 0;
  const rows: Array<
    | Installment
    | (NonNullable<Detail['schedulePreview']>[number] & {
        status?: string;
        paidPrincipalFen?: number;
        paidInterestFen?: number;
      })
  > = preview ? (detail.schedulePreview ?? []) : detail.installments;
  const sum = (key: 'principalFen' | 'interestFen' | 'paymentFen') => rows.reduce((s, r) => s + r[key], 0);
  const paid = (r: (typeof rows)[number]) => (r.paidPrincipalFen ?? 0) + (r.paidInterestFen ?? 0);
  return (
    <>
      {preview && <Alert type="info" showIcon title={t('loans.schedule.preview')} style={{ marginBottom: 8 }} />}
      <Table
        rowKey="n"
        size="small"
        bordered
        sticky
        data-testid="loan-schedule"
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.status === 'overdue' ? 'ld-row-overdue' : '')}
        columns={[
          { title: t('loans.schedule.n'), dataIndex: 'n', width: 60, align: 'right' },
          { title: t('loans.schedule.dueDate'), dataIndex: 'dueDate', width: 110 },
          {
            title: t('loans.schedule.principal'),
            dataIndex: 'principalFen',
            align: 'right',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('loans.schedule.interest'),
            dataIndex: 'interestFen',
            align: 'right',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('loans.schedule.payment'),
            dataIndex: 'paymentFen',
            align: 'right',
            render: (v: number) => <Money fen={v} strong />,
          },
          {
            title: t('loans.schedule.paid'),
            key: 'paid',
            align: 'right',
            render: (_, r) => (preview ? '—' : <Money fen={paid(r)} />),
          },
          {
            title: t('loans.schedule.status'),
            dataIndex: 'status',
            width: 100,
            render: (v: string | undefined) => (v ? <InstallmentTag status={v} /> : '—'),
          },
        ]}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0} colSpan={2}>
                {t('ledger.total')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <span data-testid="schedule-total-principal">
                  <Money fen={sum('principalFen')} strong />
                </span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Money fen={sum('interestFen')} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Money fen={sum('paymentFen')} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {preview ? '' : <Money fen={rows.reduce((s, r) => s + paid(r), 0)} strong />}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}

const KIND_COLOR: Record<string, string> = {
  disbursement: 'blue',
  repayment: 'green',
  reversal: 'red',
  recovery: 'purple',
};

function TransactionsTab({
  detail,
  onReverse,
  onReceipt,
  onJournal,
}: {
  detail: Detail;
  onReverse?: (tx: Transaction) => void;
  onReceipt?: (tx: Transaction) => void;
  onJournal: () => void;
}) {
  const { t } = useI18n();
  const byId = useMemo(() => new Map(detail.transactions.map((x) => [x.id, x])), [detail.transactions]);
  // Payoffs let through above the cap, with the reason given (from their events).
  const overrides = useMemo(() => {
    const out = new Map<string, string>();
    for (const e of detail.events) {
      const p = e.payload as { transactionId?: string; capOverride?: { reason?: string } } | null;
      if (e.type === 'RepaymentRecorded' && p?.transactionId && p.capOverride?.reason)
        out.set(p.transactionId, p.capOverride.reason);
    }
    return out;
  }, [detail.events]);
  return (
    <Table<Transaction>
      rowKey="id"
      size="small"
      bordered
      sticky
      data-testid="loan-transactions"
      dataSource={detail.transactions}
      pagination={false}
      columns={[
        { title: t('ledger.col.bookedOn'), dataIndex: 'bookedOn', width: 96 },
        { title: t('ledger.col.valueDate'), dataIndex: 'valueDate', width: 96 },
        {
          title: t('ledger.col.kind'),
          dataIndex: 'kind',
          width: 120,
          render: (v: string, r) => (
            <Space size={2} wrap>
              <Tag color={KIND_COLOR[v]}>{t(`loans.txKind.${v as 'repayment'}`)}</Tag>
              {r.kind === 'repayment' && r.intent === 'principal' && (
                <Tag data-testid="loan-tx-intent">{t('loans.intent.principal')}</Tag>
              )}
              {overrides.has(r.id) && (
                <Tooltip title={`${t('loans.reason')}${t('shell.colon')}${overrides.get(r.id)}`}>
                  <Tag color="red" data-testid="loan-tx-cap-override">
                    {t('loans.tx.capOverride')}
                  </Tag>
                </Tooltip>
              )}
              {r.reversedById && <Tag>{t('loans.tx.reversed')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('ledger.col.amount'),
          dataIndex: 'amountFen',
          width: 130,
          align: 'right',
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
          render: (v: string | null) => (v ? t(`loans.channel.${v as 'bank'}`) : '—'),
        },
        {
          title: t('ledger.col.allocation'),
          dataIndex: 'allocationJson',
          render: (v: string | null, r) =>
            r.kind === 'reversal' && r.reversesId ? (
              <Typography.Text type="secondary">
                {t('loans.tx.reverses', { date: byId.get(r.reversesId)?.valueDate ?? '' })}
              </Typography.Text>
            ) : (
              <AllocationText allocation={parseAllocation(v)} />
            ),
        },
        {
          title: t('ledger.col.note'),
          dataIndex: 'note',
          width: 160,
          ellipsis: true,
          render: (v: string | null) => v ?? '',
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 230,
          className: 'ld-no-print',
          render: (_, r) => (
            <Space size={0}>
              <Button size="small" type="link" onClick={onJournal}>
                {t('loans.tx.journalLink')}
              </Button>
              {onReceipt && r.kind === 'repayment' && (
                <Tooltip title={t('documents.action.receiptTip')}>
                  <Button
                    size="small"
                    type="link"
                    icon={<PrinterOutlined />}
                    onClick={() => onReceipt(r)}
                    data-testid="loan-tx-receipt"
                  >
                    {t('documents.action.receipt')}
                  </Button>
                </Tooltip>
              )}
              {onReverse && r.kind === 'repayment' && !r.reversedById && (
                <Button
                  size="small"
                  type="link"
                  danger
                  icon={<UndoOutlined />}
                  onClick={() => onReverse(r)}
                  data-testid="loan-tx-reverse"
                >
                  {t('loans.tx.reverse')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

type DailyPosting = Detail['dailyPostings'][number];

function JournalLinesTab({ lines, daily }: { lines: JournalLine[]; daily: DailyPosting[] }) {
  const { t, language } = useI18n();
  const debit = lines.reduce((s, l) => s + l.debitFen, 0);
  const credit = lines.reduce((s, l) => s + l.creditFen, 0);
  // Alternate shading by entry so the lines of one voucher read together.
  const shade = useMemo(() => {
    const seqs = [...new Set(lines.map((l) => l.entryId))];
    return new Map(seqs.map((s, i) => [s, i % 2 === 1]));
  }, [lines]);
  // The account, debit and credit columns both tables show.
  const amountColumns = [
    {
      title: t('ledger.col.account'),
      dataIndex: 'accountCode',
      width: 200,
      render: (v: string) => <AccountCell code={v} />,
    },
    ...(['debitFen', 'creditFen'] as const).map((dataIndex) => ({
      title: t(dataIndex === 'debitFen' ? 'ledger.col.debit' : 'ledger.col.credit'),
      dataIndex,
      width: 120,
      align: 'right' as const,
      render: (v: number) => (v ? <Money fen={v} /> : ''),
    })),
  ];
  return (
    <>
      <Table<JournalLine>
        rowKey={(l) => `${l.entryId}|${l.accountCode}`}
        size="small"
        bordered
        sticky
        data-testid="loan-journal"
        dataSource={lines}
        pagination={lines.length > 200 ? { pageSize: 200, showSizeChanger: false, size: 'small' } : false}
        rowClassName={(l) => (shade.get(l.entryId) ? 'ld-row-shade' : '')}
        columns={[
          { title: t('ledger.col.postingDate'), dataIndex: 'postingDate', width: 96 },
          { title: t('ledger.col.valueDate'), dataIndex: 'valueDate', width: 96 },
          ...amountColumns,
          {
            title: t('ledger.col.memo'),
            dataIndex: 'kind',
            ellipsis: true,
            render: (_: string, l: JournalLine) => categoryMemo(l.kind, l.adjustment === 1, language),
          },
        ]}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0} colSpan={3}>
                {t('ledger.total')} · {t('ledger.rows', { n: lines.length })}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <Money fen={debit} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                <Money fen={credit} strong />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      {daily.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="loan-daily-postings">
          <Typography.Text type="secondary">{t('loans.journal.daily')}</Typography.Text>
          <Table<DailyPosting>
            rowKey={(l) => `${l.category}|${l.accountCode}`}
            size="small"
            bordered
            style={{ marginTop: 4 }}
            dataSource={daily}
            pagination={false}
            columns={[
              {
                title: t('ledger.col.memo'),
                dataIndex: 'category',
                width: 192,
                render: (v: string) => categoryMemo(v, false, language),
              },
              ...amountColumns,
            ]}
          />
        </div>
      )}
    </>
  );
}

const EVENT_COLOR: Record<string, string> = {
  LoanApproved: 'blue',
  LoanDisbursed: 'blue',
  RepaymentRecorded: 'green',
  RepaymentReversed: 'red',
  WriteOffProposed: 'orange',
  LoanWrittenOff: 'red',
  RecoveryRecorded: 'purple',
  ClassificationOverridden: 'gray',
  ContactLogged: 'cyan',
  PromiseToPayMade: 'cyan',
  ReceiptIssued: 'gray',
  ReceiptPrinted: 'gray',
};

function EventsTab({ events }: { events: LoanEvent[] }) {
  const { t, money } = useI18n();
  const describe = (e: LoanEvent): string => {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    const parts: string[] = [];
    if (typeof p.amountFen === 'number') parts.push(money(p.amountFen));
    if (typeof p.valueDate === 'string') parts.push(`${t('ledger.col.valueDate')} ${p.valueDate}`);
    if (typeof p.date === 'string') parts.push(p.date);
    if (typeof p.promisedDate === 'string') parts.push(p.promisedDate);
    if (e.type === 'ContactLogged')
      parts.push(
        `${t(`collections.kind.${p.kind as 'call'}`)} · ${t(`collections.outcome.${p.outcome as 'reached'}`)}`,
        ...(typeof p.note === 'string' ? [p.note] : []),
      );
    if (p.channel === 'bank' || p.channel === 'cash') parts.push(t(`loans.channel.${p.channel}`));
    if (typeof p.receiptNumber === 'string') parts.push(p.receiptNumber);
    if (e.type === 'ReceiptPrinted' && typeof p.copy === 'number' && p.copy > 1)
      parts.push(t('documents.receipt.reprint', { n: p.copy - 1 }));
    if (e.type === 'ReceiptPrinted' && p.reversed === true) parts.push(t('documents.receipt.reversed'));
    if (e.type === 'RepaymentRecorded' && (p.intent === 'installments' || p.intent === 'principal'))
      parts.push(t(`loans.intent.${p.intent}`));
    const capOverride = p.capOverride as { reason?: string } | undefined;
    if (typeof capOverride?.reason === 'string')
      parts.push(`${t('loans.event.capOverride')}${t('shell.colon')}${capOverride.reason}`);
    const override = p.override as { classification?: string } | null | undefined;
    if (e.type === 'ClassificationOverridden')
      parts.push(
        override?.classification ? t(`loans.class.${override.classification as 'normal'}`) : t('loans.classify.auto'),
      );
    if (typeof p.reason === 'string') parts.push(`${t('loans.reason')}${t('shell.colon')}${p.reason}`);
    const terms = p.terms as { principalFen?: number } | undefined;
    if (e.type === 'LoanApproved' && typeof terms?.principalFen === 'number') parts.push(money(terms.principalFen));
    return parts.join(' · ');
  };
  if (events.length === 0) return <Typography.Text type="secondary">{t('loans.events.empty')}</Typography.Text>;
  return (
    <Timeline
      data-testid="loan-events"
      style={{ marginTop: 8 }}
      items={events.map((e) => ({
        key: e.id,
        color: EVENT_COLOR[e.type] ?? 'gray',
        content: (
          <div>
            <Space>
              <strong>{EVENT_COLOR[e.type] ? t(`loans.event.${e.type as 'LoanApproved'}`) : e.type}</strong>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.occurredAt)} · v{e.version}
              </Typography.Text>
            </Space>
            <div style={{ fontSize: 12 }}>{describe(e)}</div>
          </div>
        ),
      }))}
    />
  );
}
