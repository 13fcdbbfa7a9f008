/** The product's schedule for a sample loan, computed in the window with the
 *  core (buildSchedule + annualizedRate), so every change shows at once. */
import { useState } from 'react';
import { Alert, Col, Form, InputNumber, Row, Statistic, Table, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import { MoneyInput } from '../../../components/MoneyInput';
import type { Installment } from '../../../../core/schedule/types';
import { previewSchedule, type ProductFormValues } from './productForm';
import { fractionToPercent } from '../../../components/percent';
import { formatPercent } from '../../../components/percent';

const PREVIEW_ROWS_MAX = 480;

export function SchedulePreview({ values, businessDate }: { values: ProductFormValues; businessDate: string }) {
  const { t, money, error } = useI18n();
  const [amountFen, setAmountFen] = useState<number | undefined>(undefined);
  const [periods, setPeriods] = useState<number | null>(null);
  const sampleAmount =
    amountFen ?? Math.min(values.maxAmountFen ?? 10_000_00, Math.max(values.minAmountFen ?? 0, 10_000_00));
  const samplePeriods = periods ?? values.maxPeriods ?? 12;
  const preview = previewSchedule(values, { amountFen: sampleAmount, periods: samplePeriods, startDate: businessDate });
  const pct = (d: { toFixed: () => string }) => formatPercent(d.toFixed());
  return (
    <div data-testid="product-preview">
      <Form layout="vertical" size="small">
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item label={t('products.preview.amount')}>
              <MoneyInput
                value={sampleAmount}
                onChange={(v) => setAmountFen(typeof v === 'number' ? v : undefined)}
                data-testid="preview-amount"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item label={t('products.preview.periods')}>
              <InputNumber
                min={1}
                max={PREVIEW_ROWS_MAX}
                precision={0}
                value={samplePeriods}
                onChange={setPeriods}
                style={{ width: '100%' }}
                data-testid="preview-periods"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('products.preview.start')}>
              <Typography.Text>{businessDate}</Typography.Text>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {!preview.ok ? (
        <Alert
          type="warning"
          showIcon
          title={t('products.preview.invalid', {
            reason: /^[A-Z_]+$/.test(preview.reason) ? error(preview.reason) : preview.reason,
          })}
        />
      ) : (
        <>
          <Row gutter={12} style={{ marginBottom: 8 }}>
            <Col span={12}>
              <Statistic
                title={t('products.preview.apr')}
                value={pct(preview.nominal)}
                valueStyle={{ color: preview.overCap ? '#cf1322' : undefined, fontSize: 22 }}
              />
              <Typography.Text type="secondary">
                {t('products.preview.effective', { rate: pct(preview.effective) })}
              </Typography.Text>
            </Col>
            <Col span={12}>
              {preview.overCap && (
                <Alert
                  type="error"
                  showIcon
                  title={t('products.preview.overCap', { cap: `${fractionToPercent(preview.cap)}%` })}
                  data-testid="preview-over-cap"
                />
              )}
              {preview.schedule.upfrontFeeFen > 0 && (
                <Typography.Text type="secondary">
                  {t('products.preview.fee', {
                    fee: money(preview.schedule.upfrontFeeFen),
                    net: money(preview.schedule.netDisbursedFen),
                  })}
                </Typography.Text>
              )}
            </Col>
          </Row>
          <Table<Installment>
            rowKey="n"
            size="small"
            sticky
            pagination={false}
            scroll={{ y: 420 }}
            dataSource={preview.schedule.installments}
            data-testid="preview-table"
            columns={[
              { title: t('products.preview.n'), dataIndex: 'n', width: 44, align: 'right' },
              {
                title: t('products.preview.due'),
                dataIndex: 'dueDate',
                width: 96,
                render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
              },
              {
                title: t('products.preview.principal'),
                dataIndex: 'principalFen',
                align: 'right',
                render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{money(v)}</span>,
              },
              {
                title: t('products.preview.interest'),
                dataIndex: 'interestFen',
                align: 'right',
                render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{money(v)}</span>,
              },
              {
                title: t('products.preview.payment'),
                dataIndex: 'paymentFen',
                align: 'right',
                render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{money(v)}</span>,
              },
              {
                title: t('products.preview.balance'),
                dataIndex: 'balanceFen',
                align: 'right',
                render: (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{money(v)}</span>,
              },
            ]}
            summary={() => (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    {t('products.preview.total')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <span style={{ whiteSpace: 'nowrap' }}>{money(preview.schedule.totalPrincipalFen)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <span style={{ whiteSpace: 'nowrap' }}>{money(preview.schedule.totalInterestFen)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <span style={{ whiteSpace: 'nowrap' }}>{money(preview.schedule.totalPaymentFen)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} />
                </Table.Summary.Row>
              </Table.Summary>
            )}
          />
        </>
      )}
    </div>
  );
}
