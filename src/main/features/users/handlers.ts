/** Admin: users (add, role, branch, approval limit, reset password, disable) and branches. */
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { handler } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { createBranchInput, createUserInput, updateUserInput } from '../../../contract/schemas/users';
import { branches, loginState, users } from '../../db/schema';
import { draft, emit, metaOf, type EventMeta } from '../../events/store';
import { currentBusinessDate } from '../eod/businessDate';
import type { Ctx } from '../../api/handler';
import { checkPasswordPolicy, hashPassword } from '../../security/passwords';
import { findUser, insertBranch, insertUser } from './store';
import type { LocalDb } from '../../db/connection';

/** Who changes the company's records, when, on which business date. */
export function adminMeta(ctx: Ctx, db: LocalDb): EventMeta {
  return metaOf(ctx, currentBusinessDate(db, ctx.now(), ctx.session?.branchId));
}

function requireBranch(db: LocalDb, branchId: string | null): void {
  if (branchId && !db.select({ id: branches.id }).from(branches).where(eq(branches.id, branchId)).get()) {
    throw new DomainError('BRANCH_UNKNOWN', { field: 'branchId' });
  }
}

export const usersHandlers = {
  'users.list': handler({
    input: z.object({}).optional(),
    access: 'users.manage',
    kind: 'read',
    run: (ctx) =>
      ctx.db
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          role: users.role,
          branchId: users.branchId,
          approvalLimitFen: users.approvalLimitFen,
          disabled: users.disabled,
          totpEnabled: users.totpEnabled,
          lockedUntil: loginState.lockedUntil,
          createdAt: users.createdAt,
        })
        .from(users)
        .leftJoin(loginState, eq(loginState.userId, users.id))
        .orderBy(asc(users.username))
        .all(),
  }),
  'users.create': handler({
    input: createUserInput,
    access: 'users.manage',
    kind: 'write',
    run: async (ctx, input) => {
      checkPasswordPolicy(input.initialPassword);
      const passwordHash = await hashPassword(input.initialPassword);
      const row = ctx.write((db) => {
        requireBranch(db, input.branchId);
        return insertUser(db, { ...input, passwordHash, mustChangePassword: true }, adminMeta(ctx, db));
      });
      return { id: row.id };
    },
  }),
  'users.update': handler({
    input: updateUserInput,
    access: 'users.manage',
    kind: 'write',
    run: (ctx, input) => {
      const me = ctx.requireSession();
      const { userId, ...changes } = input;
      if (userId === me.userId && (changes.disabled === true || (changes.role && changes.role !== 'admin'))) {
        throw new DomainError('CANNOT_DEMOTE_SELF');
      }
      ctx.write((db) => {
        if (!findUser(db, userId)) throw new DomainError('USER_UNKNOWN');
        if (changes.branchId !== undefined) requireBranch(db, changes.branchId);
        emit(db, adminMeta(ctx, db), [draft('UserChanged', userId, changes)]);
      });
      // A changed role, branch, limit or a disabled account ends the user's sessions
      // (dispatch also checks every call against the user's credential stamp).
      ctx.app.endSessionsOf(userId);
      return { done: true };
    },
  }),
  'users.resetPassword': handler({
    input: z.object({ userId: z.string().uuid(), newPassword: z.string().max(200) }),
    access: 'users.manage',
    kind: 'write',
    run: async (ctx, input) => {
      checkPasswordPolicy(input.newPassword);
      const passwordHash = await hashPassword(input.newPassword);
      ctx.write((db) => {
        if (!findUser(db, input.userId)) throw new DomainError('USER_UNKNOWN');
        emit(db, adminMeta(ctx, db), [
          draft('UserPasswordSet', input.userId, { passwordHash, mustChangePassword: true, reason: 'reset' }),
        ]);
        // A reset also lifts this device's lockout of the user.
        db.delete(loginState).where(eq(loginState.userId, input.userId)).run();
      });
      ctx.app.endSessionsOf(input.userId);
      return { done: true };
    },
  }),
  'branches.list': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    run: (ctx) => ctx.db.select().from(branches).orderBy(asc(branches.code)).all(),
  }),
  'branches.create': handler({
    input: createBranchInput,
    access: 'users.manage',
    kind: 'write',
    run: (ctx, input) => {
      const row = ctx.write((db) => {
        if (db.select({ id: branches.id }).from(branches).where(eq(branches.code, input.code)).get()) {
          throw new DomainError('BRANCH_CODE_TAKEN', { field: 'code' });
        }
        return insertBranch(db, input.code, input.name, adminMeta(ctx, db));
      });
      return { id: row.id };
    },
  }),
};
