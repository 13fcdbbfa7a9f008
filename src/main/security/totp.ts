/** Optional TOTP second factor (RFC 6238, 30 s, 6 digits, ±1 step). */
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'LoanDesk';

function totpFor(secretB32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretB32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function totpEnrolment(secretB32: string, username: string): Promise<{ uri: string; qrDataUrl: string }> {
  const uri = totpFor(secretB32, username).toString();
  return { uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

export function checkTotp(secretB32: string, code: string, atMs: number = Date.now()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return totpFor(secretB32, 'x').validate({ token: code, timestamp: atMs, window: 1 }) !== null;
}

export function currentTotp(secretB32: string, atMs: number = Date.now()): string {
  return totpFor(secretB32, 'x').generate({ timestamp: atMs });
}
