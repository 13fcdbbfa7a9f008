/** The loan's other actions, one small dialog each: disburse, payoff quote,
 *  write-off proposal and approval, recovery, classification override, reversal. */
import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { MoneyInput } from '../../components/MoneyInput';
import { zodRule } from '../../components/zodRule';
import { ActionDialog } from '../../components/ActionDialog';
import { amountFen as amountSchema } from '../../../contract/schemas/applications';
import { receivingAccountField, transferRef } from '../../../contract/schemas/disbursement';
import { addDays } from '../../../core/dates';
import { text, TEXT_MAX_CHARS } from '../../../core/validation/text';
import { CLASSIFICATIONS, fromDayjs, Money, toDayjs, type Classification } from './parts';
import { formatPercent } from '../../components/percent';

type Detail = Api['loans.get']['output'];
const REASON_MAX = TEXT_MAX_CHARS.reason;
const reasonSchema = text('reason', { min: 2 });

/** The reason a dialog asks for (at least 2 characters, at most the shared limit). */
function ReasonField({ label, testId = 'loan-reason' }: { label?: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="reason"
      label={label ?? t('loans.reason')}
      rules={[
        { required: true, whitespace: true, message: t('loans.reasonHint') },
        { min: 2, message: t('loans.reasonHint') },
        zodRule(reasonSchema),
      ]}
    >
      <Input.TextArea rows={3} maxLength={REASON_MAX} data-testid={testId} />
    </Form.Item>
  );
}

/** Bank transfer or cash. */
function ChannelField({ label }: { label: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="channel" label={label}>
      <Radio.Group
        optionType="button"
        options={[
          { value: 'bank', label: t('loans.channel.bank') },
          { value: 'cash', label: t('loans.channel.cash') },
        ]}
      />
    </Form.Item>
  );
}

interface DisburseValues {
  channel: 'bank' | 'cash';
  receivingAccount?: string;
  transferRef?: string;
  confirmInsufficientFunds?: boolean;
}

/** Disbursing: the amounts, the channel, and for a bank transfer the receiving
 *  account and the bank's reference (both required here, so every transfer can be
 *  matched to the bank statement). */
export function DisburseDialog({ open, onClose, detail }: { open: boolean; onClose: () => void; detail: Detail }) {
  const { t, money } = useI18n();
  const { loan } = detail;
  const netFen = loan.principalFen - detail.upfrontFeeFen;
  // The account is checked for the customer's kind, as the main process checks it.
  const accountSchema = useMemo(
    () => receivingAccountField(detail.customer?.kind ?? 'person'),
    [detail.customer?.kind],
  );
  return (
    <ActionDialog<'loans.disburse', DisburseValues>
      open={open}
      onClose={onClose}
      title={`${t('loans.disburse.title')} · ${loan.number}`}
      method="loans.disburse"
      testId="loan-disburse-dialog"
      okText={t('loans.action.disburse')}
      initialValues={{ channel: 'bank' }}
      toInput={(v) => ({
        loanId: loan.id,
        expectedVersion: loan.version,
        channel: v.channel,
        confirmInsufficientFunds: v.confirmInsufficientFunds === true,
        ...(v.channel === 'bank' ? { receivingAccount: v.receivingAccount, transferRef: v.transferRef } : {}),
      })}
      done={() => t('loans.disburse.done', { amount: money(netFen) })}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('loans.disburse.confirm', { customer: detail.customer?.name ?? '', amount: money(loan.principalFen) })}
        description={t('loans.disburse.secondPerson')}
      />
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('loans.field.principal')}>
          <Money fen={loan.principalFen} strong />
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.field.upfrontFee')}>
          <Money fen={detail.upfrontFeeFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('loans.disburse.net')}>
          <Money fen={netFen} strong />
        </Descriptions.Item>
      </Descriptions>
      <ChannelField label={t('loans.disburse.channel')} />
      <Form.Item noStyle dependencies={['channel']}>
        {({ getFieldValue }) =>
          getFieldValue('channel') === 'bank' && (
            <>
              <Form.Item
                name="receivingAccount"
                label={t('loans.disburse.account')}
                extra={t('loans.disburse.accountHint')}
                rules={[zodRule(accountSchema, { label: t('loans.disburse.account') })]}
              >
                <Input inputMode="numeric" autoComplete="off" maxLength={40} data-testid="disburse-account" />
              </Form.Item>
              <Form.Item
                name="transferRef"
                label={t('loans.disburse.transferRef')}
                extra={t('loans.disburse.transferRefHint')}
                rules={[zodRule(transferRef, { label: t('loans.disburse.transferRef') })]}
              >
                <Input autoComplete="off" maxLength={40} data-testid="disburse-transfer-ref" />
              </Form.Item>
            </>
          )
        }
      </Form.Item>
      <Form.Item name="confirmInsufficientFunds" valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox data-testid="loan-disburse-confirm-funds">{t('books.disburse.confirmFunds')}</Checkbox>
      </Form.Item>
    </ActionDialog>
  );
}

