/** The payoff certificate's verification code: HMAC-SHA256 per RFC 4231, a code
 *  that is a function of the content and the key, refused for any changed field,
 *  another key or a made-up code, and accepted as people type it. */
import {
  certificateCode,
  certificateMessage,
  hmacSha256,
  normalizeCode,
  verifyCertificateCode,
  type CertificateContent,
} from './certificate';

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
const key = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);
const otherKey = new Uint8Array(32).map((_, i) => (i * 53 + 7) & 0xff);
const content: CertificateContent = {
  loanNumber: 'L000123',
  closedOn: '2026-03-15',
  repaidFen: 31_234_56,
  customerNumber: 'C000045',
  principalFen: 30_000_00,
};

describe('the certificate verification code', () => {
  it('is HMAC-SHA256 (RFC 4231 test cases 1 and 2)', async () => {
    expect(hex(await hmacSha256(new Uint8Array(20).fill(0x0b), 'Hi There'))).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(hex(await hmacSha256(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('covers every field, one a line, under a versioned tag', () => {
    expect(certificateMessage({ ...content, loanNumber: ' l000123 ' })).toBe(
      'LDPC1\nloan:L000123\nclosed:2026-03-15\nrepaid:3123456\ncustomer:C000045\nprincipal:3000000',
    );
  });

  it('is four groups of four Crockford base32 characters, the same every time', async () => {
    const code = await certificateCode(key, content);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await certificateCode(key, { ...content })).toBe(code);
    expect(await verifyCertificateCode([key], content, code)).toBe(true);
  });

  it('fails for a changed field, another key, or a made-up code', async () => {
    const code = await certificateCode(key, content);
    const changed: CertificateContent[] = [
      { ...content, loanNumber: 'L000124' },
      { ...content, closedOn: '2026-03-16' },
      { ...content, repaidFen: content.repaidFen + 1 },
      { ...content, customerNumber: 'C000046' },
      { ...content, principalFen: 50_000_00 },
    ];
    for (const c of changed) {
      expect(await verifyCertificateCode([key], c, code)).toBe(false);
      expect(await certificateCode(key, c)).not.toBe(code);
    }
    expect(await verifyCertificateCode([otherKey], content, code)).toBe(false);
    expect(await verifyCertificateCode([key], content, '0000-0000-0000-0000')).toBe(false);
    expect(await verifyCertificateCode([key], content, code.slice(0, -1))).toBe(false);
    expect(await verifyCertificateCode([key], content, `${code}0`)).toBe(false);
    expect(await verifyCertificateCode([], content, code)).toBe(false);
  });

  it('accepts the code as typed: lower case, spaces, O for 0 and I or L for 1, under any of the keys', async () => {
    const code = await certificateCode(key, content);
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(normalizeCode(typed)).toBe(code.replace(/-/g, ''));
    expect(await verifyCertificateCode([otherKey, key], content, typed)).toBe(true);
  });
});
