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
