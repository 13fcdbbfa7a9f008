/** Issue 13 through the API on a real encrypted database: receipt numbers given at
 *  recording, sequential per branch and desktop and never given twice (also after a
 *  refused event and a rebuild), each copy an event so reprints are counted (补打),
 *  a reversed repayment's receipt, the split and balance a receipt shows, every
 *  print audited; the payoff certificate's code under the company key (made once,
 *  sealed when it travels) verified, and refused when forged, altered or outdated;
 *  the overdue notice's figures as of a date; who may print what. */
import { randomBytes, randomUUID } from 'node:crypto';
import { demoApp, type TestApp } from '../support/app';
import { closeDaysThrough, openLoan, setDate } from '../support/servicing';
import { registerCustomer } from '../support/lending';
import { verifyRebuild, rebuildInPlace } from '../../src/main/events/rebuild';
import { eventsOf } from '../../src/main/events/store';
import { sealEvent } from '../../src/main/features/sync/seal';
import { pendingCount } from '../../src/main/features/sync/engine';
import { SEALED_PREFIX, type EventEnvelope } from '../../src/contract/events';
import { yuanInCapitals } from '../../src/core/money/capitals';
import { loanPosition } from '../../src/core/servicing/position';
import { addDays, daysBetween } from '../../src/core/dates';

let t: TestApp;
afterEach(() => t?.cleanup());

async function start(): Promise<TestApp> {
  t = await demoApp('admin', 'officer', 'officer2', 'manager', 'auditor', 'agent');
  setDate(t, '2026-01-05');
  return t;
}

function expectRebuildEqual(): void {
  const report = verifyRebuild(t.app.db());
  expect(
    Object.entries(report.tables)
      .filter(([, c]) => c.differences > 0)
      .map(([name, c]) => `${name}: ${JSON.stringify(c.examples)}`),
  ).toEqual([]);
}

function audits(action: string): Array<Record<string, unknown>> {
  return (
    t.app
      .db()
      .$client.prepare('SELECT summary_json AS s FROM audit_log WHERE action = ? ORDER BY seq')
      .all(action) as Array<{ s: string }>
  ).map((r) => JSON.parse(r.s) as Record<string, unknown>);
}

async function repay(loanId: string, amountFen: number, caller = 'officer', channel: 'cash' | 'bank' = 'cash') {
  const { businessDate } = await t.call('loans.get', { loanId }, caller);
  return t.call('repayments.record', { loanId, amountFen, valueDate: businessDate, channel }, caller);
}

