/** Loan documents: attached by officers, listed on the loan, every download audited. */
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';

let t: TestApp;
afterEach(() => t?.cleanup());

it('attaches a document to a loan, lists it, and audits each download', async () => {
  t = await demoApp('admin', 'officer', 'agent', 'auditor');
  t.travel('2026-03-02T02:00:00Z');
  const productId = await createProduct(t);
  const customerId = await registerCustomer(t);
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 5_000_00, periods: 6, purpose: '周转 working capital' },
    'officer',
  );
  const loanId = app.loanId!;
  const pdf = Buffer.from('%PDF-1.4\n% 借款合同 signed contract\n%%EOF\n');
  const { id, sha256 } = await t.call(
    'documents.attach',
    {
      loanId,
      fileName: '借款合同.pdf',
      mime: 'application/pdf',
      contentBase64: pdf.toString('base64'),
      note: '已签署',
    },
    'officer',
  );
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(
    (
      await t.fail(
        'documents.attach',
        { loanId, fileName: 'x.exe', mime: 'application/x-msdownload', contentBase64: 'AAAA' },
        'officer',
      )
    ).code,
  ).toBe('INPUT_INVALID');
  expect(
    (
      await t.fail(
        'documents.attach',
        { loanId, fileName: 'a.pdf', mime: 'application/pdf', contentBase64: 'AAAA' },
        'agent',
      )
    ).code,
  ).toBe('PERMISSION_DENIED');

  const list = await t.call('documents.list', { loanId }, 'agent');
  expect(list).toEqual([
    expect.objectContaining({ id, fileName: '借款合同.pdf', sizeBytes: pdf.length, note: '已签署' }),
  ]);
  const file = await t.call('documents.download', { documentId: id }, 'agent');
  expect(Buffer.from(file.base64, 'base64').equals(pdf)).toBe(true);
  const audit = await t.call('audit.list', { action: 'documents.download' }, 'auditor');
  expect(audit).toEqual([expect.objectContaining({ username: 'agent', outcome: 'ok' })]);
  expect(JSON.stringify(await t.call('audit.list', { action: 'documents.attach' }, 'auditor'))).not.toContain(
    pdf.toString('base64'),
  );
  expect(() => t.app.db().$client.prepare("UPDATE loan_documents SET file_name = 'x'").run()).toThrow(/APPEND_ONLY/);
  const events = (await t.call('loans.get', { loanId }, 'officer')).events.map((e) => e.type);
  expect(events).toContain('DocumentAttached');
});
