/** Password hashes: scrypt (N=2^15, r=8, p=1), encoded as
 *  `scrypt$N$r$p$salt$hash` so parameters can rise without breaking old hashes. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../core/errors';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;
const MAX_MEM_BYTES = 64 * 1024 * 1024;
export const MIN_PASSWORD_LENGTH = 8;

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LEN, { N, r, p, maxmem: MAX_MEM_BYTES }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** A hash with the same parameters as every real one, of no password: checking a
 *  login of an unknown user against it costs what checking a real user costs. */
export const DUMMY_PASSWORD_HASH = [
  'scrypt',
  PARAMS.N,
  PARAMS.r,
  PARAMS.p,
  randomBytes(16).toString('base64'),
  randomBytes(KEY_LEN).toString('base64'),
].join('$');

/** Rejects passwords too short or without both letters and digits. */
export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || !/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    throw new DomainError('PASSWORD_POLICY', { min: MIN_PASSWORD_LENGTH });
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS.N, PARAMS.r, PARAMS.p);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64] = encoded.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, 'base64');
  const actual = await derive(password, Buffer.from(saltB64, 'base64'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
