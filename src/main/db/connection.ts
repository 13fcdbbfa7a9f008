/** Opens the profile's SQLCipher database with a raw 256-bit key and applies the
 *  committed migrations. A wrong key surfaces as DB_KEY_INVALID, never as a new
 *  empty database. */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema';
import { DomainError } from '../../core/errors';
import { appRoot } from '../paths';
import { cacheStatements } from './statementCache';

export type LocalDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Cipher settings are fixed for the life of a profile: the same scheme and legacy
 *  level must be set before the key on every open. */
const CIPHER_PRAGMAS = ["cipher='sqlcipher'", 'legacy=4'] as const;
const KEY_BYTES = 32;

/** A raw connection to an encrypted file with the key checked (DB_KEY_INVALID
 *  otherwise); no migrations, no settings. Used to inspect a backup before use. */
export function openKeyed(file: string, key: Buffer): Database.Database {
  if (key.length !== KEY_BYTES) throw new DomainError('DB_KEY_INVALID', { reason: 'length' });
  const client = new Database(file);
  try {
    for (const p of CIPHER_PRAGMAS) client.pragma(p);
    client.pragma(`key="x'${key.toString('hex')}'"`);
    // The key is only checked on the first read.
    client.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    client.close();
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new DomainError('DB_KEY_INVALID', { file });
    throw e;
  }
  return client;
}

export function openDatabase(file: string, key: Buffer, options: { mustExist: boolean }): LocalDb {
  if (key.length !== KEY_BYTES) throw new DomainError('DB_KEY_INVALID', { reason: 'length' });
  if (options.mustExist && !existsSync(file)) throw new DomainError('DB_MISSING', { file });
  const client = openKeyed(file, key);
  client.pragma('journal_mode = WAL');
  client.pragma('foreign_keys = ON');
  client.pragma('synchronous = NORMAL');
  client.pragma('busy_timeout = 5000');
  cacheStatements(client);
  const db = drizzle(client, { schema }) as LocalDb;
  migrate(db, { migrationsFolder: join(appRoot(), 'drizzle', 'local') });
  return db;
}
