/** Wraps the database key with a passphrase (scrypt -> AES-256-GCM) for machines
 *  without a reachable OS keychain. A wrong passphrase fails GCM authentication.
 *  scrypt runs on libuv's thread pool, so a try never blocks other API calls. */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { DomainError } from '../../core/errors';

export interface WrappedKey {
  kdf: 'scrypt';
  n: number;
  r: number;
  p: number;
  saltB64: string;
  ivB64: string;
  tagB64: string;
  dataB64: string;
}

const SCRYPT = { n: 2 ** 15, r: 8, p: 1 } as const;
const SCRYPT_MAX_MEM_BYTES = 64 * 1024 * 1024;
export const MIN_PASSPHRASE_LENGTH = 8;

function kek(passphrase: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: n, r, p, maxmem: SCRYPT_MAX_MEM_BYTES }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function wrapKey(key: Buffer, passphrase: string): Promise<WrappedKey> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new DomainError('PASSPHRASE_TOO_SHORT', { min: MIN_PASSPHRASE_LENGTH });
  }
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await kek(passphrase, salt, SCRYPT.n, SCRYPT.r, SCRYPT.p), iv);
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kdf: 'scrypt',
    ...SCRYPT,
    saltB64: salt.toString('base64'),
    ivB64: iv.toString('base64'),
    tagB64: cipher.getAuthTag().toString('base64'),
    dataB64: data.toString('base64'),
  };
}

export async function unwrapKey(wrapped: WrappedKey, passphrase: string): Promise<Buffer> {
  const key = await kek(passphrase, Buffer.from(wrapped.saltB64, 'base64'), wrapped.n, wrapped.r, wrapped.p);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(wrapped.ivB64, 'base64'));
  decipher.setAuthTag(Buffer.from(wrapped.tagB64, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(wrapped.dataB64, 'base64')), decipher.final()]);
  } catch {
    throw new DomainError('PASSPHRASE_WRONG');
  }
}
