/** Opening the profile in LOANDESK_HOME for a command that may create it (the demo
 *  seed, joining a company): as the app does, in the OS keychain when one answers,
 *  else wrapped with LOANDESK_PASSPHRASE. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../core/errors';
import type { LocalDb } from '../../main/db/connection';
import { openHeadless } from '../../main/headless';
import { profileHome } from '../../main/paths';
import { openKeychain } from '../../main/security/keychain';
import { openProfile } from '../../main/security/profile';
import { openProfileLocked } from '../../main/security/profileLock';

export async function openOrCreate(
  env: NodeJS.ProcessEnv,
): Promise<{ db: LocalDb; deviceId: string; created: boolean; close: () => void }> {
  const home = profileHome(env);
  if (existsSync(join(home, 'profile.json'))) return { ...(await openHeadless(env, 'write')), created: false };
  const keychain = await openKeychain(env);
  const { vault: state, release } = await openProfileLocked(home, 'cli', () =>
    openProfile(home, keychain, env.LOANDESK_PASSPHRASE || undefined),
  );
  if (state.kind === 'ready') {
    const close = () => {
      state.db.$client.close();
      release();
    };
    return { db: state.db, deviceId: state.profile.deviceId, created: true, close };
  }
  release();
  if (state.kind === 'needsNewPassphrase')
    throw new DomainError('PASSPHRASE_REQUIRED', {}, 'no keychain: set LOANDESK_PASSPHRASE to create the profile');
  if (state.kind === 'error') throw new DomainError(state.code, state.details ?? { home });
  throw new DomainError('PROFILE_NOT_FOUND', { home });
}
