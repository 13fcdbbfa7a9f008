/** Customer, application, loan and ticket numbers (C000001, A000001, L000001,
 *  T000001): the next one after the highest of its kind on this profile. One
 *  allocator for every kind. */
import type { LocalDb } from '../db/connection';

const KINDS = {
  customer: { table: 'customers', prefix: 'C' },
  application: { table: 'applications', prefix: 'A' },
  loan: { table: 'loans', prefix: 'L' },
  ticket: { table: 'tickets', prefix: 'T' },
} as const;
const DIGITS = 6;

export type NumberKind = keyof typeof KINDS;

export function formatNumber(kind: NumberKind, n: number): string {
  return `${KINDS[kind].prefix}${String(n).padStart(DIGITS, '0')}`;
}

/** The next free sequence number of `kind` (call formatNumber on it). */
export function nextSequence(db: LocalDb, kind: NumberKind): number {
  const { table, prefix } = KINDS[kind];
  const row = db.$client
    .prepare(
      `SELECT max(CAST(substr(number, ${prefix.length + 1}) AS INTEGER)) AS n FROM ${table} WHERE number GLOB '${prefix}[0-9]*'`,
    )
    .get() as { n: number | null };
  return (row.n ?? 0) + 1;
}

export function nextNumber(db: LocalDb, kind: NumberKind): string {
  return formatNumber(kind, nextSequence(db, kind));
}
