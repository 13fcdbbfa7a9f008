/** The application core that both transports serve: the vault (profile and
 *  database), the sessions, and `dispatch`, which validates, authorises and audits
 *  every API call. It knows nothing of Electron or HTTP. */
import { EventEmitter } from 'node:events';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainError, isDomainError } from '../core/errors';
import { can } from '../core/auth/permissions';
import { appendAudit, type AuditEntry } from './security/audit';
import { createWithPassphrase, openProfile, unlockWithPassphrase, type VaultState } from './security/profile';
import type { Keychain } from './security/keychain';
import type { Ctx, HandlerDef, Session } from './api/handler';
import type { LocalDb } from './db/connection';
import { handlers } from './api/registry';
import { readSettings } from './features/settings/store';
import { openProfileLocked, type ProfileHolderKind } from './security/profileLock';
import type { HostCapabilities } from './features/files/host';

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
}

export interface ApiErrorBody {
  code: string;
  details: Record<string, unknown>;
}
export type ApiResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/** A message pushed to every window (progress, state changes). */
export interface PushEvent {
  topic: string;
  payload: unknown;
}

export interface AppCore {
  vault: () => VaultState;
  db: () => LocalDb;
  deviceId: () => string;
  now: () => Date;
  unlock: (passphrase: string) => VaultState;
  createPassphrase: (passphrase: string) => VaultState;
  sessions: Map<string, Session>;
  dispatch: (method: string, input: unknown, sessionKey: string) => Promise<ApiResult>;
  push: (event: PushEvent) => void;
  onPush: (listener: (event: PushEvent) => void) => () => void;
  close: () => void;
  host: HostCapabilities;
}

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request id a state-changing call carries (a UUID the client chose when the
 *  form opened), and a hash of the rest of its input. */
