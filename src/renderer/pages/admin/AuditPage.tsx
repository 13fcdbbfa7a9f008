/** The audit trail, newest first, with filters and the hash-chain check. */
import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../api/hooks';
import { invoke, type Api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';

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
const OUTCOME_COLOR = { ok: 'green', denied: 'red', failed: 'orange' } as const;

export function AuditPage() {
  const { t, language } = useI18n();
  const [action, setAction] = useState('');
  const [username, setUsername] = useState('');
  const [outcome, setOutcome] = useState<Row['outcome'] | ''>('');
  const [report, setReport] = useState<Report | null>(null);
  const list = useApi('audit.list', {
    limit: 500,
    action: action || undefined,
    username: username || undefined,
    outcome: (outcome || undefined) as 'ok' | 'denied' | 'failed' | undefined,
  });
  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() => void invoke('audit.verify', {}).then(setReport)}
            data-testid="audit-verify"
          >
            {t('audit.verify')}
          </Button>
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
      <Space style={{ marginBottom: 8 }}>
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
        dataSource={list.data}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        sticky
        columns={[
          { title: '#', dataIndex: 'seq', width: 70, align: 'right' },
          {
            title: t('audit.at'),
            dataIndex: 'at',
            width: 170,
            render: (v: string) => new Date(v).toLocaleString(language),
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
