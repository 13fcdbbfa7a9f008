/** The parts the application and review screens share: the annualized rate against
 *  the cap, the pre-check list, the score with its reasons, the repayment schedule. */
import { Card, Col, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Dec } from '../../../core/decimal';
import type { Schedule } from '../../../core/schedule/types';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import type { Preview } from './hooks';
import { formatPercent, fractionToPercent } from '../../components/percent';

type Assessment = Preview['assessment'];
type Precheck = Assessment['prechecks'][number];
type Score = NonNullable<Assessment['score']>;

export const GRADE_COLORS: Record<string, string> = { A: 'green', B: 'cyan', C: 'gold', D: 'orange', E: 'red' };
export const STATUS_COLORS: Record<string, string> = {
  review: 'processing',
  approved: 'success',
  declined: 'error',
  returned: 'warning',
};
const DECISION_COLORS: Record<Assessment['decision'], string> = {
  autoApproved: 'success',
  autoDeclined: 'error',
  review: 'processing',
};

export function GradeTag({ grade }: { grade: string | null | undefined }) {
  if (!grade) return <span>—</span>;
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ fontWeight: 600, marginInlineEnd: 0 }}>
      {grade}
    </Tag>
  );
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`review.status.${status}` as MessageKey)}</Tag>;
}

export function DecisionTag({ decision }: { decision: Assessment['decision'] }) {
  const { t } = useI18n();
  return (
    <Tag color={DECISION_COLORS[decision]} data-testid="review-decision">
      {t(`review.decision.${decision}`)}
    </Tag>
  );
}

/** The annualized rate (年化利率) large, beside the cap it is checked against. */
export function RatePanel({
  annualized,
  cap,
  contractRate,
  firstInstallmentFen,
  extra,
}: {
  annualized: Assessment['annualizedRate'];
  cap: string;
  contractRate: string;
  firstInstallmentFen: number;
  extra?: ReactNode;
}) {
  const { t, money } = useI18n();
  const over = new Dec(annualized.nominal).gt(cap);
  return (
    <Card size="small" data-testid="review-rate-panel" styles={{ body: { padding: '10px 16px' } }}>
      <Space size={28} wrap align="start">
        <div>
          <Typography.Text type="secondary">{t('review.annualizedRate')}</Typography.Text>
          <div
            style={{ color: over ? '#cf1322' : '#0b6e4f', fontSize: 28, fontWeight: 600, lineHeight: 1.25 }}
            data-testid="review-annualized-rate"
          >
            {formatPercent(annualized.nominal)}
          </div>
          <Typography.Text type={over ? 'danger' : 'secondary'} strong={over} style={{ fontSize: 12 }}>
            {over
              ? t('review.overCap', { cap: formatPercent(cap) })
              : t('review.withinCap', { cap: formatPercent(cap) })}
          </Typography.Text>
        </div>
        <Statistic
          title={t('review.effectiveRate')}
          value={formatPercent(annualized.effective)}
          styles={{ content: { fontSize: 18 } }}
        />
        <Statistic
          title={t('review.contractRate')}
          value={`${fractionToPercent(contractRate)}%`}
          styles={{ content: { fontSize: 18 } }}
        />
        <Statistic
          title={t('review.firstInstallment')}
          value={money(firstInstallmentFen)}
          styles={{ content: { fontSize: 18 } }}
          data-testid="review-first-installment"
        />
        {extra}
      </Space>
    </Card>
  );
}

const RATE_CHECKS = new Set<Precheck['code']>(['RATE_RANGE', 'RATE_CAP', 'DEBT_TO_INCOME']);

/** A pre-check's values for its message: amounts as money, rates as percent. */
export function precheckVars(check: Precheck, money: (fen: number) => string): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(check.values)) {
    if (key.endsWith('Fen') && typeof value === 'number') vars[key] = money(value);
    else if (RATE_CHECKS.has(check.code) && value !== '—') vars[key] = formatPercent(value);
    else vars[key] = value;
  }
  return vars;
}

export function PrecheckList({ prechecks }: { prechecks: Precheck[] }) {
  const { t, money } = useI18n();
  const failed = prechecks.filter((p) => !p.passed).length;
  return (
    <Card
      size="small"
      title={t('review.prechecks')}
      extra={
        failed > 0 ? (
          <Tag color="error">{t('review.prechecksFailed', { n: failed })}</Tag>
        ) : (
          <Tag color="success">{t('review.prechecksPassed')}</Tag>
        )
      }
      data-testid="review-prechecks"
    >
      {prechecks.map((p) => (
        <div
          key={p.code}
          style={{ display: 'flex', gap: 6, alignItems: 'baseline', padding: '2px 0' }}
          data-testid={`precheck-${p.code}`}
          data-passed={p.passed}
        >
          {p.passed ? (
            <CheckCircleFilled style={{ color: '#389e0d' }} />
          ) : (
            <CloseCircleFilled style={{ color: '#cf1322' }} />
          )}
          <Typography.Text
            strong={!p.passed}
            type={p.passed ? undefined : 'danger'}
            style={{ minWidth: 96, flex: 'none' }}
          >
            {t(`review.precheck.${p.code}`)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t(`review.precheckValues.${p.code}`, precheckVars(p, money))}
          </Typography.Text>
        </div>
      ))}
    </Card>
  );
}

