/** The VAT report of a month (增值税申报辅助): taxable interest, penalty and fees, the
 *  output VAT inside them, the exempt farm-household income apart, and the interest
 *  deferred by the 90-day rule (财税〔2016〕36号 attachment 3 art. 4), per loan and in
 *  total, beside the output VAT the journal booked; on screen and as XLSX. */
import { useState } from 'react';
import { Card, Col, DatePicker, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { invoke, type Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { useSaveExport } from '../../components/exportTable';
import { ExportButton } from '../../components/ReportButtons';
import { Money } from '../loans/parts';

type Report = Api['books.vatReport']['output'];
type Row = Report['rows'][number];

export function VatPage({ businessDate }: { businessDate: string }) {
  const { t, language, money } = useI18n();
  const can = useCan();
  const [month, setMonth] = useState(businessDate.slice(0, 7));
  const r = useApi('books.vatReport', { month }, { placeholderData: (previous) => previous });
  const totals = r.data?.totals;
  const agrees = r.data ? r.data.totals.vatFen === r.data.journalOutputVatFen : true;

  const exporter = useSaveExport();
  const exportXlsx = () => exporter.run('vat', () => invoke('books.export', { report: 'vat', month, language }));
  const stat = (label: MessageKey, fen: number | undefined) => (
    <Col span={4}>
      <Card size="small">
        <Statistic title={t(label)} value={(fen ?? 0) / 100} precision={2} prefix="¥" valueStyle={{ fontSize: 18 }} />
      </Card>
    </Col>
  );
  const amount = (title: MessageKey, key: keyof Row) => ({
    title: t(title),
    dataIndex: key,
    width: 130,
    align: 'right' as const,
    render: (v: number) => <Money fen={v} />,
  });

  return (
    <>
      <PageHeader
        title={t('books.vat.title')}
        extra={
          <Space className="ld-no-print" wrap>
            <span>{t('books.vat.month')}</span>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(v) => v && setMonth(v.format('YYYY-MM'))}
              disabledDate={(d) => d.format('YYYY-MM') > businessDate.slice(0, 7)}
              data-testid="vat-month"
            />
            {can('ledger.export') && (
              <ExportButton loading={exporter.busy !== null} onClick={() => void exportXlsx()} testId="vat-export" />
            )}
          </Space>
        }
      />
      <Row gutter={12} style={{ marginBottom: 12 }}>
        {stat('books.vat.taxable', totals?.taxableFen)}
        {stat('books.vat.sales', totals?.salesFen)}
        {stat('books.vat.outputVat', totals?.vatFen)}
        {stat('books.vat.exempt', totals?.exemptFen)}
        {stat('books.vat.deferred', totals?.deferredFen)}
        {stat('books.vat.journal', r.data?.journalOutputVatFen)}
      </Row>
      {r.data && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Tag color={agrees ? 'green' : 'red'} data-testid="vat-agrees">
            {agrees
              ? t('books.vat.agrees')
              : t('books.vat.differs', { amount: money(r.data.totals.vatFen - r.data.journalOutputVatFen) })}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('books.vat.rules', {
              rate: `${(Number(r.data.rate) * 100).toFixed(0)}%`,
              deferral: r.data.deferral90 ? t('books.vat.deferralOn') : t('books.vat.deferralOff'),
            })}
          </Typography.Text>
        </Space>
      )}
      <Table<Row>
        rowKey="loanId"
        size="small"
        sticky
        loading={r.isFetching}
        dataSource={r.data?.rows}
        pagination={{ pageSize: 12, size: 'small', showTotal: (n) => t('books.vat.loans', { count: n }) }}
        data-testid="vat-table"
        columns={[
          { title: t('books.vat.col.loan'), dataIndex: 'loanNumber', width: 100 },
          { title: t('books.vat.col.customer'), dataIndex: 'customerName', ellipsis: true },
          {
            title: t('books.vat.col.treatment'),
            dataIndex: 'exempt',
            width: 110,
            render: (v: boolean) =>
              v ? <Tag color="blue">{t('books.vat.exemptTag')}</Tag> : t('books.vat.taxableTag'),
          },
          amount('books.vat.col.interest', 'interestFen'),
          amount('books.vat.col.penalty', 'penaltyFen'),
          amount('books.vat.col.fees', 'feesFen'),
          amount('books.vat.col.vat', 'vatFen'),
          amount('books.vat.col.exempt', 'exemptFen'),
          amount('books.vat.col.deferred', 'deferredFen'),
        ]}
      />
    </>
  );
}
