/** The sync server's schema (PostgreSQL / PGlite): the company's ordered event log
 *  and what re-validating it needs. No projections: desktops build those. Migrations
 *  are generated into drizzle/server by `npm run db:generate:server`. */
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One row: the last global sequence number given. Locked by every push, so numbers
 *  are given and committed in one order; any value a reader sees is a checkpoint. */
export const seqCounter = pgTable('seq_counter', {
  id: integer('id').primaryKey(),
  value: bigint('value', { mode: 'number' }).notNull(),
});

export const serverMeta = pgTable('server_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

export const events = pgTable(
  'events',
  {
    globalSeq: bigint('global_seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull().unique(),
    aggregate: text('aggregate').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    version: integer('version').notNull(),
    kind: text('kind').notNull(),
    type: text('type').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** The payload exactly as sent (JSON text), sensitive fields sealed by the
     *  desktops: never in clear here. Kept as text so every node reads the same. */
    payloadJson: text('payload_json').notNull(),
    actorId: text('actor_id'),
    deviceId: text('device_id').notNull(),
    branchId: text('branch_id'),
    businessDate: text('business_date'),
    requestId: text('request_id'),
    occurredAt: text('occurred_at').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('events_scope').on(t.branchId, t.globalSeq), index('events_request').on(t.requestId)],
);

/** Refused events: a re-push of one gets the same answer. */
export const rejections = pgTable('rejections', {
  eventId: text('event_id').primaryKey(),
  deviceId: text('device_id').notNull(),
  type: text('type').notNull(),
  code: text('code').notNull(),
  details: jsonb('details').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/** The confirmed state each rule needs, per aggregate (contract/sync/state.ts). */
export const aggregates = pgTable(
  'aggregates',
  {
    aggregate: text('aggregate').notNull(),
    aggregateId: text('aggregate_id').notNull(),
    version: integer('version').notNull(),
    state: jsonb('state').notNull(),
  },
  (t) => [primaryKey({ columns: [t.aggregate, t.aggregateId] })],
);

export const branchDays = pgTable('branch_days', {
  branchId: text('branch_id').primaryKey(),
  lastClosed: text('last_closed').notNull(),
});

/** Identifiers that must be unique: keyed hashes of resident IDs, credit codes, user names. */
export const identities = pgTable(
  'identities',
  {
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    aggregateId: text('aggregate_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.value] })],
);

export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  deviceNo: integer('device_no').notNull().unique(),
  name: text('name').notNull(),
  /** Ed25519 public key (SPKI, base64). */
  publicKey: text('public_key').notNull(),
  /** Branch ids the device sees and writes for; null: every branch (head office). */
  branches: jsonb('branches'),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastPushAt: timestamp('last_push_at', { withTimezone: true }),
  lastPullAt: timestamp('last_pull_at', { withTimezone: true }),
  /** The global sequence number the device last pulled up to. */
  pulledThrough: bigint('pulled_through', { mode: 'number' }).notNull().default(0),
});

export const authNonces = pgTable('auth_nonces', {
  nonce: text('nonce').primaryKey(),
  deviceId: text('device_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const deviceTokens = pgTable('device_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  deviceId: text('device_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

export const enrollments = pgTable('enrollments', {
  /** SHA-256 of the key derived from the code for proving it (never the code). */
  authHash: text('auth_hash').primaryKey(),
  /** The organisation data key wrapped under a key only the code gives. */
  wrappedKey: jsonb('wrapped_key').notNull(),
  branches: jsonb('branches'),
  createdBy: text('created_by').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedBy: text('used_by'),
});

export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  content: text('content').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
});

/** Each device's audit chain as uploaded, and its head. */
export const deviceAudit = pgTable(
  'device_audit',
  {
    deviceId: text('device_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    record: jsonb('record').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.seq] })],
);

export const auditHeads = pgTable('audit_heads', {
  deviceId: text('device_id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  mac: text('mac').notNull(),
  /** Set when an upload did not continue the chain (truncated or rewritten). */
  brokenAt: timestamp('broken_at', { withTimezone: true }),
});
