/** The sync protocol between a desktop and the server (/v1): request and answer
 *  shapes, validated with zod on both sides. Events travel as their envelope with
 *  the sensitive payload fields sealed. */
import { z } from 'zod';

/** At most this many events in one push. */
export const MAX_PUSH_EVENTS = 500;
/** At most this many events in one pulled page. */
export const MAX_PULL_EVENTS = 2000;

const uuid = z.string().uuid();
const base64 = z
  .string()
  .max(200_000)
  .regex(/^[A-Za-z0-9+/=]*$/);

export const transitEvent = z.object({
  id: uuid,
  aggregate: z.string().max(40),
  aggregateId: z.string().min(1).max(120),
  version: z.number().int().min(0),
  kind: z.enum(['transition', 'fact']),
  type: z.string().max(60),
  schemaVersion: z.number().int().min(1),
  payload: z.record(z.string(), z.unknown()),
  actorId: z.string().max(80).nullable(),
  deviceId: z.string().max(80),
  branchId: z.string().max(80).nullable(),
  businessDate: z.string().max(10).nullable(),
  requestId: z.string().max(80).nullable(),
  occurredAt: z.string().max(40),
});
export type TransitEvent = z.output<typeof transitEvent>;

export const auditRecord = z.object({
  seq: z.number().int().min(1),
  id: z.string().max(80),
  at: z.string().max(40),
  action: z.string().max(80),
  outcome: z.string().max(20),
  prev: z.string().max(128),
  mac: z.string().max(128),
});
export type AuditRecordUpload = z.output<typeof auditRecord>;

export const wrappedKey = z.object({
  salt: base64,
  iv: base64,
  tag: base64,
  data: base64,
});
export type WrappedDataKey = z.output<typeof wrappedKey>;

export const attachRequest = z.object({
  setupCode: z.string().min(8).max(80),
  deviceId: uuid,
  name: z.string().min(1).max(80),
  publicKey: base64,
});

export const challengeRequest = z.object({ deviceId: uuid });
export const tokenRequest = z.object({ deviceId: uuid, nonce: z.string().max(100), signature: base64 });

export const pushRequest = z.object({
  events: z.array(transitEvent).max(MAX_PUSH_EVENTS),
  audit: z.array(auditRecord).max(5000).default([]),
});

const globalSeq = z.number().int().positive();

/** The server's answers are checked like any input: a garbled or truncated one is
 *  SERVER_ANSWER_INVALID and nothing of it is applied. */
export const pushResult = z.discriminatedUnion('status', [
  z.object({ eventId: uuid, status: z.literal('accepted'), globalSeq }),
  z.object({
    eventId: uuid,
    status: z.literal('rejected'),
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,80}$/),
    details: z.record(z.string(), z.unknown()),
  }),
]);
export type PushResult = z.output<typeof pushResult>;

export const pushAnswer = z.object({
  results: z.array(pushResult).max(MAX_PUSH_EVENTS),
  audit: z.object({ ok: z.boolean(), head: z.number().int().nonnegative().nullable() }),
});
export type PushAnswer = z.output<typeof pushAnswer>;

export const pullAnswer = z.object({
  events: z.array(transitEvent.extend({ globalSeq })).max(MAX_PULL_EVENTS),
  /** The cursor after this page: every event up to it that the device may see is in it. */
  cursor: z.number().int().nonnegative(),
  /** The server's latest checkpoint; more pages follow while cursor < checkpoint. */
  checkpoint: z.number().int().nonnegative(),
});
export type PullAnswer = z.output<typeof pullAnswer>;

export const enrollmentRequest = z.object({
  authHash: z.string().regex(/^[0-9a-f]{64}$/),
  wrappedKey,
  branches: z.array(z.string().max(80)).max(200).nullable(),
});

export const joinRequest = z.object({
  authKey: z.string().regex(/^[0-9a-f]{64}$/),
  deviceId: uuid,
  name: z.string().min(1).max(80),
  publicKey: base64,
});

export interface JoinAnswer {
  deviceNo: number;
  token: string;
  expiresAt: string;
  wrappedKey: WrappedDataKey;
  branches: string[] | null;
}

export interface DeviceView {
  id: string;
  deviceNo: number;
  name: string;
  branches: string[] | null;
  enrolledAt: string;
  revokedAt: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  lagEvents: number;
}

/** What a device signs to prove it holds its key (the server checks the same text). */
export function challengeText(deviceId: string, nonce: string): string {
  return `loandesk-device-auth:v1:${deviceId}:${nonce}`;
}
