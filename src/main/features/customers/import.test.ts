import { checkSheet } from './import';
import { decodeCsv, parseCsv } from './sheet';
import { DomainError } from '../../../core/errors';

describe('CSV reading', () => {
  it('handles quotes, escaped quotes, line breaks in fields, CRLF, a BOM and blank lines', () => {
    const sheet = parseCsv('\uFEFFa,b\r\n"x, ""y""","line1\nline2"\r\n\r\n1,2\n', 10);
    expect(sheet.rows).toEqual([
      { row: 1, cells: [{ text: 'a' }, { text: 'b' }] },
      { row: 2, cells: [{ text: 'x, "y"' }, { text: 'line1\nline2' }] },
      { row: 5, cells: [{ text: '1' }, { text: '2' }] },
    ]);
  });

  it("reads GB18030 (Excel's CSV in China) when the bytes are not UTF-8", () => {
    expect(decodeCsv(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]))).toBe('张三');
    expect(decodeCsv(Buffer.from('张三', 'utf8'))).toBe('张三');
  });

  it('stops at the row limit instead of reading an unbounded file', () => {
    const text = ['h', ...Array.from({ length: 20 }, (_, i) => `r${i}`)].join('\n');
    expect(() => parseCsv(text, 5)).toThrow(DomainError);
    expect(() => checkSheet(parseCsv(text, 50), () => new Map(), 5)).toThrow(
      expect.objectContaining({ code: 'IMPORT_TOO_MANY_ROWS' }),
    );
  });
});
