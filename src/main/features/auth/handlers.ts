/** Login with lockout and optional TOTP, the idle lock, logout, password change
 *  and TOTP enrolment. Sessions live in memory under ids the main process issues. */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { handler, type Ctx, type Session } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { isRole } from '../../../core/auth/permissions';
import { afterFailure, NO_FAILURES, retryAfterMs } from '../../../core/auth/throttle';
import { users } from '../../db/schema';
import { checkPasswordPolicy, DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../../security/passwords';
import { credentialStamp } from '../../security/sessions';
import { checkTotp, newTotpSecret, totpEnrolment } from '../../security/totp';
import { readSettings } from '../settings/store';
import { text } from '../../../core/validation/text';
import { findUser, findUserByName, sessionView } from '../users/store';
import { reserveAttempt, settleAttempt, userCounter, type AttemptCounter } from './attempts';

/** Secrets waiting for their first code, per session id; never stored until confirmed. */
const pendingTotp = new Map<string, string>();

/** The in-memory counter of a user name that has no account. */
function unknownCounter(ctx: Ctx, username: string): AttemptCounter {
  return {
    read: () => ctx.app.unknownLogins.get(username),
    write: (value) => ctx.app.unknownLogins.set(username, value),
  };
}

/** Checks the session user's own password (lock screen, password change, TOTP off):
 *  each try is counted before the check, tries come with a growing delay, and
 *  too many wrong ones end the session (a new login then meets the lockout). */
async function checkOwnPassword(ctx: Ctx, session: Session, password: string, wrongCode: string): Promise<void> {
  const nowMs = ctx.now().getTime();
  const wait = retryAfterMs(session.passwordThrottle, nowMs);
  if (wait > 0) {
    ctx.write(() => undefined, {
      outcome: 'failed',
      summary: { reason: 'throttled', failures: session.passwordThrottle.failures },
    });
    throw new DomainError('PASSWORD_THROTTLED', { retryAfterSeconds: Math.ceil(wait / 1000) });
  }
  const before = session.passwordThrottle;
  session.passwordThrottle = afterFailure(before, nowMs);
  const user = findUser(ctx.db, session.userId);
  const ok = (await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH)) && user !== undefined;
  if (ok) {
    session.passwordThrottle = NO_FAILURES;
    return;
  }
  const failures = session.passwordThrottle.failures;
  const ended = failures >= readSettings(ctx.db).security.maxFailedLogins;
  ctx.write(() => undefined, { outcome: 'failed', summary: { reason: 'password', failures, signedOut: ended } });
  if (ended) {
    ctx.endSession();
    throw new DomainError('NOT_AUTHENTICATED', { reason: 'PASSWORD_FAILURES' });
  }
  throw new DomainError(wrongCode);
}

