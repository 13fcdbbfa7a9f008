/** The Sync page, for everyone on a desktop with a sync server: the state in words
 *  (server, this device's number, the branches it sees, last sync, what waits to be
 *  sent, the last error) and every action the server refused, with when, who, what,
 *  the record, the code and the translated reason, so the user can redo it. Opening
 *  the page counts the refusals as seen (the top bar stops showing them in red). */
import { useEffect, useRef, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { StopOutlined, SyncOutlined } from '@ant-design/icons';
import { useApi } from '../../api/hooks';
import type { Api } from '../../api/client';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useSyncLive } from './SyncLive';
import { useSyncActions } from './SyncIndicator';
import {
  actionName,
  indicatorLabel,
  indicatorState,
  recordPath,
  refusalReason,
  relativeTime,
  toneOf,
} from './syncView';
import { formatDateTime } from '../../components/dates';

type Refusal = Api['sync.refusals']['output'][number];

/** Branch ids as names (a head-office device sees every branch). */
export function useBranchNames(): (ids: string[] | null) => string {
  const { t, language } = useI18n();
  const branches = useApi('branches.list', {});
  return (ids) => {
    if (ids === null) return t('sync.allBranches');
    const names = new Map((branches.data ?? []).map((b) => [b.id, b.name]));
    return ids.map((id) => names.get(id) ?? id).join(language === 'zh-CN' ? '、' : ', ');
  };
}

export function SyncPage() {
  const { t, language, error } = useI18n();
  const { status, progress, markSeen } = useSyncLive();
  const refusals = useApi('sync.refusals', {});
  const branchNames = useBranchNames();
  const actions = useSyncActions();
  const refused = status?.refused ?? 0;
  const { refetch } = refusals;
  const listedFor = useRef(refused);
  // A refusal that arrives while the page is open is listed (and seen) at once.
  useEffect(() => {
    if (listedFor.current === refused) return;
    listedFor.current = refused;
    void refetch();
  }, [refused, refetch]);
  useEffect(() => {
    if (refusals.data) markSeen(refused);
  }, [refusals.data, refused, markSeen]);
  if (!status?.configured) return null;
  const now = new Date();
  const state = indicatorState(status, progress);
  const running = status.running || actions.running;
  return (
    <>
      <PageHeader
        title={t('sync.title')}
        extra={
          running ? (
            <Button
              icon={<StopOutlined />}
              onClick={actions.stop}
              loading={actions.stopping}
              data-testid="sync-page-stop"
            >
              {t('sync.stop')}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<SyncOutlined />}
              onClick={actions.syncNow}
              disabled={status.revoked}
              data-testid="sync-page-now"
            >
              {t('sync.now')}
            </Button>
          )
        }
      />
      {status.revoked && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('sync.revokedHint')}
          data-testid="sync-revoked"
        />
      )}
      <Card size="small" title={t('sync.statusTitle')} style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={2} bordered data-testid="sync-status">
          <Descriptions.Item label={t('sync.field.state')}>
            <Tag color={toneOf(state)} data-testid="sync-status-state">
              {indicatorLabel(state, language, now)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.field.server')}>
            <Typography.Text code>{status.server}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.field.device')}>
            <span data-testid="sync-device-no">{t('sync.deviceNo', { no: status.deviceNo })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.field.branches')}>
            <span data-testid="sync-branches">{branchNames(status.branches)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.field.lastSync')}>
            {status.lastSyncAt
              ? t('sync.lastSyncAt', {
                  at: formatDateTime(status.lastSyncAt),
                  ago: relativeTime(status.lastSyncAt, now, language),
                })
              : t('sync.never')}
          </Descriptions.Item>
          <Descriptions.Item label={t('sync.field.pending')}>
            <span data-testid="sync-pending">{t('sync.count', { count: status.pending })}</span>
          </Descriptions.Item>
          {status.lastError && !status.revoked && (
            <Descriptions.Item label={t('sync.field.lastError')} span={2}>
              <Typography.Text type="danger" data-testid="sync-last-error">
                {error(status.lastError)}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={
          <Space>
            {t('sync.refusals')}
            {refused > 0 && <Tag color="red">{refused}</Tag>}
          </Space>
        }
      >
        {refused > 0 && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('sync.refusalsIntro')} />
        )}
        <RefusalsTable rows={refusals.data ?? []} loading={refusals.isLoading} />
      </Card>
    </>
  );
}

function RefusalsTable({ rows, loading }: { rows: Refusal[]; loading: boolean }) {
  const { t, language } = useI18n();
  const can = useCan();
  return (
    <Table<Refusal>
      rowKey="eventId"
      size="small"
      bordered
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50 } : false}
      locale={{ emptyText: t('sync.noRefusals') }}
      data-testid="sync-refusals"
      onRow={() => ({ 'data-testid': 'sync-refusal' }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('sync.col.when'),
          dataIndex: 'occurredAt',
          width: 170,
          render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
        },
        {
          title: t('sync.col.who'),
          dataIndex: 'actorName',
          width: 100,
          render: (v: string | null, r) => v ?? (r.actorId === 'system' ? t('sync.system') : '—'),
        },
        {
          title: t('sync.col.what'),
          dataIndex: 'type',
          width: 130,
          render: (v: string) => <span data-testid="sync-refusal-action">{actionName(language, v)}</span>,
        },
        {
          title: t('sync.col.record'),
          key: 'record',
          width: 120,
          render: (_, r) => {
            const path = recordPath(r, can);
            const label = r.number ?? t(`sync.aggregate.${r.aggregate as 'loan'}`);
            return path ? (
              <a href={`#${path}`} data-testid="sync-refusal-record">
                {label}
              </a>
            ) : (
              label
            );
          },
        },
        {
          title: t('sync.col.code'),
          dataIndex: 'code',
          width: 160,
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: t('sync.col.reason'),
          key: 'reason',
          render: (_, r) => <span data-testid="sync-refusal-reason">{refusalReason(language, r.code, r.reason)}</span>,
        },
      ]}
    />
  );
}
