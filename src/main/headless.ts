/** Opens the profile without a window (CLI, batch jobs): the OS keychain when it
 *  answers, else LOANDESK_PASSPHRASE. Refuses to create a profile. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../core/errors';
import { openKeychain } from './security/keychain';
import { openProfile, type ProfileFile } from './security/profile';
import { profileHome } from './paths';
import type { LocalDb } from './db/connection';

export async function openHeadless(
  env: NodeJS.ProcessEnv,
): Promise<{ db: LocalDb; home: string; deviceId: string; profile: ProfileFile; key: Buffer }> {
  const home = profileHome(env);
  if (!existsSync(join(home, 'profile.json')))
    throw new DomainError('PROFILE_NOT_FOUND', { home }, `no LoanDesk profile in ${home}`);
  const state = await openProfile(home, await openKeychain(env), env.LOANDESK_PASSPHRASE);
  switch (state.kind) {
    case 'ready':
      return { db: state.db, home, deviceId: state.profile.deviceId, profile: state.profile, key: state.key };
    case 'needsPassphrase':
      throw new DomainError(
        state.error ?? 'PASSPHRASE_REQUIRED',
        {},
        state.error ? 'wrong passphrase' : 'set LOANDESK_PASSPHRASE',
      );
    case 'needsNewPassphrase':
      throw new DomainError('PROFILE_NOT_FOUND', { home });
    case 'error':
      throw new DomainError(state.code);
  }
}
