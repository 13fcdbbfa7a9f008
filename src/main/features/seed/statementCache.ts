/** Drizzle prepares a new SQLite statement for every query it runs; on the
 *  encrypted database a prepare costs far more than the query. For a long batch
 *  job (the demo seed, the benchmark) this keeps one prepared statement per SQL
 *  text while `fn` runs. Statements are handed back out of raw mode, since drizzle
 *  switches a statement to raw mode for some reads and not others. */
import type Database from 'better-sqlite3';
import type { LocalDb } from '../../db/connection';

/** Installs the cache; returns the function that removes it. */
export function cacheStatements(db: LocalDb): () => void {
  const client = db.$client as Database.Database & { prepare: Database.Database['prepare'] };
  if (Object.prototype.hasOwnProperty.call(client, 'prepare')) return () => undefined;
  const original = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  const cached = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = original(source);
      cache.set(source, stmt);
    } else if (stmt.reader) stmt.raw(false);
    return stmt;
  }) as Database.Database['prepare'];
  Object.defineProperty(client, 'prepare', { value: cached, configurable: true, writable: true });
  return () => {
    delete (client as { prepare?: unknown }).prepare;
    cache.clear();
  };
}
