/** A profile is one folder: profile.json (ids, how the key is kept) and the
 *  encrypted database. Opening it yields the database or a state the window
 *  shows (set a passphrase, enter the passphrase, or a key error). */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type LocalDb } from '../db/connection';
import { markNewFormat, needsUpgrade, upgradeLegacyLog } from '../events/upgrade';
import { unwrapKey, wrapKey, type WrappedKey } from './keywrap';
import type { Keychain } from './keychain';
import { DomainError, isDomainError } from '../../core/errors';

export interface ProfileFile {
  formatVersion: 1;
  profileId: string;
  deviceId: string;
  createdAt: string;
  keyStorage: 'keychain' | 'passphrase';
  wrappedKey?: WrappedKey;
}

export type VaultState =
  | { kind: 'ready'; db: LocalDb; profile: ProfileFile; key: Buffer }
  | { kind: 'needsNewPassphrase' }
  | { kind: 'needsPassphrase'; error?: string }
  | { kind: 'error'; code: string; details?: Record<string, unknown> };

/** 'read' opens the database read-only (CLI reports beside a running app). */
export type ProfileAccess = 'write' | 'read';

export const DB_FILE = 'loandesk.db';
export const PROFILE_FILE = 'profile.json';

export function readProfile(home: string): ProfileFile | null {
  const file = join(home, PROFILE_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as ProfileFile;
}

/** The profile folder is the owner's only (0700); files in it are 0600. */
export const PROFILE_DIR_MODE = 0o700;

/** Creates the profile folder owner-only, or makes an existing one so. */
export function secureProfileFolder(home: string): void {
  mkdirSync(home, { recursive: true, mode: PROFILE_DIR_MODE });
  if (process.platform === 'win32') return;
  chmodSync(home, PROFILE_DIR_MODE);
  const profileFile = join(home, PROFILE_FILE);
  if (existsSync(profileFile)) chmodSync(profileFile, 0o600);
}

export function writeProfile(home: string, profile: ProfileFile): void {
  secureProfileFolder(home);
  const tmp = join(home, `${PROFILE_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(profile, null, 2), { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(tmp, 0o600);
  renameSync(tmp, join(home, PROFILE_FILE));
}

function openWithKey(
  home: string,
  profile: ProfileFile,
  key: Buffer,
  isNew: boolean,
  access: ProfileAccess = 'write',
): VaultState {
  try {
    const db = openDatabase(join(home, DB_FILE), key, { mustExist: !isNew, readonly: access === 'read' });
    // A profile of the release before the event log is re-logged and rebuilt once.
    if (access === 'read' && needsUpgrade(db)) {
      db.$client.close();
      throw new DomainError('DB_SCHEMA_OUTDATED', { reason: 'eventlog' });
    }
    // Tables of an earlier format of the log are rebuilt by whoever opened it
    // (formatRebuildDue): the app with its progress on the screen, the command line
    // before its command.
    if (access === 'write') {
      const at = new Date().toISOString();
      upgradeLegacyLog(db, profile.deviceId, at);
      markNewFormat(db, at);
    }
    return { kind: 'ready', db, profile, key };
  } catch (e) {
    if (isDomainError(e)) return { kind: 'error', code: e.code };
    throw e;
  }
}

function newProfile(keyStorage: ProfileFile['keyStorage']): ProfileFile {
  return {
    formatVersion: 1,
    profileId: randomUUID(),
    deviceId: randomUUID(),
    createdAt: new Date().toISOString(),
    keyStorage,
  };
}

/** Opens (or, on first start, creates) the profile in `home`. The passphrase
 *  comes from the caller (LOANDESK_PASSPHRASE for headless use). */
export async function openProfile(
  home: string,
  keychain: Keychain | null,
  passphrase?: string,
  access: ProfileAccess = 'write',
): Promise<VaultState> {
  if (existsSync(home)) secureProfileFolder(home);
  const profile = readProfile(home);
  if (!profile) {
    if (existsSync(join(home, DB_FILE))) return { kind: 'error', code: 'DB_PROFILE_MISSING' };
    if (keychain) {
      const created = newProfile('keychain');
      const key = randomBytes(32);
      try {
        await keychain.setKey(created.profileId, key);
        writeProfile(home, created);
        return openWithKey(home, created, key, true);
      } catch {
        // The keychain answered the probe but refused to keep the key: fall through.
      }
    }
    if (passphrase) return createWithPassphrase(home, passphrase);
    return { kind: 'needsNewPassphrase' };
  }
  if (profile.keyStorage === 'keychain') {
    if (!keychain) return { kind: 'error', code: 'KEYCHAIN_UNAVAILABLE' };
    const key = await keychain.getKey(profile.profileId).catch(() => null);
    if (!key) return { kind: 'error', code: 'DB_KEY_MISSING' };
    return openWithKey(home, profile, key, false, access);
  }
  if (!passphrase) return { kind: 'needsPassphrase' };
  return unlockWithPassphrase(home, passphrase, access);
}

export async function createWithPassphrase(home: string, passphrase: string): Promise<VaultState> {
  if (readProfile(home)) throw new DomainError('PROFILE_EXISTS');
  const profile = newProfile('passphrase');
  const key = randomBytes(32);
  profile.wrappedKey = await wrapKey(key, passphrase);
  if (readProfile(home)) throw new DomainError('PROFILE_EXISTS');
  writeProfile(home, profile);
  return openWithKey(home, profile, key, true);
}

export async function unlockWithPassphrase(
  home: string,
  passphrase: string,
  access: ProfileAccess = 'write',
): Promise<VaultState> {
  const profile = readProfile(home);
  if (!profile?.wrappedKey) return { kind: 'error', code: 'DB_PROFILE_MISSING' };
  let key: Buffer;
  try {
    key = await unwrapKey(profile.wrappedKey, passphrase);
  } catch (e) {
    if (isDomainError(e)) return { kind: 'needsPassphrase', error: e.code };
    throw e;
  }
  return openWithKey(home, profile, key, false, access);
}
