/** The balance sheet (资产负债表) through a date beside the previous month end, and the
 *  income statement (利润表) of its month to date beside the month before and the
 *  year to date: on screen, printable, and as XLSX for roles that export. */
import { useState } from 'react';
import { Card, Col, DatePicker, Row, Space, Table, Tag, Typography } from 'antd';
import { invoke, type Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useSaveExport } from '../../components/exportTable';
import { ExportButton, PrintButton } from '../../components/ReportButtons';
import { fromDayjs, Money, toDayjs } from '../loans/parts';

type Statements = Api['books.statements']['output'];
type Line = Statements['balanceSheet']['lines'][number];

function LineName({ line }: { line: Line }) {
  const { language } = useI18n();
  const name = language === 'en' ? line.nameEn : line.nameZh;
  return (
    <span style={{ paddingLeft: line.level === 2 ? 20 : 0, fontWeight: line.total ? 600 : undefined }}>{name}</span>
  );
}

type Period = 'current' | 'prior' | 'ytd';

/** One statement: its lines, each with its amount in every period asked for. */
function Statement({
  title,
  testId,
  loading,
  lines,
  amounts,
}: {
  title: string;
  testId: string;
  loading: boolean;
  lines: Line[] | undefined;
  amounts: Array<[title: string, period: Period]>;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Table<Line>
        rowKey="key"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={lines}
        columns={[
          { title: t('books.statements.line'), key: 'name', render: (_, l) => <LineName line={l} /> },
          ...amounts.map(([heading, period]) => ({
            title: heading,
            key: period,
            width: 124,
            align: 'right' as const,
            render: (_: unknown, l: Line) => <Money fen={l.amounts[period] ?? 0} strong={l.total} />,
          })),
        ]}
      />
    </Card>
  );
}

export function StatementsPage({ businessDate }: { businessDate: string }) {
  const { t, language, money } = useI18n();
  const can = useCan();
  const [date, setDate] = useState(businessDate);
  const s = useApi('books.statements', { date }, { placeholderData: (previous) => previous });
  const bs = s.data?.balanceSheet;
  const is = s.data?.incomeStatement;
  const gap = bs ? (bs.assetsFen.current ?? 0) - (bs.liabilitiesFen.current ?? 0) - (bs.equityFen.current ?? 0) : 0;

  const exporter = useSaveExport();
  const exportXlsx = () =>
    exporter.run('statements', () => invoke('books.export', { report: 'statements', date, language }));

  return (
    <>
      <PageHeader
        title={t('books.statements.title')}
        extra={
          <Space className="ld-no-print" wrap>
            <span>{t('books.statements.date')}</span>
            <DatePicker
              allowClear={false}
              value={toDayjs(date)}
              onChange={(v) => setDate(fromDayjs(v) ?? businessDate)}
              disabledDate={(d) => d.format('YYYY-MM-DD') > businessDate}
              data-testid="statements-date"
            />
            {can('ledger.export') && (
              <ExportButton
                loading={exporter.busy !== null}
                onClick={() => void exportXlsx()}
                testId="statements-export"
              />
            )}
            <PrintButton />
          </Space>
        }
      />
      {s.data && (
        <Space style={{ marginBottom: 8 }} wrap>
          <Tag color={gap === 0 ? 'green' : 'red'} data-testid="statements-identity">
            {gap === 0 ? t('books.statements.balanced') : t('books.statements.unbalanced', { amount: money(gap) })}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.data.closedThrough
              ? t('books.statements.closedThrough', { date: s.data.closedThrough })
              : t('books.statements.notClosed')}
          </Typography.Text>
        </Space>
      )}
      <Row gutter={12}>
        <Col span={11}>
          <Statement
            title={t('books.statements.balanceSheet')}
            testId="statements-balance-sheet"
            loading={s.isFetching}
            lines={bs?.lines}
            amounts={[
              [t('books.statements.atDate', { date }), 'current'],
              [t('books.statements.atDate', { date: s.data?.priorDate ?? '' }), 'prior'],
            ]}
          />
        </Col>
        <Col span={13}>
          <Statement
            title={t('books.statements.incomeStatement')}
            testId="statements-income"
            loading={s.isFetching}
            lines={is?.lines}
            amounts={[
              [t('books.statements.thisMonth'), 'current'],
              [t('books.statements.priorMonth'), 'prior'],
              [t('books.statements.yearToDate'), 'ytd'],
            ]}
          />
        </Col>
      </Row>
    </>
  );
}
