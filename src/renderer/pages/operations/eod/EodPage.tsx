/** End of day (日终): the next business date to close, the run with its live
 *  progress (pushed as 'eod.progress'), cancel and resume, the history of runs,
 *  and the period close. */
import { useState } from 'react';
import type { ButtonProps } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Popconfirm,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlayCircleOutlined, StopOutlined, LockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/zh-CN';
import { useApi, useApiMutation, usePush } from '../../../api/hooks';
import type { Api } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import type { EodProgress } from '../../../../contract/topics';
import { formatDateTime } from '../../../components/dates';

type Run = Api['eod.status']['output']['runs'][number];
const POLL_WHILE_RUNNING_MS = 2000;

function duration(run: Run): string {
  if (!run.finishedAt) return '—';
  const seconds = Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000));
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

export function EodPage() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<EodProgress | null>(null);
  const status = useApi(
    'eod.status',
    {},
    {
      refetchInterval: (q) => (q.state.data?.running || progress?.status === 'running' ? POLL_WHILE_RUNNING_MS : false),
    },
  );
  const app = useApi('app.status', {});
  const run = useApiMutation('eod.run');
  const cancel = useApiMutation('eod.cancel');
  const closePeriod = useApiMutation('ledger.closePeriod');
  const [through, setThrough] = useState<string | null>(null);
  usePush('eod.progress', (p) => {
    setProgress(p);
    if (p.status !== 'running') void status.refetch();
  });
  const canRun = app.data?.session?.permissions.includes('eod.run') ?? false;
  const nextDate = status.data?.nextDate;
  const runs = status.data?.runs ?? [];
  const interrupted = runs.find((r) => r.status !== 'done' && r.businessDate === nextDate);
  const running = run.isPending || status.data?.running || progress?.status === 'running';
  const lastClosed = runs.find((r) => r.status === 'done')?.businessDate ?? null;
  const at = (iso: string | null) => (iso ? formatDateTime(iso, { seconds: true }) : '—');

  const start = () => {
    if (!nextDate) return;
    setProgress({
      date: nextDate,
      done: interrupted?.loansDone ?? 0,
      total: interrupted?.loansTotal ?? 0,
      status: 'running',
    });
    run.mutate(
      { date: nextDate },
      {
        onSuccess: (r) => {
          setProgress(r);
          if (r.status === 'done') void message.success(t('eod.done', { date: r.date, loans: r.done }));
          else void message.warning(t('eod.cancelled', { date: r.date, done: r.done }));
        },
        onError: (e) => {
          setProgress(null);
          void message.error(error(e.code, e.details));
        },
      },
    );
  };

  const close = () => {
    const date = through ?? lastClosed;
    if (!date) return;
    closePeriod.mutate(
      { through: date },
      {
        onSuccess: (r) => void message.success(t('eod.closed', { date: r.closedThrough })),
        onError: (e) => void message.error(error(e.code, e.details)),
      },
    );
  };

  const percent =
    progress && progress.total > 0
      ? Math.floor((progress.done * 100) / progress.total)
      : progress?.status === 'done'
        ? 100
        : 0;

  return (
    <>
      <PageHeader title={t('eod.title')} />
      <Row gutter={16}>
        <Col span={14}>
          <Card size="small" data-testid="eod-panel">
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('eod.nextDate')}>
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="eod-next-date">
                  {nextDate ?? '—'}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('eod.businessDate')}>{app.data?.businessDate ?? '—'}</Descriptions.Item>
            </Descriptions>
            {interrupted && !running && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={t('eod.needsRun', { date: interrupted.businessDate })}
                data-testid="eod-interrupted"
              />
            )}
            <Space style={{ marginBottom: 12 }}>
              <Popconfirm
                placement="bottomLeft"
                title={t('eod.confirmRun', { date: nextDate ?? '' })}
                onConfirm={start}
                disabled={!canRun || running || !nextDate}
                okButtonProps={{ 'data-testid': 'eod-run-confirm' } as ButtonProps}
              >
                <Button
                  type="primary"
                  icon={<PlayCircleOutlined />}
                  disabled={!canRun || running || !nextDate}
                  loading={run.isPending}
                  data-testid="eod-run"
                >
                  {interrupted ? t('eod.resume') : t('eod.run')}
                </Button>
              </Popconfirm>
              <Button
                danger
                icon={<StopOutlined />}
                disabled={!canRun || !running}
                loading={cancel.isPending}
                onClick={() => cancel.mutate({})}
                data-testid="eod-cancel"
              >
                {cancel.isSuccess && running ? t('eod.cancelling') : t('eod.cancel')}
              </Button>
              {status.data?.running && !run.isPending && <Tag color="processing">{t('eod.runningElsewhere')}</Tag>}
            </Space>
            {progress && (
              <div data-testid="eod-progress">
                <Progress
                  percent={percent}
                  status={
                    progress.status === 'cancelled' ? 'exception' : progress.status === 'done' ? 'success' : 'active'
                  }
                />
                <Typography.Text type="secondary">
                  {progress.date} · {t('eod.progress', { done: progress.done, total: progress.total })} ·{' '}
                  {t(`eod.status.${progress.status}` as MessageKey)}
                </Typography.Text>
              </div>
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card
            size="small"
            title={
              <>
                <LockOutlined /> {t('eod.closePeriod')}
              </>
            }
            data-testid="eod-close-panel"
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('eod.closeHint')}
            </Typography.Paragraph>
            <Space>
              <span>{t('eod.closeThrough')}</span>
              <DatePicker
                value={through ? dayjs(through) : lastClosed ? dayjs(lastClosed) : null}
                onChange={(d) => setThrough(d ? d.format('YYYY-MM-DD') : null)}
                disabledDate={(d) => !lastClosed || d.format('YYYY-MM-DD') > lastClosed}
                data-testid="eod-close-through"
              />
              <Popconfirm
                placement="bottomLeft"
                title={t('eod.closeConfirm', { date: through ?? lastClosed ?? '' })}
                onConfirm={close}
                disabled={!canRun || !(through ?? lastClosed)}
                okButtonProps={{ 'data-testid': 'eod-close-confirm' } as ButtonProps}
              >
                <Button
                  disabled={!canRun || !(through ?? lastClosed)}
                  loading={closePeriod.isPending}
                  data-testid="eod-close"
                >
                  {t('eod.closePeriod')}
                </Button>
              </Popconfirm>
            </Space>
          </Card>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('eod.history')}
      </Typography.Title>
      <Table<Run>
        rowKey="businessDate"
        size="small"
        sticky
        loading={status.isPending}
        dataSource={runs}
        pagination={{ pageSize: 20, size: 'small' }}
        locale={{ emptyText: t('eod.empty') }}
        data-testid="eod-history"
        columns={[
          {
            title: t('eod.col.date'),
            dataIndex: 'businessDate',
            width: 140,
            sorter: (a, b) => a.businessDate.localeCompare(b.businessDate),
            defaultSortOrder: 'descend',
          },
          {
            title: t('eod.col.loans'),
            key: 'loans',
            width: 140,
            align: 'right',
            render: (_, r) => (r.status === 'done' ? r.loansDone : `${r.loansDone} / ${r.loansTotal}`),
          },
          { title: t('eod.col.started'), dataIndex: 'startedAt', width: 190, render: at },
          { title: t('eod.col.finished'), dataIndex: 'finishedAt', width: 190, render: at },
          { title: t('eod.col.duration'), key: 'duration', width: 90, align: 'right', render: (_, r) => duration(r) },
          {
            title: t('eod.col.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: string) => (
              <Tag color={s === 'done' ? 'green' : s === 'running' ? 'processing' : 'orange'}>
                {t(
                  `eod.status.${s === 'done' ? 'done' : s === 'running' && !status.data?.running ? 'cancelled' : s}` as MessageKey,
                )}
              </Tag>
            ),
            filters: ['done', 'running'].map((s) => ({ text: t(`eod.status.${s}` as MessageKey), value: s })),
            onFilter: (v, r) => r.status === v,
          },
          {
            title: t('eod.col.journal'),
            key: 'journal',
            render: () => <a href="#/ledgers/daily">{t('eod.openJournal')}</a>,
          },
        ]}
      />
    </>
  );
}
