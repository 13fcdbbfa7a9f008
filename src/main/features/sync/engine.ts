/** The desktop's side of sync: attach the company to an empty server, join with an
 *  enrollment code, and `syncNow` (push the pending events, then pull confirmed
 *  pages). A pulled page is applied in one transaction: events the device already
 *  holds are marked confirmed, new ones applied on top, unless the company's order
 *  differs from the one this device applied (a refusal, or a pulled event ordered
 *  before one of the device's own on the same aggregate, or a cross-cutting one):
 *  then every table is rebuilt from the confirmed events plus the pending ones. The
 *  device never resolves a conflict itself. */
import type { z } from 'zod';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DomainError, isDomainError } from '../../../core/errors';
import { parseEvent, type EventEnvelope, type EventType } from '../../../contract/events';
import {
  MAX_PULL_EVENTS,
  MAX_PUSH_EVENTS,
  type AuditRecordUpload,
  type JoinAnswer,
  pullAnswer,
  pushAnswer,
  type PullAnswer,
  type TransitEvent,
} from '../../../contract/sync/protocol';
import type { LocalDb } from '../../db/connection';
import { eventFromRow, insertEvent, type StoredEvent } from '../../events/store';
import { rebuildInPlace } from '../../events/rebuild';
import { applyEvent } from '../../projectors/index';
import { deviceClient, request, type DeviceClient, type ServerTarget } from './client';
import { enrollmentAuthKey, openEvent, sealEvent, unwrapDataKey, wrapDataKey } from './seal';
import { sha256Hex } from './hash';

export interface SyncConfig {
  serverUrl: string;
  pin: string | null;
  deviceNo: number;
  /** Branch ids this device sees; null for a head-office device (every branch). */
  branches: string[] | null;
  publicKey: string;
  privateKey: string;
  /** The organisation data key (base64), never sent in clear. */
  dataKey: string;
}

export interface SyncState {
  cursor: number;
  lastSyncAt: string | null;
  offlineSince: string | null;
  lastError: string | null;
  revoked: boolean;
  auditUploaded: number;
}

const CONFIG = 'sync.config';
const STATE = 'sync.state';
const INITIAL_STATE: SyncState = {
  cursor: 0,
  lastSyncAt: null,
  offlineSince: null,
  lastError: null,
  revoked: false,
  auditUploaded: 0,
};
/** Events whose application touches every loan of a branch or every record. */
const CROSS_CUTTING: ReadonlySet<string> = new Set(['DayClosed', 'SettingsChanged', 'PeriodClosed', 'PeriodReopened']);

function readLocal<T>(db: LocalDb, key: string): T | null {
  const row = db.$client.prepare('SELECT value_json AS v FROM local_state WHERE key = ?').get(key) as
    { v: string } | undefined;
  return row ? (JSON.parse(row.v) as T) : null;
}

