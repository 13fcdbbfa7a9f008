/** Appends domain events to the local log. Each event carries its aggregate's next
 *  version; a stale expected version is a conflict, never a silent overwrite. */
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import { events } from '../db/schema';
import type { LocalDb } from '../db/connection';
import { DomainError } from '../../core/errors';

export interface EventMeta {
  actorId: string | null;
  deviceId: string;
  branchId: string | null;
  occurredAt: string;
}

export interface NewEvent {
  aggregate: string;
  aggregateId: string;
  type: string;
  payload: unknown;
}

export interface StoredEvent extends NewEvent, EventMeta {
  id: string;
  version: number;
}

/** A UUID v7: 48-bit Unix milliseconds, then random bits, so ids sort by time. */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function currentVersion(db: LocalDb, aggregate: string, aggregateId: string): number {
  const row = db
    .select({ version: events.version })
    .from(events)
    .where(and(eq(events.aggregate, aggregate), eq(events.aggregateId, aggregateId)))
    .orderBy(desc(events.version))
    .limit(1)
    .get();
  return row?.version ?? 0;
}

/** Appends `event` as the next version of its aggregate. With `expectedVersion`,
 *  refuses (VERSION_CONFLICT) when someone else changed the aggregate first. */
export function appendEvent(db: LocalDb, event: NewEvent, meta: EventMeta, expectedVersion?: number): StoredEvent {
  const version = currentVersion(db, event.aggregate, event.aggregateId);
  if (expectedVersion !== undefined && version !== expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', {
      aggregate: event.aggregate,
      expected: expectedVersion,
      actual: version,
    });
  }
  const stored: StoredEvent = { ...event, ...meta, id: uuidv7(Date.parse(meta.occurredAt)), version: version + 1 };
  db.insert(events)
    .values({
      id: stored.id,
      aggregate: stored.aggregate,
      aggregateId: stored.aggregateId,
      version: stored.version,
      type: stored.type,
      payloadJson: JSON.stringify(stored.payload),
      actorId: stored.actorId,
      deviceId: stored.deviceId,
      branchId: stored.branchId,
      occurredAt: stored.occurredAt,
    })
    .run();
  return stored;
}

export function eventsOf(db: LocalDb, aggregate: string, aggregateId: string): StoredEvent[] {
  return db
    .select()
    .from(events)
    .where(and(eq(events.aggregate, aggregate), eq(events.aggregateId, aggregateId)))
    .orderBy(events.version)
    .all()
    .map((r) => ({
      id: r.id,
      aggregate: r.aggregate,
      aggregateId: r.aggregateId,
      version: r.version,
      type: r.type,
      payload: JSON.parse(r.payloadJson) as unknown,
      actorId: r.actorId,
      deviceId: r.deviceId,
      branchId: r.branchId,
      occurredAt: r.occurredAt,
    }));
}

/** The event metadata of an API call: who, on which device and branch, when. */
export function metaOf(ctx: {
  session: { userId: string; branchId: string | null } | null;
  deviceId: string;
  now: () => Date;
}): EventMeta {
  return {
    actorId: ctx.session?.userId ?? null,
    deviceId: ctx.deviceId,
    branchId: ctx.session?.branchId ?? null,
    occurredAt: ctx.now().toISOString(),
  };
}
