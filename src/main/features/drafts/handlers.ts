/** Form drafts: what a user typed into a form and has not submitted, kept on this
 *  desktop per user (in the encrypted database's device-local state, never synced,
 *  never an event) until the form is submitted or the draft discarded, so a reload or
 *  a walk to another screen loses nothing. Not audited: a draft is nobody's record. */
import { z } from 'zod';
import { handler } from '../../api/handler';
import type { LocalDb } from '../../db/connection';

/** A form's name: letters, digits and dots (customers.registerPerson, apply …). */
const formKey = z.string().regex(/^[A-Za-z0-9.:_-]{1,80}$/, 'DRAFT_KEY_FORMAT');
/** Bound on one draft's stored JSON, in characters. */
export const MAX_DRAFT_CHARS = 32_000;
/** Bound on the drafts one user keeps on this desktop. */
export const MAX_DRAFTS_PER_USER = 50;

const values = z
  .record(z.string().max(60), z.unknown())
  .refine((v) => JSON.stringify(v).length <= MAX_DRAFT_CHARS, 'DRAFT_TOO_LARGE');

function storageKey(userId: string, form: string): string {
  return `draft:${userId}:${form}`;
}

function readDraft(db: LocalDb, key: string): { values: Record<string, unknown>; savedAt: string } | null {
  const row = db.$client.prepare('SELECT value_json AS v, updated_at AS at FROM local_state WHERE key = ?').get(key) as
    { v: string; at: string } | undefined;
  return row ? { values: JSON.parse(row.v) as Record<string, unknown>, savedAt: row.at } : null;
}

export const draftsHandlers = {
  'drafts.get': handler({
    input: z.object({ form: formKey }),
    access: 'session',
    kind: 'read',
    passive: true,
    run: (ctx, input) => readDraft(ctx.db, storageKey(ctx.requireSession().userId, input.form)),
  }),
  'drafts.save': handler({
    input: z.object({ form: formKey, values }),
    access: 'session',
    kind: 'write',
    audited: false,
    run: (ctx, input) => {
      const userId = ctx.requireSession().userId;
      const c = ctx.db.$client;
      const at = ctx.now().toISOString();
      c.transaction(() => {
        c.prepare(
          'INSERT INTO local_state (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
        ).run(storageKey(userId, input.form), JSON.stringify(input.values), at);
        // The oldest drafts beyond the bound go.
        c.prepare(
          `DELETE FROM local_state WHERE key IN (SELECT key FROM local_state WHERE key LIKE ? ESCAPE '\\' ORDER BY updated_at DESC, key LIMIT -1 OFFSET ?)`,
        ).run(`draft:${userId.replace(/[\\%_]/g, (ch) => `\\${ch}`)}:%`, MAX_DRAFTS_PER_USER);
      })();
      return { savedAt: at };
    },
  }),
  'drafts.discard': handler({
    input: z.object({ form: formKey }),
    access: 'session',
    kind: 'write',
    audited: false,
    run: (ctx, input) => {
      ctx.db.$client
        .prepare('DELETE FROM local_state WHERE key = ?')
        .run(storageKey(ctx.requireSession().userId, input.form));
      return { discarded: true };
    },
  }),
};
