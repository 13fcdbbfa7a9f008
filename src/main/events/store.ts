/** The local event log: append, read back in the canonical order, and the one path
 *  every local change takes (`emit`: append, then apply with the projectors, inside
 *  the caller's transaction). A transition is decided on its aggregate's version and
 *  bumps it; a fact keeps it. */
import { uuidv7 } from './ids';
import { DomainError } from '../../core/errors';
import {
  EVENTS,
  parseEvent,
  type AnyEvent,
  type EventEnvelope,
  type EventType,
  type PayloadOf,
} from '../../contract/events';
import type { LocalDb } from '../db/connection';
import { applyEvent } from '../projectors/index';

export interface EventMeta {
  actorId: string | null;
  deviceId: string;
  branchId: string | null;
  occurredAt: string;
  /** The business date the change is booked on. */
  businessDate: string | null;
  requestId?: string | null;
}

export type EventStatus = 'pending' | 'confirmed' | 'rejected' | 'legacy';

export type StoredEvent = AnyEvent & {
  seq: number;
  status: EventStatus;
  globalSeq: number | null;
};

/** One event to record: its type, aggregate id and payload; a transition may name
 *  the version it was decided on (VERSION_CONFLICT when the aggregate moved). */
export interface Draft<T extends EventType = EventType> {
  type: T;
  aggregateId: string;
  payload: PayloadOf<T>;
  expectedVersion?: number;
  /** The branch the aggregate belongs to, when it is not the actor's. */
  branchId?: string | null;
}

export function draft<T extends EventType>(
  type: T,
  aggregateId: string,
  payload: PayloadOf<T>,
  expectedVersion?: number,
): Draft<T> {
  return { type, aggregateId, payload, expectedVersion };
}

/** The aggregate's version: the number of its transitions in the log (refused and
 *  legacy events do not count). */
export function currentVersion(db: LocalDb, aggregate: string, aggregateId: string): number {
  const row = db.$client
    .prepare(
      "SELECT max(version) AS v FROM events WHERE aggregate = ? AND aggregate_id = ? AND kind = 'transition' AND status IN ('pending', 'confirmed')",
    )
    .get(aggregate, aggregateId) as { v: number | null };
  return row.v ?? 0;
}

const INSERT_SQL = `INSERT INTO events (id, aggregate, aggregate_id, version, kind, type, schema_version, payload_json,
  actor_id, device_id, branch_id, business_date, request_id, occurred_at, status, global_seq)
  VALUES (@id, @aggregate, @aggregateId, @version, @kind, @type, @schemaVersion, @payloadJson,
  @actorId, @deviceId, @branchId, @businessDate, @requestId, @occurredAt, @status, @globalSeq)`;

/** Appends an already-complete event (a local one, or one pulled from the server). */
export function insertEvent(
  db: LocalDb,
  e: EventEnvelope,
  status: EventStatus,
  globalSeq: number | null = null,
): number {
  const info = db.$client.prepare(INSERT_SQL).run({
    id: e.id,
    aggregate: e.aggregate,
    aggregateId: e.aggregateId,
    version: e.version,
    kind: e.kind,
    type: e.type,
    schemaVersion: e.schemaVersion,
    payloadJson: JSON.stringify(e.payload),
    actorId: e.actorId,
    deviceId: e.deviceId,
    branchId: e.branchId,
    businessDate: e.businessDate,
    requestId: e.requestId,
    occurredAt: e.occurredAt,
    status,
    globalSeq,
  });
  return Number(info.lastInsertRowid);
}

/** Records `drafts` as events (in order) and applies each with its projector. The
 *  caller's transaction holds them together with everything else of the call. */
export function emit(db: LocalDb, meta: EventMeta, drafts: readonly Draft[]): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const d of drafts) {
    const s = EVENTS[d.type];
    const version = currentVersion(db, s.aggregate, d.aggregateId);
    if (s.kind === 'transition' && d.expectedVersion !== undefined && d.expectedVersion !== version)
      throw new DomainError('VERSION_CONFLICT', {
        aggregate: s.aggregate,
        expected: d.expectedVersion,
        actual: version,
      });
    const envelope = parseEvent({
      id: uuidv7(Date.parse(meta.occurredAt)),
      aggregate: s.aggregate,
      aggregateId: d.aggregateId,
      version: s.kind === 'transition' ? version + 1 : version,
      kind: s.kind,
      type: d.type,
      schemaVersion: s.schemaVersion,
      payload: d.payload,
      actorId: meta.actorId,
      deviceId: meta.deviceId,
      branchId: d.branchId !== undefined ? d.branchId : meta.branchId,
      businessDate: meta.businessDate,
      requestId: meta.requestId ?? null,
      occurredAt: meta.occurredAt,
    });
    const seq = insertEvent(db, envelope, 'pending');
    applyEvent(db, envelope);
    out.push({ ...envelope, seq, status: 'pending', globalSeq: null } as StoredEvent);
  }
  return out;
}

interface EventRow {
  seq: number;
  id: string;
  aggregate: string;
  aggregate_id: string;
  version: number;
  kind: string;
  type: string;
  schema_version: number;
  payload_json: string;
  actor_id: string | null;
  device_id: string;
  branch_id: string | null;
  business_date: string | null;
  request_id: string | null;
  occurred_at: string;
  status: EventStatus;
  global_seq: number | null;
}

