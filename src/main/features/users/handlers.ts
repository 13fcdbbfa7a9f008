/** Admin: users (add, role, branch, approval limit, reset password, disable) and branches. */
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { handler } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { createBranchInput, createUserInput, updateUserInput } from './schemas';
import { branches, users } from '../../db/schema';
import { checkPasswordPolicy, hashPassword } from '../../security/passwords';
import { findUser, insertBranch, insertUser } from './store';
import type { LocalDb } from '../../db/connection';

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
          lockedUntil: users.lockedUntil,
          createdAt: users.createdAt,
        })
        .from(users)
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
        return insertUser(db, { ...input, passwordHash, mustChangePassword: true }, ctx.now().toISOString());
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
        db.update(users)
          .set({ ...changes, updatedAt: ctx.now().toISOString() })
          .where(eq(users.id, userId))
          .run();
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
        db.update(users)
          .set({
            passwordHash,
            mustChangePassword: true,
            failedLogins: 0,
            lockedUntil: null,
            updatedAt: ctx.now().toISOString(),
          })
          .where(eq(users.id, input.userId))
          .run();
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
        return insertBranch(db, input.code, input.name, ctx.now().toISOString());
      });
      return { id: row.id };
    },
  }),
};
