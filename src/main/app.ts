/** The application core that both transports serve: the vault (profile and
 *  database), the sessions, and `dispatch`, which authenticates, authorises and
 *  validates every API call and audits every write and every refusal (reads that
 *  succeed are not audited: they change nothing, and an audit row per screen
 *  refresh would bury what matters). It knows nothing of Electron or HTTP. */
import { EventEmitter } from 'node:events';
import type { ApiErrorBody, ApiResult, SessionChange } from '../contract/api';
import type { PushEvent } from '../contract/topics';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainError, isDomainError } from '../core/errors';
import { can } from '../core/auth/permissions';
import { afterFailure, NO_FAILURES, retryAfterMs, type ThrottleState } from '../core/auth/throttle';
import { anchorAuditHead, appendAudit, auditAnchorMissing, auditHead, type AuditEntry } from './security/audit';
import { createWithPassphrase, openProfile, unlockWithPassphrase, type VaultState } from './security/profile';
import { credentialStamp, newSessionId } from './security/sessions';
import type { Keychain } from './security/keychain';
import type { Ctx, HandlerDef, Session } from './api/handler';
import type { LocalDb } from './db/connection';
import { handlers } from './api/registry';
import { readSettings } from './features/settings/store';
import { findUser, type UserRow } from './features/users/store';
import { openProfileLocked, type ProfileHolderKind } from './security/profileLock';
import type { HostCapabilities } from './features/files/host';
import { runTicketScheduler, type SchedulerResult } from './features/tickets/scheduler';
import { formatRebuildDue, rebuildFormatAsync } from './events/upgrade';
import type { RebuildProgress } from './events/rebuild';

export type { ApiErrorBody, ApiResult, PushEvent, SessionChange };

export interface AppOptions {
  home: string;
  keychain: Keychain | null;
  /** LOANDESK_PASSPHRASE for headless use; the window asks otherwise. */
  passphrase?: string;
  now?: () => Date;
  /** Who opens the profile, named in the lock a second process is refused with. */
  processKind?: ProfileHolderKind;
  /** What the host offers beyond the API (Electron: the native save dialog). */
  host?: HostCapabilities;
  /** Runs the ticket scheduler (SLA escalation, auto-close) this often while the
   *  app runs; off when absent (tests call `runScheduler`). */
  schedulerIntervalMs?: number;
}

/** The ticket scheduler runs at most this often. */
export const MIN_SCHEDULER_INTERVAL_MS = 1_000;

/** Failed logins of user names that do not exist, counted like real accounts so
 *  that the answers (remaining tries, lockout) cannot tell them apart. */
export interface UnknownLogin {
  failedLogins: number;
  lockedUntil: string | null;
}
const MAX_UNKNOWN_LOGINS_KEPT = 10_000;
/** Failed vault unlocks kept for the audit until the database opens. */
const MAX_PENDING_VAULT_FAILURES = 100;
/** The audit chain's anchor is rewritten at most this often during a burst of calls. */
export const ANCHOR_EVERY_MS = 250;

/** The vault as the app holds it: the profile's state, or, after it opened, its
 *  tables being rebuilt from the log because an earlier format made them (the
 *  window shows the progress; nothing reads or writes them meanwhile). */
export type AppVault = VaultState | { kind: 'upgrading'; progress: RebuildProgress };

