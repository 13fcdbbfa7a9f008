/** One chart of a dashboard: the chart (described by a ChartSpec, drawn by
 *  charts.tsx), its numbers as a table below it, the moment the data is as of,
 *  export (XLSX through the main process, PNG from the chart's SVG), print, and a
 *  drill-down from a point or a row to the ledger rows behind it. */
import { useRef, useState, type ReactNode } from 'react';
import { App, Button, Card, Empty, Space, Table, Tooltip, Typography } from 'antd';
import { FileExcelOutlined, FileImageOutlined, PrinterOutlined } from '@ant-design/icons';
import { ResponsiveContainer } from 'recharts';
import type { ApiError } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n';
import { useTableExport, type ExportKind } from '../../../components/exportTable';
import { chartToPng, downloadBlob } from './png';
import { DataStamp, stampText, type DataAsOf } from './DataStamp';
import { legendOf, SpecChart, type ChartSpec } from './charts';
import { pct } from './format';

export type ColumnKind = ExportKind;

export interface ChartColumn<R> {
  key: string;
  title: string;
  kind?: ColumnKind;
  value: (row: R) => string | number | null;
  width?: number;
}

/** What a card shows of the query behind it: the figures' stamp, whether they are
 *  being fetched, and the refusal. */
export interface ChartQuery<A extends DataAsOf = DataAsOf> {
  data?: { asOf: A } | undefined;
  isFetching?: boolean;
  error?: ApiError | null;
}

export interface ChartCardProps<R> {
  id: string;
  title: string;
  query: ChartQuery;
  chart: ChartSpec;
  columns: ChartColumn<R>[];
  rows: R[];
  /** The ledger address behind a row (null: no drill-down for it). */
  drill?: (row: R) => string | null;
  height?: number;
  extra?: ReactNode;
  note?: ReactNode;
  /** A series over time: the table lists the newest period first. */
  timeSeries?: boolean;
}

export function useCell() {
  const { money } = useI18n();
  return (value: string | number | null, kind: ColumnKind = 'text'): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (kind === 'money') return money(Number(value));
    if (kind === 'percent') return pct(value);
    if (kind === 'number') return new Intl.NumberFormat().format(Number(value));
    return String(value);
  };
}

export function ChartCard<R extends object>({
  id,
  title,
  query,
  chart,
  columns,
  rows,
  drill,
  height = 210,
  extra,
  note,
  timeSeries,
}: ChartCardProps<R>) {
  const { t, error: errorText } = useI18n();
  const { message } = App.useApp();
  const exportTable = useTableExport();
  const cell = useCell();
  const asOf = query.data?.asOf;
  const loading = query.isFetching;
  const error = query.error;
  const legend = legendOf(chart, rows);
  const chartRef = useRef<HTMLDivElement>(null);
  const cardRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState<'xlsx' | 'png' | null>(null);
  const fileName = `loandesk-${id}-${asOf?.businessDate ?? ''}`;
  const stamp = asOf ? stampText(t, asOf) : '';
  const go = (row: R | undefined) => {
    const href = row && drill?.(row);
    if (href) window.location.hash = href;
  };

  const exportXlsx = async () => {
    setBusy('xlsx');
    await exportTable(fileName, `${title} · ${stamp}`, columns, rows, title);
    setBusy(null);
  };
  const exportPng = async () => {
    if (!chartRef.current) return;
    setBusy('png');
    try {
      downloadBlob(`${fileName}.png`, await chartToPng(chartRef.current, { title, stamp, legend, fileName }));
      void message.success(t('dash.exported', { file: `${fileName}.png` }));
    } catch {
      void message.error(t('dash.pngFailed'));
    } finally {
      setBusy(null);
    }
  };
  const print = () => {
    const card = cardRef.current;
    if (!card) return;
    card.classList.add('ld-print-target');
    document.body.classList.add('ld-print-card');
    try {
      window.print();
    } finally {
      card.classList.remove('ld-print-target');
      document.body.classList.remove('ld-print-card');
    }
  };

  const empty = !loading && !error && rows.length === 0;
  return (
    <Card
      ref={cardRef}
      size="small"
      className="ld-chart-card"
      data-testid={`chart-${id}`}
      title={<span title={title}>{title}</span>}
      extra={
        <Space size={2} className="ld-no-print">
          {extra}
          <Tooltip title={t('dash.exportXlsx')}>
            <Button
              type="text"
              size="small"
              icon={<FileExcelOutlined />}
              loading={busy === 'xlsx'}
              disabled={rows.length === 0}
              onClick={() => void exportXlsx()}
              data-testid={`chart-${id}-xlsx`}
              aria-label={t('dash.exportXlsx')}
            />
          </Tooltip>
          <Tooltip title={t('dash.exportPng')}>
            <Button
              type="text"
              size="small"
              icon={<FileImageOutlined />}
              loading={busy === 'png'}
              disabled={rows.length === 0}
              onClick={() => void exportPng()}
              data-testid={`chart-${id}-png`}
              aria-label={t('dash.exportPng')}
            />
          </Tooltip>
          <Tooltip title={t('dash.print')}>
            <Button
              type="text"
              size="small"
              icon={<PrinterOutlined />}
              onClick={print}
              data-testid={`chart-${id}-print`}
              aria-label={t('dash.print')}
            />
          </Tooltip>
        </Space>
      }
    >
      {error ? (
        <Typography.Text type="danger">{errorText(error.code, error.details)}</Typography.Text>
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dash.noData')} style={{ height }} />
      ) : (
        <>
          {legend.length > 0 && (
            <div className="ld-legend">
              {legend.map((l) => (
                <span key={l.name}>
                  <i style={{ background: l.color }} />
                  {l.name}
                </span>
              ))}
            </div>
          )}
          <div ref={chartRef} style={{ height }} data-testid={`chart-${id}-canvas`}>
            <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 520, height }}>
              <SpecChart spec={chart} rows={rows} onSelect={drill ? (index) => go(rows[index]) : undefined} />
            </ResponsiveContainer>
          </div>
          <Table<R>
            size="small"
            className="ld-chart-table"
            rowKey={(_, i) => String(i)}
            loading={loading}
            pagination={false}
            scroll={{ y: 150, x: 'max-content' }}
            dataSource={timeSeries ? [...rows].reverse() : rows}
            data-testid={`chart-${id}-table`}
            onRow={(r) =>
              drill && drill(r)
                ? { onClick: () => go(r), style: { cursor: 'pointer' }, title: t('dash.drillHint') }
                : {}
            }
            columns={columns.map((c) => ({
              key: c.key,
              title: c.title,
              width: c.width,
              align: c.kind && c.kind !== 'text' ? ('right' as const) : undefined,
              render: (_: unknown, r: R) => <span className="ld-money">{cell(c.value(r), c.kind)}</span>,
            }))}
          />
        </>
      )}
      <div className="ld-chart-foot">
        {asOf && <DataStamp asOf={asOf} />}
        {note && <div className="ld-chart-note">{note}</div>}
      </div>
    </Card>
  );
}
