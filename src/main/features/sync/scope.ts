/** The branches this desktop keeps the books of: those its enrollment gave it, or
 *  every branch (a head-office desktop, or one not attached to a server). An end of
 *  day closes only these; the server refuses the rest (BRANCH_OUT_OF_SCOPE). */
import type { LocalDb } from '../../db/connection';

export function deviceBranches(db: LocalDb): readonly string[] | null {
  const row = db.$client.prepare("SELECT value_json AS v FROM local_state WHERE key = 'sync.config'").get() as
    { v: string } | undefined;
  if (!row) return null;
  return (JSON.parse(row.v) as { branches?: string[] | null }).branches ?? null;
}
