/** User and branch rows, and the session view the window receives. */
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { branches, organisation, users } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { draft, emit, type EventMeta } from '../../events/store';
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

/** Records UserCreated (USERNAME_TAKEN when the name is in use). */
export function insertUser(db: LocalDb, user: NewUser, meta: EventMeta): UserRow {
  if (db.select({ id: users.id }).from(users).where(eq(users.username, user.username)).get()) {
    throw new DomainError('USERNAME_TAKEN', { field: 'username' });
  }
  const id = randomUUID();
  emit(db, meta, [{ ...draft('UserCreated', id, user, 0), branchId: user.branchId }]);
  return findUser(db, id)!;
}

/** Records BranchCreated: the branch opens on `meta`'s business date. */
export function insertBranch(db: LocalDb, code: string, name: string, meta: EventMeta) {
  const id = randomUUID();
  const openedOn = meta.businessDate ?? meta.occurredAt.slice(0, 10);
  emit(db, meta, [{ ...draft('BranchCreated', id, { code, name, openedOn }, 0), branchId: id }]);
  return db.select().from(branches).where(eq(branches.id, id)).get()!;
}

export function insertOrganisation(db: LocalDb, name: string, isDemo: boolean, meta: EventMeta) {
  const id = randomUUID();
  emit(db, meta, [draft('OrganisationCreated', id, { name, isDemo }, 0)]);
  return db.select().from(organisation).where(eq(organisation.id, id)).get()!;
}

export function getOrganisation(db: LocalDb) {
  return db.select().from(organisation).limit(1).get() ?? null;
}

export function findUserByName(db: LocalDb, username: string): UserRow | undefined {
  return db.select().from(users).where(eq(users.username, username)).get();
}

/** Every call reads its session's user: the query is built once per connection. */
const userById = new WeakMap<LocalDb, ReturnType<typeof prepareUserById>>();
const prepareUserById = (db: LocalDb) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare();

export function findUser(db: LocalDb, id: string): UserRow | undefined {
  let query = userById.get(db);
  if (!query) userById.set(db, (query = prepareUserById(db)));
  return query.get({ id });
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
  /** Why the password must be changed: an administrator set the first one, or reset it. */
  passwordSetBy: 'initial' | 'reset' | null;
  /** The most this user may approve (fen), shown before an approval. */
  approvalLimitFen: number;
  totpEnabled: boolean;
  locked: boolean;
}

/** Whether the password to change is the first one an administrator set, or a reset
 *  one: the user's last password event says. */
function passwordSetBy(db: LocalDb, userId: string): 'initial' | 'reset' {
  const last = db.$client
    .prepare(
      "SELECT payload_json AS p FROM events WHERE aggregate = 'user' AND aggregate_id = ? AND type = 'UserPasswordSet' AND status != 'rejected' ORDER BY seq DESC LIMIT 1",
    )
    .get(userId) as { p: string } | undefined;
  return last && (JSON.parse(last.p) as { reason?: string }).reason === 'reset' ? 'reset' : 'initial';
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
    passwordSetBy: user?.mustChangePassword ? passwordSetBy(db, session.userId) : null,
    approvalLimitFen: session.approvalLimitFen,
    totpEnabled: user?.totpEnabled ?? false,
    locked: session.locked,
  };
}
