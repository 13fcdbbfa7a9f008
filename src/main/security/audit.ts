/** The audit trail as a keyed, anchored chain (security/chain.ts): each record's
 *  MAC covers its fields and the previous MAC under a key derived from the database
 *  key, and the head is anchored in the profile folder, so a changed, removed,
 *  re-hashed or cut-off record shows in `verify`. Summaries keep no secrets, mask
 *  personal identifiers whatever their type, and keep user names typed by someone
 *  not logged in only as keyed pseudonyms. */
import { createHash, randomUUID } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { auditLog } from '../db/schema';
import type { LocalDb } from '../db/connection';
import {
  anchorHome,
  chainKey,
  checkAnchor,
  GENESIS_MAC,
  keyedDigest,
  macOf,
  readAnchor,
  verifyRecords,
  writeAnchor,
  type ChainRecord,
  type ChainReport,
} from './chain';

export const GENESIS_HASH = GENESIS_MAC;
export const AUDIT_CHAIN = 'audit';
const SECRET_KEY = /pass(word|phrase)|totp|secret|token|^code$|^confirm$/i;
/** Sensitive personal data is kept masked; file contents are not kept at all. */
const MASKED_KEY = /^(residentId|resident_id|idNumber|phone|mobile|bankCard|bank_card|cardNumber)$/i;
const DROPPED_KEY = /base64$/i;
const USERNAME_KEY = /^username$/i;

/** The last four characters of an identifier, whatever type it was sent as. */
function maskTail(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return maskTail(String(value), depth);
  if (typeof value === 'string') {
    // Already masked (at most four characters shown at each end): kept as it is.
    if (/^[^*]{0,4}\*+[^*]{0,4}$/.test(value)) return value;
    return value.length <= 4 ? '****' : `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
  }
  if (depth > 6) return '…';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => maskTail(v, depth + 1));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskTail(v, depth + 1)]),
    );
  }
  return '****';
}

/** A user name typed by someone not logged in: recognisable across records, not readable. */
export function usernamePseudonym(db: LocalDb, username: string): string {
  return `unknown:${keyedDigest(chainKey(db.$client, 'audit-username'), username.normalize('NFC').trim())}`;
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

/** The canonical text a record's MAC covers (besides the previous MAC). */
function bodyOf(r: Omit<Row, 'seq' | 'hash' | 'prevHash'>): string {
  return [r.id, r.at, r.userId ?? '', r.username ?? '', r.deviceId, r.action, r.summaryJson, r.outcome].join('\u001f');
}

/** Records written before the chain was keyed: plain SHA-256 over the same text. */
function legacyHash(prev: string, body: string): string {
  return createHash('sha256').update(`${prev}\u001f${body}`, 'utf8').digest('hex');
}

/** Replaces secrets with *** and cuts long values, so the audit keeps what was
 *  asked for without keeping what must not be stored. */
export function redact(value: unknown, depth = 0, pseudonym?: (username: string) => string): unknown {
  if (depth > 6) return '…';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1, pseudonym));
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
              : pseudonym && USERNAME_KEY.test(k) && typeof v === 'string'
                ? pseudonym(v)
                : redact(v, depth + 1, pseudonym),
      ]),
    );
  }
  if (typeof value === 'string' && value.length > 500) return `${value.slice(0, 500)}…`;
  return value;
}

/** Appends one record; call inside the transaction of the change it records, and
 *  `anchorAuditHead` after it commits. A record of no logged-in user keeps any
 *  user name in its summary only as a pseudonym. */
export function appendAudit(db: LocalDb, entry: AuditEntry): Row {
  const last = db.$client.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { hash: string } | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const pseudonym = entry.userId === null ? (name: string) => usernamePseudonym(db, name) : undefined;
  let summaryJson = JSON.stringify(redact(entry.summary ?? null, 0, pseudonym)) ?? 'null';
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
  const row = { ...base, prevHash, hash: macOf(chainKey(db.$client, AUDIT_CHAIN), prevHash, bodyOf(base)) };
  let insert = auditInsert.get(db);
  if (!insert) auditInsert.set(db, (insert = prepareAuditInsert(db)));
  return insert.get(row);
}

/** Every write call appends a record: the insert is built once per connection. */
const auditInsert = new WeakMap<LocalDb, ReturnType<typeof prepareAuditInsert>>();
const prepareAuditInsert = (db: LocalDb) =>
  db
    .insert(auditLog)
    .values({
      id: sql.placeholder('id'),
      at: sql.placeholder('at'),
      userId: sql.placeholder('userId'),
      username: sql.placeholder('username'),
      deviceId: sql.placeholder('deviceId'),
      action: sql.placeholder('action'),
      summaryJson: sql.placeholder('summaryJson'),
      outcome: sql.placeholder('outcome'),
      prevHash: sql.placeholder('prevHash'),
      hash: sql.placeholder('hash'),
    })
    .returning()
    .prepare();

export type { ChainReport };

/** The last record's sequence number and MAC, or null for an empty log. */
export function auditHead(db: LocalDb): { seq: number; mac: string } | null {
  const last = db.$client.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return last ? { seq: last.seq, mac: last.hash } : null;
}

/** Anchors the current head in the profile folder; call after each commit that
 *  appended records (never inside the transaction). */
export function anchorAuditHead(db: LocalDb, at: string = new Date().toISOString()): void {
  const head = auditHead(db);
  if (head) writeAnchor(anchorHome(db.$client), AUDIT_CHAIN, chainKey(db.$client, AUDIT_CHAIN), head, at);
}

/** True when the profile has no anchor of the audit chain yet (a profile from
 *  before anchoring, or one whose anchor file was removed). */
export function auditAnchorMissing(db: LocalDb): boolean {
  return readAnchor(anchorHome(db.$client), AUDIT_CHAIN, chainKey(db.$client, AUDIT_CHAIN)) === null;
}

function* auditRecords(db: LocalDb, batchRows: number): Generator<ChainRecord> {
  let afterSeq = 0;
  for (;;) {
    const rows = db.$client
      .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
      .all(afterSeq, batchRows) as Array<Record<string, unknown>>;
    if (rows.length === 0) return;
    for (const raw of rows) {
      const r = {
        id: raw.id as string,
        at: raw.at as string,
        userId: raw.user_id as string | null,
        username: raw.username as string | null,
        deviceId: raw.device_id as string,
        action: raw.action as string,
        summaryJson: raw.summary_json as string,
        outcome: raw.outcome as string,
      };
      afterSeq = raw.seq as number;
      yield { seq: afterSeq, id: r.id, prev: raw.prev_hash as string, mac: raw.hash as string, body: bodyOf(r) };
    }
  }
}

/** Walks the chain in order (MACs, links, sequence gaps) and checks its anchored
 *  head: the first record that does not verify, every gap, and a cut-off end. */
export function verifyAuditChain(db: LocalDb, batchRows = 5000): ChainReport {
  const key = chainKey(db.$client, AUDIT_CHAIN);
  const walked = verifyRecords(auditRecords(db, batchRows), key, legacyHash);
  const macAt = db.$client.prepare('SELECT hash FROM audit_log WHERE seq = ?');
  const anchor = checkAnchor(
    readAnchor(anchorHome(db.$client), AUDIT_CHAIN, key),
    walked.head,
    (seq) => (macAt.get(seq) as { hash: string } | undefined)?.hash,
  );
  return { ...walked, ok: walked.ok && (anchor.status === 'ok' || anchor.status === 'behind'), anchor };
}

export function listAudit(db: LocalDb, limit: number) {
  return db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(limit).all();
}
