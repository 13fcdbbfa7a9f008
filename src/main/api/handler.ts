/** What a feature declares per API method: its input schema, who may call it,
 *  and the function that does the work. The registry does the checking. */
import type { z } from 'zod';
import type { Permission, Role } from '../../core/auth/permissions';
import type { LocalDb } from '../db/connection';
import type { AuditEntry } from '../security/audit';
import type { AppCore } from '../app';
import type { ThrottleState } from '../../core/auth/throttle';

export interface Session {
  /** Issued by the main process at login (security/sessions.ts). */
  id: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  branchId: string | null;
  approvalLimitFen: number;
  locked: boolean;
  lastActiveMs: number;
  /** credentialStamp of the user row the session was granted on; checked on every call. */
  stamp: string;
  /** Wrong passwords given inside the session (lock screen, password change), for
   *  their growing delay. */
  passwordThrottle: ThrottleState;
}

/** What a login hands to dispatch; the id is chosen there. */
export type NewSession = Omit<Session, 'id'>;

/** public: no login (start-up, setup, login); session: any logged-in user;
 *  otherwise the named permission. */
export type Access = 'public' | 'session' | Permission;

export interface Ctx {
  app: AppCore;
  /** The unlocked database; APP_LOCKED before the vault is open. */
  db: LocalDb;
  /** The caller's valid session (null before login, after logout or once it ended). */
  readonly session: Session | null;
  /** The session id the caller presented, valid or not. */
  sessionId: string | null;
  deviceId: string;
  now: () => Date;
  /** The client-chosen id of this call (a retry carries the same one), or null. */
  requestId: string | null;
  /** Runs `fn` in one transaction and appends this call's audit record (and, for a
   *  call with a request id, its first answer) inside it. */
  write: <T>(
    fn: (db: LocalDb) => T,
    audit?: Partial<Pick<AuditEntry, 'outcome' | 'summary' | 'userId' | 'username'>>,
  ) => T;
  /** The logged-in session; NOT_AUTHENTICATED otherwise. */
  requireSession: () => Session;
  /** Issues a new session id for this caller (login); the transport hands it back. */
  startSession: (session: NewSession) => Session;
  /** Ends the caller's session (logout); the transport forgets its id. */
  endSession: () => void;
}

export interface HandlerDef<S extends z.ZodType, O> {
  input: S;
  access: Access;
  /** Writes state (audited through ctx.write) or reveals sensitive data. */
  kind: 'read' | 'write' | 'reveal';
  /** Allowed while the session is idle-locked (unlock, logout, status). */
  whileLocked?: boolean;
  /** Allowed while the user must still change a reset password (change it, log out). */
  beforePasswordChange?: boolean;
  /** false: the call changes only the caller's own device-local working state (a
   *  form draft), which is not a record of the company's: no audit record. */
  audited?: false;
  /** Does not count as user activity for the idle lock (background refresh). */
  passive?: boolean;
  run: (ctx: Ctx, input: z.output<S>) => O | Promise<O>;
}

export function handler<S extends z.ZodType, O>(def: HandlerDef<S, O>): HandlerDef<S, O> {
  return def;
}