export const authHandlers = {
  'auth.login': handler({
    input: z.object({
      username: text('username'),
      password: z.string().min(1).max(200),
      totpCode: z.string().trim().max(10).optional(),
    }),
    access: 'public',
    kind: 'write',
    run: async (ctx, input) => {
      // A window holding a session logs out first; a login never replaces a session.
      if (ctx.session) throw new DomainError('SESSION_ACTIVE');
      const db = ctx.db;
      const now = ctx.now();
      const { security } = readSettings(db);
      const user = findUserByName(db, input.username);
      const counter = user ? userCounter(db, user.id) : unknownCounter(ctx, input.username);
      const reservation = db.transaction(() => reserveAttempt(counter, security, now));
      const who = user ? { userId: user.id, username: user.username } : { userId: null, username: null };
      /** What the audit keeps of a user name that has no account. */
      const typed = user ? {} : { username: input.username };
      if (reservation.kind === 'locked') {
        ctx.write(() => undefined, {
          ...who,
          outcome: 'failed',
          summary: { ...typed, reason: user ? 'locked' : 'unknown user, locked' },
        });
        throw new DomainError('ACCOUNT_LOCKED', { until: reservation.until });
      }
      // Unknown users cost the same scrypt as known ones and get the same answers.
      const passwordOk = (await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH)) && !!user;
      if (passwordOk && user.totpEnabled && !input.totpCode) {
        db.transaction(() => settleAttempt(counter, reservation, 'refund'));
        return { needsTotp: true as const, session: null };
      }
      const totpOk =
        !user?.totpEnabled ||
        (user.totpSecret !== null && checkTotp(user.totpSecret, input.totpCode ?? '', now.getTime()));
      if (!passwordOk || !totpOk) {
        const reason = !user ? 'unknown user' : passwordOk ? 'totp' : 'password';
        ctx.write(() => undefined, {
          ...who,
          outcome: 'failed',
          summary: {
            ...typed,
            reason,
            attempts: reservation.attempts,
            locked: reservation.lockedUntil !== null,
          },
        });
        if (reservation.lockedUntil) throw new DomainError('ACCOUNT_LOCKED', { until: reservation.lockedUntil });
        throw new DomainError(passwordOk ? 'TOTP_INVALID' : 'LOGIN_FAILED', { remaining: reservation.remaining });
      }
      if (user.disabled) {
        db.transaction(() => settleAttempt(counter, reservation, 'reset'));
        ctx.write(() => undefined, { ...who, outcome: 'failed', summary: { reason: 'disabled' } });
        throw new DomainError('USER_DISABLED');
      }
      if (!isRole(user.role)) throw new DomainError('ROLE_UNKNOWN');
      // A reset, role change or disabling that landed while the password was being
      // checked wins over this login.
      const current = findUser(db, user.id);
      if (!current || current.disabled || credentialStamp(current) !== credentialStamp(user)) {
        db.transaction(() => settleAttempt(counter, reservation, 'refund'));
        ctx.write(() => undefined, { ...who, outcome: 'failed', summary: { reason: 'changed during login' } });
        throw new DomainError('LOGIN_FAILED');
      }
      ctx.write((tx) => settleAttempt(userCounter(tx, user.id), reservation, 'reset'), {
        ...who,
        summary: { username: user.username },
      });
      const session = ctx.startSession({
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        branchId: user.branchId,
        approvalLimitFen: user.approvalLimitFen,
        locked: false,
        lastActiveMs: now.getTime(),
        stamp: credentialStamp(current),
        passwordThrottle: NO_FAILURES,
      });
      return { needsTotp: false as const, session: sessionView(db, session) };
    },
  }),
  'auth.logout': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'write',
    whileLocked: true,
    beforePasswordChange: true,
    run: (ctx) => {
      const session = ctx.requireSession();
      ctx.write(() => undefined);
      ctx.endSession();
      pendingTotp.delete(session.id);
      return { done: true };
    },
  }),
  'auth.lock': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'write',
    whileLocked: true,
    run: (ctx) => {
      ctx.requireSession().locked = true;
      return { locked: true };
    },
  }),
  'auth.touch': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    run: () => ({ ok: true }),
  }),
  'auth.unlock': handler({
    input: z.object({ password: z.string().min(1).max(200) }),
    access: 'session',
    kind: 'write',
    whileLocked: true,
    run: async (ctx, input) => {
      const session = ctx.requireSession();
      await checkOwnPassword(ctx, session, input.password, 'LOGIN_FAILED');
      session.locked = false;
      session.lastActiveMs = ctx.now().getTime();
      return { locked: false };
    },
  }),
  'auth.changePassword': handler({
    input: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }),
    access: 'session',
    kind: 'write',
    beforePasswordChange: true,
    run: async (ctx, input) => {
      const session = ctx.requireSession();
      await checkOwnPassword(ctx, session, input.currentPassword, 'PASSWORD_WRONG');
      checkPasswordPolicy(input.newPassword);
      const passwordHash = await hashPassword(input.newPassword);
      const changed = ctx.write((db) => {
        db.update(users)
          .set({ passwordHash, mustChangePassword: false, updatedAt: ctx.now().toISOString() })
          .where(eq(users.id, session.userId))
          .run();
        return findUser(db, session.userId);
      });
      // This session goes on with the new password; every other one of this user ends.
      if (changed) session.stamp = credentialStamp(changed);
      ctx.app.endSessionsOf(session.userId, session.id);
      return { done: true };
    },
  }),
  'auth.totpBegin': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    run: async (ctx) => {
      const session = ctx.requireSession();
      const secret = newTotpSecret();
      pendingTotp.set(session.id, secret);
      return { ...(await totpEnrolment(secret, session.username)), secret };
    },
  }),
  'auth.totpConfirm': handler({
    input: z.object({
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/),
    }),
    access: 'session',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      const secret = pendingTotp.get(session.id);
      if (!secret) throw new DomainError('TOTP_NOT_STARTED');
      if (!checkTotp(secret, input.code, ctx.now().getTime())) throw new DomainError('TOTP_INVALID');
      ctx.write((db) =>
        db.update(users).set({ totpSecret: secret, totpEnabled: true }).where(eq(users.id, session.userId)).run(),
      );
      pendingTotp.delete(session.id);
      return { totpEnabled: true };
    },
  }),
  'auth.totpDisable': handler({
    input: z.object({ password: z.string().min(1).max(200) }),
    access: 'session',
    kind: 'write',
    run: async (ctx, input) => {
      const session = ctx.requireSession();
      await checkOwnPassword(ctx, session, input.password, 'PASSWORD_WRONG');
      ctx.write((db) =>
        db.update(users).set({ totpSecret: null, totpEnabled: false }).where(eq(users.id, session.userId)).run(),
      );
      return { totpEnabled: false };
    },
  }),
};