function writeLocal(db: LocalDb, key: string, value: unknown): void {
  db.$client
    .prepare(
      'INSERT INTO local_state (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    )
    .run(key, JSON.stringify(value), new Date().toISOString());
}

export function syncConfig(db: LocalDb): SyncConfig | null {
  return readLocal<SyncConfig>(db, CONFIG);
}

export function syncState(db: LocalDb): SyncState {
  return { ...INITIAL_STATE, ...(readLocal<Partial<SyncState>>(db, STATE) ?? {}) };
}

function setState(db: LocalDb, changes: Partial<SyncState>): SyncState {
  const next = { ...syncState(db), ...changes };
  writeLocal(db, STATE, next);
  return next;
}

/** The number this device's customer, application and loan numbers carry. */
export function deviceNumber(db: LocalDb): number {
  return syncConfig(db)?.deviceNo ?? 1;
}

/** The name the devices list shows: this computer's name (at most 80 characters). */
function defaultDeviceName(): string {
  const name = hostname().trim().slice(0, 80);
  return name || 'LoanDesk desktop';
}

function newDeviceKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

interface Session {
  db: LocalDb;
  deviceId: string;
  config: SyncConfig;
  client: DeviceClient;
  dataKey: Buffer;
}

/** One client per device and server, so its token serves the syncs that follow. */
const clients = new Map<string, DeviceClient>();

function clientOf(config: SyncConfig, deviceId: string): DeviceClient {
  const key = `${deviceId} ${config.serverUrl} ${config.pin ?? ''} ${config.privateKey}`;
  let client = clients.get(key);
  if (!client) {
    const target: ServerTarget = { url: config.serverUrl, pin: config.pin };
    client = deviceClient(target, { deviceId, privateKey: config.privateKey });
    clients.set(key, client);
  }
  return client;
}

/** This desktop's client of its server (SYNC_NOT_CONFIGURED before attach or join). */
export function companyClient(db: LocalDb, deviceId: string): DeviceClient {
  return sessionOf(db, deviceId).client;
}

function sessionOf(db: LocalDb, deviceId: string): Session {
  const config = syncConfig(db);
  if (!config) throw new DomainError('SYNC_NOT_CONFIGURED');
  return {
    db,
    deviceId,
    config,
    client: clientOf(config, deviceId),
    dataKey: Buffer.from(config.dataKey, 'base64'),
  };
}

/** Attaches the company on this desktop to an empty server and uploads its log. */
export async function attach(
  db: LocalDb,
  deviceId: string,
  options: { serverUrl: string; setupCode: string; pin?: string | null; name?: string },
): Promise<{ deviceId: string; pushed: number }> {
  if (syncConfig(db)) throw new DomainError('SYNC_ALREADY_CONFIGURED');
  const keys = newDeviceKeys();
  const target = { url: options.serverUrl, pin: options.pin ?? null };
  const answer = await request<{ deviceNo: number; branches: string[] | null; token: string; expiresAt: string }>(
    target,
    'POST',
    '/v1/setup/attach',
    { setupCode: options.setupCode, deviceId, name: options.name ?? defaultDeviceName(), publicKey: keys.publicKey },
  );
  writeLocal(db, CONFIG, {
    serverUrl: options.serverUrl,
    pin: options.pin ?? null,
    deviceNo: answer.deviceNo,
    branches: answer.branches,
    ...keys,
    dataKey: randomBytes(32).toString('base64'),
  } satisfies SyncConfig);
  setState(db, INITIAL_STATE);
  const result = await syncNow(db, deviceId);
  return { deviceId, pushed: result.pushed };
}

/** Joins this (empty) desktop to the company with an enrollment code and pulls what
 *  its branches may see. */
export async function join(
  db: LocalDb,
  deviceId: string,
  options: { serverUrl: string; code: string; pin?: string | null; name?: string },
  onProgress?: (p: { pulled: number; checkpoint: number; cursor: number }) => void,
  shouldStop?: () => boolean,
): Promise<{ deviceId: string; pulled: number }> {
  if (syncConfig(db)) throw new DomainError('SYNC_ALREADY_CONFIGURED');
  const keys = newDeviceKeys();
  const target = { url: options.serverUrl, pin: options.pin ?? null };
  const answer = await request<JoinAnswer>(target, 'POST', '/v1/devices/join', {
    authKey: enrollmentAuthKey(options.code),
    deviceId,
    name: options.name ?? defaultDeviceName(),
    publicKey: keys.publicKey,
  });
  const dataKey = unwrapDataKey(answer.wrappedKey, options.code);
  writeLocal(db, CONFIG, {
    serverUrl: options.serverUrl,
    pin: options.pin ?? null,
    deviceNo: answer.deviceNo,
    branches: answer.branches,
    ...keys,
    dataKey: dataKey.toString('base64'),
  } satisfies SyncConfig);
  setState(db, INITIAL_STATE);
  const session = sessionOf(db, deviceId);
  session.client.useToken(answer.token, answer.expiresAt);
  const pulled = await pullAll(session, onProgress, shouldStop);
  setState(db, { lastSyncAt: new Date().toISOString(), offlineSince: null, lastError: null });
  return { deviceId, pulled };
}

/** A one-time code a new desktop joins with (for `branches`, or every branch). */
export async function enrollmentCode(
  db: LocalDb,
  deviceId: string,
  branchIds: string[] | null,
): Promise<{ code: string; expiresAt: string }> {
  const session = sessionOf(db, deviceId);
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const code = [...randomBytes(20)]
    .map((b) => alphabet[b % alphabet.length])
    .join('')
    .match(/.{5}/g)!
    .join('-');
  const answer = await session.client.call<{ expiresAt: string }>('POST', '/v1/enrollments', {
    authHash: sha256Hex(Buffer.from(enrollmentAuthKey(code), 'hex')),
    wrappedKey: wrapDataKey(session.dataKey, code),
    branches: branchIds,
  });
  return { code, expiresAt: answer.expiresAt };
}

export interface Refusal {
  eventId: string;
  type: string;
  code: string;
  reason: Record<string, unknown>;
  actorId: string | null;
  occurredAt: string;
  aggregate: string;
  aggregateId: string;
}

export interface SyncResult {
  pushed: number;
  pulled: number;
  rejected: Refusal[];
}

/** Push, then pull. Offline (the server does not answer) is recorded, not thrown. */
export async function syncNow(
  db: LocalDb,
  deviceId: string,
  onProgress?: (p: { pulled: number; checkpoint: number; cursor: number }) => void,
  shouldStop?: () => boolean,
): Promise<SyncResult> {
  const session = sessionOf(db, deviceId);
  try {
    await uploadBlobs(session);
    const pushed = await pushAll(session);
    const pulled = await pullAll(session, onProgress, shouldStop);
    await downloadBlobs(session);
    setState(db, { lastSyncAt: new Date().toISOString(), offlineSince: null, lastError: null, revoked: false });
    return { pushed: pushed.accepted, pulled, rejected: pushed.rejected };
  } catch (e) {
    // Every failure shows in the top bar, not only an unreachable server; a
    // cancelled run is the user's choice and changes nothing.
    const code = isDomainError(e) ? e.code : 'INTERNAL';
    if (code === 'SERVER_UNREACHABLE') {
      const state = syncState(db);
      setState(db, { offlineSince: state.offlineSince ?? new Date().toISOString(), lastError: code });
    } else if (code === 'DEVICE_REVOKED') setState(db, { revoked: true, lastError: code });
    else if (code !== 'SYNC_CANCELLED') setState(db, { offlineSince: null, lastError: code });
    throw e;
  }
}

function auditSince(db: LocalDb, afterSeq: number): AuditRecordUpload[] {
  return db.$client
    .prepare(
      'SELECT seq, id, at, action, outcome, prev_hash AS prev, hash AS mac FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000',
    )
    .all(afterSeq) as AuditRecordUpload[];
}

async function pushAll(session: Session): Promise<{ accepted: number; rejected: Refusal[] }> {
  const { db } = session;
  let accepted = 0;
  const rejected: Refusal[] = [];
  for (;;) {
    const rows = db.$client
      .prepare("SELECT * FROM events WHERE status = 'pending' ORDER BY seq LIMIT ?")
      .all(MAX_PUSH_EVENTS) as Parameters<typeof eventFromRow>[0][];
    const audit = auditSince(db, syncState(db).auditUploaded);
    if (rows.length === 0 && audit.length === 0) break;
    const pending = rows.map(eventFromRow);
    const transit = pending.map((e) => sealEvent(session.dataKey, stripLocal(e)));
    const answer = checked(
      pushAnswer,
      await session.client.call<unknown>('POST', '/v1/sync/push', { events: transit, audit }),
    );
    if (answer.results.some((r) => !byIdOf(pending).has(r.eventId))) throw new DomainError('SERVER_ANSWER_INVALID');
    const byId = new Map(pending.map((e) => [e.id, e]));
    let refusedNow = false;
    db.transaction(() => {
      const confirm = db.$client.prepare("UPDATE events SET status = 'confirmed', global_seq = ? WHERE id = ?");
      const refuse = db.$client.prepare("UPDATE events SET status = 'rejected', rejection_json = ? WHERE id = ?");
      for (const r of answer.results) {
        if (r.status === 'accepted') {
          confirm.run(r.globalSeq, r.eventId);
          accepted++;
        } else {
          refuse.run(JSON.stringify({ code: r.code, details: r.details }), r.eventId);
          refusedNow = true;
          const e = byId.get(r.eventId)!;
          rejected.push({
            eventId: e.id,
            type: e.type,
            code: r.code,
            reason: r.details,
            actorId: e.actorId,
            occurredAt: e.occurredAt,
            aggregate: e.aggregate,
            aggregateId: e.aggregateId,
          });
        }
      }
      if (audit.length > 0 && answer.audit.head !== null) setState(db, { auditUploaded: answer.audit.head });
      // What this desktop applied included events the company refused: its tables
      // are rebuilt from the confirmed events plus the pending ones that remain.
      if (refusedNow) rebuildInPlace(db);
    });
    if (rows.length < MAX_PUSH_EVENTS && audit.length < 5000) break;
  }
  return { accepted, rejected };
}

function byIdOf(events: readonly StoredEvent[]): Set<string> {
  return new Set(events.map((e) => e.id));
}

/** A server answer of the expected shape, or SERVER_ANSWER_INVALID (nothing applied). */
function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DomainError('SERVER_ANSWER_INVALID');
  return parsed.data;
}

