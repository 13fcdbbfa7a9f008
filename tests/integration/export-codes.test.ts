// Issue 15: codes never reach a person. Every ledger export of the demo company
// (a year of history: repayments, reversals, overdue and written-off loans), in
// CSV and XLSX and in both languages, is scanned for a stored code (a status, a
// five-tier class, a bare bucket, a channel, a transaction kind, a journal category,
// `repayment:<id>`); its rates are numbers (percent format in XLSX, percent points
// under "(%)" in CSV) and its amounts numbers.
import ExcelJS from 'exceljs';
import { JOURNAL_CATEGORIES } from '../../src/core/posting/categories';
import {
  BUCKET_NAMES,
  CHANNEL_NAMES,
  CLASSIFICATION_NAMES,
  LOAN_STATUS_NAMES,
  TRANSACTION_KIND_NAMES,
} from '../../src/core/labels';
import { LEDGER_KINDS } from '../../src/main/features/ledger/export';
import { demoAppOf, type TestApp } from '../support/app';

let t: TestApp;
let range: { from: string; to: string };

beforeAll(async () => {
  t = await demoAppOf(60, 'manager');
  const businessDate = (await t.call('app.status', {}, 'manager')).businessDate!;
  range = { from: `${Number(businessDate.slice(0, 4)) - 2}-01-01`, to: businessDate };
}, 180_000);
afterAll(() => t?.cleanup());

const CODES = [
  ...Object.keys(LOAN_STATUS_NAMES),
  ...Object.keys(CLASSIFICATION_NAMES),
  ...Object.keys(BUCKET_NAMES),
  ...Object.keys(CHANNEL_NAMES),
  ...Object.keys(TRANSACTION_KIND_NAMES),
  ...Object.keys(JOURNAL_CATEGORIES),
];
/** A cell that is a code, holds a multi-word code, or names a category with an id. */
function untranslated(cell: string): string | null {
  const text = cell.trim();
  if (CODES.includes(text)) return text;
  const embedded =
    /\b(written_off|specialMention|substandard|interestAccrual|penaltyAccrual|overdueTransfer|writeOff)\b/.exec(text);
  if (embedded) return embedded[1]!;
  const withId = /\b[a-zA-Z]+:[0-9a-f]{4,}/.exec(text);
  return withId ? withId[0] : null;
}

async function exported(kind: string, format: 'csv' | 'xlsx', language: 'zh-CN' | 'en') {
  const file = await t.call('ledger.export', { kind, range, format, language } as never, 'manager');
  return Buffer.from((file as { base64: string }).base64, 'base64');
}

function csvRows(data: Buffer): string[][] {
  // No cell of these ledgers holds a line break; quoted commas are split by the parser below.
  return data
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, '')))
    .map((cells) => cells.slice(0, -1).map((c) => c.replace(/""/g, '"')));
}

describe.each(['zh-CN', 'en'] as const)('exports in %s', (language) => {
  it.each([...LEDGER_KINDS])(
    'the %s ledger, in CSV, holds no code and writes rates as percent points',
    async (kind) => {
      const rows = csvRows(await exported(kind, 'csv', language));
      expect(rows.length).toBeGreaterThan(1);
      const [header, ...body] = rows;
      for (const row of body)
        for (const cell of row) expect(untranslated(cell), `${kind}: ${row.join(' | ')}`).toBeNull();
      const rates = header!.flatMap((h, i) => (h.endsWith('(%)') ? [i] : []));
      if (kind === 'loans' || kind === 'overdue') expect(rates).toHaveLength(2);
      for (const i of rates)
        for (const row of body) {
          expect(row[i]).toMatch(/^\d+(\.\d+)?$/);
          expect(Number(row[i])).toBeGreaterThan(1); // 15.48, not 0.1548
        }
    },
  );

  it.each([...LEDGER_KINDS])('the %s ledger, in XLSX, holds no code; rates and amounts are numbers', async (kind) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exported(kind, 'xlsx', language)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBeGreaterThan(1);
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') expect(untranslated(cell.value), `${kind} row ${n}`).toBeNull();
      });
    });
    const columns = Array.from({ length: sheet.columnCount }, (_, i) => i + 1);
    for (const c of columns) {
      const column = sheet.getColumn(c);
      if (column.numFmt === '0.00%' || column.numFmt === '#,##0.00')
        column.eachCell((cell, n) => {
          if (n > 1 && cell.value !== null && cell.value !== '')
            expect(typeof cell.value, `${header[c]}`).toBe('number');
        });
    }
    if (kind === 'loans') {
      const percent = columns.filter((c) => sheet.getColumn(c).numFmt === '0.00%').map((c) => header[c]);
      expect(percent).toEqual(language === 'en' ? ['Rate', 'Annualized rate'] : ['年利率', '年化利率']);
    }
  });
});

it('the loan export reads its statuses, classes and buckets in words, the demo having more than one of each', async () => {
  for (const language of ['zh-CN', 'en'] as const) {
    const [header, ...body] = csvRows(await exported('loans', 'csv', language));
    const column = (zh: string, en: string) => header!.indexOf(language === 'en' ? en : zh);
    const seen = (i: number) => new Set(body.map((r) => r[i]));
    const pick = (names: Record<string, { zh: string; en: string }>) =>
      Object.values(names).map((n) => (language === 'en' ? n.en : n.zh));
    const statuses = seen(column('状态', 'Status'));
    expect(statuses.size).toBeGreaterThan(1);
    for (const s of statuses) expect(pick(LOAN_STATUS_NAMES)).toContain(s);
    const classes = seen(column('五级分类', 'Class'));
    expect(classes.size).toBeGreaterThan(1);
    for (const s of classes) expect(pick(CLASSIFICATION_NAMES)).toContain(s);
    const buckets = seen(column('账龄', 'Bucket'));
    expect(buckets.size).toBeGreaterThan(1);
    for (const s of buckets) expect(pick(BUCKET_NAMES)).toContain(s);
  }
});
