/** Accepting what a desktop pushes: one transaction per batch, holding the global
 *  sequence counter, so numbers are given and committed in one order. Each event is
 *  idempotent by id, parsed by the catalogue, and re-validated by the core rules on
 *  the confirmed state of its aggregate; a refused one is kept with its code. */
import { and, eq, sql } from 'drizzle-orm';
import { DomainError, isDomainError } from '../core/errors';
import { parseEvent, type AnyEvent } from '../contract/events';
import { evolve, type AggregateState, type SettingsState } from '../contract/sync/state';
import { validateEvent } from '../contract/sync/validate';
import type { PushResult, TransitEvent } from '../contract/sync/protocol';
import type { ServerDb } from './db';
import { aggregates, branchDays, events, identities, rejections, seqCounter } from './schema';

export interface PushingDevice {
  id: string;
  branches: string[] | null;
}

const DEFAULT_WRITE_OFF_MIN_DPD = 180;

type Tx = Parameters<Parameters<ServerDb['transaction']>[0]>[0];

/** The checkpoint: every event up to this global sequence number is committed. */
export async function checkpointOf(db: ServerDb | Tx): Promise<number> {
  const row = await db.select({ value: seqCounter.value }).from(seqCounter).where(eq(seqCounter.id, 1));
  return row[0]?.value ?? 0;
}

export async function pushEvents(
  db: ServerDb,
  device: PushingDevice,
  batch: readonly TransitEvent[],
): Promise<PushResult[]> {
  return db.transaction(async (tx) => {
    // The lock that orders every push on this database, across server instances.
    const locked = (await tx.execute(sql`SELECT value FROM seq_counter WHERE id = 1 FOR UPDATE`)) as unknown as {
      rows: Array<{ value: number | string }>;
    };
    let seq = Number(locked.rows[0]!.value);
    const states = new Map<string, AggregateState | null>();
    const closedDays = new Map<string, string | null>();
    const taken = new Set<string>();

    const loadState = async (aggregate: string, id: string) => {
      const key = `${aggregate}:${id}`;
      if (!states.has(key)) {
        const row = await tx
          .select({ state: aggregates.state })
          .from(aggregates)
          .where(and(eq(aggregates.aggregate, aggregate), eq(aggregates.aggregateId, id)));
        states.set(key, (row[0]?.state as AggregateState | undefined) ?? null);
      }
      return states.get(key)!;
    };
    const loadClosed = async (branchId: string) => {
      if (!closedDays.has(branchId)) {
        const row = await tx.select().from(branchDays).where(eq(branchDays.branchId, branchId));
        closedDays.set(branchId, row[0]?.lastClosed ?? null);
      }
      return closedDays.get(branchId)!;
    };
    const isTaken = async (kind: string, value: string) => {
      if (taken.has(`${kind}:${value}`)) return true;
      const row = await tx
        .select({ id: identities.aggregateId })
        .from(identities)
        .where(and(eq(identities.kind, kind), eq(identities.value, value)));
      return row.length > 0;
    };

    const results: PushResult[] = [];
    for (const raw of batch) {
      const accepted = await tx.select({ seq: events.globalSeq }).from(events).where(eq(events.id, raw.id));
      if (accepted[0]) {
        results.push({ eventId: raw.id, status: 'accepted', globalSeq: accepted[0].seq });
        continue;
      }
      const refused = await tx.select().from(rejections).where(eq(rejections.eventId, raw.id));
      if (refused[0]) {
        results.push({
          eventId: raw.id,
          status: 'rejected',
          code: refused[0].code,
          details: refused[0].details as Record<string, unknown>,
        });
        continue;
      }
      let e: AnyEvent;
      try {
        if (raw.deviceId !== device.id) throw new DomainError('DEVICE_MISMATCH', { deviceId: raw.deviceId });
        e = parseEvent(raw as Parameters<typeof parseEvent>[0]);
        // Everything the rules read, loaded before they run (they are synchronous).
        await preload(e, loadState, loadClosed);
        const identityChecks = await identityFacts(e, isTaken);
        const lending = (await loadState('settings', 'lending')) as SettingsState | null;
        validateEvent(e, {
          state: (aggregate, id) => states.get(`${aggregate}:${id}`) ?? null,
          lastClosed: (branchId) => closedDays.get(branchId) ?? null,
          writeOffMinDpd: Number(lending?.value.writeOffMinDpd ?? DEFAULT_WRITE_OFF_MIN_DPD),
          identityTaken: (kind, value) => identityChecks.has(`${kind}:${value}`),
          branches: device.branches ?? 'all',
        });
      } catch (err) {
        if (!isDomainError(err)) throw err;
        await tx
          .insert(rejections)
          .values({ eventId: raw.id, deviceId: device.id, type: raw.type, code: err.code, details: err.details });
        results.push({ eventId: raw.id, status: 'rejected', code: err.code, details: err.details });
        continue;
      }
      seq += 1;
      await tx.insert(events).values({
        globalSeq: seq,
        id: raw.id,
        aggregate: raw.aggregate,
        aggregateId: raw.aggregateId,
        version: raw.version,
        kind: raw.kind,
        type: raw.type,
        schemaVersion: raw.schemaVersion,
        payloadJson: JSON.stringify(raw.payload),
        actorId: raw.actorId,
        deviceId: raw.deviceId,
        branchId: raw.branchId,
        businessDate: raw.businessDate,
        requestId: raw.requestId,
        occurredAt: raw.occurredAt,
      });
      const key = `${e.aggregate}:${e.aggregateId}`;
      const next = evolve(states.get(key) ?? null, e);
      states.set(key, next);
      await tx
        .insert(aggregates)
        .values({ aggregate: e.aggregate, aggregateId: e.aggregateId, version: next.version, state: next })
        .onConflictDoUpdate({
          target: [aggregates.aggregate, aggregates.aggregateId],
          set: { version: next.version, state: next },
        });
      await sideEffects(tx, e, taken, closedDays);
      results.push({ eventId: raw.id, status: 'accepted', globalSeq: seq });
    }
    await tx.update(seqCounter).set({ value: seq }).where(eq(seqCounter.id, 1));
    return results;
  });
}

