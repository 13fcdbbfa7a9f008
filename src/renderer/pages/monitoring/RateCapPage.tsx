/** The annualized-rate report: every active loan's annualized rate (fees
 *  included) against its product's cap and the 36% red line. */
import { useState } from 'react';
import { Checkbox, Space, Table, Tag, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import type { Api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { ExportColumn } from '../../components/exportTable';
import { TableExportButton } from '../../components/ReportButtons';
import { loanNumberColumn, moneyColumn, ReportPage } from './report';
import { formatPercent } from '../../components/percent';

type Row = Api['reports.rateCap']['output']['loans'][number];

export function RateCapPage() {
  const { t, money } = useI18n();
  const report = useApi('reports.rateCap', {});
  const [overOnly, setOverOnly] = useState(false);
  const rows = (report.data?.loans ?? []).filter((r) => !overOnly || r.over);
  const totals = report.data?.totals;
  const status = (r: Row) => (r.overRedLine ? 'redLine' : r.over ? 'over' : 'within');
  const columns: ExportColumn<Row>[] = [
    { title: t('ledger.col.number'), value: (r) => r.number },
    { title: t('ledger.col.customer'), value: (r) => r.customerName },
    { title: t('ledger.col.product'), value: (r) => r.productName },
    { title: t('reports.col.rateAnnual'), kind: 'percent', value: (r) => Number(r.rateAnnual) },
    { title: t('reports.col.annualized'), kind: 'percent', value: (r) => Number(r.annualizedRate) },
    { title: t('reports.col.cap'), kind: 'percent', value: (r) => Number(r.cap) },
    { title: t('reports.col.status'), value: (r) => t(`reports.cap.${status(r)}`) },
    { title: t('ledger.col.outstandingPrincipal'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
  ];
  const title = t('reports.rateCap.title');
  return (
    <ReportPage
      title={title}
      exports={
        <TableExportButton
          fileName={`loandesk-rate-cap-${report.data?.businessDate ?? ''}`}
          title={`${title} ${report.data?.businessDate ?? ''}`}
          columns={columns}
          rows={rows}
          testId="ratecap-export"
        />
      }
    >
      {totals && (
        <Space style={{ marginBottom: 8 }} wrap data-testid="ratecap-totals">
          <Typography.Text>{t('reports.rateCap.totals', { active: totals.active, over: totals.over })}</Typography.Text>
          {totals.over > 0 ? (
            <Tag color="red">{t('reports.rateCap.overAmount', { amount: money(totals.outstandingOverFen) })}</Tag>
          ) : (
            <Tag color="green">{t('reports.rateCap.allWithin')}</Tag>
          )}
          {totals.overRedLine > 0 && (
            <Tag color="magenta">{t('reports.rateCap.redLine', { n: totals.overRedLine })}</Tag>
          )}
          <Checkbox checked={overOnly} onChange={(e) => setOverOnly(e.target.checked)} className="ld-no-print">
            {t('reports.rateCap.overOnly')}
          </Checkbox>
          <Typography.Text type="secondary">{t('reports.rateCap.hint')}</Typography.Text>
        </Space>
      )}
      <Table<Row>
        rowKey="loanId"
        size="small"
        bordered
        sticky
        loading={report.isFetching}
        dataSource={rows}
        data-testid="ratecap-table"
        pagination={{ pageSize: 100, showSizeChanger: false, size: 'small' }}
        rowClassName={(r) => (r.over ? 'ld-row-overdue' : '')}
        columns={[
          loanNumberColumn(t('ledger.col.number')),
          { title: t('ledger.col.customer'), dataIndex: 'customerName', width: 110, ellipsis: true },
          { title: t('ledger.col.product'), dataIndex: 'productName', width: 200, ellipsis: true },
          {
            title: t('reports.col.rateAnnual'),
            dataIndex: 'rateAnnual',
            width: 90,
            align: 'right',
            render: (v: string) => formatPercent(v),
          },
          {
            title: t('reports.col.annualized'),
            dataIndex: 'annualizedRate',
            width: 100,
            align: 'right',
            render: (v: string) => formatPercent(v),
          },
          {
            title: t('reports.col.cap'),
            dataIndex: 'cap',
            width: 80,
            align: 'right',
            render: (v: string) => formatPercent(v),
          },
          {
            title: t('reports.col.status'),
            width: 100,
            render: (_, r) => (
              <Tag color={r.overRedLine ? 'magenta' : r.over ? 'red' : 'green'}>{t(`reports.cap.${status(r)}`)}</Tag>
            ),
          },
          moneyColumn(t('ledger.col.outstandingPrincipal'), 'outstandingPrincipalFen', money, 130),
        ]}
      />
    </ReportPage>
  );
}
