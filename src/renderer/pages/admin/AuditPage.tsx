/** The audit trail and the audit report: newest first, filtered by period,
 *  user, action, outcome, or category (reveals of sensitive data, failed logins,
 *  refused calls), exported as shown, and the hash-chain check. A chart drills
 *  in with `#/admin/audit?from=&to=&category=`. */
import { useState } from 'react';
import { Alert, Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { hashQuery } from '../../app/useHashRoute';
import { isValidDate } from '../../../core/dates';
import { fromDayjs, toDayjs } from '../loans/parts';
import type { ExportColumn } from '../../components/exportTable';
import { TableExportButton } from '../../components/ReportButtons';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../api/hooks';
import { invoke, type Api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../components/dates';

type Row = Api['audit.list']['output'][number];
type Report = Api['audit.verify']['output'];

/** Why the chain does not verify: a changed or missing record first, else its anchor. */
function brokenText(report: Report, t: ReturnType<typeof useI18n>['t']): string {
  if (report.firstBroken) return t('audit.chainBroken', { seq: report.firstBroken.seq });
  const status = report.anchor.status;
  if (status === 'truncated') return t('audit.chainTruncated', { seq: report.anchor.seq });
  if (status === 'rewritten') return t('audit.chainRewritten', { seq: report.anchor.seq });
  if (status === 'anchorMissing') return t('audit.anchorMissing');
  return t('audit.anchorInvalid');
}
type Category = 'reveals' | 'failedLogins' | 'denied';
const CATEGORIES: Category[] = ['reveals', 'failedLogins', 'denied'];

function initialFilters() {
  const q = hashQuery();
  const from = q.get('from');
  const to = q.get('to');
  const category = q.get('category') as Category | null;
  return {
    range: from && to && isValidDate(from) && isValidDate(to) ? { from, to } : null,
    category: category && CATEGORIES.includes(category) ? category : undefined,
  };
}
const OUTCOME_COLOR = { ok: 'green', denied: 'red', failed: 'orange' } as const;

export function AuditPage() {
  const { t } = useI18n();
  const [action, setAction] = useState('');
  const [username, setUsername] = useState('');
  const [outcome, setOutcome] = useState<Row['outcome'] | ''>('');
  const [report, setReport] = useState<Report | null>(null);
  const [initial] = useState(initialFilters);
  const [range, setRange] = useState<{ from: string; to: string } | null>(initial.range);
  const [category, setCategory] = useState<Category | undefined>(initial.category);
  const list = useApi('audit.list', {
    limit: 500,
    action: action || undefined,
    username: username || undefined,
    outcome: (outcome || undefined) as 'ok' | 'denied' | 'failed' | undefined,
    from: range?.from,
    to: range?.to,
    category,
  });
  const rows = list.data ?? [];
  const exportColumns: ExportColumn<Row>[] = [
    { title: '#', kind: 'number', value: (r) => r.seq },
    { title: t('audit.at'), value: (r) => formatDateTime(r.at) },
    { title: t('audit.user'), value: (r) => r.username },
    { title: t('audit.action'), value: (r) => r.action },
    { title: t('audit.outcome'), value: (r) => t(`audit.outcome.${r.outcome as 'ok'}`) },
    { title: t('audit.summary'), value: (r) => r.summaryJson },
  ];
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Space>
            <TableExportButton
              fileName={`loandesk-audit${range ? `-${range.from}_${range.to}` : ''}`}
              title={`${t('audit.title')}${range ? ` ${range.from} – ${range.to}` : ''}`}
              columns={exportColumns}
              rows={rows}
              testId="audit-export"
            />
            <Button
              icon={<SafetyCertificateOutlined />}
              onClick={() => void invoke('audit.verify', {}).then(setReport)}
              data-testid="audit-verify"
            >
              {t('audit.verify')}
            </Button>
          </Space>
        }
      />
      {report && (
        <Alert
          style={{ marginBottom: 12 }}
          type={report.ok ? 'success' : 'error'}
          showIcon
          data-testid="audit-report"
          message={report.ok ? t('audit.chainOk', { count: report.checked }) : brokenText(report, t)}
        />
      )}
      <Space style={{ marginBottom: 8 }} wrap>
        <DatePicker.RangePicker
          value={range ? [toDayjs(range.from), toDayjs(range.to)] : null}
          onChange={(dates) => {
            const from = fromDayjs(dates?.[0]);
            const to = fromDayjs(dates?.[1]);
            setRange(from && to ? { from, to } : null);
          }}
          style={{ width: 240 }}
          data-testid="audit-range"
        />
        <Select
          allowClear
          value={category}
          onChange={setCategory}
          placeholder={t('audit.category')}
          style={{ width: 150 }}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`audit.category.${c}`) }))}
          data-testid="audit-category"
        />
        <Input.Search allowClear placeholder={t('audit.filterAction')} onSearch={setAction} style={{ width: 200 }} />
        <Input.Search allowClear placeholder={t('audit.filterUser')} onSearch={setUsername} style={{ width: 160 }} />
        <Select
          value={outcome}
          onChange={setOutcome}
          style={{ width: 120 }}
          options={[
            { value: '', label: t('common.all') },
            { value: 'ok', label: t('audit.outcome.ok') },
            { value: 'denied', label: t('audit.outcome.denied') },
            { value: 'failed', label: t('audit.outcome.failed') },
          ]}
        />
      </Space>
      <Table<Row>
        rowKey="seq"
        size="small"
        loading={list.isPending}
        dataSource={rows}
        data-testid="audit-table"
        pagination={{ pageSize: 50, showSizeChanger: false }}
        sticky
        columns={[
          { title: '#', dataIndex: 'seq', width: 70, align: 'right' },
          {
            title: t('audit.at'),
            dataIndex: 'at',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
          { title: t('audit.user'), dataIndex: 'username', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 190,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            width: 80,
            render: (v: Row['outcome']) => (
              <Tag color={OUTCOME_COLOR[v as keyof typeof OUTCOME_COLOR]}>{t(`audit.outcome.${v as 'ok'}`)}</Tag>
            ),
          },
          {
            title: t('audit.summary'),
            dataIndex: 'summaryJson',
            ellipsis: true,
            render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
        ]}
      />
    </>
  );
}