describe('repayment receipts', () => {
  it('numbers receipts at recording, per branch, in sequence, and counts every copy', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    await closeDaysThrough(t, '2026-01-10');
    const first = await repay(loanId, 1_004_00);
    const outstandingAfterFirst = (await t.call('loans.get', { loanId }, 'officer')).loan.outstandingPrincipalFen;
    const second = await repay(loanId, 500_05);
    const outstandingAfterSecond = (await t.call('loans.get', { loanId }, 'officer')).loan.outstandingPrincipalFen;
    expect(first.receiptNumber).toBe('HQ-R0000001');
    expect(second.receiptNumber).toBe('HQ-R0000002');

    const receipt = await t.call('prints.receipt', { transactionId: first.transactionId }, 'officer');
    expect(receipt).toMatchObject({
      receiptNumber: 'HQ-R0000001',
      amountFen: 1_004_00,
      amountInCapitals: '壹仟零肆元整',
      channel: 'cash',
      officer: '李信贷',
      printCount: 0,
      reversal: null,
      header: { branchCode: 'HQ', branchName: '总部营业部' },
    });
    expect(receipt.customer.idNumber).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    const split = receipt.split!;
    expect(split.penaltyFen + split.interestFen + split.principalFen + split.feesFen + split.overpaymentFen).toBe(
      1_004_00,
    );
    // The balance right after it: what the loan screen showed then.
    expect(receipt.balanceAfterFen).toBe(12_000_00 - split.principalFen);
    expect(receipt.balanceAfterFen).toBe(outstandingAfterFirst);
    // A later repayment does not change what the first receipt says.
    expect((await t.call('prints.receipt', { transactionId: first.transactionId }, 'officer')).balanceAfterFen).toBe(
      receipt.balanceAfterFen,
    );
    const secondReceipt = await t.call('prints.receipt', { transactionId: second.transactionId }, 'officer');
    expect(secondReceipt.amountInCapitals).toBe('伍佰元零伍分');
    expect(secondReceipt.balanceAfterFen).toBe(outstandingAfterSecond);

    const copy1 = await t.call(
      'prints.receiptPrinted',
      { transactionId: first.transactionId, output: 'print', paper: 'a4' },
      'officer',
    );
    const copy2 = await t.call(
      'prints.receiptPrinted',
      { transactionId: first.transactionId, output: 'pdf', paper: 'continuous241' },
      'manager',
    );
    expect([copy1.copy, copy2.copy]).toEqual([1, 2]);
    expect(copy2).toMatchObject({ receiptNumber: 'HQ-R0000001', paper: 'continuous241', printCount: 2 });
    expect((await t.call('prints.receipt', { transactionId: first.transactionId }, 'officer')).printCount).toBe(2);
    expect(audits('prints.receiptPrinted')).toEqual([
      expect.objectContaining({ receiptNumber: 'HQ-R0000001', copy: 1, output: 'print', paper: 'a4' }),
      expect.objectContaining({ receiptNumber: 'HQ-R0000001', copy: 2, output: 'pdf', paper: 'continuous241' }),
    ]);
    const printed = eventsOf(t.app.db(), 'loan', loanId).filter((e) => e.type === 'ReceiptPrinted');
    expect(printed.map((e) => (e.payload as { copy: number }).copy)).toEqual([1, 2]);

    // Reversed: its receipt says so, and the copy printed after says so too.
    await t.call(
      'repayments.reverse',
      { transactionId: second.transactionId, reason: '录错金额 wrong amount' },
      'manager',
    );
    const reversed = await t.call('prints.receipt', { transactionId: second.transactionId }, 'officer');
    expect(reversed.reversal).toMatchObject({ reason: '录错金额 wrong amount' });
    expect(reversed.split).not.toBeNull();
    const reprint = await t.call(
      'prints.receiptPrinted',
      { transactionId: second.transactionId, output: 'print', paper: 'a4' },
      'officer',
    );
    expect(reprint.copy).toBe(1);
    expect(eventsOf(t.app.db(), 'loan', loanId).at(-1)!.payload).toMatchObject({ reversed: true, copy: 1 });

    // Another branch has its own sequence.
    const cyCustomer = await registerCustomer(t, 'officer2');
    const products = await t.call('products.list', {}, 'officer2');
    const submitted = await t.call(
      'applications.submit',
      { customerId: cyCustomer, productId: products[0]!.id, amountFen: 12_000_00, periods: 6, purpose: '经营周转' },
      'officer2',
    );
    const [app] = (await t.call('applications.list', { status: ['review'] }, 'manager')).rows.filter(
      (a) => a.id === submitted.id,
    );
    const { loanId: cyLoan } = await t.call(
      'applications.approve',
      { applicationId: submitted.id, expectedVersion: app!.version },
      'manager',
    );
    const cyDetail = await t.call('loans.get', { loanId: cyLoan }, 'officer2');
    await t.call(
      'loans.disburse',
      { loanId: cyLoan, expectedVersion: cyDetail.loan.version, channel: 'bank' },
      'officer2',
    );
    expect((await repay(cyLoan, 300_00, 'officer2')).receiptNumber).toBe('CY-R0000001');
    expect((await repay(loanId, 300_00)).receiptNumber).toBe('HQ-R0000003');
    expectRebuildEqual();
  });

  it('counts a repayment and its receipt number as one action waiting to sync', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    await closeDaysThrough(t, '2026-01-10');
    const db = t.app.db();
    const pendingEvents = () =>
      (db.$client.prepare("SELECT count(*) AS n FROM events WHERE status = 'pending'").get() as { n: number }).n;
    const [events, actions] = [pendingEvents(), pendingCount(db)];
    const { businessDate } = await t.call('loans.get', { loanId }, 'officer');
    await t.call(
      'repayments.record',
      { loanId, amountFen: 100_00, valueDate: businessDate, channel: 'cash', requestId: randomUUID() },
      'officer',
    );
    expect(pendingEvents() - events).toBe(2);
    expect(pendingCount(db) - actions).toBe(1);
  });

  it('never gives a number twice: a refused receipt event and a rebuild leave the sequence where it was', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    await closeDaysThrough(t, '2026-01-08');
    await repay(loanId, 200_00);
    const refused = await repay(loanId, 200_00);
    expect(refused.receiptNumber).toBe('HQ-R0000002');
    // The server refused the second receipt's event: the rebuilt books do not hold it.
    const db = t.app.db();
    db.$client
      .prepare("UPDATE events SET status = 'rejected' WHERE type = 'ReceiptIssued' AND payload_json LIKE ?")
      .run(`%${refused.transactionId}%`);
    rebuildInPlace(db);
    expect((await t.call('prints.receipt', { transactionId: refused.transactionId }, 'officer')).receiptNumber).toBe(
      null,
    );
    expect((await repay(loanId, 200_00)).receiptNumber).toBe('HQ-R0000003');
    // Its first copy gives it a new number then.
    const copy = await t.call(
      'prints.receiptPrinted',
      { transactionId: refused.transactionId, output: 'print', paper: 'a4' },
      'officer',
    );
    expect(copy).toMatchObject({ receiptNumber: 'HQ-R0000004', copy: 1 });
    expectRebuildEqual();

    // A desktop that joined as device 2 numbers with its prefix.
    db.$client
      .prepare("INSERT INTO local_state (key, value_json, updated_at) VALUES ('sync.config', ?, ?)")
      .run(JSON.stringify({ deviceNo: 2 }), new Date().toISOString());
    expect((await repay(loanId, 200_00)).receiptNumber).toBe('HQ-R020000001');
  });

  it('prints for those who take repayments only, and names no receipt for a disbursement', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    const r = await repay(loanId, 100_00);
    expect((await t.fail('prints.receipt', { transactionId: r.transactionId }, 'auditor')).code).toBe(
      'PERMISSION_DENIED',
    );
    expect(
      (await t.fail('prints.receiptPrinted', { transactionId: r.transactionId, output: 'print', paper: 'a4' }, 'agent'))
        .code,
    ).toBe('PERMISSION_DENIED');
    const disbursement = (await t.call('loans.get', { loanId }, 'officer')).transactions.find(
      (x) => x.kind === 'disbursement',
    )!;
    expect((await t.fail('prints.receipt', { transactionId: disbursement.id }, 'officer')).code).toBe(
      'RECEIPT_NOT_REPAYMENT',
    );
    expect((await t.fail('prints.receipt', { transactionId: randomUuid() }, 'officer')).code).toBe(
      'TRANSACTION_UNKNOWN',
    );
    // The schedule is for anyone who reads loans; printing it is audited.
    const schedule = await t.call('prints.schedulePrinted', { loanId, output: 'print' }, 'agent');
    expect(schedule.installments).toHaveLength(6);
    expect(schedule.installments.reduce((s, i) => s + i.principalFen, 0)).toBe(12_000_00);
    expect(schedule.installments[0]!.paidFen).toBe(100_00);
    expect(audits('prints.schedulePrinted')).toEqual([{ document: 'schedule', loanId, output: 'print' }]);
    // Browser mode saves PDFs through the browser's print; the host has no PDF of its own.
    expect(await t.call('prints.capabilities', {}, 'officer')).toEqual({ nativePdf: false });
    expect((await t.fail('prints.savePdf', { fileName: 'a.pdf', paper: 'a4' }, 'officer')).code).toBe(
      'NATIVE_PDF_UNAVAILABLE',
    );
  });
});

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