export function ScorePanel({ score, offer }: { score: Score | null; offer: Assessment['offer'] }) {
  const { t, money } = useI18n();
  if (!score) {
    return (
      <Card size="small" title={t('review.score')} data-testid="review-score">
        <Typography.Text type="secondary">{t('review.noScore')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      title={t('review.score')}
      data-testid="review-score"
      extra={
        <Space size={6}>
          <Typography.Text strong style={{ fontSize: 18 }} data-testid="review-score-value">
            {score.score}
          </Typography.Text>
          <GradeTag grade={score.grade} />
          <Tooltip title={t('review.pdHint')}>
            <Typography.Text type="secondary">
              {t('review.pd')} {formatPercent(score.pd)}
            </Typography.Text>
          </Tooltip>
        </Space>
      }
    >
      {score.reasons.length > 0 ? (
        <div style={{ marginBottom: 6 }}>
          <Typography.Text type="secondary">
            {t('review.reasons')}
            {t('shell.colon')}
          </Typography.Text>
          <Space size={[4, 4]} wrap>
            {score.reasons.map((r) => (
              <Tag key={r.reasonCode} color="orange" data-testid={`reason-${r.reasonCode}`}>
                {t(`review.reason.${r.reasonCode}` as MessageKey)} −{r.pointsLost}
              </Tag>
            ))}
          </Space>
        </div>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
          {t('review.noReasons')}
        </Typography.Paragraph>
      )}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
          gap: '2px 12px',
          marginBottom: 6,
        }}
      >
        {score.attributes.map((a) => (
          <div
            key={a.attribute}
            style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            data-testid={`attr-${a.attribute}`}
            title={`${t(`review.attr.${a.attribute}`)} ${a.band} (${a.points})`}
          >
            <Typography.Text type="secondary">{t(`review.attr.${a.attribute}`)}</Typography.Text> {a.band}{' '}
            <Typography.Text type={a.contribution < 0 ? 'warning' : 'secondary'}>({a.points})</Typography.Text>
          </div>
        ))}
      </div>
      {offer && (
        <Typography.Text type="secondary" data-testid="review-offer">
          {offer.eligible
            ? t('review.offer', {
                amount: money(offer.maxAmountFen),
                rate: formatPercent(offer.rateAnnual),
                periods: offer.periods,
              })
            : t(`review.offerCode.${offer.code}`)}
        </Typography.Text>
      )}
    </Card>
  );
}

export function ScheduleTable({
  schedule,
  testId = 'review-schedule',
}: {
  schedule: Schedule | undefined;
  testId?: string;
}) {
  const { t, money } = useI18n();
  if (!schedule) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.scheduleEmpty')} />;
  const right = 'right' as const;
  return (
    <Table
      rowKey="n"
      size="small"
      data-testid={testId}
      dataSource={schedule.installments}
      pagination={false}
      scroll={schedule.installments.length > 14 ? { y: 420 } : undefined}
      columns={[
        { title: t('review.schedule.n'), dataIndex: 'n', width: 56, align: right },
        { title: t('review.schedule.dueDate'), dataIndex: 'dueDate', width: 110 },
        { title: t('review.schedule.payment'), dataIndex: 'paymentFen', align: right, render: (v: number) => money(v) },
        {
          title: t('review.schedule.principal'),
          dataIndex: 'principalFen',
          align: right,
          render: (v: number) => money(v),
        },
        {
          title: t('review.schedule.interest'),
          dataIndex: 'interestFen',
          align: right,
          render: (v: number) => money(v),
        },
        { title: t('review.schedule.balance'), dataIndex: 'balanceFen', align: right, render: (v: number) => money(v) },
      ]}
      summary={() => (
        <Table.Summary fixed>
          <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
            <Table.Summary.Cell index={0} colSpan={2}>
              {t('review.schedule.total')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align={right}>
              {money(schedule.totalPaymentFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align={right}>
              {money(schedule.totalPrincipalFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align={right}>
              {money(schedule.totalInterestFen)}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} />
          </Table.Summary.Row>
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={6} align={right}>
              <Typography.Text type="secondary" data-testid={`${testId}-fee`}>
                {t('review.schedule.fee', { fee: money(schedule.upfrontFeeFen), net: money(schedule.netDisbursedFen) })}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        </Table.Summary>
      )}
    />
  );
}

/** The pre-checks beside the score and offer, as the application and the review show them. */
export function ChecksAndScore({ assessment }: { assessment: Pick<Assessment, 'prechecks' | 'score' | 'offer'> }) {
  return (
    <Row gutter={8}>
      <Col span={11}>
        <PrecheckList prechecks={assessment.prechecks} />
      </Col>
      <Col span={13}>
        <ScorePanel score={assessment.score} offer={assessment.offer} />
      </Col>
    </Row>
  );
}
