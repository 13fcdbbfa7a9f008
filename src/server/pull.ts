/** Serving confirmed events to a device: after its cursor, up to a checkpoint, only
 *  what it may see. The company's records go to every device; the branch-scoped
 *  aggregates only to devices of their branch (or head office). */
import { and, asc, eq, gt, inArray, isNull, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { PullAnswer, TransitEvent } from '../contract/sync/protocol';
import type { ServerDb } from './db';
import { checkpointOf } from './push';
import { devices, events } from './schema';

/** Aggregates that belong to one branch and are seen only by its devices. */
export const BRANCH_SCOPED = ['application', 'loan', 'day', 'complianceFlag', 'ticket', 'ticketAction'] as const;

export async function pullEvents(
  db: ServerDb,
  device: { id: string; branches: string[] | null },
  after: number,
  limit: number,
): Promise<PullAnswer> {
  const checkpoint = await checkpointOf(db);
  const where: SQL[] = [gt(events.globalSeq, after), lte(events.globalSeq, checkpoint)];
  if (device.branches) {
    const visible = or(
      notInArray(events.aggregate, [...BRANCH_SCOPED]),
      isNull(events.branchId),
      device.branches.length > 0 ? inArray(events.branchId, device.branches) : sql`false`,
    )!;
    where.push(visible);
  }
  const rows = await db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(asc(events.globalSeq))
    .limit(limit);
  // A full page ends at its last event (a prefix of the log is a checkpoint); a short
  // one means nothing more the device may see up to the checkpoint.
  const cursor = rows.length === limit ? rows[rows.length - 1]!.globalSeq : checkpoint;
  await db.update(devices).set({ lastPullAt: new Date(), pulledThrough: cursor }).where(eq(devices.id, device.id));
  return {
    events: rows.map((r): TransitEvent & { globalSeq: number } => ({
      id: r.id,
      aggregate: r.aggregate,
      aggregateId: r.aggregateId,
      version: r.version,
      kind: r.kind as TransitEvent['kind'],
      type: r.type,
      schemaVersion: r.schemaVersion,
      payload: JSON.parse(r.payloadJson) as Record<string, unknown>,
      actorId: r.actorId,
      deviceId: r.deviceId,
      branchId: r.branchId,
      businessDate: r.businessDate,
      requestId: r.requestId,
      occurredAt: r.occurredAt,
      globalSeq: r.globalSeq,
    })),
    cursor,
    checkpoint,
  };
}