describe('the payoff certificate', () => {
  it('carries a code under the company key that the branch verifies; forged, altered and outdated ones fail', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    expect((await t.fail('prints.payoffCertificate', { loanId }, 'officer')).code).toBe('LOAN_NOT_CLOSED');
    await closeDaysThrough(t, '2026-01-20');
    const detail = await t.call('loans.get', { loanId }, 'officer');
    const quote = await t.call('loans.payoffQuote', { loanId, date: detail.businessDate }, 'officer');
    const payoff = await t.call(
      'repayments.record',
      { loanId, amountFen: quote.totalFen, valueDate: detail.businessDate, channel: 'bank' },
      'officer',
    );
    expect(payoff.closed).toBe(true);

    // No key before the first certificate is printed; then one, made once.
    expect((await t.call('prints.payoffCertificate', { loanId }, 'officer')).code).toBeNull();
    const cert = await t.call('prints.payoffCertificatePrinted', { loanId, output: 'pdf' }, 'officer');
    expect(cert.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(cert).toMatchObject({ closedOn: detail.businessDate, repaidFen: quote.totalFen });
    expect(cert.repaidInCapitals).toBe(yuanInCapitals(quote.totalFen));
    expect(cert.repaid.principalFen).toBe(12_000_00);
    expect(cert.repaid.principalFen + cert.repaid.interestFen + cert.repaid.penaltyFen + cert.repaid.feesFen).toBe(
      quote.totalFen,
    );
    const again = await t.call('prints.payoffCertificatePrinted', { loanId, output: 'print' }, 'manager');
    expect(again.code).toBe(cert.code);
    expect((await t.call('prints.payoffCertificate', { loanId }, 'officer')).code).toBe(cert.code);
    const keyEvents = t.app
      .db()
      .$client.prepare("SELECT * FROM events WHERE type = 'DocumentKeyCreated'")
      .all() as Array<{ payload_json: string; branch_id: string | null }>;
    expect(keyEvents).toHaveLength(1);
    expect(keyEvents[0]!.branch_id).toBeNull();
    expect(audits('prints.payoffCertificatePrinted')).toHaveLength(2);
    // The key never travels in clear.
    const clearKey = (JSON.parse(keyEvents[0]!.payload_json) as { key: string }).key;
    const keyEvent = t.app.db().$client.prepare("SELECT * FROM events WHERE type = 'DocumentKeyCreated'").get() as {
      payload_json: string;
    };
    const sealed = sealEvent(randomBytes(32), {
      type: 'DocumentKeyCreated',
      payload: JSON.parse(keyEvent.payload_json),
    } as EventEnvelope);
    expect((sealed.payload as { key: string }).key.startsWith(SEALED_PREFIX)).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain(clearKey);

    const number = detail.loan.number;
    const check = (over: Partial<{ loanNumber: string; closedOn: string; repaidFen: number; code: string }>) =>
      t.call(
        'prints.verifyCertificate',
        { loanNumber: number, closedOn: cert.closedOn, repaidFen: cert.repaidFen, code: cert.code!, ...over },
        'agent',
      );
    expect(await check({})).toMatchObject({
      valid: true,
      record: { loanNumber: number, repaidFen: quote.totalFen, principalFen: 12_000_00, status: 'closed' },
    });
    expect(await check({ code: cert.code!.toLowerCase().replace(/-/g, ' ') })).toMatchObject({ valid: true });
    expect(await check({ repaidFen: cert.repaidFen + 100_00 })).toEqual({
      valid: false,
      reason: 'codeMismatch',
      record: null,
    });
    expect(await check({ closedOn: addDays(cert.closedOn, -1) })).toMatchObject({ reason: 'codeMismatch' });
    expect(await check({ code: 'ABCD-EFGH-JKMN-PQRS' })).toMatchObject({ reason: 'codeMismatch' });
    expect(await check({ loanNumber: 'L999999' })).toMatchObject({ reason: 'loanUnknown' });
    expect(audits('prints.verifyCertificate').map((a) => a.outcome)).toEqual([
      'valid',
      'valid',
      'codeMismatch',
      'codeMismatch',
      'codeMismatch',
      'loanUnknown',
    ]);

    // The payoff reversed: the genuine certificate is no longer true.
    await t.call('repayments.reverse', { transactionId: payoff.transactionId, reason: '退票 bounced' }, 'manager');
    expect(await check({})).toMatchObject({ valid: false, reason: 'notClosed', record: { status: 'active' } });
    expectRebuildEqual();
  });
});

