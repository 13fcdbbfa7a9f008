/** New loan application (新建申请): the officer picks the customer and product and
 *  types the terms; the annualized rate, first installment, pre-checks, score and
 *  schedule follow the typing (main-process preview, debounced); submitting shows
 *  where the application went: approved (with its loan), declined, or to review.
 *  What is typed is kept as the officer's draft until submitted or discarded (a
 *  reload loses nothing), leaving the page with changes asks first, and one
 *  opening is one request (a double click submits one application). */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import type { Rule } from 'antd/es/form';
import type { Api } from '../../api/client';
import { hashQuery } from '../../app/useHashRoute';
import { DraftNotice, useFormSession } from '../../components/formSession';
import { productName } from '../../components/names';
import { PERSON_PURPOSES, BUSINESS_PURPOSES } from '../../../core/purposes';
import type { MessageKey } from '../../i18n/zh-CN';
import { useApi, useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { requiredRule, zodRule } from '../../components/zodRule';
import { applyApiError } from '../../components/forms';
import { submitApplicationInput } from '../../../contract/schemas/applications';
import { Dec } from '../../../core/decimal';
import { ChecksAndScore, DecisionTag, RatePanel, ScheduleTable } from './AssessmentPanels';
import { AmountField, PeriodsField, RateField } from './TermFields';
import { useLivePreview, type PreviewInput } from './hooks';
import { useDebounced } from '../../components/useDebounced';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import { formatPercent, fractionToPercent } from '../../components/percent';

type Product = Api['products.list']['output'][number];
/** What the form shows of the picked customer (a row of the search, or the
 *  customer read back for a draft or a link from the customer file). */
type CustomerRow = Pick<
  Api['customers.list']['output']['rows'][number],
  | 'id'
  | 'name'
  | 'number'
  | 'kind'
  | 'residentIdMasked'
  | 'creditCode'
  | 'age'
  | 'monthlyIncomeFen'
  | 'monthlyDebtFen'
  | 'employmentYears'
  | 'industry'
>;
type Submitted = Api['applications.submit']['output'];
interface FormValues {
  customerId?: string;
  productId?: string;
  amountFen?: number;
  periods?: number;
  rateAnnual?: string;
  /** A listed purpose's code, or 'other' with the officer's words in purposeText. */
  purposeCode?: string;
  purposeText?: string;
}

const OTHER_PURPOSE = 'other';

/** The purpose as the application stores it: the listed code, or the words typed. */
function purposeOf(v: FormValues): string {
  return v.purposeCode === OTHER_PURPOSE ? (v.purposeText ?? '').trim() : (v.purposeCode ?? '');
}

const CUSTOMER_OPTIONS_LIMIT = 20;
const CUSTOMER_SEARCH_DEBOUNCE_MS = 250;

export function ApplyPage() {
  const { t, error, money, language } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const values = (Form.useWatch([], form) ?? {}) as FormValues;
  const [customerSearch, setCustomerSearch] = useState('');
  const [picked, setPicked] = useState<CustomerRow | null>(null);
  const [outcome, setOutcome] = useState<Submitted | null>(null);
  const search = useDebounced(customerSearch.trim(), CUSTOMER_SEARCH_DEBOUNCE_MS);
  const customers = useApi(
    'customers.list',
    { search: search || undefined, limit: CUSTOMER_OPTIONS_LIMIT },
    { placeholderData: (previous) => previous },
  );
  const products = useApi('products.list', { activeOnly: true });
  const submit = useApiMutation('applications.submit', { perOpening: true });
  // A customer named by the address (新建申请 from the customer file).
  const [linked] = useState(() => hashQuery().get('customer'));
  const session = useFormSession({
    form,
    open: true,
    draft: 'applications.apply',
    mutation: submit,
    guardsRoute: outcome === null,
    onRestored: () => {
      if (linked) form.setFieldValue('customerId', linked);
    },
  });
  useEffect(() => {
    if (linked) form.setFieldValue('customerId', linked);
  }, [linked, form]);
  // The picked customer's line, also when the id came from a draft or a link.
  const known = values.customerId ? customers.data?.rows.find((r) => r.id === values.customerId) : undefined;
  const readBack = useApi(
    'customers.get',
    { customerId: values.customerId ?? '' },
    { enabled: !!values.customerId && !known && picked?.id !== values.customerId },
  );
  useEffect(() => {
    if (!values.customerId) return setPicked(null);
    if (picked?.id === values.customerId) return;
    const row = known ?? (readBack.data?.id === values.customerId ? readBack.data : undefined);
    if (row) setPicked(row);
  }, [values.customerId, known, readBack.data, picked?.id]);
  const product = products.data?.find((p) => p.id === values.productId);
  const preview = useLivePreview(values as Partial<PreviewInput>);
  const notify = (text: string) => void message.error(text);

  const customerOptions = useMemo(() => {
    const rows: CustomerRow[] = customers.data?.rows ?? [];
    const all = picked && !rows.some((r) => r.id === picked.id) ? [picked, ...rows] : rows;
    return all.map((c) => ({
      value: c.id,
      row: c,
      label: (
        <span>
          {c.name}{' '}
          <Typography.Text type="secondary">
            · {c.number} · {c.kind === 'person' ? c.residentIdMasked : c.creditCode}
          </Typography.Text>
        </span>
      ),
    }));
  }, [customers.data, picked]);

  const onProduct = (id: string) => {
    const next = products.data?.find((p) => p.id === id);
    if (!next) return;
    const c = next.config;
    const periods = Math.min(c.maxPeriods, Math.max(c.minPeriods, form.getFieldValue('periods') ?? 12));
    form.setFieldsValue({ rateAnnual: c.defaultRateAnnual, periods });
    // Only what was already typed is checked against the new product: an empty
    // amount is not an error yet.
    const typed = (['amountFen', 'periods', 'rateAnnual'] as const).filter(
      (f) => form.getFieldValue(f) !== undefined && form.getFieldValue(f) !== '',
    );
    void form.validateFields([...typed]).catch(() => undefined);
  };

  const onFinish = (v: FormValues) => {
    submit.mutate(
      {
        customerId: v.customerId!,
        productId: v.productId!,
        amountFen: v.amountFen!,
        periods: v.periods!,
        rateAnnual: v.rateAnnual,
        purpose: purposeOf(v),
      },
      {
        onSuccess: (result) => {
          session.settle();
          setOutcome(result);
        },
        onError: (e) => applyApiError(e, form, error, notify),
      },
    );
  };

  const restart = () => {
    setOutcome(null);
    setPicked(null);
    form.resetFields();
    submit.reset();
  };

  const rangeRules = productRangeRules(product, t, money);
  const assessment = preview.data?.assessment;
  const purposes = picked?.kind === 'business' ? BUSINESS_PURPOSES : PERSON_PURPOSES;
  const unit = product ? t(`review.unit.${product.config.frequency}`) : t('review.unit.monthly');

  return (
    <>
      <PageHeader title={t('review.apply.title')} />
      {outcome && <Outcome outcome={outcome} onRestart={restart} />}
      <Row gutter={12} align="top">
        <Col flex="380px">
          <Card size="small" title={t('review.apply.terms')}>
            <DraftNotice session={session} />
            <Form<FormValues>
              form={form}
              layout="vertical"
              onFinish={onFinish}
              validateTrigger="onBlur"
              onValuesChange={session.onValuesChange}
              disabled={outcome !== null}
              data-testid="apply-form"
            >
              <Form.Item
                name="customerId"
                label={t('review.field.customer')}
                rules={[requiredRule(t('review.field.customer'))]}
              >
                <Select
                  showSearch={{ filterOption: false, onSearch: setCustomerSearch }}
                  placeholder={t('review.apply.customerHint')}
                  options={customerOptions}
                  loading={customers.isFetching}
                  notFoundContent={customers.isFetching ? <Spin size="small" /> : t('review.apply.noCustomer')}
                  onChange={(_, option) => setPicked((option as { row?: CustomerRow } | undefined)?.row ?? null)}
                  data-testid="apply-customer"
                />
              </Form.Item>
              {picked && <CustomerSummary customer={picked} />}
              <Form.Item
                name="productId"
                label={t('review.field.product')}
                rules={[requiredRule(t('review.field.product'))]}
              >
                <Select
                  placeholder={t('review.apply.productHint')}
                  loading={products.isPending}
                  options={(products.data ?? []).map((p) => ({
                    value: p.id,
                    label: `${p.code} · ${productName(p, language)}`,
                  }))}
                  onChange={onProduct}
                  data-testid="apply-product"
                />
              </Form.Item>
              {product && <ProductSummary product={product} />}
              <AmountField
                schema={submitApplicationInput.shape.amountFen}
                rules={rangeRules.amount}
                testId="apply-amount"
              />
              <Row gutter={8}>
                <Col span={12}>
                  <PeriodsField
                    schema={submitApplicationInput.shape.periods}
                    rules={rangeRules.periods}
                    unit={unit}
                    testId="apply-periods"
                  />
                </Col>
                <Col span={12}>
                  <RateField
                    schema={submitApplicationInput.shape.rateAnnual.unwrap()}
                    rules={rangeRules.rate}
                    testId="apply-rate"
                  />
                </Col>
              </Row>
              <Form.Item
                name="purposeCode"
                label={t('review.field.purpose')}
                rules={[requiredRule(t('review.field.purpose'))]}
              >
                <Select
                  placeholder={t('review.apply.purposeHint')}
                  options={[...purposes, OTHER_PURPOSE].map((code) => ({
                    value: code,
                    label: t(`purpose.${code}` as MessageKey),
                  }))}
                  data-testid="apply-purpose"
                />
              </Form.Item>
              {values.purposeCode === OTHER_PURPOSE && (
                <Form.Item
                  name="purposeText"
                  label={t('review.apply.purposeOther')}
                  rules={[zodRule(submitApplicationInput.shape.purpose, { label: t('review.apply.purposeOther') })]}
                >
                  <Input.TextArea
                    autoSize={{ minRows: 1, maxRows: 3 }}
                    maxLength={TEXT_MAX_CHARS.subject}
                    data-testid="apply-purpose-text"
                  />
                </Form.Item>
              )}
              <Button
                type="primary"
                htmlType="submit"
                icon={<FileAddOutlined />}
                loading={submit.isPending}
                disabled={submit.isPending || outcome !== null}
                block
                data-testid="apply-submit"
              >
                {t('review.apply.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col flex="1" style={{ minWidth: 0 }}>
          {preview.error && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={error(preview.error.code, preview.error.details)}
              data-testid="apply-preview-error"
            />
          )}
          {!assessment || !product ? (
            <Card size="small">
              <Empty description={t('review.apply.previewHint')} />
            </Card>
          ) : (
            <Spin spinning={preview.pending || preview.isFetching} delay={150}>
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <RatePanel
                  annualized={assessment.annualizedRate}
                  cap={product.config.rateCapAnnual}
                  contractRate={preview.data!.rateAnnual}
                  firstInstallmentFen={assessment.firstInstallmentFen}
                  extra={
                    <div>
                      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 6 }}>
                        {t('review.expectedDecision')}
                      </Typography.Text>
                      <DecisionTag decision={assessment.decision} />
                    </div>
                  }
                />
                <ChecksAndScore assessment={assessment} />
                <Card
                  size="small"
                  title={t('review.schedule.title', { start: preview.data!.startDate })}
                  styles={{ body: { padding: 0 } }}
                >
                  <ScheduleTable schedule={preview.data!.schedule} testId="apply-schedule" />
                </Card>
              </Space>
            </Spin>
          )}
        </Col>
      </Row>
    </>
  );
}

