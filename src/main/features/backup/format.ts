/** The backup file: one self-checking container around an encrypted snapshot.
 *
 *    "LOANDESK-BACKUP\n" (16 bytes) · manifest length (uint32 BE) · manifest (JSON,
 *    UTF-8) · database snapshot (SQLCipher, the profile's key) · SHA-256 of all
 *    the bytes before it (32 bytes)
 *
 *  The trailer catches a changed byte anywhere; the manifest's own SHA-256 of the
 *  snapshot catches a snapshot swapped under a rewritten trailer. Nothing in the
 *  file is readable without the database key, which the manifest may carry
 *  wrapped with the backup passphrase (scrypt + AES-256-GCM). */
import { createHash } from 'node:crypto';
import { DomainError } from '../../../core/errors';
import type { WrappedKey } from '../../security/keywrap';

export const BACKUP_MAGIC = Buffer.from('LOANDESK-BACKUP\n', 'ascii');
export const BACKUP_FORMAT = 1;
const LENGTH_BYTES = 4;
const HASH_BYTES = 32;
const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  profileId: string;
  deviceId: string;
  organisation: string | null;
  businessDate: string | null;
  /** Migrations applied to the snapshot: how many, and the last one's tag. */
  schema: { migrations: number; last: string | null };
  database: { bytes: number; sha256: string };
  /** The database key wrapped with the backup passphrase, when one is set. */
  wrappedKey: WrappedKey | null;
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function encodeBackup(manifest: Omit<BackupManifest, 'database'>, database: Buffer): Buffer {
  const full: BackupManifest = { ...manifest, database: { bytes: database.length, sha256: sha256(database) } };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(json.length);
  const body = Buffer.concat([BACKUP_MAGIC, length, json, database]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** Reads and checks a backup file's bytes: BACKUP_NOT_LOANDESK when it is not one,
 *  BACKUP_CORRUPTED (with what failed) when any byte differs from what was written. */
export function decodeBackup(file: Buffer): { manifest: BackupManifest; database: Buffer } {
  if (file.length < BACKUP_MAGIC.length || !file.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC))
    throw new DomainError('BACKUP_NOT_LOANDESK');
  if (file.length < BACKUP_MAGIC.length + LENGTH_BYTES + HASH_BYTES)
    throw new DomainError('BACKUP_CORRUPTED', { check: 'length' });
  const body = file.subarray(0, file.length - HASH_BYTES);
  const trailer = file.subarray(file.length - HASH_BYTES);
  if (!createHash('sha256').update(body).digest().equals(trailer))
    throw new DomainError('BACKUP_CORRUPTED', { check: 'checksum' });
  const length = body.readUInt32BE(BACKUP_MAGIC.length);
  const start = BACKUP_MAGIC.length + LENGTH_BYTES;
  if (length > MAX_MANIFEST_BYTES || start + length > body.length)
    throw new DomainError('BACKUP_CORRUPTED', { check: 'manifest' });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(body.subarray(start, start + length).toString('utf8')) as BackupManifest;
  } catch {
    throw new DomainError('BACKUP_CORRUPTED', { check: 'manifest' });
  }
  if (manifest.format !== BACKUP_FORMAT) throw new DomainError('BACKUP_FORMAT_UNKNOWN', { format: manifest.format });
  const database = body.subarray(start + length);
  if (database.length !== manifest.database?.bytes || sha256(database) !== manifest.database.sha256)
    throw new DomainError('BACKUP_CORRUPTED', { check: 'database' });
  return { manifest, database };
}
