/** The product form: every setting of a loan product, validated as typed with
 *  the product schema the main process applies, beside a live schedule preview. */
import { dayCountName } from '../../../components/names';
import { useMemo, useState } from 'react';
import {
  App,
  Alert,
  Button,
  Col,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form';
import type { FormInstance } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/zh-CN';
import { useApiMutation } from '../../../api/hooks';
import { invoke, type Api, type ApiError } from '../../../api/client';
import { MoneyInput } from '../../../components/MoneyInput';
import { issueSentence, zodRule, type RuleOptions } from '../../../components/zodRule';
import { applyApiError } from '../../../components/forms';
import { productCode, saveProductInput } from '../../../../contract/schemas/products';
import { REPAYMENT_METHODS, FREQUENCIES } from '../../../../core/schedule/types';
import { configIssues, NEW_PRODUCT, toConfigInput, toFormValues, type ProductFormValues } from './productForm';
import { SchedulePreview } from './SchedulePreview';
import { TEXT_MAX_CHARS } from '../../../../core/validation/text';
import { formatPercent, isPercent } from '../../../components/percent';

type Product = Api['products.list']['output'][number];
type Bucket = ProductFormValues['allocationOrder'][number];

/** Validates one field against the whole config (cross-field rules included); the
 *  refusal is a sentence with the field's label (our codes translated, the schema's
 *  limits said as limits, amounts as money). A percent field's limits are the
 *  stored fractions': it says its format instead. */
function configRule(
  form: FormInstance<ProductFormValues>,
  field: string,
  options: RuleOptions & { percentMessage?: string },
): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const { percentMessage, ...sentence } = options;
      if (percentMessage && !isPercent(value)) throw new Error(percentMessage);
      const issue = configIssues(form.getFieldsValue(true) as ProductFormValues).get(field);
      if (!issue) return;
      if (percentMessage && !/^[A-Z][A-Z0-9_]+$/.test(issue.message ?? '')) throw new Error(percentMessage);
      throw new Error(issueSentence(issue, value, sentence));
    },
  };
}

function AllocationOrderInput({
  value = [],
  onChange,
  disabled,
}: {
  value?: Bucket[];
  onChange?: (v: Bucket[]) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const move = (i: number, by: -1 | 1) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange?.(next);
  };
  return (
    <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="product-allocation-order">
      {value.map((b, i) => (
        <li key={b} style={{ lineHeight: '26px' }}>
          <Space size={4}>
            <span style={{ display: 'inline-block', minWidth: 96 }}>{t(`products.bucket.${b}` as MessageKey)}</span>
            <Button
              size="small"
              type="text"
              icon={<ArrowUpOutlined />}
              disabled={disabled || i === 0}
              onClick={() => move(i, -1)}
              aria-label={t('products.moveUp')}
              data-testid={`allocation-up-${b}`}
            />
            <Button
              size="small"
              type="text"
              icon={<ArrowDownOutlined />}
              disabled={disabled || i === value.length - 1}
              onClick={() => move(i, 1)}
              aria-label={t('products.moveDown')}
              data-testid={`allocation-down-${b}`}
            />
          </Space>
        </li>
      ))}
    </ol>
  );
}

type CapCheck = Api['reports.productCapCheck']['output'];