/** The payoff on a date: its parts, the annualized cost of the loan's actual cash
 *  flows against the cap, and (for a date up to the business date) a way to record
 *  it, through the repayment dialog; above the cap only for a role allowed to
 *  override it. */
export function PayoffDialog({
  open,
  onClose,
  detail,
  canRecord,
  canOverrideCap,
  onRecord,
}: {
  open: boolean;
  onClose: () => void;
  detail: Detail;
  canRecord: boolean;
  canOverrideCap: boolean;
  onRecord: (amountFen: number, date: string) => void;
}) {
  const { t, error } = useI18n();
  const [date, setDate] = useState(detail.businessDate);
  const quote = useApi('loans.payoffQuote', { loanId: detail.loan.id, date }, { enabled: open, retry: false });
  const maxDate = addDays(detail.businessDate, 366);
  const q = quote.data;
  const future = date > detail.businessDate;
  const recordable = !!q && canRecord && !future && (!q.exceedsCap || canOverrideCap);
  return (
    <Modal
      open={open}
      title={`${t('loans.payoff.title')} · ${detail.loan.number}`}
      onCancel={onClose}
      footer={
        recordable
          ? [
              <Button key="close" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="record"
                type="primary"
                danger={q.exceedsCap}
                onClick={() => onRecord(q.totalFen, date)}
                data-testid="payoff-record"
              >
                {t(q.exceedsCap ? 'loans.payoff.recordOverride' : 'loans.payoff.record')}
              </Button>,
            ]
          : null
      }
      width={500}
    >
      <Form layout="horizontal" labelCol={{ span: 8 }}>
        <Form.Item label={t('loans.payoff.date')}>
          <DatePicker
            allowClear={false}
            value={toDayjs(date)}
            onChange={(v) => setDate(fromDayjs(v) ?? detail.businessDate)}
            disabledDate={(d) => {
              const s = d.format('YYYY-MM-DD');
              return s > maxDate || (!!detail.loan.disbursedOn && s < detail.loan.disbursedOn);
            }}
            data-testid="payoff-date"
          />
        </Form.Item>
      </Form>
      {quote.error ? (
        <Alert type="error" showIcon title={error(quote.error.code, quote.error.details)} />
      ) : (
        <Descriptions
          size="small"
          column={1}
          bordered
          data-testid="payoff-quote"
          styles={{ content: { textAlign: 'right' } }}
        >
          <Descriptions.Item label={t('loans.payoff.principal')}>
            <Money fen={quote.data?.principalFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('loans.payoff.currentInterest')}>
            <Money fen={quote.data?.currentInterestFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('loans.payoff.overdueInterest')}>
            <Money fen={quote.data?.overdueInterestFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('loans.payoff.penalty')}>
            <Money fen={quote.data?.penaltyFen} />
          </Descriptions.Item>
          <Descriptions.Item label={t('loans.payoff.fees')}>
            <Money fen={quote.data?.feesFen} />
          </Descriptions.Item>
          {quote.data && quote.data.prepaymentFeeFen > 0 ? (
            <Descriptions.Item label={t('loans.payoff.prepaymentFee')}>
              <Money fen={quote.data.prepaymentFeeFen} />
            </Descriptions.Item>
          ) : null}
          {quote.data && quote.data.interestRefundFen > 0 ? (
            <Descriptions.Item label={t('loans.payoff.interestRefund')}>
              <span data-testid="payoff-interest-refund">
                <Money fen={-quote.data.interestRefundFen} />
              </span>
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={<strong>{t('loans.payoff.total')}</strong>}>
            <span data-testid="payoff-total" style={{ fontSize: 16 }}>
              <Money fen={quote.data?.totalFen} strong />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('loans.payoff.annualizedCost')}>
            <span
              data-testid="payoff-cost"
              style={{ color: quote.data?.exceedsCap ? '#cf1322' : undefined, fontWeight: 600 }}
            >
              {quote.data?.annualizedCost ? formatPercent(quote.data.annualizedCost.nominal) : '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('loans.payoff.cap')}>
            <span data-testid="payoff-cap">{quote.data ? formatPercent(quote.data.rateCapAnnual) : '—'}</span>
          </Descriptions.Item>
          {quote.data?.exceedsCap ? (
            <Descriptions.Item label={t('loans.payoff.maxWithinCap')}>
              <span data-testid="payoff-max-within-cap">
                <Money fen={quote.data.maxTotalWithinCapFen} />
              </span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      )}
      {quote.data?.exceedsCap ? (
        <Alert
          style={{ marginTop: 12 }}
          type={canOverrideCap ? 'warning' : 'error'}
          showIcon
          data-testid="payoff-over-cap"
          title={t('loans.payoff.overCap', { cap: formatPercent(quote.data.rateCapAnnual) })}
          description={canOverrideCap ? undefined : t('loans.cap.needsOverride')}
        />
      ) : null}
      {quote.data && future && canRecord ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('loans.payoff.futureDate')}
        </Typography.Paragraph>
      ) : null}
    </Modal>
  );
}

/** Cancelling (撤销) an approved loan before it is disbursed: a duplicate, or the
 *  customer no longer wants the money; with a reason, audited; nothing was posted. */
export function CancelLoanDialog({ open, onClose, detail }: { open: boolean; onClose: () => void; detail: Detail }) {
  const { t, money } = useI18n();
  const { loan } = detail;
  return (
    <ActionDialog<'loans.cancel', { reason: string }>
      open={open}
      onClose={onClose}
      title={`${t('loans.cancel.title')} · ${loan.number}`}
      method="loans.cancel"
      testId="loan-cancel-dialog"
      danger
      okText={t('loans.action.cancel')}
      toInput={(v) => ({ loanId: loan.id, expectedVersion: loan.version, reason: v.reason.trim() })}
      done={() => t('loans.cancel.done', { number: loan.number })}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('loans.cancel.confirm', { customer: detail.customer?.name ?? '', amount: money(loan.principalFen) })}
      />
      <ReasonField label={t('loans.cancel.reason')} testId="loan-cancel-reason" />
    </ActionDialog>
  );
}

export function ProposeWriteOffDialog({
  open,
  onClose,
  detail,
}: {
  open: boolean;
  onClose: () => void;
  detail: Detail;
}) {
  const { t, money } = useI18n();
  return (
    <ActionDialog<'loans.proposeWriteOff', { reason: string }>
      open={open}
      onClose={onClose}
      title={`${t('loans.writeOff.proposeTitle')} · ${detail.loan.number}`}
      method="loans.proposeWriteOff"
      testId="loan-propose-writeoff-dialog"
      danger
      toInput={(v) => ({ loanId: detail.loan.id, reason: v.reason.trim() })}
      done={() => t('loans.writeOff.proposed')}
    >
      <Typography.Paragraph>
        {t('loans.writeOff.proposeIntro', { amount: money(detail.loan.outstandingPrincipalFen), dpd: detail.loan.dpd })}
      </Typography.Paragraph>
      <ReasonField />
    </ActionDialog>
  );
}

export function ApproveWriteOffDialog({
  open,
  onClose,
  detail,
  proposalReason,
}: {
  open: boolean;
  onClose: () => void;
  detail: Detail;
  proposalReason?: string;
}) {
  const { t, money } = useI18n();
  return (
    <ActionDialog<'loans.approveWriteOff', object>
      open={open}
      onClose={onClose}
      title={`${t('loans.writeOff.approveTitle')} · ${detail.loan.number}`}
      method="loans.approveWriteOff"
      testId="loan-approve-writeoff-dialog"
      danger
      okText={t('loans.action.approveWriteOff')}
      toInput={() => ({ loanId: detail.loan.id })}
      done={() => t('loans.writeOff.approved')}
    >
      <Alert
        type="warning"
        showIcon
        title={t('loans.writeOff.approveConfirm', {
          number: detail.loan.number,
          amount: money(detail.loan.outstandingPrincipalFen),
        })}
        description={proposalReason ? `${t('loans.reason')}${t('shell.colon')}${proposalReason}` : undefined}
      />
    </ActionDialog>
  );
}

export function RecoveryDialog({ open, onClose, detail }: { open: boolean; onClose: () => void; detail: Detail }) {
  const { t, money } = useI18n();
  return (
    <ActionDialog<'loans.recordRecovery', { amountFen: number; channel: 'bank' | 'cash' }>
      open={open}
      onClose={onClose}
      title={`${t('loans.recovery.title')} · ${detail.loan.number}`}
      method="loans.recordRecovery"
      testId="loan-recovery-dialog"
      initialValues={{ channel: 'bank' }}
      toInput={(v) => ({ loanId: detail.loan.id, amountFen: v.amountFen, channel: v.channel })}
      done={(v) => t('loans.recovery.done', { amount: money(v.amountFen) })}
    >
      <Typography.Paragraph type="secondary">{t('loans.recovery.intro')}</Typography.Paragraph>
      <Form.Item
        name="amountFen"
        label={t('loans.recovery.amount')}
        rules={[{ required: true, message: t('error.REQUIRED') }, zodRule(amountSchema)]}
      >
        <MoneyInput data-testid="recovery-amount" />
      </Form.Item>
      <ChannelField label={t('loans.channel')} />
    </ActionDialog>
  );
}

export function ClassifyDialog({ open, onClose, detail }: { open: boolean; onClose: () => void; detail: Detail }) {
  const { t } = useI18n();
  const AUTO = 'auto';
  return (
    <ActionDialog<'loans.overrideClassification', { classification: Classification | typeof AUTO; reason: string }>
      open={open}
      onClose={onClose}
      title={`${t('loans.classify.title')} · ${detail.loan.number}`}
      method="loans.overrideClassification"
      testId="loan-classify-dialog"
      initialValues={{ classification: detail.loan.classification as Classification }}
      toInput={(v) => ({
        loanId: detail.loan.id,
        classification: v.classification === AUTO ? null : v.classification,
        reason: v.reason.trim(),
      })}
      done={() => t('loans.classify.done')}
    >
      <Typography.Paragraph>
        {t('loans.classify.current', {
          class: t(`loans.class.${detail.loan.classification as Classification}`),
          dpd: detail.loan.dpd,
        })}
      </Typography.Paragraph>
      <Form.Item
        name="classification"
        label={t('loans.classify.value')}
        rules={[{ required: true, message: t('error.REQUIRED') }]}
      >
        <Select
          data-testid="classify-value"
          options={[
            ...CLASSIFICATIONS.map((c) => ({ value: c, label: t(`loans.class.${c}`) })),
            ...(detail.loan.classificationOverrideJson ? [{ value: AUTO, label: t('loans.classify.auto') }] : []),
          ]}
        />
      </Form.Item>
      <ReasonField />
    </ActionDialog>
  );
}

export function ReverseDialog({
  open,
  onClose,
  transaction,
}: {
  open: boolean;
  onClose: () => void;
  transaction: { id: string; amountFen: number; valueDate: string } | null;
}) {
  const { t, money } = useI18n();
  return (
    <ActionDialog<'repayments.reverse', { reason: string }>
      open={open}
      onClose={onClose}
      title={t('loans.reverse.title')}
      method="repayments.reverse"
      testId="loan-reverse-dialog"
      danger
      okText={t('loans.tx.reverse')}
      toInput={(v) => ({ transactionId: transaction!.id, reason: v.reason.trim() })}
      done={() => t('loans.reverse.done')}
    >
      {transaction && (
        <Typography.Paragraph>
          {t('loans.reverse.intro', { amount: money(transaction.amountFen), date: transaction.valueDate })}
        </Typography.Paragraph>
      )}
      <ReasonField />
    </ActionDialog>
  );
}
