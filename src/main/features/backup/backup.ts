/** Backups of the running profile: a consistent encrypted snapshot (VACUUM INTO
 *  on the SQLCipher connection writes the copy under the same key, in one read
 *  transaction, while the app keeps working) in the self-checking container of
 *  format.ts; named generations in the admin's folder, the oldest pruned; and the
 *  backup passphrase, which wraps the database key into every backup so that a
 *  backup can be restored where this profile's key is not available. */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { LocalDb } from '../../db/connection';
import type { ProfileFile } from '../../security/profile';
import { wrapKey, type WrappedKey } from '../../security/keywrap';
import { appRoot } from '../../paths';
import { DomainError } from '../../../core/errors';
import { getOrganisation } from '../users/store';
import { currentBusinessDate } from '../eod/businessDate';
import { BACKUP_FORMAT, BACKUP_MAGIC, decodeBackup, encodeBackup, sha256, type BackupManifest } from './format';

export const BACKUP_EXTENSION = '.ldbackup';
const BACKUP_KEY_FILE = 'backup-key.json';

/** The database key wrapped with the backup passphrase (kept beside profile.json). */
export function readBackupKey(home: string): WrappedKey | null {
  const file = join(home, BACKUP_KEY_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as WrappedKey) : null;
}

export function writeBackupKey(home: string, wrapped: WrappedKey): void {
  const tmp = join(home, `${BACKUP_KEY_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(wrapped, null, 2), { mode: 0o600 });
  renameSync(tmp, join(home, BACKUP_KEY_FILE));
}

export async function setBackupPassphrase(home: string, key: Buffer, passphrase: string): Promise<void> {
  writeBackupKey(home, await wrapKey(key, passphrase));
}

interface JournalFile {
  entries: Array<{ idx: number; when: number; tag: string }>;
}

/** The migrations this release knows, in order. */
export function knownMigrations(): JournalFile['entries'] {
  return (JSON.parse(readFileSync(join(appRoot(), 'drizzle', 'local', 'meta', '_journal.json'), 'utf8')) as JournalFile)
    .entries;
}

/** How many migrations a database has applied, and the tag of the last one. */
export function schemaOf(client: { prepare: (sql: string) => { get: () => unknown } }): BackupManifest['schema'] {
  const row = client.prepare('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations').get() as {
    n: number;
    last: number | null;
  };
  const last = knownMigrations().find((m) => m.when === Number(row.last));
  return { migrations: row.n, last: last?.tag ?? null };
}

export interface BackupSource {
  db: LocalDb;
  profile: ProfileFile;
  home: string;
  now: Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  durationMs: number;
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Writes a backup of the open database to `file` (absolute; never overwritten). */
export function createBackup(source: BackupSource, file: string): BackupResult {
  const started = performance.now();
  if (!isAbsolute(file)) throw new DomainError('BACKUP_PATH_INVALID', { file });
  if (existsSync(file)) throw new DomainError('BACKUP_FILE_EXISTS', { file });
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch {
    throw new DomainError('BACKUP_FOLDER_UNWRITABLE', { folder });
  }
  const suffix = randomBytes(6).toString('hex');
  const snapshot = join(folder, `.${basename(file)}.${suffix}.snapshot`);
  const partial = join(folder, `.${basename(file)}.${suffix}.partial`);
  try {
    try {
      source.db.$client.exec(`VACUUM INTO ${sqlString(snapshot)}`);
    } catch (e) {
      throw new DomainError('BACKUP_FOLDER_UNWRITABLE', { folder, reason: (e as { code?: string }).code ?? 'write' });
    }
    const database = readFileSync(snapshot);
    const createdAt = source.now.toISOString();
    const container = encodeBackup(
      {
        format: BACKUP_FORMAT,
        createdAt,
        profileId: source.profile.profileId,
        deviceId: source.profile.deviceId,
        organisation: getOrganisation(source.db)?.name ?? null,
        businessDate: currentBusinessDate(source.db, source.now),
        schema: schemaOf(source.db.$client),
        wrappedKey: readBackupKey(source.home),
      },
      database,
    );
    writeFileSync(partial, container, { mode: 0o600 });
    renameSync(partial, file);
    return {
      file,
      bytes: container.length,
      sha256: sha256(container),
      createdAt,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    rmSync(snapshot, { force: true });
    rmSync(partial, { force: true });
  }
}

/** loandesk-<profile>-<YYYYMMDD-HHMMSS>.ldbackup (UTC), so names sort by time. */
export function backupFileName(profileId: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.\d+Z$/, '');
  return `loandesk-${profileId.slice(0, 8)}-${stamp}${BACKUP_EXTENSION}`;
}

export interface BackupFileInfo {
  file: string;
  name: string;
  bytes: number;
  createdAt: string | null;
  profileId: string | null;
  organisation: string | null;
  businessDate: string | null;
  hasPassphraseKey: boolean;
  readable: boolean;
}

/** The manifest of a backup file without reading (or checking) the snapshot. */
export function peekManifest(file: string): BackupManifest | null {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(BACKUP_MAGIC.length + 4);
    if (readSync(fd, head, 0, head.length, 0) !== head.length) return null;
    if (!head.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) return null;
    const length = head.readUInt32BE(BACKUP_MAGIC.length);
    if (length > 1024 * 1024) return null;
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, head.length);
    return JSON.parse(json.toString('utf8')) as BackupManifest;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Backup files in a folder, newest first. */
export function listBackups(folder: string): BackupFileInfo[] {
  if (!folder || !existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.endsWith(BACKUP_EXTENSION))
    .map((name) => {
      const file = join(folder, name);
      const manifest = peekManifest(file);
      return {
        file,
        name,
        bytes: statSync(file).size,
        createdAt: manifest?.createdAt ?? null,
        profileId: manifest?.profileId ?? null,
        organisation: manifest?.organisation ?? null,
        businessDate: manifest?.businessDate ?? null,
        hasPassphraseKey: Boolean(manifest?.wrappedKey),
        readable: manifest !== null,
      };
    })
    .sort((a, b) => (b.createdAt ?? b.name).localeCompare(a.createdAt ?? a.name));
}

/** Deletes this profile's oldest backups in the folder beyond `keep`. */
export function pruneBackups(folder: string, profileId: string, keep: number): string[] {
  const ours = listBackups(folder).filter((b) => b.profileId === profileId);
  const removed: string[] = [];
  for (const old of ours.slice(keep)) {
    rmSync(old.file, { force: true });
    removed.push(old.file);
  }
  return removed;
}

/** Checks a backup file completely (every byte) and answers its manifest. */
export function verifyBackupFile(file: string): BackupManifest {
  if (!existsSync(file)) throw new DomainError('BACKUP_FILE_MISSING', { file });
  return decodeBackup(readFileSync(file)).manifest;
}

/** Makes a backup into the folder, prunes old generations and records the run
 *  (a failure is recorded too, for the health page, and then rethrown). */
export function backupIntoFolder(
  source: BackupSource,
  options: { folder: string; keep: number; kind: 'scheduled' | 'manual'; actorId: string | null },
): BackupResult & { pruned: string[] } {
  const record = (values: {
    file: string;
    bytes: number;
    sha256: string;
    durationMs: number;
    outcome: string;
    error?: string;
  }) =>
    source.db.$client
      .prepare(
        `INSERT INTO backup_runs (id, at, kind, file, bytes, sha256, duration_ms, outcome, error, actor_id)
         VALUES (@id, @at, @kind, @file, @bytes, @sha256, @durationMs, @outcome, @error, @actorId)`,
      )
      .run({
        id: randomUUID(),
        at: source.now.toISOString(),
        kind: options.kind,
        actorId: options.actorId,
        error: null,
        ...values,
      });
  if (!options.folder) throw new DomainError('BACKUP_FOLDER_UNSET');
  // Two backups within one second get -2, -3 … rather than one refusing the other.
  const name = backupFileName(source.profile.profileId, source.now);
  let file = join(options.folder, name);
  for (let n = 2; existsSync(file) && n < 100; n++)
    file = join(options.folder, name.replace(BACKUP_EXTENSION, `-${n}${BACKUP_EXTENSION}`));
  try {
    const result = createBackup(source, file);
    const pruned = pruneBackups(options.folder, source.profile.profileId, options.keep);
    record({ file, bytes: result.bytes, sha256: result.sha256, durationMs: result.durationMs, outcome: 'ok' });
    return { ...result, pruned };
  } catch (e) {
    const code = e instanceof DomainError ? e.code : 'INTERNAL';
    record({ file, bytes: 0, sha256: '', durationMs: 0, outcome: 'failed', error: code });
    throw e;
  }
}
