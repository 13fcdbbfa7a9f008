/** The disbursement's payee and cancelling before it (issue 15), through the API on
 *  a real encrypted database: a bank transfer records the receiving account
 *  (checked for the customer's kind) and the bank's reference, which the
 *  disbursement ledger and its export show (the account masked); an approved loan
 *  not yet disbursed is cancelled by a manager with a reason, audited, and can then
 *  be neither disbursed nor cancelled again. */
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';
import { eventFromRow } from '../../src/main/events/store';

let t: TestApp;
afterEach(() => t?.cleanup());

/** 6222 0202 0011 2233 446 passes the Luhn check; the same with its last digit changed does not. */
const CARD = '6222020200112233446';

async function approvedLoan(t: TestApp): Promise<{ loanId: string; version: number }> {
  const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 0 });
  const customerId = await registerCustomer(t);
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 20_000_00, periods: 12, purpose: '装修 home renovation' },
    'officer',
  );
  const { loanId } = await t.call('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'manager');
  const { loan } = await t.call('loans.get', { loanId }, 'officer');
  expect(loan.status).toBe('approved');
  return { loanId, version: loan.version };
}

describe('disbursement payee', () => {
  it('refuses an account that fails its check and keeps the account and reference of a bank transfer', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    t.travel('2026-03-02T02:00:00Z');
    const { loanId, version } = await approvedLoan(t);
    const base = { loanId, expectedVersion: version, channel: 'bank' as const, transferRef: 'ICBC-20260302-0001' };
    expect((await t.fail('loans.disburse', { ...base, receivingAccount: '6222020200112233447' }, 'officer')).code).toBe(
      'CARD_CHECKSUM',
    );
    expect((await t.fail('loans.disburse', { ...base, receivingAccount: '12345' }, 'officer')).code).toBe(
      'ACCOUNT_FORMAT',
    );
    expect(
      (await t.fail('loans.disburse', { ...base, receivingAccount: CARD, transferRef: '转账' }, 'officer')).code,
    ).toBe('INPUT_INVALID');
    await t.call('loans.disburse', { ...base, receivingAccount: '6222 0202 0011 2233 446' }, 'officer');

    const ledger = await t.call(
      'ledger.transactions',
      { kinds: ['disbursement'], range: { from: '2026-03-01', to: '2026-03-31' }, limit: 100 },
      'manager',
    );
    const row = ledger.rows.find((r) => r.loanId === loanId)!;
    expect(row).toMatchObject({ counterpartyAccount: '6222 **** 3446', transferRef: 'ICBC-20260302-0001' });
    // The full number is kept (normalized), only ever listed masked.
    const stored = t.app
      .db()
      .$client.prepare(
        "SELECT counterparty_account AS a FROM loan_transactions WHERE loan_id = ? AND kind = 'disbursement'",
      )
      .get(loanId);
    expect(stored).toEqual({ a: CARD });
    const detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.transactions[0]).toMatchObject({
      counterpartyAccount: '6222 **** 3446',
      transferRef: 'ICBC-20260302-0001',
    });
  });

  it('records neither for cash, whatever was sent', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    t.travel('2026-03-02T02:00:00Z');
    const { loanId, version } = await approvedLoan(t);
    await t.call(
      'loans.disburse',
      { loanId, expectedVersion: version, channel: 'cash', receivingAccount: CARD, transferRef: 'ICBC-1' },
      'officer',
    );
    const detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.transactions[0]).toMatchObject({ channel: 'cash', counterpartyAccount: null, transferRef: null });
    // A disbursement recorded before the payee was kept (schema version 1) reads as unknown.
    const row = t.app
      .db()
      .$client.prepare("SELECT * FROM events WHERE aggregate_id = ? AND type = 'LoanDisbursed'")
      .get(loanId) as Parameters<typeof eventFromRow>[0];
    const { receivingAccount: _a, transferRef: _r, ...v1 } = JSON.parse(row.payload_json) as Record<string, unknown>;
    const read = eventFromRow({ ...row, schema_version: 1, payload_json: JSON.stringify(v1) });
    expect(read).toMatchObject({ schemaVersion: 2, payload: { receivingAccount: null, transferRef: null } });
  });
});

describe('cancelling an approved loan', () => {
  it('is a manager’s, with a reason, audited; the loan can then not be disbursed', async () => {
    t = await demoApp('admin', 'officer', 'manager', 'auditor');
    t.travel('2026-03-02T02:00:00Z');
    const { loanId, version } = await approvedLoan(t);
    const cancel = { loanId, expectedVersion: version, reason: '重复申请，客户只要一笔' };
    expect((await t.fail('loans.cancel', cancel, 'officer')).code).toBe('PERMISSION_DENIED');
    expect((await t.fail('loans.cancel', { ...cancel, reason: '' }, 'manager')).code).toBe('INPUT_INVALID');
    expect((await t.fail('loans.cancel', { ...cancel, expectedVersion: version + 1 }, 'manager')).code).toBe(
      'VERSION_CONFLICT',
    );
    await t.call('loans.cancel', cancel, 'manager');

    const detail = await t.call('loans.get', { loanId }, 'officer');
    expect(detail.loan.status).toBe('cancelled');
    expect(detail.cancellation).toMatchObject({ reason: '重复申请，客户只要一笔' });
    expect(detail.events.map((e) => e.type)).toContain('LoanCancelled');
    expect(
      (await t.fail('loans.disburse', { loanId, expectedVersion: detail.loan.version, channel: 'cash' }, 'officer'))
        .code,
    ).toBe('LOAN_NOT_APPROVED');
    expect((await t.fail('loans.cancel', { ...cancel, expectedVersion: detail.loan.version }, 'manager')).code).toBe(
      'LOAN_NOT_CANCELLABLE',
    );
    const audit = await t.call('audit.list', { action: 'loans.cancel' }, 'auditor');
    expect(audit.map((a) => [a.username, a.outcome])).toEqual(
      expect.arrayContaining([
        ['manager', 'ok'],
        ['officer', 'denied'],
      ]),
    );
    // Nothing was posted for the loan.
    const journal = await t.call(
      'ledger.journal',
      { range: { from: '2026-03-01', to: '2026-03-31' }, loanId },
      'manager',
    );
    expect(journal.rows).toEqual([]);
  });

  it('refuses a disbursed loan', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    t.travel('2026-03-02T02:00:00Z');
    const { loanId, version } = await approvedLoan(t);
    await t.call('loans.disburse', { loanId, expectedVersion: version, channel: 'cash' }, 'officer');
    const { loan } = await t.call('loans.get', { loanId }, 'manager');
    expect(
      (await t.fail('loans.cancel', { loanId, expectedVersion: loan.version, reason: '客户不要了' }, 'manager')).code,
    ).toBe('LOAN_NOT_CANCELLABLE');
  });
});
