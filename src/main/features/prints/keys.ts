/** The company's document keys: 32 random bytes made by the first desktop that
 *  issues a payoff certificate, recorded as a DocumentKeyCreated event whose key is
 *  sealed under the organisation data key whenever it travels, so every desktop of
 *  the company holds it and the sync server never does. The oldest key signs new
 *  certificates; every key verifies (two desktops offline may each have made one). */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { draft, emit, metaOf } from '../../events/store';

export function documentKeys(db: LocalDb): Uint8Array[] {
  const rows = db.$client.prepare('SELECT key_base64 AS k FROM document_keys ORDER BY created_at, id').all() as Array<{
    k: string;
  }>;
  return rows.map((r) => new Uint8Array(Buffer.from(r.k, 'base64')));
}

/** The key that signs, made (inside the caller's write) when the company has none. */
export function ensureDocumentKey(ctx: Ctx, db: LocalDb, businessDate: string): Uint8Array {
  const existing = documentKeys(db)[0];
  if (existing) return existing;
  emit(db, metaOf(ctx, businessDate), [
    { ...draft('DocumentKeyCreated', randomUUID(), { key: randomBytes(32).toString('base64') }), branchId: null },
  ]);
  return documentKeys(db)[0]!;
}