function productRangeRules(
  product: Product | undefined,
  t: ReturnType<typeof useI18n>['t'],
  money: (fen: number) => string,
): { amount: Rule[]; periods: Rule[]; rate: Rule[] } {
  if (!product) return { amount: [], periods: [], rate: [] };
  const c = product.config;
  const unitOf = (f: Product['config']['frequency']) => t(`review.unit.${f}`);
  const within = (ok: (v: never) => boolean, text: string): Rule => ({
    validator: async (_r, v: unknown) => {
      if (v === undefined || v === null || v === '') return;
      if (!ok(v as never)) throw new Error(text);
    },
  });
  return {
    amount: [
      within(
        (v: number | string) => typeof v !== 'number' || v >= c.minAmountFen,
        t('review.apply.belowMin', { label: t('review.field.amount'), min: money(c.minAmountFen) }),
      ),
      within(
        (v: number | string) => typeof v !== 'number' || v <= c.maxAmountFen,
        t('review.apply.aboveMax', { label: t('review.field.amount'), max: money(c.maxAmountFen) }),
      ),
    ],
    periods: [
      within(
        (v: number) => v >= c.minPeriods,
        t('review.apply.belowMin', { label: t('review.field.periods'), min: `${c.minPeriods} ${unitOf(c.frequency)}` }),
      ),
      within(
        (v: number) => v <= c.maxPeriods,
        t('review.apply.aboveMax', { label: t('review.field.periods'), max: `${c.maxPeriods} ${unitOf(c.frequency)}` }),
      ),
    ],
    rate: [
      within(
        (v: string) => rateCompare(v, (d) => d.gte(c.minRateAnnual)),
        t('review.apply.belowMin', { label: t('review.field.rate'), min: `${fractionToPercent(c.minRateAnnual)}%` }),
      ),
      within(
        (v: string) => rateCompare(v, (d) => d.lte(c.maxRateAnnual)),
        t('review.apply.aboveMax', { label: t('review.field.rate'), max: `${fractionToPercent(c.maxRateAnnual)}%` }),
      ),
    ],
  };
}

