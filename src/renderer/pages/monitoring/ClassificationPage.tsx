/** The five-tier classification report: the book by class with its provision,
 *  and every manual override with what the days past due would give, the
 *  reason, who made it and when. */
import { Card, Table, Typography } from 'antd';
import { useApi } from '../../api/hooks';
import type { Api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { ExportColumn } from '../../components/exportTable';
import { TableExportButton } from '../../components/ReportButtons';
import { loanNumberColumn, moneyColumn, ReportPage } from './report';
import { ClassTag } from '../loans/parts';
import { formatDateTime } from '../../components/dates';

type Report = Api['reports.classification']['output'];
type ClassRow = Report['classes'][number];
type Override = Report['overrides'][number];

export function ClassificationPage() {
  const { t, money } = useI18n();
  const report = useApi('reports.classification', {});
  const classes = report.data?.classes ?? [];
  const overrides = report.data?.overrides ?? [];
  const date = report.data?.businessDate ?? '';
  const classColumns: ExportColumn<ClassRow>[] = [
    { title: t('reports.col.class'), value: (r) => t(`loans.class.${r.classification as 'normal'}`) },
    { title: t('dash.col.loans'), kind: 'number', value: (r) => r.loans },
    { title: t('ledger.col.outstandingPrincipal'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
    { title: t('ledger.col.provision'), kind: 'money', value: (r) => r.provisionFen },
    { title: t('reports.col.overridden'), kind: 'number', value: (r) => r.overridden },
  ];
  const overrideColumns: ExportColumn<Override>[] = [
    { title: t('ledger.col.number'), value: (r) => r.number },
    { title: t('ledger.col.customer'), value: (r) => r.customerName },
    { title: t('ledger.col.dpd'), kind: 'number', value: (r) => r.dpd },
    { title: t('reports.col.byDpd'), value: (r) => t(`loans.class.${r.byDpd}`) },
    { title: t('reports.col.override'), value: (r) => t(`loans.class.${r.classification}`) },
    { title: t('reports.col.reason'), value: (r) => r.reason },
    { title: t('reports.col.by'), value: (r) => r.overriddenBy },
    {
      title: t('reports.col.at'),
      value: (r) => (r.overriddenAt ? formatDateTime(r.overriddenAt) : null),
    },
    { title: t('ledger.col.outstandingPrincipal'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
    { title: t('ledger.col.provision'), kind: 'money', value: (r) => r.provisionFen },
  ];
  const title = t('reports.classification.title');
  const total = (key: 'loans' | 'outstandingPrincipalFen' | 'provisionFen') => classes.reduce((s, c) => s + c[key], 0);
  return (
    <ReportPage
      title={title}
      exports={
        <>
          <TableExportButton
            fileName={`loandesk-classification-${date}`}
            title={`${title} ${date}`}
            columns={classColumns}
            rows={classes}
            testId="classification-export"
          >
            {t('reports.exportClasses')}
          </TableExportButton>
          <TableExportButton
            fileName={`loandesk-overrides-${date}`}
            title={`${t('reports.overrides')} ${date}`}
            columns={overrideColumns}
            rows={overrides}
          >
            {t('reports.exportOverrides')}
          </TableExportButton>
        </>
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Table<ClassRow>
          rowKey="classification"
          size="small"
          pagination={false}
          loading={report.isFetching}
          dataSource={classes}
          data-testid="classification-table"
          columns={[
            {
              title: t('reports.col.class'),
              dataIndex: 'classification',
              render: (v: string) => <ClassTag value={v} />,
            },
            { title: t('dash.col.loans'), dataIndex: 'loans', align: 'right' },
            moneyColumn(t('ledger.col.outstandingPrincipal'), 'outstandingPrincipalFen', money),
            moneyColumn(t('ledger.col.provision'), 'provisionFen', money),
            { title: t('reports.col.overridden'), dataIndex: 'overridden', align: 'right' },
          ]}
          summary={() => (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{t('ledger.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total('loans')}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <span className="ld-money">{money(total('outstandingPrincipalFen'))}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                <span className="ld-money">{money(total('provisionFen'))}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Typography.Title level={5}>{t('reports.overrides')}</Typography.Title>
      <Table<Override>
        rowKey="loanId"
        size="small"
        bordered
        loading={report.isFetching}
        dataSource={overrides}
        data-testid="overrides-table"
        pagination={false}
        locale={{ emptyText: t('reports.noOverrides') }}
        columns={[
          loanNumberColumn(t('ledger.col.number')),
          { title: t('ledger.col.customer'), dataIndex: 'customerName', width: 100, ellipsis: true },
          { title: t('ledger.col.dpd'), dataIndex: 'dpd', width: 70, align: 'right' },
          {
            title: t('reports.col.byDpd'),
            dataIndex: 'byDpd',
            width: 100,
            render: (v: string) => <ClassTag value={v} />,
          },
          {
            title: t('reports.col.override'),
            dataIndex: 'classification',
            width: 100,
            render: (v: string) => <ClassTag value={v} overridden />,
          },
          { title: t('reports.col.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('reports.col.by'), dataIndex: 'overriddenBy', width: 90 },
          {
            title: t('reports.col.at'),
            dataIndex: 'overriddenAt',
            width: 160,
            render: (v: string | null) => (v ? formatDateTime(v) : '—'),
          },
          moneyColumn(t('ledger.col.provision'), 'provisionFen', money, 120),
        ]}
      />
    </ReportPage>
  );
}
