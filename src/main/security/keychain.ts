/** The OS keychain through keytar (optional dependency). `openKeychain` answers
 *  null when keytar is not installed or no keychain service answers in time. */
const SERVICE = 'LoanDesk';
const PROBE_TIMEOUT_MS = 3000;

export interface Keychain {
  getKey(account: string): Promise<Buffer | null>;
  setKey(account: string, key: Buffer): Promise<void>;
}

interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('keychain timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function keychainFrom(keytar: KeytarLike): Keychain {
  return {
    async getKey(account) {
      const hex = await withTimeout(keytar.getPassword(SERVICE, account), PROBE_TIMEOUT_MS);
      return hex ? Buffer.from(hex, 'hex') : null;
    },
    async setKey(account, key) {
      await withTimeout(keytar.setPassword(SERVICE, account, key.toString('hex')), PROBE_TIMEOUT_MS);
      const back = await withTimeout(keytar.getPassword(SERVICE, account), PROBE_TIMEOUT_MS);
      if (back !== key.toString('hex')) throw new Error('keychain did not keep the key');
    },
  };
}

/** Loads keytar and checks that a keychain answers; LOANDESK_NO_KEYCHAIN=1 skips it. */
export async function openKeychain(env: NodeJS.ProcessEnv = process.env): Promise<Keychain | null> {
  if (env.LOANDESK_NO_KEYCHAIN === '1') return null;
  try {
    const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
    const keytar = mod.default ?? mod;
    await withTimeout(keytar.getPassword(SERVICE, '__probe__'), PROBE_TIMEOUT_MS);
    return keychainFrom(keytar);
  } catch {
    return null;
  }
}
