/** Sessions are issued by the main process (a random id the client only carries)
 *  and stamped with the credentials they were granted on: a changed password,
 *  role, branch, approval limit or a disabled account changes the stamp, so every
 *  session of that user ends at its next call, also one whose login was in flight. */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what the transports accept as a session id. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID_PATTERN.test(value);
}

/** The user fields a session depends on. */
export interface Credentials {
  passwordHash: string;
  role: string;
  branchId: string | null;
  approvalLimitFen: number;
  disabled: boolean;
}

/** A digest of the credentials; equal stamps mean nothing a session relies on changed. */
export function credentialStamp(user: Credentials): string {
  return createHash('sha256')
    .update(
      JSON.stringify([user.passwordHash, user.role, user.branchId, user.approvalLimitFen, user.disabled === true]),
      'utf8',
    )
    .digest('base64url');
}