export function eventFromRow(r: EventRow): StoredEvent {
  const e = parseEvent({
    id: r.id,
    aggregate: r.aggregate as EventEnvelope['aggregate'],
    aggregateId: r.aggregate_id,
    version: r.version,
    kind: r.kind as EventEnvelope['kind'],
    type: r.type,
    schemaVersion: r.schema_version,
    payload: JSON.parse(r.payload_json) as unknown,
    actorId: r.actor_id,
    deviceId: r.device_id,
    branchId: r.branch_id,
    businessDate: r.business_date,
    requestId: r.request_id,
    occurredAt: r.occurred_at,
  });
  return { ...e, seq: r.seq, status: r.status, globalSeq: r.global_seq } as StoredEvent;
}

/** How far this desktop holds the company's log: every confirmed event up to this
 *  global sequence number has been pulled (the sync cursor). Confirmed events of
 *  this desktop beyond it were accepted but the events the server ordered before
 *  them have not arrived yet, so they still apply on top, like pending ones. A
 *  desktop that never synced has no confirmed events. */
export function companyPrefix(db: LocalDb): number {
  const row = db.$client.prepare("SELECT value_json AS v FROM local_state WHERE key = 'sync.state'").get() as
    { v: string } | undefined;
  const cursor = row ? (JSON.parse(row.v) as { cursor?: number }).cursor : undefined;
  return cursor ?? Number.MAX_SAFE_INTEGER;
}

/** Whether an event applies on top of the company's prefix (this desktop's own
 *  work not yet ordered into what it holds). */
export function onTop(e: Pick<StoredEvent, 'status' | 'globalSeq'>, prefix: number): boolean {
  return e.status !== 'confirmed' || (e.globalSeq ?? 0) > prefix;
}

/** The events of one aggregate in the order they apply (refused ones left out). */
export function eventsOf(db: LocalDb, aggregate: string, aggregateId: string): StoredEvent[] {
  const rows = db.$client
    .prepare(
      `SELECT * FROM events WHERE aggregate = ? AND aggregate_id = ? AND status IN ('pending', 'confirmed')
       ORDER BY (status = 'confirmed' AND global_seq <= ?) DESC, CASE WHEN status = 'confirmed' AND global_seq <= ? THEN global_seq ELSE seq END`,
    )
    .all(aggregate, aggregateId, companyPrefix(db), companyPrefix(db)) as EventRow[];
  return rows.map(eventFromRow);
}

/** A page of the company's prefix: confirmed events after a global sequence number,
 *  through the prefix's end. `+status` keeps SQLite off the status index: through it,
 *  every page would visit and sort every confirmed event (a rebuild of a synced
 *  desktop quadratic in its log); through the global_seq index a page is a range
 *  read in order. */
export const CONFIRMED_PAGE_SQL =
  "SELECT * FROM events WHERE +status = 'confirmed' AND global_seq > ? AND global_seq <= ? ORDER BY global_seq LIMIT ?";

/** The whole log in its canonical order: the company's prefix by the server's
 *  order, then this desktop's own work on top in the order it was made; in pages. */
export function* canonicalEvents(db: LocalDb, pageSize = 2000): Generator<StoredEvent[]> {
  const prefix = companyPrefix(db);
  const confirmed = db.$client.prepare(CONFIRMED_PAGE_SQL);
  let afterGlobal = 0;
  for (;;) {
    const rows = confirmed.all(afterGlobal, prefix, pageSize) as EventRow[];
    if (rows.length === 0) break;
    afterGlobal = rows[rows.length - 1]!.global_seq!;
    yield rows.map(eventFromRow);
  }
  const tail = db.$client.prepare(
    "SELECT * FROM events WHERE (status = 'pending' OR (+status = 'confirmed' AND global_seq > ?)) AND seq > ? ORDER BY seq LIMIT ?",
  );
  let afterSeq = 0;
  for (;;) {
    const rows = tail.all(prefix, afterSeq, pageSize) as EventRow[];
    if (rows.length === 0) break;
    afterSeq = rows[rows.length - 1]!.seq;
    yield rows.map(eventFromRow);
  }
}

export function countLiveEvents(db: LocalDb): number {
  return (
    db.$client.prepare("SELECT count(*) AS n FROM events WHERE status IN ('pending', 'confirmed')").get() as {
      n: number;
    }
  ).n;
}

/** The event metadata of an API call: who, on which device and branch, when, and
 *  the business date it is booked on. */
export function metaOf(
  ctx: {
    session: { userId: string; branchId: string | null } | null;
    deviceId: string;
    now: () => Date;
    requestId?: string | null;
  },
  businessDate: string | null,
): EventMeta {
  return {
    actorId: ctx.session?.userId ?? null,
    deviceId: ctx.deviceId,
    branchId: ctx.session?.branchId ?? null,
    occurredAt: ctx.now().toISOString(),
    businessDate,
    requestId: ctx.requestId ?? null,
  };
}

export type { AnyEvent };
export { derivedUuid, uuidv7 } from './ids';
