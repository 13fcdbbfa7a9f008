/** The application core that both transports serve: the vault (profile and
 *  database), the sessions, and `dispatch`, which validates, authorises and audits
 *  every API call. It knows nothing of Electron or HTTP. */
import { EventEmitter } from 'node:events';
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

export interface AppOptions {
  home: string;
  keychain: Keychain | null;
  /** LOANDESK_PASSPHRASE for headless use; the window asks otherwise. */
  passphrase?: string;
  now?: () => Date;
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
  /** The profile folder, and the OS keychain when one answered at start. */
  home: () => string;
  keychain: Keychain | null;
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
  let vault: VaultState = await openProfile(options.home, options.keychain, options.passphrase);
  const sessions = new Map<string, Session>();
  const bus = new EventEmitter();

  const db = (): LocalDb => {
    if (vault.kind !== 'ready') throw new DomainError('APP_LOCKED');
    return vault.db;
  };
  const deviceId = () => (vault.kind === 'ready' ? vault.profile.deviceId : 'unknown-device');

  const app: AppCore = {
    vault: () => vault,
    home: () => options.home,
    keychain: options.keychain,
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
    },
    async dispatch(method, rawInput, sessionKey) {
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
      const ctx: Ctx = {
        app,
        get db() {
          return db();
        },
        session,
        sessionKey,
        deviceId: deviceId(),
        now,
        write(fn, auditOverride) {
          const target = db();
          const result = target.transaction(() => {
            const value = fn(target);
            audit({ outcome: 'ok', ...auditOverride }, target);
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
    },
  };
  return app;
}
