/** Hostile import files: a zip-bomb XLSX, a sheet of endless rows, a shared-strings
 *  bomb. Each is refused while it is read (in a worker thread), nothing is stored,
 *  and the API answers other calls meanwhile. */
import { demoApp, type TestApp } from '../support/app';
import { serveOverHttp } from '../support/http';
import { inlineRow, SHEET_HEAD, SHEET_TAIL, xlsx } from '../support/xlsx';
import { residentId } from '../support/lending';
import { MAX_IMPORT_BASE64_CHARS } from '../../src/main/features/customers/schemas';
import { MAX_IMPORT_UNZIPPED_BYTES } from '../../src/main/features/customers/xlsxStream';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const MB = 1024 * 1024;
/** 1 MB of empty rows: rows that hold nothing count against the size, not the rows. */
const EMPTY_ROWS = '<row/>'.repeat(MB / 6);

function importInput(file: Buffer) {
  const contentBase64 = file.toString('base64');
  expect(contentBase64.length).toBeLessThan(MAX_IMPORT_BASE64_CHARS);
  return { fileName: 'customers.xlsx', contentBase64, dryRun: true };
}

describe('hostile XLSX imports', () => {
  it('refuses a zip bomb (300 MB of sheet XML in a small file) while reading, and answers other calls meanwhile', async () => {
    t = await demoApp('officer');
    const bomb = xlsx({ head: SHEET_HEAD, chunk: EMPTY_ROWS, repeat: 300, tail: SHEET_TAIL });
    expect(bomb.length).toBeLessThan(2 * MB);
    const http = await serveOverHttp(t.app);
    try {
      const session = t.sessionIdOf('officer');
      let importAnswered = false;
      const importing = http.invoke('customers.import', importInput(bomb), session).then((r) => {
        importAnswered = true;
        return r;
      });
      // Sent after the bomb, answered before it.
      const other = await http.invoke('customers.list', {}, session);
      expect(other.ok).toBe(true);
      expect(importAnswered).toBe(false);
      expect(await importing).toEqual({
        ok: false,
        error: { code: 'IMPORT_TOO_LARGE', details: { field: 'file', maxBytes: MAX_IMPORT_UNZIPPED_BYTES, maxMb: 16 } },
      });
    } finally {
      await http.close();
    }
    expect((await t.call('customers.list', {}, 'officer')).total).toBe(0);
  });

  it('refuses a zip bomb whose headers understate its size, by counting what it inflates', async () => {
    t = await demoApp('officer');
    const liar = xlsx({ head: SHEET_HEAD, chunk: EMPTY_ROWS, repeat: 300, tail: SHEET_TAIL, understateSize: true });
    expect(await t.fail('customers.import', importInput(liar), 'officer')).toEqual({
      code: 'IMPORT_TOO_LARGE',
      details: { field: 'file', maxBytes: MAX_IMPORT_UNZIPPED_BYTES, maxMb: 16 },
    });
  });

  it('stops at the first row past the limit instead of reading a sheet of endless rows', async () => {
    t = await demoApp('officer');
    const row = inlineRow(['张三', residentId('1988-06-15', 5), '13800138000', '北京', '', '1000', '', '3', '']);
    const endless = xlsx({
      head:
        SHEET_HEAD +
        inlineRow(['姓名', '身份证号', '手机号', '地址', '工作单位', '月收入', '月负债', '工作年限', '银行卡']),
      // 10 MB of rows (about 90,000): within the size budget, far past the row limit.
      chunk: row.repeat(Math.floor(MB / row.length)),
      repeat: 10,
      tail: SHEET_TAIL,
    });
    expect(await t.fail('customers.import', importInput(endless), 'officer')).toEqual({
      code: 'IMPORT_TOO_MANY_ROWS',
      details: { field: 'file', max: 5000 },
    });
  });

  it('refuses a shared-strings bomb before the sheet is read', async () => {
    t = await demoApp('officer');
    const file = xlsx(
      { head: SHEET_HEAD + '<row><c t="s"><v>0</v></c></row>', tail: SHEET_TAIL },
      {
        head: '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>',
        chunk: 'x'.repeat(MB),
        repeat: 100,
        tail: '</t></si></sst>',
      },
    );
    expect((await t.fail('customers.import', importInput(file), 'officer')).code).toBe('IMPORT_TOO_LARGE');
  });

  it('refuses a file that is not a ZIP at all, and still reads a good hand-built one', async () => {
    t = await demoApp('officer');
    const garbage = Buffer.from('PK\u0003\u0004 not really a zip file');
    expect((await t.fail('customers.import', importInput(garbage), 'officer')).code).toBe('IMPORT_FILE_UNREADABLE');
    const good = xlsx({
      head:
        SHEET_HEAD +
        inlineRow(['姓名', '身份证号', '手机号', '地址', '月收入', '工作年限']) +
        inlineRow(['张三', residentId('1988-06-15', 6), '13800138006', '北京市朝阳区', '8000', '3']),
      tail: SHEET_TAIL,
    });
    expect(await t.call('customers.import', importInput(good), 'officer')).toMatchObject({
      ok: true,
      failedRows: 0,
      rows: [expect.objectContaining({ row: 2, ok: true })],
    });
  });
});
