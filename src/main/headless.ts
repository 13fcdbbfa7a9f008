/** Opens the profile without a window (CLI, batch jobs): the OS keychain when it
 *  answers, else LOANDESK_PASSPHRASE. Refuses to create a profile. A command that
 *  writes takes the profile lock (PROFILE_IN_USE while another LoanDesk holds it);
 *  a command that only reads opens the database read-only, beside a running app. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, isDomainError } from '../core/errors';
import { openKeychain } from './security/keychain';
import { openProfile, type ProfileAccess, type ProfileFile, type VaultState } from './security/profile';
import { openProfileLocked } from './security/profileLock';
import { profileHome } from './paths';
import type { LocalDb } from './db/connection';
import { formatRebuildDue, rebuildFormat } from './events/upgrade';
import type { RebuildProgress } from './events/rebuild';

export interface HeadlessProfile {
  db: LocalDb;
  home: string;
  deviceId: string;
  profile: ProfileFile;
  /** The database key (a backup copies it, wrapped). */
  key: Buffer;
  access: ProfileAccess;
  /** Closes the database and releases the profile lock. */
  close: () => void;
}

/** The format rebuild's progress, a line for every tenth of the log, where a person watches. */
function progressOnStderr(env: NodeJS.ProcessEnv): ((p: RebuildProgress) => void) | undefined {
  if (!process.stderr.isTTY || env.CI) return undefined;
  let shown = -1;
  return ({ done, total }) => {
    const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
    if (tenth === shown) return;
    shown = tenth;
    process.stderr.write(
      `upgrading the local database: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events\n`,
    );
  };
}

function readyOrThrow(state: VaultState, home: string): Extract<VaultState, { kind: 'ready' }> {
  switch (state.kind) {
    case 'ready':
      return state;
    case 'needsPassphrase':
      throw new DomainError(
        state.error ?? 'PASSPHRASE_REQUIRED',
        {},
        state.error ? 'wrong passphrase' : 'set LOANDESK_PASSPHRASE',
      );
    case 'needsNewPassphrase':
      throw new DomainError('PROFILE_NOT_FOUND', { home });
    case 'error':
      throw new DomainError(state.code, state.details ?? {});
  }
}

async function open(env: NodeJS.ProcessEnv, home: string, access: ProfileAccess): Promise<HeadlessProfile> {
  const keychain = await openKeychain(env);
  const openIt = () => openProfile(home, keychain, env.LOANDESK_PASSPHRASE, access);
  if (access === 'read') {
    const state = readyOrThrow(await openIt(), home);
    return {
      db: state.db,
      home,
      deviceId: state.profile.deviceId,
      profile: state.profile,
      key: state.key,
      access,
      close: () => state.db.$client.close(),
    };
  }
  const opened = await openProfileLocked(home, 'cli', openIt);
  let state: Extract<VaultState, { kind: 'ready' }>;
  try {
    state = readyOrThrow(opened.vault, home);
    if (formatRebuildDue(state.db)) {
      const db = state.db;
      try {
        rebuildFormat(db, new Date().toISOString(), progressOnStderr(env));
      } catch (e) {
        db.$client.close();
        throw e;
      }
    }
  } catch (e) {
    opened.release();
    throw e;
  }
  const close = () => {
    state.db.$client.close();
    opened.release();
  };
  return {
    db: state.db,
    home,
    deviceId: state.profile.deviceId,
    profile: state.profile,
    key: state.key,
    access,
    close,
  };
}

export async function openHeadless(env: NodeJS.ProcessEnv, access: ProfileAccess): Promise<HeadlessProfile> {
  const home = profileHome(env);
  if (!existsSync(join(home, 'profile.json')))
    throw new DomainError('PROFILE_NOT_FOUND', { home }, `no LoanDesk profile in ${home}`);
  try {
    return await open(env, home, access);
  } catch (e) {
    // A read-only connection cannot migrate: when nobody holds the profile, upgrade it
    // under the lock, then read. Beside a running older app the refusal stands.
    if (access !== 'read' || !isDomainError(e) || e.code !== 'DB_SCHEMA_OUTDATED') throw e;
    let upgrade: HeadlessProfile;
    try {
      upgrade = await open(env, home, 'write');
    } catch (lockError) {
      if (isDomainError(lockError) && lockError.code === 'PROFILE_IN_USE') throw e;
      throw lockError;
    }
    upgrade.close();
    return open(env, home, 'read');
  }
}
