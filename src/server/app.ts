/** The sync server's HTTP API (/v1), stateless over its database: setup (attach the
 *  company's first desktop), device authentication, push and pull, enrollment codes
 *  and joining, devices, document blobs, health and Prometheus metrics. */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { DomainError, isDomainError } from '../core/errors';
import {
  attachRequest,
  challengeRequest,
  enrollmentRequest,
  joinRequest,
  MAX_PULL_EVENTS,
  pushRequest,
  tokenRequest,
  type DeviceView,
  type PushAnswer,
} from '../contract/sync/protocol';
import type { ServerDb } from './db';
import { deviceOfToken, issueNonce, issueToken, sha256Hex, tokenForSignature, type DeviceRow } from './auth';
import { checkpointOf, pushEvents } from './push';
import { pullEvents } from './pull';
import { auditHeads, blobs, deviceAudit, devices, enrollments, events, rejections, serverMeta } from './schema';

export const ENROLLMENT_TTL_MS = 24 * 60 * 60_000;
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface ServerOptions {
  db: ServerDb;
  /** The one-time setup code an empty server is attached with. */
  setupCode: string;
  https?: { cert: string; key: string };
  logger?: boolean;
}

/** Status codes of the refusals a caller meets. */
const STATUS: Record<string, number> = {
  NOT_AUTHENTICATED: 401,
  DEVICE_AUTH_FAILED: 401,
  DEVICE_REVOKED: 403,
  PERMISSION_DENIED: 403,
  SETUP_CODE_WRONG: 403,
  SETUP_ALREADY_DONE: 409,
  ENROLLMENT_INVALID: 403,
  NOT_FOUND: 404,
  INPUT_INVALID: 400,
  BLOB_MISMATCH: 400,
};

function fail(reply: FastifyReply, e: unknown) {
  if (e instanceof z.ZodError)
    return reply.code(400).send({ code: 'INPUT_INVALID', details: { issues: e.issues.map((i) => i.path.join('.')) } });
  if (isDomainError(e)) return reply.code(STATUS[e.code] ?? 422).send({ code: e.code, details: e.details });
  reply.log.error(e);
  return reply.code(500).send({ code: 'INTERNAL', details: {} });
}

export async function setupHash(db: ServerDb): Promise<string | null> {
  const row = (await db.select().from(serverMeta).where(eq(serverMeta.key, 'setup')))[0];
  return row ? ((row.value as { hash?: string }).hash ?? null) : null;
}

