/** Local (SQLCipher) schema: the projection tables the UI reads and the
 *  append-only logs. Migrations are generated from this file into drizzle/local
 *  by `npm run db:generate` and are never edited after they are committed. */
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Key/value settings (JSON values); see src/main/features/settings. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  valueJson: text('value_json').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const organisation = sqliteTable('organisation', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
});

export const branches = sqliteTable('branches', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  createdAt: text('created_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    branchId: text('branch_id').references(() => branches.id),
    approvalLimitFen: integer('approval_limit_fen').notNull().default(0),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    totpSecret: text('totp_secret'),
    totpEnabled: integer('totp_enabled', { mode: 'boolean' }).notNull().default(false),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    locale: text('locale'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('users_username_unique').on(t.username)],
);

/** Hash-chained audit trail: each row carries the SHA-256 of the previous row. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    at: text('at').notNull(),
    userId: text('user_id'),
    username: text('username'),
    deviceId: text('device_id').notNull(),
    action: text('action').notNull(),
    summaryJson: text('summary_json').notNull(),
    outcome: text('outcome').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_action').on(t.action)],
);
