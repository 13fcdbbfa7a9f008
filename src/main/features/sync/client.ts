/** The desktop's HTTP client of the sync server: JSON over http (loopback) or https,
 *  an https certificate optionally pinned by its SHA-256 fingerprint, and the device's
 *  bearer token, renewed by signing a server nonce with the device's private key. */
import { createPrivateKey, sign } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { DomainError } from '../../../core/errors';
import { challengeText } from '../../../contract/sync/protocol';

export const REQUEST_TIMEOUT_MS = 60_000;

export interface ServerTarget {
  url: string;
  /** SHA-256 fingerprint of the server's certificate (hex, colons allowed). */
  pin?: string | null;
}

export interface DeviceCredential {
  deviceId: string;
  /** Ed25519 private key, PKCS#8 DER base64. */
  privateKey: string;
}

function normalisedPin(pin: string): string {
  return pin.replace(/[^0-9a-f]/gi, '').toUpperCase();
}

/** One request: the parsed JSON answer, or SERVER_UNREACHABLE / SERVER_REFUSED with
 *  the server's code. */
export async function request<T>(
  target: ServerTarget,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  token?: string,
  retried = false,
): Promise<T> {
  const url = new URL(path, target.url);
  const secure = url.protocol === 'https:';
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const options: https.RequestOptions = {
    method,
    hostname: url.hostname,
    port: url.port,
    path: `${url.pathname}${url.search}`,
    headers: {
      Accept: 'application/json',
      ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    timeout: REQUEST_TIMEOUT_MS,
    ...(secure && target.pin ? { rejectUnauthorized: false } : {}),
  };
  return new Promise<T>((resolve, reject) => {
    const req = (secure ? https : http).request(options, (res) => {
      if (secure && target.pin) {
        const cert = (res.socket as TLSSocket).getPeerCertificate();
        if (!cert?.fingerprint256 || normalisedPin(cert.fingerprint256) !== normalisedPin(target.pin)) {
          res.destroy();
          reject(new DomainError('SERVER_PIN_MISMATCH', { url: target.url }));
          return;
        }
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => reject(new DomainError('SERVER_UNREACHABLE', { url: target.url })));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          reject(new DomainError('SERVER_ANSWER_INVALID', { status: res.statusCode ?? 0 }));
          return;
        }
        if ((res.statusCode ?? 500) >= 400) {
          const e = parsed as { code?: string; details?: Record<string, unknown> };
          reject(new DomainError(e.code ?? 'SERVER_REFUSED', { ...(e.details ?? {}), status: res.statusCode }));
          return;
        }
        resolve(parsed as T);
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      // A kept-alive connection the other side had already closed: the request
      // never got there, so it is sent once more on a new connection.
      if (req.reusedSocket && !retried) resolve(request<T>(target, method, path, body, token, true));
      else reject(new DomainError('SERVER_UNREACHABLE', { url: target.url }));
    });
    if (payload) req.write(payload);
    req.end();
  });
}

/** A client bound to one device: it gets (and renews) the device's token itself. */
export function deviceClient(target: ServerTarget, credential: DeviceCredential) {
  let token: { value: string; expiresMs: number } | null = null;
  const authenticate = async () => {
    const { nonce } = await request<{ nonce: string }>(target, 'POST', '/v1/auth/challenge', {
      deviceId: credential.deviceId,
    });
    const key = createPrivateKey({ key: Buffer.from(credential.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    const signature = sign(null, Buffer.from(challengeText(credential.deviceId, nonce)), key).toString('base64');
    const issued = await request<{ token: string; expiresAt: string }>(target, 'POST', '/v1/auth/token', {
      deviceId: credential.deviceId,
      nonce,
      signature,
    });
    token = { value: issued.token, expiresMs: Date.parse(issued.expiresAt) - 60_000 };
  };
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> => {
    if (!token || Date.now() > token.expiresMs) await authenticate();
    try {
      return await request<T>(target, method, path, body, token!.value);
    } catch (e) {
      // A token the server forgot (restarted PGlite, expired): sign in once more.
      if (e instanceof DomainError && e.code === 'NOT_AUTHENTICATED') {
        await authenticate();
        return request<T>(target, method, path, body, token!.value);
      }
      throw e;
    }
  };
  return {
    call,
    useToken: (value: string, expiresAt: string) => (token = { value, expiresMs: Date.parse(expiresAt) - 60_000 }),
  };
}

export type DeviceClient = ReturnType<typeof deviceClient>;