/** Loads the states and closed days the rules of `e` may read. */
async function preload(
  e: AnyEvent,
  state: (aggregate: string, id: string) => Promise<AggregateState | null>,
  closed: (branchId: string) => Promise<string | null>,
): Promise<void> {
  await state(e.aggregate, e.aggregateId);
  if (e.actorId) await state('user', e.actorId);
  if (e.branchId) await closed(e.branchId);
  switch (e.type) {
    case 'ApplicationSubmitted':
      await state('customer', e.payload.customerId);
      await state('product', e.payload.productId);
      break;
    case 'LoanApproved':
      await state('application', e.payload.applicationId);
      break;
    case 'LoanDisbursed': {
      const loan = (await state('loan', e.aggregateId)) as { applicationId?: string } | null;
      if (loan?.applicationId) await state('application', loan.applicationId);
      break;
    }
    case 'DayClosed':
      await closed(e.payload.branchId);
      break;
    default:
      break;
  }
}

/** The identity uniqueness facts `e` needs (keyed hash of the resident ID, credit
 *  code, user name, a repayment's bank reference). */
async function identityFacts(
  e: AnyEvent,
  isTaken: (kind: string, value: string) => Promise<boolean>,
): Promise<Set<string>> {
  const out = new Set<string>();
  const check = async (kind: string, value: string | null | undefined) => {
    if (value && (await isTaken(kind, value))) out.add(`${kind}:${value}`);
  };
  if (e.type === 'CustomerRegistered') {
    await check('residentId', (e.payload as { hashes?: { residentId?: string } }).hashes?.residentId);
    await check('creditCode', e.payload.creditCode);
  } else if (e.type === 'UserCreated') await check('username', e.payload.username);
  else if (e.type === 'RepaymentRecorded') await check('transferRef', e.payload.transferRef);
  return out;
}

async function sideEffects(
  tx: Tx,
  e: AnyEvent,
  taken: Set<string>,
  closedDays: Map<string, string | null>,
): Promise<void> {
  const claim = async (kind: string, value: string | null | undefined) => {
    if (!value) return;
    taken.add(`${kind}:${value}`);
    await tx.insert(identities).values({ kind, value, aggregateId: e.aggregateId }).onConflictDoNothing();
  };
  if (e.type === 'CustomerRegistered') {
    await claim('residentId', (e.payload as { hashes?: { residentId?: string } }).hashes?.residentId);
    await claim('creditCode', e.payload.creditCode);
  } else if (e.type === 'UserCreated') await claim('username', e.payload.username);
  else if (e.type === 'RepaymentRecorded') await claim('transferRef', e.payload.transferRef);
  else if (e.type === 'DayClosed') {
    const { branchId, date } = e.payload;
    closedDays.set(branchId, date);
    await tx
      .insert(branchDays)
      .values({ branchId, lastClosed: date })
      .onConflictDoUpdate({ target: branchDays.branchId, set: { lastClosed: date } });
  }
}