/** What a product change would breach: new loans above the cap, active loans above it, the red line. */
function CapCheckList({ check }: { check: CapCheck }) {
  const { t, money } = useI18n();
  return (
    <div data-testid="cap-check">
      {check.capOverRedLine && (
        <Alert
          type="error"
          showIcon
          title={t('products.capCheck.redLine', { cap: formatPercent(check.cap) })}
          style={{ marginBottom: 8 }}
        />
      )}
      {check.samples
        .filter((s) => s.over)
        .map((s) => (
          <div key={`${s.periods}-${s.amountFen}`}>
            {t('products.capCheck.sample', {
              periods: s.periods,
              amount: money(s.amountFen),
              rate: formatPercent(s.rateAnnual),
              annualized: formatPercent(s.annualizedRate),
              cap: formatPercent(check.cap),
            })}
          </div>
        ))}
      {check.loans.length > 0 && (
        <>
          <div style={{ marginTop: 8 }}>
            {t('products.capCheck.loans', { n: check.loans.length, cap: formatPercent(check.cap) })}
          </div>
          <ul style={{ maxHeight: 160, overflow: 'auto', margin: '4px 0', paddingLeft: 18 }}>
            {check.loans.slice(0, 50).map((l) => (
              <li key={l.loanId} style={{ fontFamily: 'monospace' }}>
                {l.number} · {formatPercent(l.annualizedRate)} · {money(l.outstandingPrincipalFen)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ProductEditor({
  product,
  open,
  canManage,
  businessDate,
  onClose,
}: {
  product: Product | null;
  open: boolean;
  canManage: boolean;
  businessDate: string;
  onClose: () => void;
}) {
  const { t, error } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<ProductFormValues>();
  const save = useApiMutation('products.save');
  const initial = useMemo(() => (product ? toFormValues(product) : NEW_PRODUCT), [product]);
  const [values, setValues] = useState<ProductFormValues>(initial);
  const percentMessage = t('products.percentFormat');
  const rule = (field: string, percent = false, label?: MessageKey, money = false) =>
    configRule(form, field, {
      label: label ? t(label) : undefined,
      money,
      percentMessage: percent ? percentMessage : undefined,
    });
  const readOnly = !canManage;

  const submit = (v: ProductFormValues) => {
    const all = { ...(form.getFieldsValue(true) as ProductFormValues), ...v };
    const input = {
      ...(product ? { id: product.id, expectedVersion: product.version } : {}),
      code: all.code,
      name: all.name,
      active: all.active,
      config: toConfigInput(all),
    };
    const doSave = () =>
      save.mutate(input as Api['products.save']['input'], {
        onSuccess: () => {
          void message.success(t('products.saved'));
          onClose();
        },
        onError: (e) => applyApiError(e, form, error, (text) => void message.error(text)),
      });
    // A change that would breach the annualized-rate cap is listed before it is saved.
    invoke('reports.productCapCheck', {
      productId: product?.id,
      config: input.config as Api['reports.productCapCheck']['input']['config'],
    })
      .then((check) => {
        if (!check.breaches) return doSave();
        modal.confirm({
          title: t('products.capCheck.title'),
          width: 560,
          okText: t('products.capCheck.saveAnyway'),
          okButtonProps: { danger: true, 'data-testid': 'cap-check-save' } as never,
          cancelText: t('common.cancel'),
          content: <CapCheckList check={check} />,
          onOk: doSave,
        });
      })
      .catch((e: ApiError) => applyApiError(e, form, error, (text) => void message.error(text)));
  };

  const num = (
    name: string | string[],
    label: MessageKey,
    min: number,
    max: number,
    deps: (string | string[])[] = [],
  ) => (
    <Form.Item
      name={name}
      label={t(label)}
      rules={[rule(Array.isArray(name) ? name.join('.') : name, false, label)]}
      dependencies={deps}
    >
      <InputNumber
        min={min}
        max={max}
        precision={0}
        style={{ width: '100%' }}
        disabled={readOnly}
        data-testid={`product-${Array.isArray(name) ? name.join('-') : name}`}
      />
    </Form.Item>
  );
  const pct = (
    name: string | string[],
    label: MessageKey,
    deps: (string | string[])[] = [],
    extra?: string,
    tooltip?: string,
  ) => (
    <Form.Item
      name={name}
      label={t(label)}
      rules={[rule(Array.isArray(name) ? name.join('.') : name, true, label)]}
      dependencies={deps}
      extra={extra}
      tooltip={tooltip}
    >
      <Input
        suffix="%"
        inputMode="decimal"
        style={{ textAlign: 'right' }}
        disabled={readOnly}
        data-testid={`product-${Array.isArray(name) ? name.join('-') : name}`}
      />
    </Form.Item>
  );
  const money = (name: string, label: MessageKey, deps: string[] = []) => (
    <Form.Item name={name} label={t(label)} rules={[rule(name, false, label, true)]} dependencies={deps}>
      <MoneyInput data-testid={`product-${name}`} />
    </Form.Item>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={1180}
      destroyOnHidden
      title={product ? t('products.edit', { code: product.code }) : t('products.new')}
      extra={
        canManage && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="product-save">
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {readOnly && <Alert type="info" showIcon title={t('products.readOnly')} style={{ marginBottom: 12 }} />}
      <Row gutter={24}>
        <Col span={12}>
          <Form<ProductFormValues>
            form={form}
            layout="vertical"
            size="small"
            initialValues={initial}
            onValuesChange={(_, all) => setValues(all)}
            onFinish={submit}
            disabled={readOnly}
            data-testid="product-form"
          >
            <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
              {t('products.section.basic')}
            </Divider>
            <Row gutter={12}>
              <Col span={6}>
                <Form.Item
                  name="code"
                  label={t('products.code')}
                  rules={[zodRule(productCode, { label: t('products.code') })]}
                  normalize={(v: string) => v.toUpperCase()}
                >
                  <Input maxLength={16} data-testid="product-code" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="name"
                  label={t('products.name')}
                  rules={[zodRule(saveProductInput.shape.name, { label: t('products.name') })]}
                >
                  <Input maxLength={TEXT_MAX_CHARS.name} data-testid="product-name" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="active" label={t('products.status')} valuePropName="checked">
                  <Switch
                    checkedChildren={t('products.active')}
                    unCheckedChildren={t('products.inactive')}
                    data-testid="product-active"
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="method" label={t('products.method')} rules={[rule('method')]}>
                  <Select
                    data-testid="product-method"
                    options={REPAYMENT_METHODS.map((m) => ({
                      value: m,
                      label: t(`products.method.${m}` as MessageKey),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="frequency" label={t('products.frequency')} rules={[rule('frequency')]}>
                  <Select
                    data-testid="product-frequency"
                    options={FREQUENCIES.map((f) => ({ value: f, label: t(`products.frequency.${f}` as MessageKey) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start" plain>
              {t('products.section.terms')}
            </Divider>
            <Row gutter={12}>
              <Col span={8}>{money('minAmountFen', 'products.minAmount')}</Col>
              <Col span={8}>{money('maxAmountFen', 'products.maxAmount', ['minAmountFen'])}</Col>
              <Col span={4}>{num('minPeriods', 'products.minPeriods', 1, 480)}</Col>
              <Col span={4}>{num('maxPeriods', 'products.maxPeriods', 1, 480, ['minPeriods'])}</Col>
              <Col span={8}>{pct('minRatePercent', 'products.minRate')}</Col>
              <Col span={8}>{pct('maxRatePercent', 'products.maxRate', ['minRatePercent'])}</Col>
              <Col span={8}>
                {pct('defaultRatePercent', 'products.defaultRatePercent', ['minRatePercent', 'maxRatePercent'])}
              </Col>
            </Row>
            <Divider titlePlacement="start" plain>
              {t('products.section.servicing')}
            </Divider>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="dayCount" label={t('products.dayCount')} rules={[rule('dayCount')]}>
                  <Select
                    data-testid="product-dayCount"
                    options={['ACT/360', 'ACT/365', 'ACT/ACT', '30/360'].map((d) => ({
                      value: d,
                      label: dayCountName(d, t),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>{pct('feeRatePercent', 'products.feeRate')}</Col>
              <Col span={8}>
                <Form.Item
                  name="penaltyMultiplier"
                  label={t('products.penaltyMultiplier')}
                  rules={[rule('penaltyMultiplier')]}
                >
                  <Input inputMode="decimal" style={{ textAlign: 'right' }} data-testid="product-penaltyMultiplier" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="prepaymentMode" label={t('products.prepaymentMode')} rules={[rule('prepaymentMode')]}>
                  <Select
                    data-testid="product-prepaymentMode"
                    options={[
                      { value: 'shortenTerm', label: t('products.prepay.shortenTerm') },
                      { value: 'lowerInstallment', label: t('products.prepay.lowerInstallment') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="repaymentIntent"
                  label={t('products.repaymentIntent')}
                  tooltip={t('products.repaymentIntentHint')}
                  rules={[rule('repaymentIntent')]}
                >
                  <Select
                    data-testid="product-repaymentIntent"
                    options={[
                      { value: 'installments', label: t('products.intent.installments') },
                      { value: 'principal', label: t('products.intent.principal') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                {pct('prepaymentFeePercent', 'products.prepaymentFee', [], undefined, t('products.prepaymentFeeHint'))}
              </Col>
              <Col span={8}>{num('gracePrincipalPeriods', 'products.gracePrincipal', 0, 24)}</Col>
              <Col span={8}>{num('graceInterestPeriods', 'products.graceInterest', 0, 24)}</Col>
              <Col span={8}>{money('installmentMultipleFen', 'products.installmentMultiple')}</Col>
              <Col span={8}>
                <Form.Item
                  name="installmentRounding"
                  label={t('products.installmentRounding')}
                  tooltip={t('products.installmentRoundingHint')}
                  rules={[rule('installmentRounding')]}
                >
                  <Select
                    data-testid="product-installmentRounding"
                    options={(['nearest', 'up', 'down'] as const).map((r) => ({
                      value: r,
                      label: t(`products.rounding.${r}` as MessageKey),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item
                  name="allocationOrder"
                  label={t('products.allocationOrder')}
                  rules={[rule('allocationOrder')]}
                >
                  <AllocationOrderInput disabled={readOnly} />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start" plain>
              {t('products.section.approval')}
            </Divider>
            <Row gutter={12}>
              <Col span={8}>{money('autoApproveLimitFen', 'products.autoApproveLimit')}</Col>
              <Col span={16}>{pct('rateCapPercent', 'products.rateCap', [], t('products.rateCapHint'))}</Col>
              <Col span={6}>{num(['precheck', 'minAge'], 'products.precheck.minAge', 16, 80)}</Col>
              <Col span={6}>{num(['precheck', 'maxAge'], 'products.precheck.maxAge', 18, 90)}</Col>
              <Col span={12}>{pct(['precheck', 'maxDtiPercent'], 'products.precheck.maxDti')}</Col>
              <Col span={12}>
                <Form.Item
                  name={['precheck', 'refuseWatchlist']}
                  label={t('products.precheck.refuseWatchlist')}
                  valuePropName="checked"
                >
                  <Switch size="small" data-testid="product-refuseWatchlist" />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name={['precheck', 'refuseOverdue']}
                  label={t('products.precheck.refuseOverdue')}
                  valuePropName="checked"
                >
                  <Switch size="small" data-testid="product-refuseOverdue" />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </Col>
        <Col span={12}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('products.preview')}
          </Typography.Title>
          <SchedulePreview values={values} businessDate={businessDate} />
        </Col>
      </Row>
    </Drawer>
  );
}