describe('the overdue notice', () => {
  it('gives what is overdue by category as of a date, the days past due and how to pay', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_000_00, periods: 6 });
    expect((await t.fail('prints.overdueNotice', { loanId }, 'officer')).code).toBe('LOAN_NOT_OVERDUE');
    const due = (await t.call('loans.get', { loanId }, 'officer')).installments[0]!;
    await closeDaysThrough(t, addDays(due.dueDate, 10));
    const settings = await t.call('settings.get', {}, 'admin');
    await t.call(
      'settings.update',
      {
        section: 'documents',
        value: {
          ...settings.documents,
          payeeName: '演示小贷有限公司',
          payeeAccount: '6222 0200 0000 1234',
          payeeBank: '工商银行北京朝阳支行',
          noticePayWithinDays: 5,
        },
      },
      'admin',
    );
    const asOf = addDays(due.dueDate, 8);
    const notice = await t.call('prints.overdueNoticePrinted', { loanId, asOf, output: 'print' }, 'officer');
    const detail = await t.call('loans.get', { loanId }, 'officer');
    const contract = (detail.events.find((e) => e.type === 'LoanDisbursed')!.payload as { contract: never }).contract;
    const position = loanPosition(contract, [], asOf);
    expect(notice).toMatchObject({
      asOf,
      dpd: 8,
      overdueSince: due.dueDate,
      payBy: addDays(asOf, 5),
      payTo: { payeeAccount: '6222 0200 0000 1234', payeeBank: '工商银行北京朝阳支行' },
      customer: { address: '北京市朝阳区建国路 1 号' },
    });
    expect(notice.customer.phone).toMatch(/^138\*{4}\d{4}$/);
    expect(notice.overdue).toEqual({
      principalFen: due.principalFen,
      interestFen: due.interestFen,
      penaltyFen: position.penaltyFen,
      feesFen: 0,
      totalFen: due.principalFen + due.interestFen + position.penaltyFen,
    });
    expect(notice.overdue.penaltyFen).toBeGreaterThan(0);
    expect(notice.totalInCapitals).toBe(yuanInCapitals(notice.overdue.totalFen));
    expect(notice.installments).toEqual([
      { n: 1, dueDate: due.dueDate, daysOverdue: 8, principalFen: due.principalFen, interestFen: due.interestFen },
    ]);
    expect(audits('prints.overdueNoticePrinted')).toEqual([
      { document: 'overdueNotice', loanId, asOf, output: 'print' },
    ]);
    expect((await t.call('prints.overdueNotice', { loanId }, 'officer')).dpd).toBe(
      daysBetween(due.dueDate, detail.businessDate),
    );
    expect(
      (await t.fail('prints.overdueNotice', { loanId, asOf: addDays(detail.businessDate, 1) }, 'officer')).code,
    ).toBe('VALUE_DATE_IN_FUTURE');
    expect((await t.fail('prints.overdueNotice', { loanId }, 'agent')).code).toBe('PERMISSION_DENIED');
  });
});

