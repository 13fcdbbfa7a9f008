/** Record a repayment: amount, value date (backdating allowed, never after the
 *  business date) and channel; the waterfall split from repayments.preview shows,
 *  debounced, before the user can confirm. */
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
import { fromDayjs, Money, toDayjs } from './parts';
import { AllocationTable } from './allocation';

export const PREVIEW_DEBOUNCE_MS = 300;

interface Values {
  amountFen?: number;
  valueDate?: string;
  channel: 'bank' | 'cash';
  note?: string;
}

export function RepaymentDialog({
  open,
  onClose,
  loanId,
  loanNumber,
  businessDate,
  disbursedOn,
}: {
  open: boolean;
  onClose: () => void;
  loanId: string;
  loanNumber: string;
  businessDate: string;
  disbursedOn: string | null;
}) {
  const { t, error, money } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const amount = Form.useWatch('amountFen', form);
  const valueDate = Form.useWatch('valueDate', form);
  const probe = useDebounced({ amountFen: amount, valueDate }, PREVIEW_DEBOUNCE_MS);
  const ready =
    typeof probe.amountFen === 'number' &&
    probe.amountFen > 0 &&
    !!probe.valueDate &&
    amountSchema.safeParse(probe.amountFen).success;
  const preview = useApi(
    'repayments.preview',
    { loanId, amountFen: probe.amountFen ?? 0, valueDate: probe.valueDate ?? businessDate },
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
  const settled = probe.amountFen === amount && probe.valueDate === valueDate;
  const current = ready && settled && !!preview.data && !preview.isFetching;

  const close = () => {
    form.resetFields();
    record.reset();
    setAcceptOverpayment(false);
    onClose();
  };

  const submit = async (values: Values) => {
    try {
      await record.mutateAsync({
        loanId,
        amountFen: values.amountFen!,
        valueDate: values.valueDate!,
        channel: values.channel,
        note: values.note?.trim() || undefined,
        acceptOverpayment: overpayFen > 0 && acceptOverpayment,
      });
      void message.success(t('loans.repay.done', { amount: money(values.amountFen!) }));
      close();
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
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={!current || !!preview.error || (overpayFen > 0 && !acceptOverpayment)}
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
        initialValues={{ valueDate: businessDate, channel: 'bank' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item label={t('loans.repay.amount')} required>
          <Form.Item
            name="amountFen"
            noStyle
            rules={[{ required: true, message: t('error.REQUIRED') }, zodRule(amountSchema)]}
          >
            <MoneyInput data-testid="repay-amount" />
          </Form.Item>
          <Space size={4}>
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
          </Space>
        </Form.Item>
        <Form.Item
          name="valueDate"
          label={t('loans.repay.valueDate')}
          rules={[{ required: true, message: t('error.REQUIRED') }]}
          getValueProps={(v: string | undefined) => ({ value: v ? toDayjs(v) : undefined })}
          normalize={(d) => fromDayjs(d)}
          extra={
            valueDate && valueDate < businessDate ? (
              <Typography.Text type="warning">{t('loans.repay.backdated', { date: valueDate })}</Typography.Text>
            ) : undefined
          }
        >
          <DatePicker
            allowClear={false}
            data-testid="repay-value-date"
            disabledDate={(d) => {
              const s = d.format('YYYY-MM-DD');
              return s > businessDate || (!!disbursedOn && s < disbursedOn);
            }}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('loans.channel')}>
          <Radio.Group
            optionType="button"
            data-testid="repay-channel"
            options={[
              { value: 'bank', label: t('loans.channel.bank') },
              { value: 'cash', label: t('loans.channel.cash') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('loans.repay.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
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
