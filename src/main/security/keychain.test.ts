import { keychainFrom, openKeychain } from './keychain';
import { startApp, type TestApp } from '../../../tests/support/app';

/** An in-memory stand-in for the OS keychain (the true external edge). */
function fakeKeytar(opts: { drop?: boolean; hang?: boolean } = {}) {
  const store = new Map<string, string>();
  return {
    store,
    getPassword: (s: string, a: string) =>
      opts.hang ? new Promise<string | null>(() => undefined) : Promise.resolve(store.get(`${s}/${a}`) ?? null),
    setPassword: async (s: string, a: string, p: string) => {
      if (!opts.drop) store.set(`${s}/${a}`, p);
    },
  };
}

describe('keychain adapter', () => {
  it('stores the key as hex and reads it back', async () => {
    const keytar = fakeKeytar();
    const keychain = keychainFrom(keytar);
    const key = Buffer.alloc(32, 0xab);
    await keychain.setKey('p1', key);
    expect(keytar.store.get('LoanDesk/p1')).toBe('ab'.repeat(32));
    expect((await keychain.getKey('p1'))?.equals(key)).toBe(true);
  });
  it('refuses a keychain that does not keep what it was given', async () => {
    await expect(keychainFrom(fakeKeytar({ drop: true })).setKey('p1', Buffer.alloc(32))).rejects.toThrow(
      /did not keep/,
    );
  });
  it('gives up on a keychain that never answers', async () => {
    vi.useFakeTimers();
    const pending = keychainFrom(fakeKeytar({ hang: true })).getKey('p1');
    const assertion = expect(pending).rejects.toThrow(/timeout/);
    await vi.advanceTimersByTimeAsync(5_000);
    await assertion;
    vi.useRealTimers();
  });
  it('is skipped when LOANDESK_NO_KEYCHAIN=1', async () => {
    expect(await openKeychain({ LOANDESK_NO_KEYCHAIN: '1' })).toBeNull();
  });
});

// `npm test` runs this inside dbus-run-session with an unlocked gnome-keyring and
// sets LOANDESK_REAL_KEYCHAIN=1; there the real keychain must work.
describe.runIf(process.env.LOANDESK_REAL_KEYCHAIN === '1')('the real OS keychain (gnome-keyring via keytar)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    const profileId =
      t?.app.vault().kind === 'ready'
        ? (t.app.vault() as { profile: { profileId: string } }).profile.profileId
        : undefined;
    t?.cleanup();
    if (profileId) {
      const keytar = (
        (await import('keytar')) as unknown as {
          default: { deletePassword: (s: string, a: string) => Promise<boolean> };
        }
      ).default;
      await keytar.deletePassword('LoanDesk', profileId);
    }
  });

  it('keeps a new profile key in the keychain and reopens the database with it', async () => {
    const keychain = await openKeychain({});
    expect(keychain).not.toBeNull();
    t = await startApp({ keychain, passphrase: undefined });
    expect((await t.call('app.status')).vault).toBe('ready');
    await t.call('setup.createDemo', {});
    const vault = t.app.vault();
    if (vault.kind !== 'ready') throw new Error('not ready');
    const stored = await keychain!.getKey(vault.profile.profileId);
    expect(stored?.length).toBe(32);
    t.app.close();
    const again = await startApp({ home: t.home, keychain, passphrase: undefined });
    expect((await again.call('app.status')).organisation?.isDemo).toBe(true);
    t = again;
  });
});