describe('the contract summary', () => {
  it('names the lender by its legal name, the amount in capitals, the penalty rate as a number; the printed copy carries the full ID and is audited', async () => {
    await start();
    const { loanId } = await openLoan(t, { amountFen: 12_345_67, periods: 6 });
    const preview = await t.call('prints.contract', { loanId }, 'agent');
    expect(preview.header.organisation).toBe('演示小贷有限公司');
    expect(preview.principalInCapitals).toBe('壹万贰仟叁佰肆拾伍元陆角柒分');
    expect(preview.principalInCapitals).toBe(yuanInCapitals(12_345_67));
    const { loan } = await t.call('loans.get', { loanId }, 'officer');
    const multiplier = Number(preview.terms.penaltyMultiplier);
    expect(Number(preview.penaltyRateAnnual)).toBeCloseTo(Number(loan.rateAnnual) * multiplier, 12);
    expect(preview.penaltyRateAnnual).toMatch(/^0\.\d+$/);
    expect(preview.installments).toHaveLength(6);
    // The preview masks the ID; the printed copy (a role that may see it) does not.
    expect(preview.customer.idNumber).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(audits('prints.contractPrinted')).toEqual([]);
    const printed = await t.call('prints.contractPrinted', { loanId, output: 'print' }, 'officer');
    expect(printed.customer.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(printed.customer.idNumber!.slice(0, 4)).toBe(preview.customer.idNumber!.slice(0, 4));
    expect(audits('prints.contractPrinted')).toEqual([{ document: 'contract', loanId, output: 'print', fullId: true }]);
    // A role without clear identifiers may preview it but not print it.
    expect((await t.fail('prints.contractPrinted', { loanId, output: 'pdf' }, 'agent')).code).toBe('PERMISSION_DENIED');
    expect(audits('prints.contractPrinted')[1]).toMatchObject({ error: 'PERMISSION_DENIED' });
  });
});
