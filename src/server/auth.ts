/** Device credentials: a device proves it holds its private key by signing a
 *  one-time server nonce, and gets a short-lived bearer token. Nonces and tokens live
 *  in the database (hashed), so any server instance accepts them; a revoked device
 *  is refused at its next call. */
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import { DomainError } from '../core/errors';
import { challengeText } from '../contract/sync/protocol';
import type { ServerDb } from './db';
import { authNonces, devices, deviceTokens } from './schema';

export const TOKEN_TTL_MS = 60 * 60_000;
const NONCE_TTL_MS = 2 * 60_000;

export type DeviceRow = typeof devices.$inferSelect;

export function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

export function verifySignature(publicKeyB64: string, text: string, signatureB64: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(text), key, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

export async function issueNonce(db: ServerDb, deviceId: string): Promise<string> {
  const nonce = randomBytes(24).toString('hex');
  await db.delete(authNonces).where(lt(authNonces.expiresAt, new Date()));
  await db.insert(authNonces).values({ nonce, deviceId, expiresAt: new Date(Date.now() + NONCE_TTL_MS) });
  return nonce;
}

export async function issueToken(db: ServerDb, deviceId: string): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS);
  await db.delete(deviceTokens).where(lt(deviceTokens.expiresAt, new Date()));
  await db.insert(deviceTokens).values({ tokenHash: sha256Hex(token), deviceId, expiresAt });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** A token for a device that signed its nonce; DEVICE_AUTH_FAILED otherwise. */
export async function tokenForSignature(
  db: ServerDb,
  deviceId: string,
  nonce: string,
  signature: string,
): Promise<{ token: string; expiresAt: string }> {
  const used = await db
    .delete(authNonces)
    .where(and(eq(authNonces.nonce, nonce), eq(authNonces.deviceId, deviceId), gt(authNonces.expiresAt, new Date())))
    .returning();
  const device = (await db.select().from(devices).where(eq(devices.id, deviceId)))[0];
  if (used.length === 0 || !device || !verifySignature(device.publicKey, challengeText(deviceId, nonce), signature))
    throw new DomainError('DEVICE_AUTH_FAILED');
  if (device.revokedAt) throw new DomainError('DEVICE_REVOKED');
  return issueToken(db, deviceId);
}

/** The device behind a bearer token: NOT_AUTHENTICATED, or DEVICE_REVOKED. */
export async function deviceOfToken(db: ServerDb, authorization: string | undefined): Promise<DeviceRow> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : null;
  if (!token) throw new DomainError('NOT_AUTHENTICATED');
  const row = (
    await db
      .select({ device: devices })
      .from(deviceTokens)
      .innerJoin(devices, eq(devices.id, deviceTokens.deviceId))
      .where(and(eq(deviceTokens.tokenHash, sha256Hex(token)), gt(deviceTokens.expiresAt, new Date())))
  )[0];
  if (!row) throw new DomainError('NOT_AUTHENTICATED');
  if (row.device.revokedAt) throw new DomainError('DEVICE_REVOKED');
  return row.device;
}
