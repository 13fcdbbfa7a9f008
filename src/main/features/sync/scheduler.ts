/** The background sync of one running app: a sync every little while when the
 *  server answers, backing off while it does not, one run at a time, a run now on
 *  request, and the state pushed to every window after each run. A local change
 *  (the pending count moved) is announced at once and pushed at the next short
 *  check, so other windows and the server hear of it within seconds. */
import type { AppCore } from '../../app';
import { DomainError, isDomainError } from '../../../core/errors';
import { pendingCount, refusals, syncConfig, syncNow, syncState, type SyncResult } from './engine';
import type { SyncStatus } from '../../../contract/topics';

export const SYNC_EVERY_MS = 15_000;
/** How often the pending count is looked at (one indexed count). */
export const WATCH_EVERY_MS = 2_000;
/** While the server does not answer, the pause doubles up to this. */
export const MAX_BACKOFF_MS = 5 * 60_000;

export interface SyncRunner {
  readonly running: boolean;
  /** Runs a sync now (or joins the one under way). */
  runNow: () => Promise<SyncResult>;
  /** Stops the run under way at its next page; nothing applied is lost. */
  cancel: () => void;
  start: (everyMs?: number) => () => void;
}

const runners = new WeakMap<AppCore, SyncRunner>();

/** What the top bar shows. */
export function statusOf(app: AppCore, running: boolean): SyncStatus | null {
  const vault = app.vault();
  if (vault.kind !== 'ready') return null;
  const db = vault.db;
  const config = syncConfig(db);
  const state = syncState(db);
  return {
    configured: config !== null,
    server: config?.serverUrl ?? null,
    deviceNo: config?.deviceNo ?? null,
    branches: config?.branches ?? null,
    pending: pendingCount(db),
    refused: refusals(db).length,
    lastSyncAt: state.lastSyncAt,
    offlineSince: state.offlineSince,
    lastError: state.lastError,
    revoked: state.revoked,
    running,
  };
}

export function syncRunner(app: AppCore): SyncRunner {
  const known = runners.get(app);
  if (known) return known;
  let current: Promise<SyncResult> | null = null;
  let stopRequested = false;
  let failures = 0;
  let nextAt = 0;
  let interval = SYNC_EVERY_MS;
  let lastPending = -1;

  const announce = (running: boolean) => {
    const status = statusOf(app, running);
    if (status) app.push({ topic: 'sync.state', payload: status });
  };

  const runNow = (): Promise<SyncResult> => {
    if (current) return current;
    const vault = app.vault();
    if (vault.kind !== 'ready') return Promise.reject(new DomainError('APP_LOCKED'));
    if (!syncConfig(vault.db)) return Promise.reject(new DomainError('SYNC_NOT_CONFIGURED'));
    stopRequested = false;
    announce(true);
    current = syncNow(
      vault.db,
      vault.profile.deviceId,
      (p) => app.push({ topic: 'sync.progress', payload: p }),
      () => stopRequested,
    )
      .then((result) => {
        failures = 0;
        return result;
      })
      .catch((e: unknown) => {
        failures++;
        throw e;
      })
      .finally(() => {
        current = null;
        const backoff = failures === 0 ? interval : Math.min(MAX_BACKOFF_MS, interval * 2 ** failures);
        nextAt = Date.now() + backoff;
        announce(false);
      });
    return current;
  };

  const tick = () => {
    const vault = app.vault();
    if (current || vault.kind !== 'ready') return;
    const config = syncConfig(vault.db);
    if (!config || syncState(vault.db).revoked) return;
    const pending = pendingCount(vault.db);
    const changed = pending !== lastPending;
    lastPending = pending;
    if (changed) announce(false);
    // Due by the clock, or something new to push while the server answers.
    const due = Date.now() >= nextAt || (changed && pending > 0 && failures === 0);
    if (!due) return;
    runNow().catch((e: unknown) => {
      if (!isDomainError(e)) console.error('[loandesk] background sync', e);
    });
  };

  const runner: SyncRunner = {
    get running() {
      return current !== null;
    },
    runNow,
    cancel: () => {
      stopRequested = true;
    },
    start: (everyMs = SYNC_EVERY_MS) => {
      interval = everyMs;
      const timer = setInterval(tick, Math.min(WATCH_EVERY_MS, everyMs));
      timer.unref();
      return () => {
        clearInterval(timer);
        stopRequested = true;
      };
    },
  };
  runners.set(app, runner);
  return runner;
}

/** Starts the background sync of a running app; answers how to stop it. */
export function startSyncScheduler(app: AppCore, everyMs = SYNC_EVERY_MS): () => void {
  return syncRunner(app).start(everyMs);
}