function stripLocal(e: StoredEvent): EventEnvelope {
  const { seq: _seq, status: _status, globalSeq: _globalSeq, ...envelope } = e;
  return envelope as EventEnvelope;
}

async function pullAll(
  session: Session,
  onProgress?: (p: { pulled: number; checkpoint: number; cursor: number }) => void,
  shouldStop?: () => boolean,
): Promise<number> {
  const { db } = session;
  let pulled = 0;
  for (;;) {
    if (shouldStop?.()) throw new DomainError('SYNC_CANCELLED');
    const cursor = syncState(db).cursor;
    const page = checked(
      pullAnswer,
      await session.client.call<unknown>('GET', `/v1/sync/pull?after=${cursor}&limit=${MAX_PULL_EVENTS}`),
    );
    if (page.cursor < cursor || page.events.some((e) => e.globalSeq <= cursor || e.globalSeq > page.cursor))
      throw new DomainError('SERVER_ANSWER_INVALID');
    applyPage(session, page);
    pulled += page.events.length;
    onProgress?.({ pulled, checkpoint: page.checkpoint, cursor: page.cursor });
    if (page.cursor >= page.checkpoint || page.events.length === 0) break;
  }
  return pulled;
}

/** Whether this device holds an event a cross-cutting one at a global sequence
 *  number would come before. `+status` sends the confirmed half through the
 *  global_seq index (a seek); through the status index it would visit every
 *  confirmed event, for each cross-cutting event of a first sync. */
