/** The review screen (审批): the customer, score and reasons, pre-checks, existing
 *  loans, the schedule and the annualized rate against the cap; approve (terms may
 *  change, previewed live), decline or return with a reason. The approver is never
 *  the maker; refusals are shown translated and the typed terms are kept. */
import { useEffect, useRef, useState } from 'react';
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
  Modal,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import type { Api, ApiError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { productName } from '../../components/names';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { zodRule } from '../../components/zodRule';
import { approveInput, decideInput } from '../../../contract/schemas/applications';
import { useCan } from '../../api/session';
import { ChecksAndScore, GradeTag, RatePanel, ScheduleTable, StatusTag } from './AssessmentPanels';
import { elapsedBetween, elapsedText } from './format';
import { useLivePreview, useSession } from './hooks';
import { AmountField, PeriodsField, RateField } from './TermFields';
import { TEXT_MAX_CHARS } from '../../../core/validation/text';
import { formatPercent, fractionToPercent } from '../../components/percent';
import { formatDateTime } from '../../components/dates';

type Detail = Api['applications.get']['output'];
type Application = Detail['application'];
type Terms = { amountFen?: number; periods?: number; rateAnnual?: string; note?: string; overrideReason?: string };
type Refusal = 'decline' | 'return';

/** An API refusal of a review action as a sentence: amounts as money, failing
 *  pre-checks by name. */
export function reviewErrorText(e: ApiError, i18n: Pick<ReturnType<typeof useI18n>, 'error' | 'money' | 't'>): string {
  const d = e.details;
  if ((e.code === 'APPROVAL_TERMS_INVALID' || e.code === 'APPROVAL_PRECHECK_FAILED') && Array.isArray(d.checks)) {
    return i18n.error(e.code, {
      checks: (d.checks as string[]).map((c) => i18n.t(`review.precheck.${c}` as MessageKey)).join('、'),
    });
  }
  if (e.code === 'APPLICATION_NOT_IN_REVIEW')
    return i18n.error(e.code, { status: i18n.t(`review.status.${String(d.status)}` as MessageKey) });
  return i18n.error(e.code, d);
}

export function ReviewPage({ applicationId }: { applicationId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const detail = useApi('applications.get', { applicationId });
  if (detail.isPending) return <Spin style={{ display: 'block', marginTop: 48 }} />;
  if (detail.error || !detail.data) {
    return (
      <>
        <BackLink />
        <Alert
          type="error"
          showIcon
          title={detail.error ? reviewErrorText(detail.error, i18n) : t('review.notFound')}
          data-testid="review-load-error"
        />
      </>
    );
  }
  return <ReviewScreen detail={detail.data} />;
}

function BackLink() {
  const { t } = useI18n();
  return (
    <Button
      type="link"
      icon={<ArrowLeftOutlined />}
      href="#/review"
      style={{ paddingInline: 0, marginBottom: 4 }}
      data-testid="review-back"
    >
      {t('review.backToQueue')}
    </Button>
  );
}

function ReviewScreen({ detail }: { detail: Detail }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useSession();
  const app = detail.application;
  const [form] = Form.useForm<Terms>();
  const typed = (Form.useWatch([], form) ?? {}) as Terms;
  const changed =
    app.status === 'review' &&
    ((typed.amountFen !== undefined && typed.amountFen !== app.amountFen) ||
      (typed.periods !== undefined && typed.periods !== app.periods) ||
      (typed.rateAnnual !== undefined && typed.rateAnnual !== app.rateAnnual));
  const preview = useLivePreview(
    changed
      ? {
          customerId: app.customerId,
          productId: app.productId,
          amountFen: typed.amountFen,
          periods: typed.periods,
          rateAnnual: typed.rateAnnual,
        }
      : {},
  );
  const adjusted = changed && preview.data ? preview.data : null;
  const assessment = adjusted?.assessment ?? detail.assessment;
  const schedule = adjusted?.schedule ?? detail.schedule;
  const isMaker = session !== null && session.userId === app.createdBy;
  const assessed = assessedTerms(detail);

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Space size={8}>
            {t('review.screen.title', { number: app.number })}
            <StatusTag status={app.status} />
            <GradeTag grade={app.grade} />
          </Space>
        }
      />
      {app.loanId && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="review-approved"
          title={
            <span>
              {t('review.screen.approvedLoan')}{' '}
              <a href={`#/loans/${app.loanId}`} data-testid="review-loan-link">
                {t('review.openLoan')}
              </a>
            </span>
          }
        />
      )}
      <Row gutter={12} align="top">
        <Col flex="1" style={{ minWidth: 0 }}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {!changed && assessed && (
              <Alert
                type="warning"
                showIcon
                data-testid="review-assessed-terms"
                title={t('review.screen.assessedTerms', {
                  amount: i18n.money(assessed.amountFen),
                  periods: assessed.periods,
                  rate: `${fractionToPercent(assessed.rate)}%`,
                })}
              />
            )}
            {changed && (
              <Alert
                type="info"
                showIcon
                data-testid="review-adjusted"
                title={preview.error ? reviewErrorText(preview.error, i18n) : t('review.screen.adjustedHint')}
              />
            )}
            <Spin spinning={changed && (preview.pending || preview.isFetching)} delay={150}>
              <RatePanel
                annualized={assessment.annualizedRate}
                cap={detail.product.config.rateCapAnnual}
                contractRate={adjusted?.rateAnnual ?? app.rateAnnual}
                firstInstallmentFen={assessment.firstInstallmentFen}
              />
            </Spin>
            <ChecksAndScore assessment={assessment} />
            <ExistingLoans loans={detail.existingLoans} />
            <Card
              size="small"
              title={adjusted ? t('review.screen.scheduleAdjusted') : t('review.screen.schedule')}
              styles={{ body: { padding: 0 } }}
            >
              <ScheduleTable schedule={schedule} />
            </Card>
          </Space>
        </Col>
        <Col flex="400px">
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {app.status === 'review' && (
              <DecisionCard
                app={app}
                form={form}
                isMaker={isMaker}
                changed={changed}
                annualized={assessment.annualizedRate.nominal}
                frequency={detail.product.config.frequency}
              />
            )}
            <CustomerCard customerId={app.customerId} />
            <ApplicationCard detail={detail} />
          </Space>
        </Col>
      </Row>
    </>
  );
}

