/** Sensitive payload fields between desktops and the server: sealed with the
 *  organisation data key (AES-256-GCM, a fresh nonce each) before an event leaves a
 *  desktop, opened when one arrives; the resident ID also travels as a keyed hash
 *  (HMAC) for the server's duplicate check. The server never holds the key. */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { DomainError } from '../../../core/errors';
import { EVENTS, SEALED_PREFIX, isEventType, type EventEnvelope } from '../../../contract/events';
import type { TransitEvent, WrappedDataKey } from '../../../contract/sync/protocol';

const NONCE_BYTES = 12;

function getPath(obj: Record<string, unknown>, path: string): { parent: Record<string, unknown>; key: string } | null {
  const parts = path.split('.');
  let parent: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) {
    const next = parent[p];
    if (!next || typeof next !== 'object') return null;
    parent = next as Record<string, unknown>;
  }
  return { parent, key: parts.at(-1)! };
}

export function sealValue(dataKey: Buffer, value: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${Buffer.concat([nonce, cipher.getAuthTag(), data]).toString('base64')}`;
}

export function openValue(dataKey: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, raw.subarray(0, NONCE_BYTES));
    decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + 16));
    return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES + 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new DomainError('EVENT_INVALID', { reason: 'sealed field does not open' });
  }
}

/** The keyed hash the server compares identifiers by. */
export function identityHash(dataKey: Buffer, kind: string, value: string): string {
  return createHmac('sha256', dataKey).update(`${kind}:${value.toUpperCase()}`).digest('hex');
}

/** The event as it travels: its sensitive fields sealed, keyed hashes added. */
export function sealEvent(dataKey: Buffer, e: EventEnvelope): TransitEvent {
  const payload = JSON.parse(JSON.stringify(e.payload)) as Record<string, unknown>;
  const spec = EVENTS[e.type];
  for (const path of spec.hashed ?? []) {
    const at = getPath(payload, path);
    const value = at?.parent[at.key];
    if (typeof value === 'string') {
      const hashes = (payload.hashes ?? {}) as Record<string, string>;
      hashes[path] = identityHash(dataKey, path, value);
      payload.hashes = hashes;
    }
  }
  for (const path of spec.sealed ?? []) {
    const at = getPath(payload, path);
    const value = at?.parent[at.key];
    if (at && typeof value === 'string') at.parent[at.key] = sealValue(dataKey, value);
  }
  return { ...e, payload };
}

/** The event as a desktop keeps it: sealed fields opened, transit-only hashes dropped. */
export function openEvent(dataKey: Buffer, t: TransitEvent): TransitEvent {
  if (!isEventType(t.type)) return t;
  const payload = JSON.parse(JSON.stringify(t.payload)) as Record<string, unknown>;
  for (const path of EVENTS[t.type].sealed ?? []) {
    const at = getPath(payload, path);
    const value = at?.parent[at.key];
    if (at && typeof value === 'string' && value.startsWith(SEALED_PREFIX))
      at.parent[at.key] = openValue(dataKey, value);
  }
  delete payload.hashes;
  return { ...t, payload };
}

/** The data key wrapped under a key only an enrollment code gives (scrypt). */
export function wrapDataKey(dataKey: Buffer, code: string): WrappedDataKey {
  const salt = randomBytes(16);
  const key = scryptSync(normalisedCode(code), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const iv = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export function unwrapDataKey(wrapped: WrappedDataKey, code: string): Buffer {
  const key = scryptSync(normalisedCode(code), Buffer.from(wrapped.salt, 'base64'), 32, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
  } catch {
    throw new DomainError('ENROLLMENT_INVALID');
  }
}

/** The proof of the code the server checks (its hash is what it keeps): a key
 *  derived apart from the wrapping key, so the server learns nothing that unwraps. */
export function enrollmentAuthKey(code: string): string {
  return createHmac('sha256', 'loandesk-enrollment-auth:v1').update(normalisedCode(code)).digest('hex');
}

function normalisedCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}