export const ANY_LATER_OWN_SQL =
  "SELECT 1 FROM events WHERE status = 'pending' OR (+status = 'confirmed' AND global_seq > ?) LIMIT 1";

/** Applies one pulled page (a prefix of the company's log) in one transaction. */
export function applyPage(session: Pick<Session, 'db' | 'dataKey'>, page: PullAnswer): void {
  const { db } = session;
  const c = db.$client;
  db.transaction(() => {
    const known = c.prepare('SELECT status, global_seq AS g FROM events WHERE id = ?');
    const confirm = c.prepare("UPDATE events SET status = 'confirmed', global_seq = ? WHERE id = ?");
    const laterOwn = c.prepare(
      "SELECT 1 FROM events WHERE aggregate = ? AND aggregate_id = ? AND (status = 'pending' OR (status = 'confirmed' AND global_seq > ?)) LIMIT 1",
    );
    const anyLaterOwn = c.prepare(ANY_LATER_OWN_SQL);
    const crossCutting = [...CROSS_CUTTING].map((t) => `'${t}'`).join(', ');
    const laterOwnCrossCutting = c.prepare(
      `SELECT 1 FROM events WHERE type IN (${crossCutting}) AND (status = 'pending' OR (+status = 'confirmed' AND global_seq > ?)) LIMIT 1`,
    );
    let rebuild = false;
    for (const t of page.events) {
      const mine = known.get(t.id) as { status: string; g: number | null } | undefined;
      if (mine) {
        if (mine.status !== 'confirmed') confirm.run(t.globalSeq, t.id);
        continue;
      }
      const e = parseEvent(openEvent(session.dataKey, t) as Parameters<typeof parseEvent>[0]);
      // The company ordered this before something this desktop already applied.
      // (or before one of its own ends of day or settings changes, which touch it).
      const reordered = CROSS_CUTTING.has(e.type)
        ? !!anyLaterOwn.get(t.globalSeq)
        : !!laterOwn.get(e.aggregate, e.aggregateId, t.globalSeq) || !!laterOwnCrossCutting.get(t.globalSeq);
      insertEvent(db, e, 'confirmed', t.globalSeq);
      if (reordered) rebuild = true;
      else if (!rebuild) applyEvent(db, e);
    }
    setState(db, { cursor: page.cursor });
    // The rebuild reads the new cursor: the prefix now reaches the page's end.
    if (rebuild) rebuildInPlace(db);
  });
}

