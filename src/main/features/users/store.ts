/** User and branch rows, and the session view the window receives. */
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { branches, organisation, users } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { permissionsOf, type Role } from '../../../core/auth/permissions';
import type { Session } from '../../api/handler';
import { DomainError } from '../../../core/errors';

export type UserRow = typeof users.$inferSelect;

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  branchId: string | null;
  approvalLimitFen: number;
  mustChangePassword: boolean;
}

export function insertUser(db: LocalDb, user: NewUser, at: string): UserRow {
  if (db.select({ id: users.id }).from(users).where(eq(users.username, user.username)).get()) {
    throw new DomainError('USERNAME_TAKEN', { field: 'username' });
  }
  return db
    .insert(users)
    .values({ id: randomUUID(), ...user, createdAt: at, updatedAt: at })
    .returning()
    .get();
}

export function insertBranch(db: LocalDb, code: string, name: string, at: string) {
  return db.insert(branches).values({ id: randomUUID(), code, name, createdAt: at }).returning().get();
}

export function insertOrganisation(db: LocalDb, name: string, isDemo: boolean, at: string) {
  return db.insert(organisation).values({ id: randomUUID(), name, isDemo, createdAt: at }).returning().get();
}

export function getOrganisation(db: LocalDb) {
  return db.select().from(organisation).limit(1).get() ?? null;
}

export function findUserByName(db: LocalDb, username: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.username, username)).get();
}

export function findUser(db: LocalDb, id: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export interface SessionView {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  branchId: string | null;
  branchName: string | null;
  permissions: readonly string[];
  mustChangePassword: boolean;
  totpEnabled: boolean;
  locked: boolean;
}

export function sessionView(db: LocalDb, session: Session): SessionView {
  const user = findUser(db, session.userId);
  const branch = session.branchId
    ? db.select().from(branches).where(eq(branches.id, session.branchId)).get()
    : undefined;
  return {
    userId: session.userId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    branchId: session.branchId,
    branchName: branch?.name ?? null,
    permissions: permissionsOf(session.role),
    mustChangePassword: user?.mustChangePassword ?? false,
    totpEnabled: user?.totpEnabled ?? false,
    locked: session.locked,
  };
}
