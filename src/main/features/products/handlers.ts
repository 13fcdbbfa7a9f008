/** Loan products: admins define them, everyone who lends reads them. */
import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { handler } from '../../api/handler';
import { products } from '../../db/schema';
import { draft, emit, metaOf, type EventMeta } from '../../events/store';
import { currentBusinessDate } from '../eod/businessDate';
import { DomainError } from '../../../core/errors';
import type { LocalDb } from '../../db/connection';
import { productConfig, saveProductInput, type ProductConfig } from '../../../contract/schemas/products';
import { checkProductRateCap } from '../../../core/rules/products';
import { DEFAULT_RATE_CAP } from '../../../core/apr/ratecap';

export interface ProductView {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  active: boolean;
  version: number;
  config: ProductConfig;
}

export function getProduct(db: LocalDb, id: string): ProductView {
  const row = db.select().from(products).where(eq(products.id, id)).get();
  if (!row) throw new DomainError('PRODUCT_UNKNOWN', { field: 'productId' });
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    active: row.active,
    version: row.version,
    config: productConfig.parse(JSON.parse(row.configJson)),
  };
}

export function listProducts(db: LocalDb): ProductView[] {
  return db
    .select()
    .from(products)
    .orderBy(asc(products.code))
    .all()
    .map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      nameEn: row.nameEn,
      active: row.active,
      version: row.version,
      config: productConfig.parse(JSON.parse(row.configJson)),
    }));
}

/** Records a product definition or change (its projector writes the row). The cap
 *  is never above the red line, and above the 24% default only when confirmed. */
export function saveProduct(db: LocalDb, input: z.output<typeof saveProductInput>, meta: EventMeta): string {
  checkProductRateCap(input.config.rateCapAnnual, input.rateCapConfirmed);
  const id = input.id ?? randomUUID();
  const existing = db.select({ version: products.version }).from(products).where(eq(products.id, id)).get();
  const clash = db.select({ id: products.id }).from(products).where(eq(products.code, input.code)).get();
  if (clash && clash.id !== id) throw new DomainError('PRODUCT_CODE_TAKEN', { field: 'code' });
  const payload = {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn || null,
    active: input.active,
    config: input.config,
  };
  emit(db, meta, [
    existing
      ? draft('ProductChanged', id, payload, input.expectedVersion ?? existing.version)
      : draft('ProductDefined', id, payload, 0),
  ]);
  return id;
}

export const productsHandlers = {
  'products.list': handler({
    input: z.object({ activeOnly: z.boolean().default(false) }).prefault({}),
    access: 'products.read',
    kind: 'read',
    run: (ctx, input) => listProducts(ctx.db).filter((p) => !input.activeOnly || p.active),
  }),
  'products.save': handler({
    input: saveProductInput,
    access: 'products.manage',
    kind: 'write',
    run: (ctx, input) => {
      const { aboveDefault } = checkProductRateCap(input.config.rateCapAnnual, input.rateCapConfirmed);
      return {
        id: ctx.write(
          (db) => saveProduct(db, input, metaOf(ctx, currentBusinessDate(db, ctx.now(), ctx.session?.branchId))),
          // A cap above the default says so in the audit record, with who confirmed it.
          aboveDefault
            ? {
                summary: {
                  ...input,
                  rateCapConfirmation: { capAnnual: input.config.rateCapAnnual, defaultCapAnnual: DEFAULT_RATE_CAP },
                },
              }
            : undefined,
        ),
      };
    },
  }),
};