function requestOf(rawInput: unknown): { requestId: string; inputHash: string } | null {
  if (typeof rawInput !== 'object' || rawInput === null || !('requestId' in rawInput)) return null;
  const { requestId, ...rest } = rawInput as Record<string, unknown>;
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId))
    throw new z.ZodError([{ code: 'custom', path: ['requestId'], message: 'REQUEST_ID_FORMAT', input: requestId }]);
  return {
    requestId: requestId.toLowerCase(),
    inputHash: createHash('sha256').update(canonicalJson(rest)).digest('hex'),
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

function toErrorBody(e: unknown): ApiErrorBody {
  if (isDomainError(e)) return { code: e.code, details: e.details };
  if (e instanceof z.ZodError) {
    return {
      code: 'INPUT_INVALID',
      details: { issues: e.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message })) },
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
  let vault: VaultState = opened.vault;
  const sessions = new Map<string, Session>();
  const bus = new EventEmitter();
  /** Calls under way by request id, so a repeat sent before the first answered waits for it. */
  const inflight = new Map<string, { method: string; inputHash: string; result: Promise<ApiResult> }>();

  const db = (): LocalDb => {
    if (vault.kind !== 'ready') throw new DomainError('APP_LOCKED');
    return vault.db;
  };
  const deviceId = () => (vault.kind === 'ready' ? vault.profile.deviceId : 'unknown-device');

  const app: AppCore = {
    vault: () => vault,
    db,
    deviceId,
    now,
    sessions,
    unlock(passphrase) {
      if (vault.kind !== 'needsPassphrase') throw new DomainError('VAULT_NOT_LOCKED');
      vault = unlockWithPassphrase(options.home, passphrase);
      return vault;
    },
    createPassphrase(passphrase) {
      if (vault.kind !== 'needsNewPassphrase') throw new DomainError('VAULT_NOT_NEW');
      vault = createWithPassphrase(options.home, passphrase);
      return vault;
    },
    push(event) {
      bus.emit('push', event);
    },
    onPush(listener) {
      bus.on('push', listener);
      return () => bus.off('push', listener);
    },
    close() {
      if (vault.kind === 'ready') vault.db.$client.close();
      vault = { kind: 'error', code: 'APP_CLOSED' };
      opened.release();
    },
    host: options.host ?? {},
    async dispatch(method, rawInput, sessionKey) {
      const def0 = (handlers as Record<string, HandlerDef<z.ZodType, unknown>>)[method];
      let request: ReturnType<typeof requestOf> = null;
      if (def0 && def0.kind === 'write' && Object.prototype.hasOwnProperty.call(handlers, method)) {
        try {
          request = requestOf(rawInput);
        } catch (e) {
          return { ok: false, error: toErrorBody(e) };
        }
      }
      if (!request) return dispatchOnce(method, rawInput, sessionKey, null);
      const running = inflight.get(request.requestId);
      if (running) {
        if (running.method !== method || running.inputHash !== request.inputHash)
          return { ok: false, error: { code: 'REQUEST_ID_REUSED', details: { field: 'requestId' } } };
        return running.result;
      }
      if (vault.kind === 'ready') {
        const stored = vault.db.$client
          .prepare(
            'SELECT method, input_hash AS inputHash, result_json AS resultJson FROM requests WHERE request_id = ?',
          )
          .get(request.requestId) as { method: string; inputHash: string; resultJson: string } | undefined;
        if (stored) {
          if (stored.method !== method || stored.inputHash !== request.inputHash)
            return { ok: false, error: { code: 'REQUEST_ID_REUSED', details: { field: 'requestId' } } };
          return { ok: true, value: JSON.parse(stored.resultJson) as unknown };
        }
      }
      const result = dispatchOnce(method, rawInput, sessionKey, request);
      inflight.set(request.requestId, { method, inputHash: request.inputHash, result });
      try {
        return await result;
      } finally {
        inflight.delete(request.requestId);
      }
    },
  };

  async function dispatchOnce(
    method: string,
    rawInput: unknown,
    sessionKey: string,
    request: { requestId: string; inputHash: string } | null,
  ): Promise<ApiResult> {
    const def = (handlers as Record<string, HandlerDef<z.ZodType, unknown>>)[method];
    if (!def || !Object.prototype.hasOwnProperty.call(handlers, method)) {
      return { ok: false, error: { code: 'METHOD_UNKNOWN', details: { method } } };
    }
    let session = sessions.get(sessionKey) ?? null;
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
      session,
      sessionKey,
      deviceId: deviceId(),
      now,
      requestId: request?.requestId ?? null,
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
    };
    try {
      const input = def.input.parse(rawInput ?? {});
      if (def.access !== 'public') {
        db();
        if (!session) throw new DomainError('NOT_AUTHENTICATED');
        const idleMs = readSettings(db()).security.idleLockMinutes * 60_000;
        if (!session.locked && now().getTime() - session.lastActiveMs > idleMs) session.locked = true;
        if (session.locked && !def.whileLocked) throw new DomainError('SESSION_LOCKED');
        if (def.access !== 'session' && !can(session.role, def.access)) {
          throw new DomainError('PERMISSION_DENIED', { permission: def.access });
        }
        if (!def.passive && !session.locked) session.lastActiveMs = now().getTime();
      }
      const value = await def.run(ctx, input);
      session = sessions.get(sessionKey) ?? session;
      // The first answer is what a retry receives (ctx.write kept a provisional one).
      if (request && vault.kind === 'ready') storeRequest(vault.db, value);
      if (def.kind !== 'read' && !audited && vault.kind === 'ready') audit({ outcome: 'ok' }, db());
      return { ok: true, value };
    } catch (e) {
      const error = toErrorBody(e);
      const denied = error.code === 'PERMISSION_DENIED';
      if ((denied || def.kind !== 'read') && !audited && vault.kind === 'ready') {
        audit({ outcome: denied ? 'denied' : 'failed', summary: { input: rawInput, error: error.code } }, db());
      }
      return { ok: false, error };
    }
  }
  return app;
}
