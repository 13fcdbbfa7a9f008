/** The hash-chained audit trail. Each record's hash covers its own fields and the
 *  previous record's hash, so a changed or removed row breaks the chain. */
import { createHash, randomUUID } from 'node:crypto';
import { desc } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import type { LocalDb } from '../db/connection';

export const GENESIS_HASH = '0'.repeat(64);
const SECRET_KEY = /pass(word|phrase)|totp|secret|token|^code$|^confirm$/i;
/** Sensitive personal data is kept masked; file contents are not kept at all. */
const MASKED_KEY = /^(residentId|phone|bankCard)$/;
const DROPPED_KEY = /base64$/i;

function maskTail(value: unknown): unknown {
  if (typeof value !== 'string' || value.includes('*')) return value;
  return value.length <= 4 ? '****' : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}
const MAX_SUMMARY_CHARS = 4000;

export interface AuditEntry {
  userId: string | null;
  username: string | null;
  deviceId: string;
  action: string;
  summary: unknown;
  outcome: 'ok' | 'denied' | 'failed';
  at?: string;
}

type Row = typeof auditLog.$inferSelect;

function hashOf(prevHash: string, r: Omit<Row, 'seq' | 'hash' | 'prevHash'>): string {
  const canonical = [
    prevHash,
    r.id,
    r.at,
    r.userId ?? '',
    r.username ?? '',
    r.deviceId,
    r.action,
    r.summaryJson,
    r.outcome,
  ].join('\u001f');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Replaces secrets with *** and cuts long values, so the audit keeps what was
 *  asked for without keeping what must not be stored. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '…';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEY.test(k)
          ? '***'
          : MASKED_KEY.test(k)
            ? maskTail(v)
            : DROPPED_KEY.test(k)
              ? `(${typeof v === 'string' ? v.length : 0} chars not kept)`
              : redact(v, depth + 1),
      ]),
    );
  }
  if (typeof value === 'string' && value.length > 500) return `${value.slice(0, 500)}…`;
  return value;
}

/** Appends one record; call inside the transaction of the change it records. */
export function appendAudit(db: LocalDb, entry: AuditEntry): Row {
  const last = db.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const prevHash = last?.hash ?? GENESIS_HASH;
  let summaryJson = JSON.stringify(redact(entry.summary ?? null)) ?? 'null';
  if (summaryJson.length > MAX_SUMMARY_CHARS)
    summaryJson = JSON.stringify({ truncated: summaryJson.slice(0, MAX_SUMMARY_CHARS) });
  const base = {
    id: randomUUID(),
    at: entry.at ?? new Date().toISOString(),
    userId: entry.userId,
    username: entry.username,
    deviceId: entry.deviceId,
    action: entry.action,
    summaryJson,
    outcome: entry.outcome,
  };
  const row = { ...base, prevHash, hash: hashOf(prevHash, base) };
  return db.insert(auditLog).values(row).returning().get();
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; id: string; reason: 'hash' | 'link' };
}

/** Walks the chain in order and reports the first record that does not verify. */
export function verifyAuditChain(db: LocalDb, batchRows = 5000): ChainReport {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const rows = db.$client
      .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, batchRows) as Array<Record<string, unknown>>;
    if (rows.length === 0) return { ok: true, checked };
    for (const raw of rows) {
      const r = {
        seq: raw.seq as number,
        id: raw.id as string,
        at: raw.at as string,
        userId: raw.user_id as string | null,
        username: raw.username as string | null,
        deviceId: raw.device_id as string,
        action: raw.action as string,
        summaryJson: raw.summary_json as string,
        outcome: raw.outcome as string,
      };
      if (raw.prev_hash !== prevHash)
        return { ok: false, checked, firstBroken: { seq: r.seq, id: r.id, reason: 'link' } };
      const expected = hashOf(prevHash, r);
      if (raw.hash !== expected) return { ok: false, checked, firstBroken: { seq: r.seq, id: r.id, reason: 'hash' } };
      prevHash = expected;
      checked++;
      afterSeq = r.seq;
    }
  }
}

export function listAudit(db: LocalDb, limit: number) {
  return db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(limit).all();
}