/** Two label-value pairs a row fit the side column in Chinese; English labels need the width. */
function useSideColumns(): number {
  return useI18n().language === 'en' ? 1 : 2;
}

/** The terms the stored assessment was made on, when they are not the
 *  application's terms any more (an approval changed them). */
function assessedTerms(detail: Detail): { amountFen: number; periods: number; rate: string } | null {
  const value = (code: string, key: string) => detail.assessment.prechecks.find((p) => p.code === code)?.values[key];
  const amountFen = value('AMOUNT_RANGE', 'amountFen');
  const periods = value('TERM_RANGE', 'periods');
  const rate = value('RATE_RANGE', 'rate');
  if (typeof amountFen !== 'number' || typeof periods !== 'number' || typeof rate !== 'string') return null;
  const app = detail.application;
  return amountFen !== app.amountFen || periods !== app.periods || rate !== app.rateAnnual
    ? { amountFen, periods, rate }
    : null;
}

function CustomerCard({ customerId }: { customerId: string }) {
  const i18n = useI18n();
  const { t, money } = i18n;
  const columns = useSideColumns();
  const customer = useApi('customers.get', { customerId });
  const c = customer.data;
  const dash = '—';
  return (
    <Card size="small" title={t('review.screen.customer')} loading={customer.isPending} data-testid="review-customer">
      {customer.error && <Alert type="warning" title={reviewErrorText(customer.error, i18n)} />}
      {c && (
        <Descriptions
          size="small"
          column={columns}
          items={[
            {
              key: 'name',
              label: t('review.customer.name'),
              children: <strong data-testid="review-customer-name">{c.name}</strong>,
              span: 'filled' as const,
            },
            {
              key: 'number',
              label: t('review.customer.number'),
              children: <span style={{ fontFamily: 'monospace' }}>{c.number}</span>,
            },
            { key: 'age', label: t('review.customer.age'), children: c.age ?? dash },
            {
              key: 'id',
              label: t('review.customer.id'),
              children: (
                <span style={{ fontFamily: 'monospace' }}>
                  {c.kind === 'person' ? c.residentIdMasked : c.creditCode}
                </span>
              ),
              span: 'filled' as const,
            },
            {
              key: 'phone',
              label: t('review.customer.phone'),
              children: <span style={{ fontFamily: 'monospace' }}>{c.phoneMasked ?? dash}</span>,
              span: 'filled' as const,
            },
            {
              key: 'income',
              label: t('review.customer.income'),
              children: c.monthlyIncomeFen === null ? dash : money(c.monthlyIncomeFen),
            },
            {
              key: 'debt',
              label: t('review.customer.debt'),
              children: c.monthlyDebtFen === null ? dash : money(c.monthlyDebtFen),
            },
            { key: 'years', label: t('review.customer.years'), children: c.employmentYears ?? dash },
            { key: 'employer', label: t('review.customer.employer'), children: c.employer ?? c.industry ?? dash },
            ...(c.watchlistHits.length > 0
              ? [
                  {
                    key: 'watch',
                    label: t('review.customer.watchlist'),
                    span: 'filled' as const,
                    children: (
                      <Tag color="red">{t('review.customer.watchlistHits', { n: c.watchlistHits.length })}</Tag>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}

function ApplicationCard({ detail }: { detail: Detail }) {
  const { t, money, language } = useI18n();
  const columns = useSideColumns();
  const app = detail.application;
  const c = detail.product.config;
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  return (
    <Card size="small" title={t('review.screen.application')} data-testid="review-application">
      <Descriptions
        size="small"
        column={columns}
        items={[
          {
            key: 'amount',
            label: t('review.field.amount'),
            children: <strong data-testid="review-amount">{money(app.amountFen)}</strong>,
          },
          {
            key: 'periods',
            label: t('review.field.periods'),
            children: `${app.periods} ${t(`review.unit.${c.frequency}`)}`,
          },
          { key: 'rate', label: t('review.field.rate'), children: `${fractionToPercent(app.rateAnnual)}%` },
          { key: 'method', label: t('review.product.method'), children: t(`review.method.${c.method}`) },
          {
            key: 'product',
            label: t('review.field.product'),
            children: `${detail.product.code} · ${productName(detail.product, language)}`,
            span: 'filled' as const,
          },
          { key: 'purpose', label: t('review.field.purpose'), children: app.purpose, span: 'filled' as const },
          { key: 'officer', label: t('review.col.officer'), children: detail.creatorName ?? '—' },
          { key: 'submitted', label: t('review.col.submittedAt'), children: when(app.submittedAt) },
          ...(app.decidedAt
            ? [
                { key: 'decided', label: t('review.screen.decidedAt'), children: when(app.decidedAt) },
                {
                  key: 'ttd',
                  label: t('review.col.timeToDecision'),
                  children: (
                    <span data-testid="review-time-to-decision">
                      {elapsedText(elapsedBetween(app.submittedAt, Date.parse(app.decidedAt)), t)}
                    </span>
                  ),
                },
                {
                  key: 'by',
                  label: t('review.screen.decidedBy'),
                  children: (
                    <span data-testid="review-decided-by">
                      {app.decidedBy === 'system'
                        ? t('review.screen.system')
                        : (detail.deciderName ?? t('review.screen.reviewer'))}
                    </span>
                  ),
                  span: 'filled' as const,
                },
              ]
            : [
                {
                  key: 'waiting',
                  label: t('review.col.age'),
                  children: elapsedText(elapsedBetween(app.submittedAt, Date.now()), t),
                },
              ]),
          ...(app.decisionNote
            ? [{ key: 'note', label: t('review.screen.note'), children: app.decisionNote, span: 'filled' as const }]
            : []),
        ]}
      />
    </Card>
  );
}

function ExistingLoans({ loans }: { loans: Detail['existingLoans'] }) {
  const { t, money } = useI18n();
  const right = 'right' as const;
  const known = new Set(['approved', 'active', 'closed', 'written_off']);
  return (
    <Card
      size="small"
      title={t('review.screen.existingLoans', { n: loans.length })}
      styles={{ body: { padding: loans.length ? 0 : 12 } }}
    >
      {loans.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.screen.noLoans')} style={{ margin: 0 }} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={loans}
          data-testid="review-existing-loans"
          columns={[
            {
              title: t('review.loan.number'),
              dataIndex: 'number',
              render: (v: string, r) => (
                <a href={`#/loans/${r.id}`} style={{ fontFamily: 'monospace' }}>
                  {v}
                </a>
              ),
            },
            {
              title: t('review.loan.status'),
              dataIndex: 'status',
              render: (s: string) => (known.has(s) ? t(`review.loanStatus.${s}` as MessageKey) : s),
            },
            {
              title: t('review.loan.principal'),
              dataIndex: 'principalFen',
              align: right,
              render: (v: number) => money(v),
            },
            {
              title: t('review.loan.outstanding'),
              dataIndex: 'outstandingPrincipalFen',
              align: right,
              render: (v: number) => money(v),
            },
            {
              title: t('review.loan.dpd'),
              dataIndex: 'dpd',
              align: right,
              render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v),
            },
          ]}
        />
      )}
    </Card>
  );
}

function DecisionCard({
  app,
  form,
  isMaker,
  changed,
  annualized,
  frequency,
}: {
  app: Application;
  form: ReturnType<typeof Form.useForm<Terms>>[0];
  isMaker: boolean;
  changed: boolean;
  /** The annualized rate of the terms as they stand (adjusted or requested). */
  annualized: string;
  frequency: Detail['product']['config']['frequency'];
}) {
  const i18n = useI18n();
  const { t, money } = i18n;
  const { modal } = App.useApp();
  const approve = useApiMutation('applications.approve', { perOpening: true });
  const can = useCan();
  const { session } = useSession();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [approvedLoan, setApprovedLoan] = useState<string | null>(null);
  // A hard pre-check of the re-assessment failed: a role allowed to override may
  // approve anyway with a reason (audited with the approval).
  const [overriding, setOverriding] = useState(false);
  const mayOverride = can('applications.override');
  const failureRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure) failureRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [failure]);
  const typedAmount = Form.useWatch('amountFen', form) as number | string | undefined;
  const amountFen = typeof typedAmount === 'number' ? typedAmount : app.amountFen;
  const limitFen = session?.approvalLimitFen ?? null;
  const overLimit = limitFen !== null && amountFen > limitFen;
  // A refusal about the limit goes once the amount is within it.
  useEffect(() => {
    if (failure?.code === 'NEEDS_HIGHER_APPROVAL' && !overLimit) setFailure(null);
  }, [failure, overLimit]);
  const unit = t(`review.unit.${frequency}`);

  // Awaited, not mutate's callbacks: those never run when the refreshed application
  // (approved now) replaces this card before they would, and the confirmation then
  // stayed open.
  const send = async (v: Terms): Promise<void> => {
    setFailure(null);
    try {
      const r = await approve.mutateAsync({
        applicationId: app.id,
        expectedVersion: app.version,
        ...(v.amountFen !== app.amountFen ? { amountFen: v.amountFen } : {}),
        ...(v.periods !== app.periods ? { periods: v.periods } : {}),
        ...(v.rateAnnual !== app.rateAnnual ? { rateAnnual: v.rateAnnual } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(overriding && v.overrideReason?.trim() ? { overrideReason: v.overrideReason.trim() } : {}),
      });
      setApprovedLoan(r.loanId);
    } catch (e) {
      const error = e as ApiError;
      setFailure(error);
      if (error.code === 'APPROVAL_PRECHECK_FAILED' && mayOverride) setOverriding(true);
    }
  };

  // The terms are confirmed before the approval is sent.
  const onApprove = (v: Terms) => {
    // Closed explicitly once answered: the page below is replaced by the outcome
    // while the confirmation waits, which left it open over the success screen.
    const confirm = modal.confirm({
      title: t('review.confirm.title', { number: app.number }),
      width: 480,
      okText: t('review.confirm.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'review-confirm-ok' } as never,
      content: (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginTop: 8 }}
          data-testid="review-confirm"
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'amount', label: t('review.field.amount'), children: <strong>{money(v.amountFen ?? 0)}</strong> },
            { key: 'periods', label: t('review.field.periods'), children: `${v.periods ?? ''} ${unit}` },
            { key: 'rate', label: t('review.contractRate'), children: formatPercent(v.rateAnnual ?? '0') },
            {
              key: 'annualized',
              label: t('review.annualizedRate'),
              children: <strong data-testid="review-confirm-annualized">{formatPercent(annualized)}</strong>,
            },
            {
              key: 'approver',
              label: t('review.confirm.approver'),
              children: <span data-testid="review-confirm-approver">{session?.displayName ?? ''}</span>,
            },
          ]}
        />
      ),
      onOk: () => send(v).then(() => confirm.destroy()),
    });
  };

  if (approvedLoan) {
    return (
      <Card size="small">
        <Result
          status="success"
          title={t('review.screen.approvedTitle')}
          extra={
            <Button type="primary" href={`#/loans/${approvedLoan}`} data-testid="review-loan-link">
              {t('review.openLoan')}
            </Button>
          }
        />
      </Card>
    );
  }

  return (
    <Card size="small" title={t('review.screen.decision')} data-testid="review-decision-card">
      {isMaker && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('review.screen.makerWarning')}
          data-testid="review-maker-warning"
        />
      )}
      {limitFen !== null && !isMaker && (
        <Alert
          type={overLimit ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="review-limit"
          data-over={overLimit}
          title={
            overLimit
              ? t('review.limit.over', { limit: money(limitFen), amount: money(amountFen) })
              : t('review.limit.within', { limit: money(limitFen) })
          }
        />
      )}
      <div ref={failureRef}>
        {failure && (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setFailure(null) }}
            style={{ marginBottom: 8 }}
            title={reviewErrorText(failure, i18n)}
            data-testid="review-error"
          />
        )}
      </div>
      <Form<Terms>
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={{ amountFen: app.amountFen, periods: app.periods, rateAnnual: app.rateAnnual }}
        onFinish={onApprove}
        disabled={isMaker}
      >
        <Row gutter={8}>
          <Col span={10}>
            <AmountField schema={approveInput.shape.amountFen.unwrap()} testId="review-amount-input" />
          </Col>
          <Col span={7}>
            <PeriodsField schema={approveInput.shape.periods.unwrap()} unit={unit} testId="review-periods-input" />
          </Col>
          <Col span={7}>
            <RateField schema={approveInput.shape.rateAnnual.unwrap()} testId="review-rate-input" />
          </Col>
        </Row>
        <Form.Item name="note" label={t('review.screen.approveNote')} rules={[zodRule(approveInput.shape.note)]}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 3 }}
            maxLength={TEXT_MAX_CHARS.note}
            data-testid="review-note"
          />
        </Form.Item>
        {overriding && (
          <Form.Item
            name="overrideReason"
            label={t('review.screen.overrideReason')}
            extra={t('review.screen.overrideHint')}
            rules={[zodRule(approveInput.shape.overrideReason.unwrap(), { label: t('review.screen.overrideReason') })]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={TEXT_MAX_CHARS.reason}
              data-testid="review-override-reason"
            />
          </Form.Item>
        )}
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            icon={<CheckOutlined />}
            loading={approve.isPending}
            data-testid="review-approve"
          >
            {changed ? t('review.screen.approveAdjusted') : t('review.screen.approve')}
          </Button>
          <Button danger icon={<CloseOutlined />} onClick={() => setRefusal('decline')} data-testid="review-decline">
            {t('review.screen.decline')}
          </Button>
          <Button icon={<RollbackOutlined />} onClick={() => setRefusal('return')} data-testid="review-return">
            {t('review.screen.return')}
          </Button>
          {changed && (
            <Button
              type="link"
              onClick={() => form.resetFields(['amountFen', 'periods', 'rateAnnual'])}
              data-testid="review-reset-terms"
            >
              {t('review.screen.resetTerms')}
            </Button>
          )}
        </Space>
      </Form>
      <ReasonDialog app={app} kind={refusal} onClose={() => setRefusal(null)} />
    </Card>
  );
}

