/** Restore: a backup becomes a NEW profile folder, and only after it has been
 *  proven sound. The file is checked byte for byte (format.ts), its key found
 *  (the running profile's, or the one the backup carries wrapped with the backup
 *  passphrase), the snapshot checked by SQLite (integrity_check), upgraded to this
 *  release's schema, and its audit and journal hash chains and trial balance
 *  verified, all in a staging folder beside the target. The target appears only
 *  when every check passed; a refused backup leaves nothing behind. */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { openDatabase, openKeyed } from '../../db/connection';
import { DB_FILE, writeProfile, type ProfileFile } from '../../security/profile';
import { unwrapKey, wrapKey } from '../../security/keywrap';
import type { Keychain } from '../../security/keychain';
import { anchorAuditHead, verifyAuditChain } from '../../security/audit';
import { verifyJournal } from '../ledger/journal';
import { DomainError, isDomainError } from '../../../core/errors';
import { decodeBackup, type BackupManifest } from './format';
import { knownMigrations, schemaOf, writeBackupKey } from './backup';

export interface RestoreOptions {
  file: string;
  into: string;
  /** The running profile's database key, tried first. */
  currentKey?: Buffer | null;
  /** The backup passphrase, for a backup made under another key. */
  backupPassphrase?: string;
  /** Wraps the new profile's key when no keychain keeps it (default: the backup passphrase). */
  newPassphrase?: string;
  keychain: Keychain | null;
  now: Date;
}

export interface RestoreReport {
  verified: true;
  into: string;
  profileId: string;
  createdAt: string;
  organisation: string | null;
  businessDate: string | null;
  keyFrom: 'currentProfile' | 'backupPassphrase';
  keyStorage: ProfileFile['keyStorage'];
  migrations: { inBackup: number; afterRestore: number };
  checks: {
    integrity: 'ok';
    auditRecords: number;
    journalEntries: number;
    trialBalance: { debitFen: number; creditFen: number; balanced: true };
    loanLedger: { principalFen: number; control1303Fen: number; agrees: true };
  };
}

/** Backup refusals (exit 2 in the CLI): the file itself, or its key. */
export const BACKUP_REFUSAL_CODES = [
  'BACKUP_FILE_MISSING',
  'BACKUP_NOT_LOANDESK',
  'BACKUP_CORRUPTED',
  'BACKUP_FORMAT_UNKNOWN',
  'BACKUP_SCHEMA_NEWER',
  'BACKUP_KEY_FOREIGN',
  'BACKUP_PASSPHRASE_WRONG',
] as const;

function targetUsable(into: string): void {
  if (!isAbsolute(into)) throw new DomainError('RESTORE_TARGET_INVALID', { into });
  if (!existsSync(into)) return;
  if (!statSync(into).isDirectory() || readdirSync(into).length > 0)
    throw new DomainError('RESTORE_TARGET_NOT_EMPTY', { into });
}

/** Finds the key that opens the snapshot at `file`. */
async function keyFor(
  file: string,
  manifest: BackupManifest,
  options: RestoreOptions,
): Promise<{ key: Buffer; from: RestoreReport['keyFrom'] }> {
  const opens = (key: Buffer): boolean => {
    try {
      openKeyed(file, key).close();
      return true;
    } catch (e) {
      if (isDomainError(e) && e.code === 'DB_KEY_INVALID') return false;
      throw new DomainError('BACKUP_CORRUPTED', { check: 'database' });
    }
  };
  if (options.currentKey && opens(options.currentKey)) return { key: options.currentKey, from: 'currentProfile' };
  if (!manifest.wrappedKey) throw new DomainError('BACKUP_KEY_FOREIGN', { passphraseKey: false });
  if (!options.backupPassphrase) throw new DomainError('BACKUP_KEY_FOREIGN', { passphraseKey: true });
  let key: Buffer;
  try {
    key = await unwrapKey(manifest.wrappedKey, options.backupPassphrase);
  } catch {
    throw new DomainError('BACKUP_PASSPHRASE_WRONG');
  }
  if (!opens(key)) throw new DomainError('BACKUP_KEY_FOREIGN', { passphraseKey: true });
  return { key, from: 'backupPassphrase' };
}

