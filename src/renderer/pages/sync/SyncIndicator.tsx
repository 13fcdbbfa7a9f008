/** The top bar's sync state (nothing while this desktop has no sync server): synced
 *  a while ago, pending N, syncing with its progress, offline since, a sync error,
 *  the refusals not yet looked at (red, to the Sync page) or a revoked device; with
 *  "sync now", and "stop" while a sync runs. */
import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Space, Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  ExclamationCircleOutlined,
  StopOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { useApiMutation } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import { useSyncLive } from './SyncLive';
import { indicatorLabel, indicatorState, toneOf, unseenRefusals, type IndicatorState } from './syncView';

const ICON: Record<IndicatorState['kind'], ReactNode> = {
  revoked: <StopOutlined />,
  syncing: <SyncOutlined spin />,
  offline: <DisconnectOutlined />,
  failed: <CloseCircleOutlined />,
  pending: <CloudSyncOutlined />,
  synced: <CheckCircleOutlined />,
  never: <CloudSyncOutlined />,
};

/** Re-renders every little while, so "3 minutes ago" stays true. */
function useNow(everyMs = 20_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Sync now and stop, with their outcome told in a message. */
export function useSyncActions() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const now = useApiMutation('sync.now');
  const cancel = useApiMutation('sync.cancel');
  return {
    running: now.isPending,
    syncNow: () =>
      now.mutate(
        {},
        {
          onSuccess: (r) =>
            void (r.rejected.length > 0
              ? message.warning(t('sync.doneRefused', { count: r.rejected.length }))
              : message.success(t('sync.done', { pushed: r.pushed, pulled: r.pulled }))),
          onError: (e) =>
            void (e.code === 'SYNC_CANCELLED'
              ? message.info(error(e.code, e.details))
              : message.warning(error(e.code, e.details))),
        },
      ),
    stop: () => cancel.mutate({}),
    stopping: cancel.isPending,
  };
}

export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t, language } = useI18n();
  const { status, progress, seenRefused } = useSyncLive();
  const actions = useSyncActions();
  const now = useNow();
  if (!status?.configured) return null;
  const state = indicatorState(status, progress);
  const unseen = unseenRefusals(status.refused, seenRefused);
  const running = status.running || actions.running;
  return (
    <Space size={4} data-testid="sync-indicator" data-state={state.kind}>
      <Tooltip title={state.kind === 'revoked' ? t('sync.revokedHint') : status.server}>
        <Tag
          icon={ICON[state.kind]}
          color={toneOf(state)}
          style={{ cursor: 'pointer', marginInlineEnd: 0 }}
          onClick={onOpen}
          data-testid="sync-state"
        >
          {indicatorLabel(state, language, now)}
        </Tag>
      </Tooltip>
      {unseen > 0 && (
        <Tooltip title={t('sync.refusedHint')}>
          <Tag
            icon={<ExclamationCircleOutlined />}
            color="red"
            style={{ cursor: 'pointer', marginInlineEnd: 0 }}
            onClick={onOpen}
            data-testid="sync-refused"
          >
            {t('sync.state.refused', { count: unseen })}
          </Tag>
        </Tooltip>
      )}
      {running ? (
        <Button
          size="small"
          type="text"
          icon={<StopOutlined />}
          loading={actions.stopping}
          onClick={actions.stop}
          data-testid="sync-stop"
        >
          {t('sync.stop')}
        </Button>
      ) : (
        !status.revoked && (
          <Tooltip title={t('sync.now')}>
            <Button
              size="small"
              type="text"
              icon={<SyncOutlined />}
              onClick={actions.syncNow}
              aria-label={t('sync.now')}
              data-testid="sync-now"
            />
          </Tooltip>
        )
      )}
    </Space>
  );
}
