/** The window's live sync status: one passive `sync.status` poll (it does not count
 *  as activity for the idle lock) and the main process's 'sync.state' and
 *  'sync.progress' pushes, on one subscription, shared by the top bar and the
 *  Sync pages; plus how many refusals were already looked at on this desktop. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { subscribe } from '../../api/client';
import { useApi } from '../../api/hooks';
import type { SyncProgress, SyncStatus } from '../../../contract/topics';

/** How often the window asks for the status besides what is pushed to it. */
export const SYNC_POLL_MS = 30_000;
const SEEN_KEY = 'loandesk.sync.seenRefused';

interface SyncLive {
  status: SyncStatus | null;
  progress: SyncProgress | null;
  /** Refusals already looked at on the Sync page of this desktop. */
  seenRefused: number;
  markSeen: (count: number) => void;
}

const SyncContext = createContext<SyncLive>({ status: null, progress: null, seenRefused: 0, markSeen: () => {} });

function seenKey(status: SyncStatus | null): string | null {
  return status?.configured ? `${SEEN_KEY}:${status.server}:${status.deviceNo}` : null;
}

export function SyncProvider({ locked, children }: { locked: boolean; children: ReactNode }) {
  const client = useQueryClient();
  const query = useApi('sync.status', {}, { refetchInterval: SYNC_POLL_MS, enabled: !locked });
  const status = query.data ?? null;
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const key = seenKey(status);
  const [seen, setSeen] = useState<{ key: string | null; count: number }>({ key: null, count: 0 });
  if (seen.key !== key) setSeen({ key, count: key ? Number(localStorage.getItem(key) ?? 0) || 0 : 0 });

  useEffect(
    () =>
      subscribe((event) => {
        if (event.topic === 'sync.state') {
          client.setQueryData(['sync.status', {}], event.payload);
          if (!event.payload.running) setProgress(null);
        } else if (event.topic === 'sync.progress') setProgress(event.payload);
      }),
    [client],
  );

  const markSeen = useCallback(
    (count: number) => {
      if (!key) return;
      localStorage.setItem(key, String(count));
      setSeen({ key, count });
    },
    [key],
  );
  const value = useMemo(
    () => ({ status, progress: status?.running ? progress : null, seenRefused: seen.count, markSeen }),
    [status, progress, seen.count, markSeen],
  );
  return <SyncContext.Provider value={value}>{children}</SyncContext.Provider>;
}

export function useSyncLive(): SyncLive {
  return useContext(SyncContext);
}
