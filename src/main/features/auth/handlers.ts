/** Login with lockout and optional TOTP, the idle lock, logout, password change
 *  and TOTP enrolment. Sessions live in memory, keyed by the transport's channel. */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { handler, type Session } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { isRole } from '../../../core/auth/permissions';
import { users } from '../../db/schema';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../security/passwords';
import { checkTotp, newTotpSecret, totpEnrolment } from '../../security/totp';
import { readSettings } from '../settings/store';
import { findUser, findUserByName, sessionView } from '../users/store';
import { randomUUID } from 'node:crypto';

/** Secrets waiting for their first code, per session key; never stored until confirmed. */
const pendingTotp = new Map<string, string>();

export const authHandlers = {
  'auth.login': handler({
    input: z.object({
      username: z.string().trim().min(1).max(64),
      password: z.string().min(1).max(200),
      totpCode: z.string().trim().max(10).optional(),
    }),
    access: 'public',
    kind: 'write',
    run: async (ctx, input) => {
      const db = ctx.db;
      const now = ctx.now();
      const user = findUserByName(db, input.username);
      const failed = (code: string, details: Record<string, unknown> = {}): never => {
        throw new DomainError(code, details);
      };
      if (!user) {
        ctx.write(() => undefined, {
          outcome: 'failed',
          summary: { username: input.username, reason: 'unknown user' },
        });
        return failed('LOGIN_FAILED');
      }
      const who = { userId: user.id, username: user.username };
      if (user.disabled) {
        ctx.write(() => undefined, { ...who, outcome: 'failed', summary: { reason: 'disabled' } });
        return failed('USER_DISABLED');
      }
      if (user.lockedUntil && user.lockedUntil > now.toISOString()) {
        ctx.write(() => undefined, { ...who, outcome: 'failed', summary: { reason: 'locked' } });
        return failed('ACCOUNT_LOCKED', { until: user.lockedUntil });
      }
      const passwordOk = await verifyPassword(input.password, user.passwordHash);
      if (passwordOk && user.totpEnabled && !input.totpCode) return { needsTotp: true as const, session: null };
      const totpOk =
        !user.totpEnabled ||
        (user.totpSecret !== null && checkTotp(user.totpSecret, input.totpCode ?? '', now.getTime()));
      if (!passwordOk || !totpOk) {
        const { security } = readSettings(db);
        const attempts = user.failedLogins + 1;
        const lock = attempts >= security.maxFailedLogins;
        const lockedUntil = lock ? new Date(now.getTime() + security.lockoutMinutes * 60_000).toISOString() : null;
        ctx.write(
          (tx) =>
            tx
              .update(users)
              .set({ failedLogins: lock ? 0 : attempts, lockedUntil, updatedAt: now.toISOString() })
              .where(eq(users.id, user.id))
              .run(),
          { ...who, outcome: 'failed', summary: { reason: passwordOk ? 'totp' : 'password', attempts, locked: lock } },
        );
        if (lock) return failed('ACCOUNT_LOCKED', { until: lockedUntil });
        return failed(passwordOk ? 'TOTP_INVALID' : 'LOGIN_FAILED', { remaining: security.maxFailedLogins - attempts });
      }
      if (!isRole(user.role)) return failed('ROLE_UNKNOWN');
      const session: Session = {
        id: randomUUID(),
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        branchId: user.branchId,
        approvalLimitFen: user.approvalLimitFen,
        locked: false,
        lastActiveMs: now.getTime(),
      };
      ctx.write(
        (tx) => tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id)).run(),
        {
          ...who,
          summary: { username: user.username },
        },
      );
      ctx.app.sessions.set(ctx.sessionKey, session);
      return { needsTotp: false as const, session: sessionView(db, session) };
    },
  }),
  'auth.logout': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'write',
    whileLocked: true,
    run: (ctx) => {
      ctx.write(() => undefined);
      ctx.app.sessions.delete(ctx.sessionKey);
      pendingTotp.delete(ctx.sessionKey);
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
      const user = findUser(ctx.db, session.userId);
      if (!user || user.disabled || !(await verifyPassword(input.password, user.passwordHash))) {
        ctx.write(() => undefined, { outcome: 'failed' });
        throw new DomainError('LOGIN_FAILED');
      }
      session.locked = false;
      session.lastActiveMs = ctx.now().getTime();
      return { locked: false };
    },
  }),
  'auth.changePassword': handler({
    input: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }),
    access: 'session',
    kind: 'write',
    run: async (ctx, input) => {
      const session = ctx.requireSession();
      const user = findUser(ctx.db, session.userId);
      if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash)))
        throw new DomainError('PASSWORD_WRONG');
      checkPasswordPolicy(input.newPassword);
      const passwordHash = await hashPassword(input.newPassword);
      ctx.write((db) =>
        db
          .update(users)
          .set({ passwordHash, mustChangePassword: false, updatedAt: ctx.now().toISOString() })
          .where(eq(users.id, user.id))
          .run(),
      );
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
      pendingTotp.set(ctx.sessionKey, secret);
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
      const secret = pendingTotp.get(ctx.sessionKey);
      if (!secret) throw new DomainError('TOTP_NOT_STARTED');
      if (!checkTotp(secret, input.code, ctx.now().getTime())) throw new DomainError('TOTP_INVALID');
      ctx.write((db) =>
        db.update(users).set({ totpSecret: secret, totpEnabled: true }).where(eq(users.id, session.userId)).run(),
      );
      pendingTotp.delete(ctx.sessionKey);
      return { totpEnabled: true };
    },
  }),
  'auth.totpDisable': handler({
    input: z.object({ password: z.string().min(1).max(200) }),
    access: 'session',
    kind: 'write',
    run: async (ctx, input) => {
      const session = ctx.requireSession();
      const user = findUser(ctx.db, session.userId);
      if (!user || !(await verifyPassword(input.password, user.passwordHash))) throw new DomainError('PASSWORD_WRONG');
      ctx.write((db) =>
        db.update(users).set({ totpSecret: null, totpEnabled: false }).where(eq(users.id, user.id)).run(),
      );
      return { totpEnabled: false };
    },
  }),
};
