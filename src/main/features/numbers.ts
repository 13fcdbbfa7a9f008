/** Customer, application, loan and ticket numbers: the next one after the highest
 *  of its kind that this desktop gave. The company's first desktop (device 1, and
 *  every desktop before sync) numbers C000001, A000001, L000001, T000001; a desktop
 *  that joined as device n puts its number first (C02000001), so numbers given
 *  offline on two desktops never collide. One allocator for every kind. */
import type { LocalDb } from '../db/connection';

const KINDS = {
  customer: { table: 'customers', prefix: 'C' },
  application: { table: 'applications', prefix: 'A' },
  loan: { table: 'loans', prefix: 'L' },
  ticket: { table: 'tickets', prefix: 'T' },
  /** Manual journal entries (记账凭证). */
  voucher: { table: 'manual_entries', prefix: 'V' },
} as const;
const DIGITS = 6;

export type NumberKind = keyof typeof KINDS;

function deviceNo(db: LocalDb): number {
  const row = db.$client.prepare("SELECT value_json AS v FROM local_state WHERE key = 'sync.config'").get() as
    { v: string } | undefined;
  return row ? ((JSON.parse(row.v) as { deviceNo?: number }).deviceNo ?? 1) : 1;
}

function prefixOf(db: LocalDb, kind: NumberKind): string {
  const n = deviceNo(db);
  return n <= 1 ? KINDS[kind].prefix : `${KINDS[kind].prefix}${String(n).padStart(2, '0')}`;
}

export function formatNumber(kind: NumberKind, n: number, db?: LocalDb): string {
  return `${db ? prefixOf(db, kind) : KINDS[kind].prefix}${String(n).padStart(DIGITS, '0')}`;
}

/** The next free sequence number of `kind` on this desktop (call formatNumber on it). */
export function nextSequence(db: LocalDb, kind: NumberKind): number {
  const prefix = prefixOf(db, kind);
  const pattern = `${prefix}${'[0-9]'.repeat(DIGITS)}`;
  const row = db.$client
    .prepare(
      `SELECT max(CAST(substr(number, ${prefix.length + 1}) AS INTEGER)) AS n FROM ${KINDS[kind].table} WHERE number GLOB ?`,
    )
    .get(pattern) as { n: number | null };
  return (row.n ?? 0) + 1;
}

export function nextNumber(db: LocalDb, kind: NumberKind): string {
  return formatNumber(kind, nextSequence(db, kind), db);
}

const RECEIPT_DIGITS = 7;

/** The next repayment receipt number (还款凭证号) of `branchId` on this desktop: the
 *  branch code, R and this desktop's number when it is not the first (R02), then a
 *  sequence of its own: HQ-R0000001, HQ-R020000001. Numbers are never given twice:
 *  the highest given is also kept in this desktop's local state, so one whose event
 *  the server refused, or that a rebuild dropped, is not given again. */
export function nextReceiptNumber(db: LocalDb, branchId: string | null, now: string): string {
  const c = db.$client;
  const branch = branchId
    ? (c.prepare('SELECT code FROM branches WHERE id = ?').get(branchId) as { code: string } | undefined)
    : undefined;
  const n = deviceNo(db);
  const prefix = `${branch?.code ?? 'ORG'}-R${n <= 1 ? '' : String(n).padStart(2, '0')}`;
  // The digits are fixed-width, so the highest number is the last in text order
  // (read from the unique index, not by scanning every receipt).
  const highest = c
    .prepare(
      'SELECT receipt_number AS r FROM receipts WHERE receipt_number GLOB ? ORDER BY receipt_number DESC LIMIT 1',
    )
    .get(`${prefix}${'[0-9]'.repeat(RECEIPT_DIGITS)}`) as { r: string } | undefined;
  const row = { n: highest ? Number(highest.r.slice(prefix.length)) : null };
  const key = `receipts.highest.${prefix}`;
  const kept = c.prepare('SELECT value_json AS v FROM local_state WHERE key = ?').get(key) as { v: string } | undefined;
  const next = Math.max(row.n ?? 0, kept ? Number(JSON.parse(kept.v)) : 0) + 1;
  c.prepare(
    'INSERT INTO local_state (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
  ).run(key, JSON.stringify(next), now);
  return `${prefix}${String(next).padStart(RECEIPT_DIGITS, '0')}`;
}