function verifySnapshot(file: string, key: Buffer): RestoreReport['checks'] & { migrations: number } {
  const raw = openKeyed(file, key);
  try {
    const integrity = raw.pragma('integrity_check') as Array<{ integrity_check: string }>;
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok')
      throw new DomainError('RESTORE_INTEGRITY_FAILED', { first: integrity[0]?.integrity_check ?? '' });
  } finally {
    raw.close();
  }
  // Opening applies this release's migrations to the staged copy.
  const db = openDatabase(file, key, { mustExist: true });
  try {
    // The chain itself must verify; its anchor is the live profile's, not the copy's.
    const audit = verifyAuditChain(db);
    if (audit.firstBroken || audit.gaps.length > 0)
      throw new DomainError('RESTORE_AUDIT_CHAIN_BROKEN', { seq: audit.firstBroken?.seq ?? audit.gaps[0]?.[0] ?? 0 });
    anchorAuditHead(db);
    const journal = verifyJournal(db);
    if (!journal.ok) throw new DomainError('RESTORE_JOURNAL_CHAIN_BROKEN', { seq: journal.firstBroken?.seq ?? 0 });
    const tb = db.$client
      .prepare(
        'SELECT coalesce(sum(debit_fen), 0) AS debitFen, coalesce(sum(credit_fen), 0) AS creditFen FROM journal_lines',
      )
      .get() as { debitFen: number; creditFen: number };
    if (tb.debitFen !== tb.creditFen) throw new DomainError('RESTORE_TRIAL_BALANCE_UNBALANCED', { ...tb });
    const ledger = db.$client
      .prepare(
        `SELECT (SELECT coalesce(sum(outstanding_principal_fen), 0) FROM loans WHERE status IN ('active', 'closed')) AS principalFen,
           (SELECT coalesce(sum(debit_fen - credit_fen), 0) FROM journal_lines WHERE account_code LIKE '1303%') AS control1303Fen`,
      )
      .get() as { principalFen: number; control1303Fen: number };
    if (ledger.principalFen !== ledger.control1303Fen) throw new DomainError('RESTORE_LEDGER_DIFFERS', { ...ledger });
    return {
      integrity: 'ok',
      auditRecords: audit.checked,
      journalEntries: journal.checked,
      trialBalance: { ...tb, balanced: true },
      loanLedger: { ...ledger, agrees: true },
      migrations: schemaOf(db.$client).migrations,
    };
  } finally {
    db.$client.close();
  }
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  if (!existsSync(options.file)) throw new DomainError('BACKUP_FILE_MISSING', { file: options.file });
  const { manifest, database } = decodeBackup(readFileSync(options.file));
  targetUsable(options.into);
  if (manifest.schema.migrations > knownMigrations().length)
    throw new DomainError('BACKUP_SCHEMA_NEWER', {
      migrations: manifest.schema.migrations,
      known: knownMigrations().length,
    });
  const staging = join(dirname(options.into), `.${basename(options.into)}.restoring-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging, { recursive: true, mode: 0o700 });
  try {
    const dbFile = join(staging, DB_FILE);
    writeFileSync(dbFile, database, { mode: 0o600 });
    const { key, from } = await keyFor(dbFile, manifest, options);
    const checks = verifySnapshot(dbFile, key);
    const profile: ProfileFile = {
      formatVersion: 1,
      profileId: manifest.profileId,
      deviceId: manifest.deviceId,
      createdAt: options.now.toISOString(),
      keyStorage: 'passphrase',
    };
    let stored = false;
    if (options.keychain) {
      try {
        const existing = await options.keychain.getKey(profile.profileId);
        if (existing && !existing.equals(key)) throw new DomainError('RESTORE_KEYCHAIN_CONFLICT');
        if (!existing) await options.keychain.setKey(profile.profileId, key);
        profile.keyStorage = 'keychain';
        stored = true;
      } catch (e) {
        if (isDomainError(e)) throw e;
      }
    }
    if (!stored) {
      const passphrase = options.newPassphrase ?? options.backupPassphrase;
      if (!passphrase) throw new DomainError('RESTORE_PASSPHRASE_REQUIRED');
      profile.wrappedKey = await wrapKey(key, passphrase);
    }
    writeProfile(staging, profile);
    if (manifest.wrappedKey) writeBackupKey(staging, manifest.wrappedKey);
    if (existsSync(options.into)) rmdirSync(options.into);
    renameSync(staging, options.into);
    return {
      verified: true,
      into: options.into,
      profileId: manifest.profileId,
      createdAt: manifest.createdAt,
      organisation: manifest.organisation,
      businessDate: manifest.businessDate,
      keyFrom: from,
      keyStorage: profile.keyStorage,
      migrations: { inBackup: manifest.schema.migrations, afterRestore: checks.migrations },
      checks: {
        integrity: checks.integrity,
        auditRecords: checks.auditRecords,
        journalEntries: checks.journalEntries,
        trialBalance: checks.trialBalance,
        loanLedger: checks.loanLedger,
      },
    };
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}
