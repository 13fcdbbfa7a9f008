/** Customers: recording registrations and updates as events, watch-list screening,
 *  and the masked view every list and screen receives. */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { customers, watchlist } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { draft, emit, type EventMeta } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { ageOn, maskBankCard, maskPhone, maskResidentId } from '../../../core/validation';
import type { CustomerKind } from '../../../contract/schemas/customers';

export type CustomerRow = typeof customers.$inferSelect;
export type WatchlistRow = typeof watchlist.$inferSelect;

/** Why a customer matched a watch-list entry: the same resident ID (a hard stop for
 *  the application pre-check) or only the same name (a reviewer looks). */
export type WatchlistMatch = 'residentId' | 'name';

export interface WatchlistHit {
  entryId: string;
  entryName: string;
  match: WatchlistMatch;
  reason: string;
  source: string;
}

/** SQLite allows 32,766 bound parameters; stay far below. */
const MAX_IN_LIST = 500;

/** Names compare without spaces and the middle dot variants of minority names. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•・.]/g, '')
    .toLowerCase();
}

export type Screen = (name: string, residentId: string | null) => WatchlistHit[];

/** A screen over the watch list held in memory (loaded once per call, so an import
 *  of thousands of rows screens without a query per row). One hit per entry; an
 *  entry matching both by ID and by name is an ID match. */
export function watchlistScreen(entries: readonly WatchlistRow[]): Screen {
  const byId = new Map<string, WatchlistRow[]>();
  const byName = new Map<string, WatchlistRow[]>();
  for (const e of entries) {
    if (e.residentId) push(byId, e.residentId.toUpperCase(), e);
    push(byName, normaliseName(e.name), e);
  }
  return (name, residentId) => {
    const hits = new Map<string, WatchlistHit>();
    const add = (e: WatchlistRow, match: WatchlistMatch) => {
      if (!hits.has(e.id))
        hits.set(e.id, { entryId: e.id, entryName: e.name, match, reason: e.reason, source: e.source });
    };
    if (residentId) for (const e of byId.get(residentId.toUpperCase()) ?? []) add(e, 'residentId');
    for (const e of byName.get(normaliseName(name)) ?? []) add(e, 'name');
    return [...hits.values()];
  };
}

export function loadWatchlistScreen(db: LocalDb): Screen {
  return watchlistScreen(db.select().from(watchlist).all());
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function watchlistHitsOf(row: Pick<CustomerRow, 'watchlistJson'>): WatchlistHit[] {
  return row.watchlistJson ? (JSON.parse(row.watchlistJson) as WatchlistHit[]) : [];
}

/** none, a name-only match, or an exact ID match (which the pre-check refuses). */
export function watchlistFlagOf(hits: readonly WatchlistHit[]): 'none' | WatchlistMatch {
  if (hits.some((h) => h.match === 'residentId')) return 'residentId';
  return hits.length > 0 ? 'name' : 'none';
}

export function findCustomer(db: LocalDb, id: string): CustomerRow | undefined {
  return db.select().from(customers).where(eq(customers.id, id)).get();
}

/** CUSTOMER_DUPLICATE when the resident ID or credit code is already on file. */
export function requireUnique(db: LocalDb, field: 'residentId' | 'creditCode', value: string): void {
  const column = field === 'residentId' ? customers.residentId : customers.creditCode;
  const existing = db.select({ number: customers.number }).from(customers).where(eq(column, value)).get();
  if (existing) throw new DomainError('CUSTOMER_DUPLICATE', { field, customerNumber: existing.number });
}

/** Customer numbers by resident ID, for the IDs already on file. */
export function existingResidentIds(db: LocalDb, residentIds: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < residentIds.length; i += MAX_IN_LIST) {
    const chunk = residentIds.slice(i, i + MAX_IN_LIST);
    for (const r of db
      .select({ residentId: customers.residentId, number: customers.number })
      .from(customers)
      .where(inArray(customers.residentId, chunk))
      .all()) {
      if (r.residentId) found.set(r.residentId, r.number);
    }
  }
  return found;
}

/** The facts of a new customer as the CustomerRegistered event carries them. */
export interface NewCustomer {
  kind: CustomerKind;
  name: string;
  residentId: string | null;
  phone: string | null;
  bankCard: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  address: string | null;
  employer: string | null;
  monthlyIncomeFen: number | null;
  monthlyDebtFen: number | null;
  employmentYears: number | null;
  creditCode: string | null;
  legalRepId: string | null;
  registeredCapitalFen: number | null;
  industry: string | null;
  consentAt: string;
  watchlist: WatchlistHit[];
}

/** Records CustomerRegistered (its projector inserts the row), in the caller's transaction. */
export function insertCustomer(db: LocalDb, customer: NewCustomer, number: string, meta: EventMeta): CustomerRow {
  const id = randomUUID();
  emit(db, meta, [draft('CustomerRegistered', id, { number, ...customer }, 0)]);
  return findCustomer(db, id)!;
}

export type CustomerChanges = Partial<
  Pick<
    CustomerRow,
    | 'phone'
    | 'address'
    | 'employer'
    | 'monthlyIncomeFen'
    | 'monthlyDebtFen'
    | 'employmentYears'
    | 'bankCard'
    | 'industry'
  >
>;

/** Records CustomerUpdated (refused on a stale version) and returns the new row. */
export function updateCustomer(
  db: LocalDb,
  id: string,
  changes: CustomerChanges,
  expectedVersion: number,
  meta: EventMeta,
): CustomerRow {
  emit(db, meta, [draft('CustomerUpdated', id, { changes }, expectedVersion)]);
  return findCustomer(db, id)!;
}

/** What lists and screens see: identifiers masked, the birth date reduced to an age. */
export function maskedCustomer(row: CustomerRow, today: string) {
  const hits = watchlistHitsOf(row);
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as CustomerKind,
    name: row.name,
    residentIdMasked: row.residentId ? maskResidentId(row.residentId) : null,
    phoneMasked: row.phone ? maskPhone(row.phone) : null,
    bankCardMasked: row.bankCard ? maskBankCard(row.bankCard) : null,
    age: row.birthDate ? ageOn(row.birthDate, today) : null,
    sex: row.sex as 'male' | 'female' | null,
    address: row.address,
    employer: row.employer,
    monthlyIncomeFen: row.monthlyIncomeFen,
    monthlyDebtFen: row.monthlyDebtFen,
    employmentYears: row.employmentYears,
    creditCode: row.creditCode,
    legalRepId: row.legalRepId,
    registeredCapitalFen: row.registeredCapitalFen,
    industry: row.industry,
    consentAt: row.consentAt,
    branchId: row.branchId,
    createdAt: row.createdAt,
    version: row.version,
    watchlistFlag: watchlistFlagOf(hits),
    watchlistHits: hits,
  };
}

export type MaskedCustomer = ReturnType<typeof maskedCustomer>;
