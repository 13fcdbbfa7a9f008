/** A profile is one folder: profile.json (ids, how the key is kept) and the
 *  encrypted database. Opening it yields the database or a state the window
 *  shows (set a passphrase, enter the passphrase, or a key error). */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase, type LocalDb } from '../db/connection';
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
  | { kind: 'error'; code: string };

export const DB_FILE = 'loandesk.db';
export const PROFILE_FILE = 'profile.json';

export function readProfile(home: string): ProfileFile | null {
  const file = join(home, PROFILE_FILE);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as ProfileFile;
}

export function writeProfile(home: string, profile: ProfileFile): void {
  mkdirSync(home, { recursive: true });
  const tmp = join(home, `${PROFILE_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(profile, null, 2), { mode: 0o600 });
  renameSync(tmp, join(home, PROFILE_FILE));
}

function openWithKey(home: string, profile: ProfileFile, key: Buffer, isNew: boolean): VaultState {
  try {
    const db = openDatabase(join(home, DB_FILE), key, { mustExist: !isNew });
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
export async function openProfile(home: string, keychain: Keychain | null, passphrase?: string): Promise<VaultState> {
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
    return openWithKey(home, profile, key, false);
  }
  if (!passphrase) return { kind: 'needsPassphrase' };
  return unlockWithPassphrase(home, passphrase);
}

export function createWithPassphrase(home: string, passphrase: string): VaultState {
  if (readProfile(home)) throw new DomainError('PROFILE_EXISTS');
  const profile = newProfile('passphrase');
  const key = randomBytes(32);
  profile.wrappedKey = wrapKey(key, passphrase);
  writeProfile(home, profile);
  return openWithKey(home, profile, key, true);
}

export function unlockWithPassphrase(home: string, passphrase: string): VaultState {
  const profile = readProfile(home);
  if (!profile?.wrappedKey) return { kind: 'error', code: 'DB_PROFILE_MISSING' };
  let key: Buffer;
  try {
    key = unwrapKey(profile.wrappedKey, passphrase);
  } catch (e) {
    if (isDomainError(e)) return { kind: 'needsPassphrase', error: e.code };
    throw e;
  }
  return openWithKey(home, profile, key, false);
}
