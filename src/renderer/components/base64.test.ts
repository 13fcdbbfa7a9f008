// @vitest-environment jsdom
import { base64ToBytes, fileToBase64 } from './base64';

describe('base64 files', () => {
  it('round-trips every byte value, across the reader’s chunk boundary', async () => {
    const bytes = Uint8Array.from({ length: 0x8000 * 2 + 17 }, (_, i) => (i * 7 + (i >> 8)) % 256);
    const encoded = await fileToBase64(new Blob([bytes]));
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(encoded)).toEqual(bytes);
  });
  it('reads an empty file as an empty string', async () => {
    expect(await fileToBase64(new Blob([]))).toBe('');
  });
});
