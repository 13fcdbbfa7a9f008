/** The server's database: PostgreSQL when DATABASE_URL is set (several server
 *  instances may share it), else embedded PGlite in a data folder. Both are drizzle
 *  pg databases with the same schema and migrations. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { serverMigrations } from './paths';
import * as schema from './schema';

export type ServerDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenedDb {
  db: ServerDb;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
}

const MIGRATIONS = serverMigrations;

export async function openServerDb(options: { databaseUrl?: string; dataDir?: string }): Promise<OpenedDb> {
  if (options.databaseUrl) {
    const { Pool } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = drizzle(pool, { schema });
    // Two instances starting at once: the migrator's own lock keeps them apart.
    await migrate(db, { migrationsFolder: MIGRATIONS() });
    return { db: db as unknown as ServerDb, kind: 'postgres', close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dataDir = options.dataDir ?? join(process.cwd(), '.loandesk-server');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS() });
  return { db: db as unknown as ServerDb, kind: 'pglite', close: () => client.close() };
}
