/** Record a repayment: amount, value date (backdating allowed, never after the
 *  business date), channel and what it is for (按期还款 pay installments / 提前还本
 *  prepay principal, the product's default preselected); the waterfall split from
 *  repayments.preview shows, debounced, before the user can confirm. A payoff whose
 *  annualized cost passes the cap needs a permitted role's reason. */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { invoke, type ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { MoneyInput } from '../../components/MoneyInput';
import { zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { amountFen as amountSchema } from '../../../contract/schemas/applications';
import { useDebounced } from '../../components/useDebounced';
import { text, TEXT_MAX_CHARS } from '../../../core/validation/text';
import type { RepaymentIntent } from '../../../core/servicing/position';
import { fromDayjs, Money, toDayjs } from './parts';
import { AllocationTable } from './allocation';
import { formatPercent } from '../../components/percent';

export const PREVIEW_DEBOUNCE_MS = 300;
/** The form's rows, closer together than antd's default. */
const ITEM = { marginBottom: 14 };

const reasonSchema = text('reason', { min: 2 });

interface Values {
  amountFen?: number;
  valueDate?: string;
  channel: 'bank' | 'cash';
  intent: RepaymentIntent;
  note?: string;
  capOverrideReason?: string;
}

/** What the dialog opens with (the payoff quote's "record this payoff"). */
export interface RepaymentStart {
  amountFen?: number;
  valueDate?: string;
}

export function RepaymentDialog({
  open,
  onClose,
  loanId,
  loanNumber,
  businessDate,
  disbursedOn,
  defaultIntent,
  canOverrideCap,
  start,
  onRecorded,
}: {
  open: boolean;
  onClose: () => void;
  loanId: string;
  loanNumber: string;
  businessDate: string;
  disbursedOn: string | null;
  /** The product's default, fixed in the contract. */
  defaultIntent: RepaymentIntent;
  /** The role may let a payoff above the cap through (repayments.overrideCap). */
  canOverrideCap: boolean;
  start?: RepaymentStart;
  /** The repayment was recorded (its receipt is offered next). */
  onRecorded?: (transactionId: string) => void;
}) {
  const { t, error, money } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const amount = Form.useWatch('amountFen', form);
  const valueDate = Form.useWatch('valueDate', form);
  const intent = Form.useWatch('intent', form) ?? defaultIntent;
  const overrideReason = Form.useWatch('capOverrideReason', form);
  const probe = useDebounced({ amountFen: amount, valueDate, intent }, PREVIEW_DEBOUNCE_MS);
  const ready =
    typeof probe.amountFen === 'number' &&
    probe.amountFen > 0 &&
    !!probe.valueDate &&
    amountSchema.safeParse(probe.amountFen).success;
  const preview = useApi(
    'repayments.preview',
    { loanId, amountFen: probe.amountFen ?? 0, valueDate: probe.valueDate ?? businessDate, intent: probe.intent },
    { enabled: open && ready, retry: false, staleTime: 0 },
  );
  // What is due on the value date (overdue and current installments, penalty), for the quick fill.
  const due = useApi(
    'repayments.due',
    { loanId, valueDate: valueDate ?? businessDate },
    { enabled: open, retry: false, placeholderData: (previous) => previous },
  );
  const dueFen = due.data?.dueFen;
  const record = useApiMutation('repayments.record');
  const [acceptOverpayment, setAcceptOverpayment] = useState(false);
  const overpayFen = preview.data && amount ? amount - preview.data.payoffFen : 0;
  const [filling, setFilling] = useState(false);
  const settled = probe.amountFen === amount && probe.valueDate === valueDate && probe.intent === intent;
  const current = ready && settled && !!preview.data && !preview.isFetching;
  // It closes the loan above the cap: only a permitted role, with a reason.
  const overCap = current && !!preview.data?.cap.exceedsCap;
  const overrideOk = !overCap || (canOverrideCap && reasonSchema.safeParse(overrideReason ?? '').success);

  const close = () => {
    form.resetFields();
    record.reset();
    setAcceptOverpayment(false);
    onClose();
  };

  const submit = async (values: Values) => {
    try {
      const recorded = await record.mutateAsync({
        loanId,
        amountFen: values.amountFen!,
        valueDate: values.valueDate!,
        channel: values.channel,
        intent: values.intent,
        note: values.note?.trim() || undefined,
        acceptOverpayment: overpayFen > 0 && acceptOverpayment,
        ...(overCap && values.capOverrideReason?.trim() ? { capOverrideReason: values.capOverrideReason.trim() } : {}),
      });
      void message.success(t('loans.repay.done', { amount: money(values.amountFen!) }));
      close();
      onRecorded?.(recorded.transactionId);
    } catch (e) {
      applyApiError(e as ApiError, form, error, (text) => void message.error(text));
    }
  };

  const fillPayoff = async () => {
    setFilling(true);
    try {
      const quote = await invoke('loans.payoffQuote', { loanId, date: valueDate ?? businessDate });
      form.setFieldValue('amountFen', quote.totalFen);
      void form.validateFields(['amountFen']);
    } catch (e) {
      void message.error(error((e as ApiError).code, (e as ApiError).details));
    } finally {
      setFilling(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`${t('loans.repay.title')} · ${loanNumber}`}
      onCancel={close}
      width={680}
      // Room for the split, and for the cap's reason when a payoff needs one, at 1366x768.
      style={{ top: 24 }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={!current || !!preview.error || (overpayFen > 0 && !acceptOverpayment) || !overrideOk}
          loading={record.isPending}
          onClick={() => form.submit()}
          data-testid="repay-confirm"
        >
          {t('loans.repay.confirm')}
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        initialValues={{
          valueDate: start?.valueDate ?? businessDate,
          channel: 'bank',
          intent: defaultIntent,
          ...(start?.amountFen !== undefined ? { amountFen: start.amountFen } : {}),
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('loans.repay.amount')} required style={ITEM}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 4, flexWrap: 'wrap' }}>
            <div style={{ width: 170 }}>
              <Form.Item
                name="amountFen"
                noStyle
                rules={[{ required: true, message: t('error.REQUIRED') }, zodRule(amountSchema)]}
              >
                <MoneyInput data-testid="repay-amount" />
              </Form.Item>
            </div>
            {dueFen !== undefined && dueFen > 0 && (
              <Button
                size="small"
                type="link"
                onClick={() => form.setFieldValue('amountFen', dueFen)}
                data-testid="repay-fill-due"
              >
                {t('loans.repay.fillDue')} {money(dueFen)}
              </Button>
            )}
            <Button
              size="small"
              type="link"
              loading={filling}
              onClick={() => void fillPayoff()}
              data-testid="repay-fill-payoff"
            >
              {t('loans.repay.fillPayoff')}
            </Button>
          </div>
        </Form.Item>
        <Form.Item
          name="valueDate"
          label={t('loans.repay.valueDate')}
          style={ITEM}
          rules={[
            { required: true, message: t('error.REQUIRED') },
            {
              // Said, not silently reverted: a date the picker would grey out can be typed.
              validator: async (_rule, v: string | undefined) => {
                if (v && v > businessDate) throw new Error(t('error.VALUE_DATE_IN_FUTURE', { businessDate }));
                if (v && disbursedOn && v < disbursedOn)
                  throw new Error(t('error.VALUE_DATE_BEFORE_DISBURSEMENT', { disbursedOn }));
              },
            },
          ]}
          getValueProps={(v: string | undefined) => ({ value: v ? toDayjs(v) : undefined })}
          normalize={(d) => fromDayjs(d)}
          extra={
            valueDate && valueDate < businessDate ? (
              <Typography.Text type="warning">{t('loans.repay.backdated', { date: valueDate })}</Typography.Text>
            ) : undefined
          }
        >
          <DatePicker allowClear={false} data-testid="repay-value-date" />
        </Form.Item>
        <Form.Item name="channel" label={t('loans.channel')} style={ITEM}>
          <Radio.Group
            optionType="button"
            data-testid="repay-channel"
            options={[
              { value: 'bank', label: t('loans.channel.bank') },
              { value: 'cash', label: t('loans.channel.cash') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="intent"
          label={t('loans.repay.intent')}
          style={ITEM}
          extra={<span data-testid="repay-intent-hint">{t(`loans.intent.${intent}.hint`)}</span>}
        >
          <Radio.Group
            optionType="button"
            data-testid="repay-intent"
            options={(['installments', 'principal'] as const).map((value) => ({
              value,
              label: (
                <span data-testid={`repay-intent-${value}`}>
                  {t(`loans.intent.${value}`)}
                  {value === defaultIntent ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      ({t('loans.intent.default')})
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('loans.repay.note')} style={ITEM}>
          <Input maxLength={TEXT_MAX_CHARS.note} />
        </Form.Item>
        {overCap && canOverrideCap && (
          <Form.Item
            name="capOverrideReason"
            label={t('loans.cap.reason')}
            extra={t('loans.cap.reasonHint')}
            style={ITEM}
            rules={[{ required: true, message: t('loans.reasonHint') }, zodRule(reasonSchema)]}
          >
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 3 }}
              maxLength={TEXT_MAX_CHARS.reason}
              data-testid="repay-cap-reason"
            />
          </Form.Item>
        )}
      </Form>
      {overCap && preview.data && (
        <Alert
          type={canOverrideCap ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="repay-over-cap"
          title={
            <>
              {preview.data.cap.annualizedCost === null
                ? t('loans.cap.overUnbounded', { cap: formatPercent(preview.data.cap.rateCapAnnual) })
                : t('loans.cap.over', {
                    cost: formatPercent(preview.data.cap.annualizedCost),
                    cap: formatPercent(preview.data.cap.rateCapAnnual),
                  })}{' '}
              {t('loans.cap.within', { amount: money(preview.data.cap.maxTotalWithinCapFen) })}
              {canOverrideCap ? null : <div>{t('loans.cap.needsOverride')}</div>}
            </>
          }
        />
      )}
      {current && overpayFen > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('loans.repay.overpayOver', { amount: money(overpayFen), payoff: money(preview.data!.payoffFen) })}
          description={
            <Checkbox
              checked={acceptOverpayment}
              onChange={(e) => setAcceptOverpayment(e.target.checked)}
              data-testid="repay-accept-overpayment"
            >
              {t('loans.repay.acceptOverpayment')}
            </Checkbox>
          }
        />
      )}
      <div data-testid="repay-preview" style={{ minHeight: 120 }}>
        <Typography.Text strong>{t('loans.repay.split')}</Typography.Text>
        {!ready ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('loans.repay.needAmount')}
          </Typography.Paragraph>
        ) : preview.error ? (
          <Alert
            style={{ marginTop: 8 }}
            type="error"
            showIcon
            title={error(preview.error.code, preview.error.details)}
            data-testid="repay-preview-error"
          />
        ) : !preview.data ? (
          <div style={{ padding: 16 }}>
            <Spin size="small" /> {t('loans.repay.previewing')}
          </div>
        ) : (
          <Spin spinning={!current} size="small">
            <AllocationTable allocation={preview.data.allocation} testId="repay-split" />
            <Space wrap style={{ marginTop: 8 }}>
              <span>
                {t('loans.repay.after')}
                {t('shell.colon')}
                <Money fen={preview.data.after.outstandingPrincipalFen} strong />
              </span>
              {preview.data.after.closed && (
                <Tag color="green" data-testid="repay-closes">
                  {t('loans.repay.closes')}
                </Tag>
              )}
            </Space>
            {preview.data.allocation.overpaymentFen > 0 && (
              <Alert
                style={{ marginTop: 8 }}
                type="warning"
                showIcon
                title={t('loans.repay.overpayment', { amount: money(preview.data.allocation.overpaymentFen) })}
              />
            )}
          </Spin>
        )}
      </div>
    </Modal>
  );
}