/** A rate compared to a bound; a malformed rate passes here (the format rule says so). */
function rateCompare(v: string, ok: (d: Dec) => boolean): boolean {
  try {
    return ok(new Dec(v));
  } catch {
    return true;
  }
}

function CustomerSummary({ customer }: { customer: CustomerRow }) {
  const { t, money } = useI18n();
  const dash = '—';
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 12 }} data-testid="apply-customer-summary">
      {customer.kind === 'person'
        ? t('review.apply.customerLine', {
            age: customer.age ?? dash,
            income: customer.monthlyIncomeFen === null ? dash : money(customer.monthlyIncomeFen),
            debt: customer.monthlyDebtFen === null ? dash : money(customer.monthlyDebtFen),
            years: customer.employmentYears ?? dash,
          })
        : t('review.apply.businessLine', { industry: customer.industry ?? dash })}
    </Typography.Paragraph>
  );
}

function ProductSummary({ product }: { product: Product }) {
  const { t, money } = useI18n();
  const c = product.config;
  return (
    <Descriptions
      size="small"
      column={1}
      colon={false}
      style={{ marginTop: -8, marginBottom: 8 }}
      styles={{ label: { color: '#8c8c8c', width: 104, whiteSpace: 'nowrap' } }}
      data-testid="apply-product-summary"
      items={[
        {
          key: 'm',
          label: t('review.product.method'),
          children: `${t(`review.method.${c.method}`)} · ${t(`review.frequency.${c.frequency}`)}`,
        },
        {
          key: 'a',
          label: t('review.product.amount'),
          children: `${money(c.minAmountFen)} – ${money(c.maxAmountFen)}`,
        },
        {
          key: 'p',
          label: t('review.product.periods'),
          children: `${c.minPeriods} – ${c.maxPeriods} ${t(`review.unit.${c.frequency}`)}`,
        },
        {
          key: 'r',
          label: t('review.product.rate'),
          children: t('review.product.rateLine', {
            min: formatPercent(c.minRateAnnual),
            max: formatPercent(c.maxRateAnnual),
            def: formatPercent(c.defaultRateAnnual),
            cap: formatPercent(c.rateCapAnnual),
          }),
        },
        {
          key: 'f',
          label: t('review.product.fee'),
          children: `${formatPercent(c.upfrontFeeRate)} · ${t('review.product.autoLimit')} ${money(c.autoApproveLimitFen)}`,
        },
      ]}
    />
  );
}

