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
  const file = await t.call('documents.download', { documentId: id }, 'officer');
  expect(Buffer.from(file.base64, 'base64').equals(pdf)).toBe(true);
  const audit = await t.call('audit.list', { action: 'documents.download' }, 'auditor');
  expect(audit).toEqual([expect.objectContaining({ username: 'officer', outcome: 'ok' })]);
  expect(JSON.stringify(await t.call('audit.list', { action: 'documents.attach' }, 'auditor'))).not.toContain(
    pdf.toString('base64'),
  );
  expect(() => t.app.db().$client.prepare("UPDATE loan_documents SET file_name = 'x'").run()).toThrow(/APPEND_ONLY/);
  const events = (await t.call('loans.get', { loanId }, 'officer')).events.map((e) => e.type);
  expect(events).toContain('DocumentAttached');
});

it('downloading a document needs its own permission: the agent and the auditor are refused and audited', async () => {
  t = await demoApp('admin', 'officer', 'manager', 'agent', 'auditor');
  t.travel('2026-03-02T02:00:00Z');
  const productId = await createProduct(t);
  const customerId = await registerCustomer(t);
  const { loanId } = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 5_000_00, periods: 6, purpose: '周转 working capital' },
    'officer',
  );
  const scan = Buffer.from('\x89PNG\r\n身份证扫描件');
  const { id } = await t.call(
    'documents.attach',
    { loanId: loanId!, fileName: '身份证.png', mime: 'image/png', contentBase64: scan.toString('base64') },
    'officer',
  );
  for (const who of ['agent', 'auditor']) {
    expect(await t.fail('documents.download', { documentId: id }, who)).toEqual({
      code: 'PERMISSION_DENIED',
      details: { permission: 'documents.download' },
    });
    // They may still see that the document exists.
    expect((await t.call('documents.list', { loanId: loanId! }, who)).map((d) => d.id)).toEqual([id]);
  }
  for (const who of ['officer', 'manager']) {
    const file = await t.call('documents.download', { documentId: id }, who);
    expect(Buffer.from(file.base64, 'base64').equals(scan)).toBe(true);
  }
  const audit = await t.call('audit.list', { action: 'documents.download' }, 'auditor');
  expect(audit.map((r) => [r.username, r.outcome]).sort()).toEqual([
    ['agent', 'denied'],
    ['auditor', 'denied'],
    ['manager', 'ok'],
    ['officer', 'ok'],
  ]);
});