/** Whether a desktop has attached the company (the setup code is used up). */
export async function isAttached(db: ServerDb): Promise<boolean> {
  return (await db.select({ n: count() }).from(devices))[0]!.n > 0;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  /** This instance's counters (each instance reports its own). */
  const METRICS = { accepted: 0, rejected: 0, pushStarted: Date.now() };
  const { db } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    ...(options.https ? { https: { cert: options.https.cert, key: options.https.key } } : {}),
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;

  const auth = async (request: FastifyRequest): Promise<DeviceRow> => deviceOfToken(db, request.headers.authorization);
  const route =
    <T>(fn: (request: FastifyRequest, reply: FastifyReply) => Promise<T>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        return await fn(request, reply);
      } catch (e) {
        return fail(reply, e);
      }
    };

  app.get('/health', async () => ({ ok: true, attached: await isAttached(db), checkpoint: await checkpointOf(db) }));

  app.get('/metrics', async (_request, reply) => {
    const checkpoint = await checkpointOf(db);
    const rows = await db.select().from(devices);
    const seconds = Math.max(1, (Date.now() - METRICS.pushStarted) / 1000);
    const lines = [
      '# HELP loandesk_events_total Confirmed events in the log.',
      '# TYPE loandesk_events_total counter',
      `loandesk_events_total ${checkpoint}`,
      '# HELP loandesk_events_accepted_total Events accepted by this instance.',
      '# TYPE loandesk_events_accepted_total counter',
      `loandesk_events_accepted_total ${METRICS.accepted}`,
      '# HELP loandesk_events_rejected_total Events refused by this instance.',
      '# TYPE loandesk_events_rejected_total counter',
      `loandesk_events_rejected_total ${METRICS.rejected}`,
      '# HELP loandesk_events_per_second Events accepted per second by this instance since it started.',
      '# TYPE loandesk_events_per_second gauge',
      `loandesk_events_per_second ${(METRICS.accepted / seconds).toFixed(3)}`,
      '# HELP loandesk_device_lag_events Confirmed events a device has not pulled yet.',
      '# TYPE loandesk_device_lag_events gauge',
      ...rows
        .filter((d) => !d.revokedAt)
        .map((d) => `loandesk_device_lag_events{device="${d.id}",no="${d.deviceNo}"} ${checkpoint - d.pulledThrough}`),
    ];
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });

  app.post(
    '/v1/setup/attach',
    route(async (request) => {
      const body = attachRequest.parse(request.body);
      const expected = await setupHash(db);
      if (await isAttached(db)) throw new DomainError('SETUP_ALREADY_DONE');
      if (!expected || sha256Hex(body.setupCode) !== expected) throw new DomainError('SETUP_CODE_WRONG');
      await db
        .insert(devices)
        .values({ id: body.deviceId, deviceNo: 1, name: body.name, publicKey: body.publicKey, branches: null });
      await db
        .update(serverMeta)
        .set({ value: { hash: expected, usedAt: new Date().toISOString() } })
        .where(eq(serverMeta.key, 'setup'));
      return { deviceNo: 1, branches: null, ...(await issueToken(db, body.deviceId)) };
    }),
  );

  app.post(
    '/v1/auth/challenge',
    route(async (request) => {
      const body = challengeRequest.parse(request.body);
      return { nonce: await issueNonce(db, body.deviceId) };
    }),
  );

  app.post(
    '/v1/auth/token',
    route(async (request) => {
      const body = tokenRequest.parse(request.body);
      return tokenForSignature(db, body.deviceId, body.nonce, body.signature);
    }),
  );

  app.post(
    '/v1/sync/push',
    route(async (request): Promise<PushAnswer> => {
      const device = await auth(request);
      const body = pushRequest.parse(request.body);
      const results = await pushEvents(
        db,
        { id: device.id, branches: device.branches as string[] | null },
        body.events,
      );
      for (const r of results)
        if (r.status === 'accepted') METRICS.accepted++;
        else METRICS.rejected++;
      const audit = await storeAudit(db, device.id, body.audit);
      await db.update(devices).set({ lastPushAt: new Date() }).where(eq(devices.id, device.id));
      return { results, audit };
    }),
  );

  app.get(
    '/v1/sync/pull',
    route(async (request) => {
      const device = await auth(request);
      const query = z
        .object({
          after: z.coerce.number().int().min(0).default(0),
          limit: z.coerce.number().int().min(1).max(MAX_PULL_EVENTS).default(MAX_PULL_EVENTS),
        })
        .parse(request.query);
      return pullEvents(db, { id: device.id, branches: device.branches as string[] | null }, query.after, query.limit);
    }),
  );

  app.get(
    '/v1/sync/status',
    route(async (request) => {
      const device = await auth(request);
      const refused = await db.select().from(rejections).where(eq(rejections.deviceId, device.id));
      const head = (await db.select().from(auditHeads).where(eq(auditHeads.deviceId, device.id)))[0];
      return {
        deviceId: device.id,
        deviceNo: device.deviceNo,
        branches: device.branches,
        checkpoint: await checkpointOf(db),
        rejected: refused.map((r) => ({ eventId: r.eventId, type: r.type, code: r.code, details: r.details })),
        audit: head ? { seq: head.seq, broken: head.brokenAt !== null } : null,
      };
    }),
  );

  app.post(
    '/v1/enrollments',
    route(async (request) => {
      const device = await auth(request);
      if (device.branches !== null) throw new DomainError('PERMISSION_DENIED', { permission: 'devices.enroll' });
      const body = enrollmentRequest.parse(request.body);
      // A resend of the same code (its answer was lost) gets the first answer.
      await db
        .insert(enrollments)
        .values({
          authHash: body.authHash,
          wrappedKey: body.wrappedKey,
          branches: body.branches,
          createdBy: device.id,
          expiresAt: new Date(Date.now() + ENROLLMENT_TTL_MS),
        })
        .onConflictDoNothing();
      const [row] = await db.select().from(enrollments).where(eq(enrollments.authHash, body.authHash));
      if (!row || row.createdBy !== device.id) throw new DomainError('ENROLLMENT_INVALID');
      return { expiresAt: row.expiresAt.toISOString() };
    }),
  );

  app.post(
    '/v1/devices/join',
    route(async (request) => {
      const body = joinRequest.parse(request.body);
      const authHash = sha256Hex(Buffer.from(body.authKey, 'hex'));
      return db.transaction(async (tx) => {
        const used = await tx
          .update(enrollments)
          .set({ usedBy: body.deviceId })
          .where(
            and(eq(enrollments.authHash, authHash), isNull(enrollments.usedBy), sql`${enrollments.expiresAt} > now()`),
          )
          .returning();
        const enrollment = used[0];
        if (!enrollment) throw new DomainError('ENROLLMENT_INVALID');
        const next = (
          (await tx.execute(sql`SELECT coalesce(max(device_no), 0) + 1 AS n FROM devices`)) as unknown as {
            rows: Array<{ n: number | string }>;
          }
        ).rows[0]!;
        const deviceNo = Number(next.n);
        await tx.insert(devices).values({
          id: body.deviceId,
          deviceNo,
          name: body.name,
          publicKey: body.publicKey,
          branches: enrollment.branches,
        });
        const token = randomBytes(32).toString('base64url');
        const expiresAt = new Date(Date.now() + 60 * 60_000);
        await tx.execute(
          sql`INSERT INTO device_tokens (token_hash, device_id, expires_at) VALUES (${sha256Hex(token)}, ${body.deviceId}, ${expiresAt})`,
        );
        return {
          deviceNo,
          token,
          expiresAt: expiresAt.toISOString(),
          wrappedKey: enrollment.wrappedKey,
          branches: enrollment.branches as string[] | null,
        };
      });
    }),
  );

  app.get(
    '/v1/devices',
    route(async (request): Promise<DeviceView[]> => {
      await auth(request);
      const checkpoint = await checkpointOf(db);
      return (await db.select().from(devices)).map((d) => ({
        id: d.id,
        deviceNo: d.deviceNo,
        name: d.name,
        branches: d.branches as string[] | null,
        enrolledAt: d.enrolledAt.toISOString(),
        revokedAt: d.revokedAt?.toISOString() ?? null,
        lastPushAt: d.lastPushAt?.toISOString() ?? null,
        lastPullAt: d.lastPullAt?.toISOString() ?? null,
        lagEvents: checkpoint - d.pulledThrough,
      }));
    }),
  );

  app.post(
    '/v1/devices/:id/revoke',
    route(async (request) => {
      const device = await auth(request);
      if (device.branches !== null) throw new DomainError('PERMISSION_DENIED', { permission: 'devices.revoke' });
      const { id } = z.object({ id: z.string().uuid() }).parse(request.params);
      const done = await db.update(devices).set({ revokedAt: new Date() }).where(eq(devices.id, id)).returning();
      if (done.length === 0) throw new DomainError('NOT_FOUND');
      return { revoked: id };
    }),
  );

  app.put(
    '/v1/blobs/:sha256',
    route(async (request) => {
      await auth(request);
      const { sha256 } = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).parse(request.params);
      const { content } = z.object({ content: z.string().max(MAX_BODY_BYTES) }).parse(request.body);
      const bytes = Buffer.from(content, 'base64');
      if (sha256Hex(bytes) !== sha256) throw new DomainError('BLOB_MISMATCH');
      await db.insert(blobs).values({ sha256, content, sizeBytes: bytes.length }).onConflictDoNothing();
      return { stored: sha256 };
    }),
  );

  app.get(
    '/v1/blobs/:sha256',
    route(async (request) => {
      await auth(request);
      const { sha256 } = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).parse(request.params);
      const row = (await db.select().from(blobs).where(eq(blobs.sha256, sha256)))[0];
      if (!row) throw new DomainError('NOT_FOUND');
      return { content: row.content };
    }),
  );

  void events;
  return app;
}