function Outcome({ outcome, onRestart }: { outcome: Submitted; onRestart: () => void }) {
  const { t } = useI18n();
  const failed = outcome.assessment.prechecks.filter((p) => !p.passed);
  const again = (
    <Button key="again" onClick={onRestart} data-testid="apply-new">
      {t('review.apply.new')}
    </Button>
  );
  if (outcome.status === 'approved') {
    return (
      <Card size="small" style={{ marginBottom: 12 }} data-testid="apply-outcome" data-status="approved">
        <Result
          status="success"
          title={t('review.outcome.approved', { number: outcome.number })}
          subTitle={t('review.outcome.approvedHint')}
          extra={[
            <Button key="loan" type="primary" href={`#/loans/${outcome.loanId}`} data-testid="apply-outcome-loan">
              {t('review.openLoan')}
            </Button>,
            again,
          ]}
        />
      </Card>
    );
  }
  if (outcome.status === 'declined') {
    return (
      <Card size="small" style={{ marginBottom: 12 }} data-testid="apply-outcome" data-status="declined">
        <Result
          status="error"
          title={t('review.outcome.declined', { number: outcome.number })}
          subTitle={
            <span data-testid="apply-outcome-failed">
              {[
                ...failed.map((p) => t(`review.precheck.${p.code}`)),
                ...(outcome.assessment.score?.grade === 'E' ? [t('review.outcome.gradeE')] : []),
              ].join('；')}
            </span>
          }
          extra={[again]}
        />
      </Card>
    );
  }
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="apply-outcome" data-status="review">
      <Result
        status="info"
        title={t('review.outcome.queued', { number: outcome.number })}
        subTitle={t('review.outcome.queuedHint')}
        extra={[
          <Button key="open" type="primary" href={`#/review/${outcome.id}`} data-testid="apply-outcome-review">
            {t('review.outcome.openReview')}
          </Button>,
          again,
        ]}
      />
    </Card>
  );
}
