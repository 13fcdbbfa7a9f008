/** Customers: register (person, business), update, list and view (masked), reveal
 *  (audited), import, and the watch list new customers are screened against. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { and, asc, count, desc, eq, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { handler, type Ctx } from '../../api/handler';
import { customers, watchlist } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { DomainError, isDomainError } from '../../../core/errors';
import { maskPhone, maskResidentId, validateResidentId } from '../../../core/validation';
import { readSettings } from '../settings/store';
import { businessDateOf } from '../../../core/dates';
import {
  addWatchlistInput,
  checkIdentifier,
  importCustomersInput,
  listCustomersInput,
  registerBusinessInput,
  registerPersonInput,
  revealCustomerInput,
  updateCustomerInput,
  type IdentifierField,
} from '../../../contract/schemas/customers';
import {
  existingResidentIds,
  findCustomer,
  insertCustomer,
  loadWatchlistScreen,
  maskedCustomer,
  requireUnique,
  updateCustomer,
  watchlistFlagOf,
  watchlistHitsOf,
  type CustomerChanges,
  type WatchlistHit,
} from './store';
import { checkSheet } from './import';
import { readSheetInWorker } from './readInWorker';
import { formatNumber, nextNumber, nextSequence } from '../numbers';
import { currentBusinessDate } from '../eod/businessDate';
import { draft, emit, metaOf } from '../../events/store';
import { containsPattern } from '../../db/like';

/** The normalised identifier, or a DomainError with the core's code and the field. */
function requireIdentifier(field: IdentifierField, raw: string, today?: string): string {
  const checked = checkIdentifier(field, raw, today);
  if (!checked.ok) throw new DomainError(checked.code, { field });
  return checked.value;
}

/** Runs a write whose audit record must not hold clear identifiers: `summary` (masked,
 *  completed by `fn` before the record is written) replaces the raw input, also when
 *  the call is refused. */
async function withMaskedAudit<T>(ctx: Ctx, summary: Record<string, unknown>, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isDomainError(e)) ctx.write(() => undefined, { outcome: 'failed', summary: { ...summary, error: e.code } });
    throw e;
  }
}

function today(ctx: Ctx): string {
  return businessDateOf(ctx.now(), readSettings(ctx.db).locale.timeZone);
}

function requireCustomer(db: LocalDb, id: string, field = 'customerId') {
  const row = findCustomer(db, id);
  if (!row) throw new DomainError('CUSTOMER_UNKNOWN', { field });
  return row;
}

const SORT_COLUMNS = {
  number: customers.number,
  name: customers.name,
  createdAt: customers.createdAt,
  monthlyIncomeFen: customers.monthlyIncomeFen,
} as const;

const PERSON_ONLY_FIELDS = ['employer', 'monthlyIncomeFen', 'monthlyDebtFen', 'employmentYears', 'bankCard'] as const;
const BUSINESS_ONLY_FIELDS = ['industry'] as const;