/** Keeps a device's new audit records when they continue its chain; a record that
 *  does not (the desktop's log was cut or rewritten) marks the head broken. */
async function storeAudit(
  db: ServerDb,
  deviceId: string,
  records: ReadonlyArray<{ seq: number; prev: string; mac: string } & Record<string, unknown>>,
): Promise<{ ok: boolean; head: number | null }> {
  const head = (await db.select().from(auditHeads).where(eq(auditHeads.deviceId, deviceId)))[0];
  let seq = head?.seq ?? 0;
  let mac = head?.mac ?? null;
  let broken = head?.brokenAt ?? null;
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) {
    if (r.seq <= seq) continue;
    if ((mac !== null && r.prev !== mac) || (mac === null && r.seq !== 1) || r.seq !== seq + 1) {
      broken = broken ?? new Date();
      break;
    }
    await db.insert(deviceAudit).values({ deviceId, seq: r.seq, record: r }).onConflictDoNothing();
    seq = r.seq;
    mac = r.mac;
  }
  if (mac !== null)
    await db
      .insert(auditHeads)
      .values({ deviceId, seq, mac, brokenAt: broken })
      .onConflictDoUpdate({ target: auditHeads.deviceId, set: { seq, mac, brokenAt: broken } });
  return { ok: broken === null, head: mac === null ? null : seq };
}