export interface AppCore {
  vault: () => AppVault;
  /** Resolves once no format rebuild runs (at once when none does). */
  settled: () => Promise<void>;
  /** The OS keychain when one answered at start. */
  keychain: Keychain | null;
  db: () => LocalDb;
  deviceId: () => string;
  now: () => Date;
  home: string;
  unlock: (passphrase: string) => Promise<AppVault>;
  createPassphrase: (passphrase: string) => Promise<AppVault>;
  /** Live sessions by their issued id. */
  sessions: Map<string, Session>;
  /** Ends every session of a user (but `exceptId`), e.g. after a password change. */
  endSessionsOf: (userId: string, exceptId?: string) => void;
  unknownLogins: {
    get: (key: string) => UnknownLogin;
    set: (key: string, value: UnknownLogin) => void;
  };
  dispatch: (method: string, input: unknown, sessionId: string | null) => Promise<ApiResult>;
  push: (event: PushEvent) => void;
  onPush: (listener: (event: PushEvent) => void) => () => void;
  close: () => void;
  host: HostCapabilities;
  /** One run of the ticket scheduler now (the timer's work); windows are told. */
  runScheduler: () => SchedulerResult;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request id a state-changing call carries (a UUID the client chose when the
 *  form opened), and a hash of the rest of its input. */
function requestOf(rawInput: unknown): { requestId: string; inputHash: string; input: unknown } | null {
  if (typeof rawInput !== 'object' || rawInput === null || !('requestId' in rawInput)) return null;
  const { requestId, ...rest } = rawInput as Record<string, unknown>;
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId))
    throw new z.ZodError([{ code: 'custom', path: ['requestId'], message: 'REQUEST_ID_FORMAT', input: requestId }]);
  return {
    requestId: requestId.toLowerCase(),
    inputHash: createHash('sha256').update(canonicalJson(rest)).digest('hex'),
    input: rest,
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

function pick(issue: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (issue as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

function toErrorBody(e: unknown): ApiErrorBody {
  if (isDomainError(e)) return { code: e.code, details: e.details };
  if (e instanceof z.ZodError) {
    return {
      code: 'INPUT_INVALID',
      details: {
        issues: e.issues.map((i) => ({
          path: i.path.join('.'),
          code: i.code,
          message: i.message,
          ...('params' in i && i.params ? { params: i.params } : {}),
          // What the renderer needs to say it as a sentence (bounds, expected kind).
          ...pick(i, ['expected', 'origin', 'minimum', 'maximum', 'inclusive', 'divisor']),
        })),
      },
    };
  }
  console.error('[loandesk] internal error', e);
  return { code: 'INTERNAL', details: {} };
}

export async function createApp(options: AppOptions): Promise<AppCore> {
  const now = options.now ?? (() => new Date());
  const opened = await openProfileLocked(options.home, options.processKind ?? 'browser', () =>
    openProfile(options.home, options.keychain, options.passphrase),
  );
  let vault: AppVault = opened.vault;
  const sessions = new Map<string, Session>();
  const unknownLogins = new Map<string, UnknownLogin>();
  const bus = new EventEmitter();
  let vaultThrottle: ThrottleState = NO_FAILURES;
  let pendingVaultFailures: Array<{ at: string; reason: string; failures: number }> = [];
  let vaultQueue: Promise<unknown> = Promise.resolve();
  /** Calls under way by request id, so a repeat sent before the first answered waits for it. */
  const inflight = new Map<string, { method: string; inputHash: string; result: Promise<ApiResult> }>();

  const db = (): LocalDb => {
    if (vault.kind !== 'ready') throw new DomainError('APP_LOCKED');
    return vault.db;
  };
  const deviceId = () => (vault.kind === 'ready' ? vault.profile.deviceId : 'unknown-device');

  /** The user row behind a session when the session is still valid, else null. */
  const currentUser = (session: Session): UserRow | null => {
    if (vault.kind !== 'ready') return null;
    const user = findUser(vault.db, session.userId);
    return user && !user.disabled && credentialStamp(user) === session.stamp ? user : null;
  };

  /** Anchors the audit chain's head in the profile folder (after a commit). Calls in
   *  quick succession anchor at most every ANCHOR_EVERY_MS, the burst's last head when
   *  it ends and at close: replacing the file costs more than a repayment's rows, and
   *  a chain ahead of its anchor (a crash in between) verifies as 'behind'. */
  let anchoredAt = -Infinity;
  let anchorTimer: ReturnType<typeof setTimeout> | null = null;
  const anchorNow = (): void => {
    if (anchorTimer) clearTimeout(anchorTimer);
    anchorTimer = null;
    anchoredAt = performance.now();
    if (vault.kind === 'ready') anchorAuditHead(vault.db, now().toISOString());
  };
  const anchor = (): void => {
    const wait = anchoredAt + ANCHOR_EVERY_MS - performance.now();
    if (wait <= 0) anchorNow();
    else if (!anchorTimer) {
      anchorTimer = setTimeout(anchorNow, wait);
      anchorTimer.unref();
    }
  };

  /** A database that has audit records but no anchor (a profile from before
   *  anchoring, or an anchor file removed) is anchored now, and says so in the log. */
  const anchorOnOpen = (): void => {
    if (vault.kind !== 'ready') return;
    const target = vault.db;
    const head = auditHead(target);
    if (head === null || !auditAnchorMissing(target)) return;
    target.transaction(() =>
      appendAudit(target, {
        userId: null,
        username: null,
        deviceId: deviceId(),
        action: 'audit.anchorCreated',
        summary: { anchoredFromSeq: head.seq },
        outcome: 'ok',
        at: now().toISOString(),
      }),
    );
    anchorNow();
  };
  /** A format rebuild under way: its end, and how the app's close stops it. */
  let rebuilding: Promise<void> = Promise.resolve();
  let rebuildingDb: LocalDb | null = null;
  const stopRebuild = new AbortController();

  /** Takes the profile's new state; an opened database of an earlier format is
   *  rebuilt first, with the event loop free (the window polls the progress), and
   *  `afterOpen` runs once it is ready. A rebuild that fails leaves the database as
   *  it was (one transaction) and the window on the error. */
  const enter = (next: VaultState, afterOpen: () => void): void => {
    if (next.kind !== 'ready' || !formatRebuildDue(next.db)) {
      vault = next;
      afterOpen();
      return;
    }
    const ready = next;
    rebuildingDb = ready.db;
    // The rebuild reports its first progress before it first lets the event loop run.
    vault = { kind: 'upgrading', progress: { done: 0, total: 0 } };
    rebuilding = rebuildFormatAsync(ready.db, now().toISOString(), {
      onProgress: (progress) => {
        if (vault.kind === 'upgrading') vault = { kind: 'upgrading', progress };
      },
      signal: stopRebuild.signal,
    }).then(
      () => {
        rebuildingDb = null;
        vault = ready;
        afterOpen();
      },
      (e: unknown) => {
        rebuildingDb = null;
        if (stopRebuild.signal.aborted) return;
        console.error('[loandesk] format rebuild failed', e);
        ready.db.$client.close();
        vault = { kind: 'error', code: 'FORMAT_REBUILD_FAILED' };
      },
    );
  };
  enter(opened.vault, anchorOnOpen);

  /** Vault operations run one at a time: two unlocks never open the file twice. */
  const serialised = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = vaultQueue.then(fn, fn);
    vaultQueue = next.catch(() => undefined);
    return next;
  };

  /** Failed passphrase tries could not be audited while the database was shut;
   *  they are written as soon as it opens. */
  const flushVaultFailures = (): void => {
    if (vault.kind !== 'ready' || pendingVaultFailures.length === 0) return;
    const target = vault.db;
    const failures = pendingVaultFailures;
    pendingVaultFailures = [];
    target.transaction(() => {
      for (const f of failures) {
        appendAudit(target, {
          userId: null,
          username: null,
          deviceId: deviceId(),
          action: 'app.unlock',
          summary: { reason: f.reason, failures: f.failures },
          outcome: 'failed',
          at: f.at,
        });
      }
    });
  };

  const app: AppCore = {
    vault: () => vault,
    keychain: options.keychain,
    db,
    deviceId,
    now,
    home: options.home,
    sessions,
    unlock: (passphrase) =>
      serialised(async () => {
        if (vault.kind !== 'needsPassphrase') throw new DomainError('VAULT_NOT_LOCKED');
        const at = now();
        const wait = retryAfterMs(vaultThrottle, at.getTime());
        if (wait > 0) {
          if (pendingVaultFailures.length < MAX_PENDING_VAULT_FAILURES) {
            pendingVaultFailures.push({ at: at.toISOString(), reason: 'throttled', failures: vaultThrottle.failures });
          }
          throw new DomainError('VAULT_THROTTLED', { retryAfterSeconds: Math.ceil(wait / 1000) });
        }
        const next = await unlockWithPassphrase(options.home, passphrase);
        if (next.kind === 'needsPassphrase' && next.error === 'PASSPHRASE_WRONG') {
          vaultThrottle = afterFailure(vaultThrottle, now().getTime());
          if (pendingVaultFailures.length < MAX_PENDING_VAULT_FAILURES) {
            pendingVaultFailures.push({ at: at.toISOString(), reason: 'passphrase', failures: vaultThrottle.failures });
          }
        } else vaultThrottle = NO_FAILURES;
        enter(next, () => {
          flushVaultFailures();
          anchorOnOpen();
          anchor();
        });
        return vault;
      }),
    createPassphrase: (passphrase) =>
      serialised(async () => {
        if (vault.kind !== 'needsNewPassphrase') throw new DomainError('VAULT_NOT_NEW');
        enter(await createWithPassphrase(options.home, passphrase), () => undefined);
        return vault;
      }),
    endSessionsOf(userId, exceptId) {
      for (const [id, session] of sessions) if (session.userId === userId && id !== exceptId) sessions.delete(id);
    },
    unknownLogins: {
      get: (key) => unknownLogins.get(key) ?? { failedLogins: 0, lockedUntil: null },
      set(key, value) {
        unknownLogins.delete(key);
        unknownLogins.set(key, value);
        if (unknownLogins.size > MAX_UNKNOWN_LOGINS_KEPT) {
          const oldest = unknownLogins.keys().next().value;
          if (oldest !== undefined) unknownLogins.delete(oldest);
        }
      },
    },
    push(event) {
      bus.emit('push', event);
    },
    onPush(listener) {
      bus.on('push', listener);
      return () => bus.off('push', listener);
    },
    settled: () => rebuilding,
    close() {
      if (schedulerTimer) clearInterval(schedulerTimer);
      if (anchorTimer) anchorNow();
      // A format rebuild stops; closing the database rolls back what it did.
      stopRebuild.abort();
      rebuildingDb?.$client.close();
      if (vault.kind === 'ready') vault.db.$client.close();
      vault = { kind: 'error', code: 'APP_CLOSED' };
      sessions.clear();
      opened.release();
    },
    host: options.host ?? {},
    runScheduler() {
      if (vault.kind !== 'ready') return { escalated: 0, closed: 0 };
      const result = runTicketScheduler(vault.db, now(), deviceId());
      if (result.escalated + result.closed > 0) bus.emit('push', { topic: 'tickets.changed', payload: result });
      return result;
    },
    async dispatch(method, rawInput, sessionId) {
      const def = (handlers as Record<string, HandlerDef<z.ZodType, unknown>>)[method];
      if (!def || !Object.prototype.hasOwnProperty.call(handlers, method)) {
        return { ok: false, error: { code: 'METHOD_UNKNOWN', details: { method } } };
      }
      let sessionChange: SessionChange | undefined;
      let session: Session | null = null;
      let user: UserRow | null = null;
      if (sessionId !== null) {
        session = sessions.get(sessionId) ?? null;
        user = session ? currentUser(session) : null;
        if (session && !user) {
          // The password, role, branch or limit changed, or the user was disabled.
          sessions.delete(sessionId);
          session = null;
        }
        if (!session) sessionChange = { ended: true };
      }
      let request: ReturnType<typeof requestOf> = null;
      let audited = false;
      const audit = (entry: Partial<AuditEntry> & Pick<AuditEntry, 'outcome'>, target: LocalDb) => {
        appendAudit(target, {
          userId: session?.userId ?? null,
          username: session?.username ?? null,
          deviceId: deviceId(),
          action: method,
          summary: rawInput,
          at: now().toISOString(),
          ...entry,
        });
      };
      /** The answer a retry with the same request id receives (kept inside the
       *  call's transaction, then replaced by the handler's final value). */
      const storeRequest = (target: LocalDb, value: unknown) => {
        if (!request) return;
        target.$client
          .prepare(
            'INSERT INTO requests (request_id, method, input_hash, user_id, result_json, at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(request_id) DO UPDATE SET result_json = excluded.result_json',
          )
          .run(
            request.requestId,
            method,
            request.inputHash,
            session?.userId ?? null,
            JSON.stringify(value ?? null),
            now().toISOString(),
          );
      };
      const ctx: Ctx = {
        app,
        get db() {
          return db();
        },
        get session() {
          return session;
        },
        sessionId,
        deviceId: deviceId(),
        now,
        get requestId() {
          return request?.requestId ?? null;
        },
        write(fn, auditOverride) {
          const target = db();
          const result = target.transaction(() => {
            const value = fn(target);
            audit({ outcome: 'ok', ...auditOverride }, target);
            if (request) storeRequest(target, value);
            return value;
          });
          audited = true;
          return result;
        },
        requireSession() {
          if (!session) throw new DomainError('NOT_AUTHENTICATED');
          return session;
        },
        startSession(fresh) {
          if (session) throw new DomainError('SESSION_ACTIVE');
          const id = newSessionId();
          session = { ...fresh, id };
          sessions.set(id, session);
          sessionChange = { issued: id };
          return session;
        },
        endSession() {
          if (sessionId !== null) sessions.delete(sessionId);
          sessionChange = { ended: true };
        },
      };
      const reply = (result: { ok: true; value: unknown } | { ok: false; error: ApiErrorBody }): ApiResult =>
        sessionChange ? { ...result, session: sessionChange } : result;
      // A call that changes only the caller's own unsent typing (a form draft) is no
      // record of the company's and leaves no audit record.
      const audits = def.kind !== 'read' && def.audited !== false;
      let auditable = audits;
      try {
        // Who is calling and may they, before anything about what they sent.
        if (def.access !== 'public') {
          db();
          if (!session || !user) throw new DomainError('NOT_AUTHENTICATED');
          const idleMs = readSettings(db()).security.idleLockMinutes * 60_000;
          if (!session.locked && now().getTime() - session.lastActiveMs > idleMs) session.locked = true;
          if (session.locked && !def.whileLocked) throw new DomainError('SESSION_LOCKED');
          if (def.access !== 'session' && !can(session.role, def.access)) {
            throw new DomainError('PERMISSION_DENIED', { permission: def.access });
          }
          if (user.mustChangePassword && !def.beforePasswordChange) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
          if (!def.passive && !session.locked) session.lastActiveMs = now().getTime();
        }
        // Like any input, the request id is looked at only once the caller may call.
        if (def.kind === 'write') request = requestOf(rawInput);
        if (request) {
          // A retry gets the first answer, also while the first is still running.
          const running = inflight.get(request.requestId);
          const stored =
            running ??
            (vault.kind === 'ready'
              ? (vault.db.$client
                  .prepare(
                    'SELECT method, input_hash AS inputHash, result_json AS resultJson FROM requests WHERE request_id = ?',
                  )
                  .get(request.requestId) as { method: string; inputHash: string; resultJson: string } | undefined)
              : undefined);
          if (stored && (stored.method !== method || stored.inputHash !== request.inputHash))
            throw new DomainError('REQUEST_ID_REUSED', { field: 'requestId' });
          if (running) return await running.result;
          if (stored && 'resultJson' in stored)
            return reply({ ok: true, value: JSON.parse(stored.resultJson) as unknown });
        }
        // The request id is the call's, not the handler's: its input is the rest.
        const input = def.input.parse((request ? request.input : rawInput) ?? {});
        const pending = (async (): Promise<ApiResult> => {
          const value = await def.run(ctx, input);
          if (request && vault.kind === 'ready') storeRequest(vault.db, value);
          if (audits && !audited && vault.kind === 'ready') audit({ outcome: 'ok' }, db());
          return reply({ ok: true, value });
        })();
        if (!request) return await pending;
        inflight.set(request.requestId, {
          method,
          inputHash: request.inputHash,
          result: pending.catch((e) => reply({ ok: false, error: toErrorBody(e) })),
        });
        try {
          return await pending;
        } finally {
          inflight.delete(request.requestId);
        }
      } catch (e) {
        const error = toErrorBody(e);
        const denied = error.code === 'PERMISSION_DENIED';
        auditable ||= denied;
        if ((denied || audits) && !audited && vault.kind === 'ready') {
          audit({ outcome: denied ? 'denied' : 'failed', summary: { input: rawInput, error: error.code } }, db());
        }
        return reply({ ok: false, error });
      } finally {
        if (auditable) anchor();
      }
    },
  };
  let schedulerTimer: ReturnType<typeof setInterval> | null = null;
  if (options.schedulerIntervalMs) {
    schedulerTimer = setInterval(
      () => {
        try {
          app.runScheduler();
        } catch (e) {
          console.error('[loandesk] ticket scheduler', e);
        }
      },
      Math.max(MIN_SCHEDULER_INTERVAL_MS, options.schedulerIntervalMs),
    );
    schedulerTimer.unref();
  }
  return app;
}
