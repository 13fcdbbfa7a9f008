/** The payoff certificate's verification code (结清证明校验码): an HMAC-SHA256 of
 *  what the certificate states, under a key only the company holds, cut to 80 bits
 *  and written in Crockford base32 (no I, L, O, U) as four groups of four. A
 *  certificate someone made up, or one whose loan, date or amount was changed, does
 *  not carry the code of what it says. WebCrypto (`crypto.subtle`) does the MAC, so
 *  the same code is computed by the desktop, the browser and the tests. */

/** What the code covers. The branch that checks types the first three from the
 *  paper; the customer and the amount lent come from its own record of the loan. */
export interface CertificateContent {
  loanNumber: string;
  /** The payoff date (the loan's closed-on date). */
  closedOn: string;
  /** Everything the customer repaid on the loan, reversed repayments excluded. */
  repaidFen: number;
  customerNumber: string;
  principalFen: number;
}

/** The layout version of the covered text; a new layout gets a new tag. */
export const CERTIFICATE_FORMAT = 'LDPC1';
const CODE_BYTES = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The exact text the MAC is taken over, one field a line. */
export function certificateMessage(c: CertificateContent): string {
  return [
    CERTIFICATE_FORMAT,
    `loan:${c.loanNumber.trim().toUpperCase()}`,
    `closed:${c.closedOn}`,
    `repaid:${c.repaidFen}`,
    `customer:${c.customerNumber.trim().toUpperCase()}`,
    `principal:${c.principalFen}`,
  ].join('\n');
}

export async function hmacSha256(key: Uint8Array, message: string): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', key as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, new TextEncoder().encode(message)));
}

/** 80 bits as 16 Crockford base32 characters. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** The code printed on the certificate: "7KQ2-9XMD-0RT4-HB3W". */
export async function certificateCode(key: Uint8Array, content: CertificateContent): Promise<string> {
  const mac = await hmacSha256(key, certificateMessage(content));
  return (base32(mac.slice(0, CODE_BYTES)).match(/.{4}/g) ?? []).join('-');
}

/** A typed code as the alphabet has it: case, spaces and dashes ignored, and the
 *  letters people confuse with digits read as those digits (O → 0, I and L → 1). */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Whether `code` is the code of `content` under one of the company's keys. */
export async function verifyCertificateCode(
  keys: readonly Uint8Array[],
  content: CertificateContent,
  code: string,
): Promise<boolean> {
  const typed = normalizeCode(code);
  let match = false;
  for (const key of keys) {
    const expected = (await certificateCode(key, content)).replace(/-/g, '');
    // Compared in full whatever the first difference, so timing says nothing.
    let diff = expected.length ^ typed.length;
    for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ (typed.charCodeAt(i) || 0);
    match ||= diff === 0;
  }
  return match;
}
