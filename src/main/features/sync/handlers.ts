/** Sync in the window: its state for the top bar, a sync now, the refusals for the
 *  Sync page, and for administrators attaching the company, enrollment codes and
 *  the devices. The background loop is in scheduler.ts. */
import { z } from 'zod';
import { handler } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { attachInput } from '../../../contract/schemas/sync';
import type { DeviceView } from '../../../contract/sync/protocol';
import { attach, companyClient, enrollmentCode, refusals, syncConfig } from './engine';
import { statusOf, syncRunner } from './scheduler';

export const syncHandlers = {
  'sync.status': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    passive: true,
    run: (ctx) => statusOf(ctx.app, syncRunner(ctx.app).running)!,
  }),
  'sync.now': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'write',
    run: async (ctx) => {
      if (!syncConfig(ctx.db)) throw new DomainError('SYNC_NOT_CONFIGURED');
      const result = await syncRunner(ctx.app).runNow();
      return { ...result, status: statusOf(ctx.app, syncRunner(ctx.app).running)! };
    },
  }),
  'sync.cancel': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    run: (ctx) => {
      syncRunner(ctx.app).cancel();
      return { cancelled: syncRunner(ctx.app).running };
    },
  }),
  'sync.refusals': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    run: (ctx) => {
      const names = new Map(
        (
          ctx.db.$client.prepare('SELECT id, display_name AS n FROM users').all() as Array<{ id: string; n: string }>
        ).map((u) => [u.id, u.n]),
      );
      const numbers = ctx.db.$client.prepare(
        `SELECT number FROM loans WHERE id = ? UNION ALL SELECT number FROM applications WHERE id = ? UNION ALL SELECT number FROM customers WHERE id = ?`,
      );
      return refusals(ctx.db).map((r) => ({
        ...r,
        actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
        number:
          (numbers.get(r.aggregateId, r.aggregateId, r.aggregateId) as { number: string } | undefined)?.number ?? null,
      }));
    },
  }),
  'sync.attach': handler({
    input: attachInput,
    access: 'users.manage',
    kind: 'write',
    run: async (ctx, input) => {
      const result = await attach(ctx.db, ctx.deviceId, {
        serverUrl: input.serverUrl,
        setupCode: input.setupCode,
        pin: input.pin ?? null,
      });
      ctx.write(() => undefined, { summary: { server: input.serverUrl, pushed: result.pushed } });
      return result;
    },
  }),
  'sync.enrollCode': handler({
    input: z.object({ branchIds: z.array(z.string().uuid()).max(200).nullable() }),
    access: 'users.manage',
    kind: 'write',
    run: async (ctx, input) => {
      const result = await enrollmentCode(ctx.db, ctx.deviceId, input.branchIds);
      ctx.write(() => undefined, { summary: { branches: input.branchIds, expiresAt: result.expiresAt } });
      return result;
    },
  }),
  'sync.devices': handler({
    input: z.object({}).optional(),
    access: 'users.manage',
    kind: 'read',
    run: async (ctx) => {
      const client = companyClient(ctx.db, ctx.deviceId);
      return client.call<DeviceView[]>('GET', '/v1/devices');
    },
  }),
  'sync.revoke': handler({
    input: z.object({ deviceId: z.string().uuid() }),
    access: 'users.manage',
    kind: 'write',
    run: async (ctx, input) => {
      const client = companyClient(ctx.db, ctx.deviceId);
      const result = await client.call<{ revoked: string }>('POST', `/v1/devices/${input.deviceId}/revoke`, {});
      ctx.write(() => undefined, { summary: result });
      return result;
    },
  }),
};
