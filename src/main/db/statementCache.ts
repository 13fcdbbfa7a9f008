/** Drizzle prepares a new SQLite statement for every query it runs, and on the
 *  encrypted database a prepare costs more than most queries. The connection
 *  therefore keeps the most recently used prepared statements by SQL text. A
 *  statement is handed back out of raw mode, since drizzle switches a statement to
 *  raw mode for some reads and not others. */
import type Database from 'better-sqlite3';

export const MAX_CACHED_STATEMENTS = 500;

export function cacheStatements(client: Database.Database, maxStatements = MAX_CACHED_STATEMENTS): void {
  const original = client.prepare.bind(client);
  const cache = new Map<string, Database.Statement>();
  const cached = ((source: string) => {
    let stmt = cache.get(source);
    if (stmt) {
      cache.delete(source);
      if (stmt.reader) stmt.raw(false);
    } else {
      stmt = original(source);
      if (cache.size >= maxStatements) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, stmt);
    return stmt;
  }) as Database.Database['prepare'];
  Object.defineProperty(client, 'prepare', { value: cached, configurable: true, writable: true });
}
