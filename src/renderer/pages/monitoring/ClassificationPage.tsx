/** The five-tier classification report: the book by class with its provision,
 *  and every manual override with what the days past due would give, the
 *  reason, who made it and when. */
import { Button, Card, Space, Table, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useApi } from '../../api/hooks';
import type { Api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useTableExport, type ExportColumn } from '../../components/exportTable';
import { LEDGER_CSS, loanHref } from '../loans/hooks';
import { ClassTag } from '../loans/parts';

type Report = Api['reports.classification']['output'];
type ClassRow = Report['classes'][number];
type Override = Report['overrides'][number];

export function ClassificationPage() {
  const { t, money, language } = useI18n();
  const exportTable = useTableExport();
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
      value: (r) => (r.overriddenAt ? new Date(r.overriddenAt).toLocaleString(language) : null),
    },
    { title: t('ledger.col.outstandingPrincipal'), kind: 'money', value: (r) => r.outstandingPrincipalFen },
    { title: t('ledger.col.provision'), kind: 'money', value: (r) => r.provisionFen },
  ];
  const title = t('reports.classification.title');
  const total = (key: 'loans' | 'outstandingPrincipalFen' | 'provisionFen') => classes.reduce((s, c) => s + c[key], 0);
  return (
    <div className="ld-page">
      <style>{LEDGER_CSS}</style>
      <PageHeader
        title={title}
        extra={
          <Space className="ld-no-print">
            <Button
              icon={<FileExcelOutlined />}
              onClick={() =>
                void exportTable(`loandesk-classification-${date}`, `${title} ${date}`, classColumns, classes)
              }
              data-testid="classification-export"
            >
              {t('reports.exportClasses')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              disabled={overrides.length === 0}
              onClick={() =>
                void exportTable(
                  `loandesk-overrides-${date}`,
                  `${t('reports.overrides')} ${date}`,
                  overrideColumns,
                  overrides,
                )
              }
            >
              {t('reports.exportOverrides')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('ledger.print')}
            </Button>
          </Space>
        }
      />
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
            {
              title: t('ledger.col.outstandingPrincipal'),
              dataIndex: 'outstandingPrincipalFen',
              align: 'right',
              render: (v: number) => <span className="ld-money">{money(v)}</span>,
            },
            {
              title: t('ledger.col.provision'),
              dataIndex: 'provisionFen',
              align: 'right',
              render: (v: number) => <span className="ld-money">{money(v)}</span>,
            },
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
          {
            title: t('ledger.col.number'),
            dataIndex: 'number',
            width: 110,
            render: (v: string, r) => (
              <a href={loanHref(r.loanId)} style={{ fontFamily: 'monospace' }}>
                {v}
              </a>
            ),
          },
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
            render: (v: string | null) => (v ? new Date(v).toLocaleString(language) : '—'),
          },
          {
            title: t('ledger.col.provision'),
            dataIndex: 'provisionFen',
            width: 120,
            align: 'right',
            render: (v: number) => <span className="ld-money">{money(v)}</span>,
          },
        ]}
      />
    </div>
  );
}
