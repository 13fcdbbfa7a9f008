/** Opens the profile's SQLCipher database with a raw 256-bit key and applies the
 *  committed migrations. A wrong key surfaces as DB_KEY_INVALID, never as a new
 *  empty database. */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as schema from './schema';
import { DomainError } from '../../core/errors';
import { appRoot } from '../paths';
import { cacheStatements } from './statementCache';
import { registerChainContext } from '../security/chain';

export type LocalDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Cipher settings are fixed for the life of a profile: the same scheme and legacy
 *  level must be set before the key on every open. */
const CIPHER_PRAGMAS = ["cipher='sqlcipher'", 'legacy=4'] as const;
const KEY_BYTES = 32;

/** True when every committed migration has been applied to `client`. */
function schemaCurrent(client: Database.Database, migrationsFolder: string): boolean {
  const latest = Math.max(...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  const applied = client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get()
    ? (client.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number | null }).at
    : null;
  return applied !== null && Number(applied) >= latest;
}

/** A raw connection to an encrypted file with the key checked (DB_KEY_INVALID
 *  otherwise); no migrations, no settings. Used to inspect a backup before use. */
export function openKeyed(file: string, key: Buffer, options: { readonly?: boolean } = {}): Database.Database {
  if (key.length !== KEY_BYTES) throw new DomainError('DB_KEY_INVALID', { reason: 'length' });
  const client = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
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

/** Owner-only files: the database and the files SQLite keeps beside it. */
export const DB_FILE_MODE = 0o600;
const SIDE_FILES = ['', '-wal', '-shm', '-journal'] as const;

/** Makes the database and its WAL, SHM and journal owner-only (they are created
 *  with the database file's mode, which is created owner-only below). */
function restrictModes(file: string): void {
  if (process.platform === 'win32') return;
  for (const suffix of SIDE_FILES) if (existsSync(file + suffix)) chmodSync(file + suffix, DB_FILE_MODE);
}

/** Each connection's file and key, so a worker thread can open its own reader. */
const opened = new WeakMap<Database.Database, { file: string; key: Buffer }>();

/** The file and key a connection was opened with (openDatabase). */
export function openedWith(db: LocalDb): { file: string; key: Buffer } | undefined {
  return opened.get(db.$client);
}

/** `readonly` opens an existing file for reading beside another process that writes
 *  it: no migration (DB_SCHEMA_OUTDATED when one is pending), no journal-mode change. */
export function openDatabase(file: string, key: Buffer, options: { mustExist: boolean; readonly?: boolean }): LocalDb {
  if (key.length !== KEY_BYTES) throw new DomainError('DB_KEY_INVALID', { reason: 'length' });
  const readonly = options.readonly ?? false;
  if ((options.mustExist || readonly) && !existsSync(file)) throw new DomainError('DB_MISSING', { file });
  // Created empty and owner-only before SQLite opens it, so no moment it is readable by others.
  if (!existsSync(file)) closeSync(openSync(file, 'wx', DB_FILE_MODE));
  if (!readonly) restrictModes(file);
  const client = openKeyed(file, key, { readonly });
  opened.set(client, { file, key: Buffer.from(key) });
  const migrationsFolder = join(appRoot(), 'drizzle', 'local');
  if (!readonly) {
    client.pragma('journal_mode = WAL');
    restrictModes(file);
  }
  client.pragma('foreign_keys = ON');
  client.pragma('synchronous = NORMAL');
  client.pragma('busy_timeout = 5000');
  client.pragma('cache_size = -65536');
  client.pragma('wal_autocheckpoint = 10000');
  if (readonly && !schemaCurrent(client, migrationsFolder)) {
    client.close();
    throw new DomainError('DB_SCHEMA_OUTDATED', { file });
  }
  cacheStatements(client);
  // Chain keys derive from this key; heads are anchored beside the file.
  registerChainContext(client, key, dirname(file));
  const db = drizzle(client, { schema }) as LocalDb;
  if (!readonly) {
    migrate(db, { migrationsFolder });
    // Table statistics for the query planner (sqlite_stat1), gathered where missing
    // or stale and sampled, so a ledger sorted by one column reads that column's
    // index instead of sorting the whole book: SQLite's recommended start-up call.
    client.pragma('optimize = 0x10002');
  }
  return db;
}