function ReasonDialog({ app, kind, onClose }: { app: Application; kind: Refusal | null; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const decline = useApiMutation('applications.decline', { perOpening: true });
  const ret = useApiMutation('applications.return', { perOpening: true });
  const [form] = Form.useForm<{ reason: string }>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const mutation = kind === 'return' ? ret : decline;
  const submit = ({ reason }: { reason: string }) => {
    setFailure(null);
    mutation.mutate(
      { applicationId: app.id, expectedVersion: app.version, reason },
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
        onError: setFailure,
      },
    );
  };
  return (
    <Modal
      open={kind !== null}
      title={
        kind === 'return'
          ? t('review.screen.returnTitle', { number: app.number })
          : t('review.screen.declineTitle', { number: app.number })
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={kind === 'return' ? t('review.screen.return') : t('review.screen.decline')}
      okButtonProps={{ danger: kind === 'decline', loading: mutation.isPending, 'data-testid': 'review-reason-ok' }}
      afterOpenChange={(opened) => {
        if (opened) {
          mutation.reset();
          setFailure(null);
        }
      }}
      forceRender
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={reviewErrorText(failure, i18n)}
          data-testid="review-reason-error"
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} validateTrigger="onBlur">
        <Form.Item
          name="reason"
          label={kind === 'return' ? t('review.screen.returnReason') : t('review.screen.declineReason')}
          rules={[
            zodRule(decideInput.shape.reason, {
              label: kind === 'return' ? t('review.screen.returnReason') : t('review.screen.declineReason'),
            }),
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={TEXT_MAX_CHARS.reason}
            data-testid="review-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