async function uploadBlobs(session: Session): Promise<void> {
  const rows = session.db.$client
    .prepare(
      "SELECT b.sha256, b.content FROM blobs b WHERE b.sha256 IN (SELECT json_extract(payload_json, '$.sha256') FROM events WHERE status = 'pending' AND type IN ('DocumentAttached', 'TicketAttachmentAdded'))",
    )
    .all() as Array<{ sha256: string; content: Buffer }>;
  for (const r of rows)
    await session.client.call('PUT', `/v1/blobs/${r.sha256}`, { content: r.content.toString('base64') });
}

async function downloadBlobs(session: Session): Promise<void> {
  const missing = session.db.$client
    .prepare(
      `SELECT DISTINCT d.sha256 FROM (SELECT sha256 FROM loan_documents UNION SELECT sha256 FROM ticket_attachments) d
       LEFT JOIN blobs b ON b.sha256 = d.sha256 WHERE b.sha256 IS NULL`,
    )
    .all() as Array<{ sha256: string }>;
  for (const m of missing) {
    try {
      const { content } = await session.client.call<{ content: string }>('GET', `/v1/blobs/${m.sha256}`);
      const bytes = Buffer.from(content, 'base64');
      if (sha256Hex(bytes) !== m.sha256) continue;
      session.db.$client
        .prepare('INSERT OR IGNORE INTO blobs (sha256, size_bytes, content, created_at) VALUES (?, ?, ?, ?)')
        .run(m.sha256, bytes.length, bytes, new Date().toISOString());
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'NOT_FOUND') throw e;
    }
  }
}

/** The refusals this desktop received, newest first (kept for the auditor). */
export function refusals(db: LocalDb): Refusal[] {
  const rows = db.$client
    .prepare("SELECT * FROM events WHERE status = 'rejected' ORDER BY seq DESC LIMIT 500")
    .all() as Array<Record<string, unknown>>;
  return rows.map((r) => {
    const rejection = JSON.parse(r.rejection_json as string) as { code: string; details: Record<string, unknown> };
    return {
      eventId: r.id as string,
      type: r.type as EventType,
      code: rejection.code,
      reason: rejection.details,
      actorId: (r.actor_id as string) ?? null,
      occurredAt: r.occurred_at as string,
      aggregate: r.aggregate as string,
      aggregateId: r.aggregate_id as string,
    };
  });
}

/** The actions made here and not sent yet (待同步 N): the events of one request (a
 *  repayment and its receipt number) are one action; an event without a request id
 *  counts alone. */
export function pendingCount(db: LocalDb): number {
  return (
    db.$client
      .prepare("SELECT count(DISTINCT coalesce(request_id, id)) AS n FROM events WHERE status = 'pending'")
      .get() as { n: number }
  ).n;
}

export type { TransitEvent };