export const customersHandlers = {
  'customers.registerPerson': handler({
    input: registerPersonInput,
    access: 'customers.write',
    kind: 'write',
    run: (ctx, input) => {
      const summary: Record<string, unknown> = {
        kind: 'person',
        residentId: maskResidentId(input.residentId),
        phone: maskPhone(input.phone),
      };
      return withMaskedAudit(ctx, summary, () => {
        const residentId = requireIdentifier('residentId', input.residentId, today(ctx));
        const phone = requireIdentifier('phone', input.phone);
        const bankCard = input.bankCard ? requireIdentifier('bankCard', input.bankCard) : null;
        const id = validateResidentId(residentId);
        if (!id.valid) throw new DomainError(id.code, { field: 'residentId' });
        const meta = metaOf(ctx, currentBusinessDate(ctx.db, ctx.now(), ctx.session?.branchId));
        const row = ctx.write(
          (db) => {
            requireUnique(db, 'residentId', residentId);
            const hits = loadWatchlistScreen(db)(input.name, residentId);
            const created = insertCustomer(
              db,
              {
                kind: 'person',
                name: input.name,
                residentId,
                phone,
                bankCard,
                birthDate: id.birthDate,
                sex: id.sex,
                address: input.address,
                employer: input.employer || null,
                monthlyIncomeFen: input.monthlyIncomeFen,
                monthlyDebtFen: input.monthlyDebtFen,
                employmentYears: input.employmentYears,
                creditCode: null,
                legalRepId: null,
                registeredCapitalFen: null,
                industry: null,
                consentAt: meta.occurredAt,
                watchlist: hits,
              },
              nextNumber(db, 'customer'),
              meta,
            );
            Object.assign(summary, {
              customerId: created.id,
              customerNumber: created.number,
              watchlist: hits.map((h) => h.match),
            });
            return created;
          },
          { summary },
        );
        return registered(row.id, row.number, row.watchlistJson);
      });
    },
  }),

  'customers.registerBusiness': handler({
    input: registerBusinessInput,
    access: 'customers.write',
    kind: 'write',
    run: (ctx, input) => {
      const summary: Record<string, unknown> = {
        kind: 'business',
        creditCode: input.creditCode,
        legalRepId: input.legalRepId,
      };
      return withMaskedAudit(ctx, summary, () => {
        const creditCode = requireIdentifier('creditCode', input.creditCode);
        const phone = requireIdentifier('phone', input.phone);
        const meta = metaOf(ctx, currentBusinessDate(ctx.db, ctx.now(), ctx.session?.branchId));
        const row = ctx.write(
          (db) => {
            const rep = requireCustomer(db, input.legalRepId, 'legalRepId');
            if (rep.kind !== 'person') throw new DomainError('LEGAL_REP_NOT_PERSON', { field: 'legalRepId' });
            requireUnique(db, 'creditCode', creditCode);
            const hits = loadWatchlistScreen(db)(input.name, null);
            const created = insertCustomer(
              db,
              {
                kind: 'business',
                name: input.name,
                residentId: null,
                phone,
                bankCard: null,
                birthDate: null,
                sex: null,
                address: input.address,
                employer: null,
                monthlyIncomeFen: null,
                monthlyDebtFen: null,
                employmentYears: null,
                creditCode,
                legalRepId: rep.id,
                registeredCapitalFen: input.registeredCapitalFen,
                industry: input.industry,
                consentAt: meta.occurredAt,
                watchlist: hits,
              },
              nextNumber(db, 'customer'),
              meta,
            );
            Object.assign(summary, {
              customerId: created.id,
              customerNumber: created.number,
              watchlist: hits.map((h) => h.match),
            });
            return created;
          },
          { summary },
        );
        return registered(row.id, row.number, row.watchlistJson);
      });
    },
  }),

  'customers.update': handler({
    input: updateCustomerInput,
    access: 'customers.write',
    kind: 'write',
    run: (ctx, input) => {
      const { customerId, expectedVersion, ...requested } = input;
      const summary: Record<string, unknown> = { customerId, expectedVersion, fields: Object.keys(requested) };
      return withMaskedAudit(ctx, summary, () => {
        const wanted: CustomerChanges = { ...requested };
        if (requested.phone !== undefined) wanted.phone = requireIdentifier('phone', requested.phone);
        if (requested.bankCard) wanted.bankCard = requireIdentifier('bankCard', requested.bankCard);
        if (requested.employer === '') wanted.employer = null;
        return ctx.write(
          (db) => {
            const row = requireCustomer(db, customerId);
            const notApplicable = row.kind === 'person' ? BUSINESS_ONLY_FIELDS : PERSON_ONLY_FIELDS;
            for (const field of notApplicable) {
              if (wanted[field] !== undefined) throw new DomainError('CUSTOMER_FIELD_NOT_APPLICABLE', { field });
            }
            const changes: CustomerChanges = {};
            for (const [key, value] of Object.entries(wanted) as Array<
              [keyof CustomerChanges, CustomerChanges[keyof CustomerChanges]]
            >) {
              if (value !== undefined && value !== row[key]) Object.assign(changes, { [key]: value });
            }
            const changed = Object.keys(changes);
            summary.fields = changed;
            if (changed.length === 0) {
              if (row.version !== expectedVersion)
                throw new DomainError('VERSION_CONFLICT', {
                  aggregate: 'customer',
                  expected: expectedVersion,
                  actual: row.version,
                });
              return { version: row.version, changed };
            }
            const updated = updateCustomer(
              db,
              customerId,
              changes,
              expectedVersion,
              metaOf(ctx, currentBusinessDate(db, ctx.now(), ctx.session?.branchId)),
            );
            return { version: updated.version, changed };
          },
          { summary },
        );
      });
    },
  }),

  'customers.list': handler({
    input: listCustomersInput,
    access: 'customers.read',
    kind: 'read',
    run: (ctx, input) => {
      const where: SQL[] = [];
      if (input.kind) where.push(eq(customers.kind, input.kind));
      if (input.watchlistOnly) where.push(isNotNull(customers.watchlistJson));
      const q = input.search?.trim();
      if (q) {
        const anyOf: SQL[] = [
          sql`${customers.name} like ${containsPattern(q)} escape '\\'`,
          sql`${customers.number} like ${containsPattern(q.toUpperCase())} escape '\\'`,
        ];
        if (/^\d{4}$/.test(q)) anyOf.push(sql`substr(${customers.phone}, -4) = ${q}`);
        if (/^\d{3}[\dXx]$/.test(q)) anyOf.push(sql`substr(${customers.residentId}, -4) = ${q.toUpperCase()}`);
        if (/^[0-9A-Za-z]{18}$/.test(q)) anyOf.push(eq(customers.creditCode, q.toUpperCase()));
        where.push(or(...anyOf)!);
      }
      const condition = where.length > 0 ? and(...where) : undefined;
      const total = ctx.db.select({ n: count() }).from(customers).where(condition).get()?.n ?? 0;
      const direction = input.order === 'asc' ? asc : desc;
      const rows = ctx.db
        .select()
        .from(customers)
        .where(condition)
        .orderBy(direction(SORT_COLUMNS[input.sort]), direction(customers.number))
        .limit(input.limit)
        .offset(input.offset)
        .all();
      const date = today(ctx);
      return { total, rows: rows.map((r) => maskedCustomer(r, date)) };
    },
  }),

  'customers.get': handler({
    input: z.object({ customerId: z.string().uuid() }),
    access: 'customers.read',
    kind: 'read',
    run: (ctx, input) => {
      const row = requireCustomer(ctx.db, input.customerId);
      const rep = row.legalRepId ? findCustomer(ctx.db, row.legalRepId) : undefined;
      return {
        ...maskedCustomer(row, today(ctx)),
        legalRep: rep ? { id: rep.id, number: rep.number, name: rep.name } : null,
      };
    },
  }),

  'customers.reveal': handler({
    input: revealCustomerInput,
    access: 'customers.reveal',
    kind: 'reveal',
    run: (ctx, input) => {
      const fields = [...new Set(input.fields)];
      // The audit record is written in the same transaction that reads the values.
      const row = ctx.write((db) => requireCustomer(db, input.customerId), {
        summary: { customerId: input.customerId, fields },
      });
      return {
        customerId: row.id,
        residentId: fields.includes('residentId') ? row.residentId : undefined,
        phone: fields.includes('phone') ? row.phone : undefined,
        bankCard: fields.includes('bankCard') ? row.bankCard : undefined,
      };
    },
  }),

  'customers.import': handler({
    input: importCustomersInput,
    access: 'customers.write',
    kind: 'write',
    run: (ctx, input) => {
      const summary: Record<string, unknown> = { fileName: input.fileName, dryRun: input.dryRun };
      return withMaskedAudit(ctx, summary, async () => {
        const sheet = await readSheetInWorker(input.fileName, Buffer.from(input.contentBase64, 'base64'));
        const meta = metaOf(ctx, currentBusinessDate(ctx.db, ctx.now(), ctx.session?.branchId));
        return ctx.write(
          (db) => {
            const checked = checkSheet(sheet, (ids) => existingResidentIds(db, ids), undefined, today(ctx));
            const screen = loadWatchlistScreen(db);
            const hitsByRow = new Map<number, WatchlistHit[]>();
            for (const p of checked.people) {
              const hits = screen(p.name, p.residentId);
              if (hits.length > 0) hitsByRow.set(p.row, hits);
            }
            const allOk = checked.reports.every((r) => r.ok);
            let imported = 0;
            if (allOk && !input.dryRun) {
              let next = nextSequence(db, 'customer');
              for (const p of checked.people) {
                const { row: _row, ...facts } = p;
                insertCustomer(
                  db,
                  {
                    kind: 'person',
                    ...facts,
                    creditCode: null,
                    legalRepId: null,
                    registeredCapitalFen: null,
                    industry: null,
                    consentAt: meta.occurredAt,
                    watchlist: hitsByRow.get(p.row) ?? [],
                  },
                  formatNumber('customer', next++, db),
                  meta,
                );
                imported++;
              }
            }
            const failedRows = checked.reports.filter((r) => !r.ok).length;
            Object.assign(summary, { rows: checked.reports.length, failedRows, imported });
            return {
              dryRun: input.dryRun,
              ok: allOk,
              imported,
              failedRows,
              ignoredColumns: checked.ignoredColumns,
              rows: checked.reports.map((r) => {
                const hits = hitsByRow.get(r.row) ?? [];
                return { ...r, watchlistFlag: watchlistFlagOf(hits), watchlistHits: hits };
              }),
            };
          },
          { summary },
        );
      });
    },
  }),

  'watchlist.list': handler({
    input: z.object({}).optional(),
    access: 'customers.write',
    kind: 'read',
    run: (ctx) =>
      ctx.db
        .select()
        .from(watchlist)
        .orderBy(asc(watchlist.name))
        .all()
        .map((w) => ({
          id: w.id,
          name: w.name,
          residentIdMasked: w.residentId ? maskResidentId(w.residentId) : null,
          reason: w.reason,
          source: w.source,
        })),
  }),

  'watchlist.add': handler({
    input: addWatchlistInput,
    access: 'customers.write',
    kind: 'write',
    run: (ctx, input) => {
      const summary: Record<string, unknown> = {
        name: input.name,
        residentId: input.residentId ? maskResidentId(input.residentId) : null,
        reason: input.reason,
        source: input.source,
      };
      return withMaskedAudit(ctx, summary, () =>
        ctx.write(
          (db) => {
            const residentId = input.residentId ? input.residentId.toUpperCase() : null;
            const id = randomUUID();
            emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now(), ctx.session?.branchId)), [
              draft(
                'WatchlistEntryAdded',
                id,
                { name: input.name, residentId, reason: input.reason, source: input.source },
                0,
              ),
            ]);
            // Customers already on file that this entry would have caught: for the operator to review.
            const onFile = db
              .select({
                id: customers.id,
                number: customers.number,
                name: customers.name,
                residentId: customers.residentId,
              })
              .from(customers)
              .where(
                residentId
                  ? or(eq(customers.name, input.name), eq(customers.residentId, residentId))
                  : eq(customers.name, input.name),
              )
              .all()
              .map((c) => ({
                id: c.id,
                number: c.number,
                name: c.name,
                match: (residentId && c.residentId === residentId ? 'residentId' : 'name') as 'residentId' | 'name',
              }));
            summary.id = id;
            return { id, customersOnFile: onFile };
          },
          { summary },
        ),
      );
    },
  }),
};

function registered(id: string, number: string, watchlistJson: string | null) {
  const hits = watchlistHitsOf({ watchlistJson });
  return { id, number, watchlistFlag: watchlistFlagOf(hits), watchlistHits: hits };
}
