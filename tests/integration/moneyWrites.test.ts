/** Money writes that must not land twice or beyond their bounds: request ids on
 *  every state-changing call (a double click, a retry, two parallel sends of one
 *  form), recoveries bounded by what was written off, repayments above the payoff
 *  confirmed, and approvals that fail a hard pre-check. Real app over HTTP for the
 *  concurrency, real encrypted database. */
import { randomUUID } from 'node:crypto';
import { demoApp, type TestApp } from '../support/app';
import { serveOverHttp } from '../support/http';
import { createProduct, registerCustomer } from '../support/lending';
import type { ApiResult } from '../../src/contract/api';

let t: TestApp;
afterEach(() => t?.cleanup());

function setDate(t: TestApp, date: string): void {
  t.travel(`${date}T02:00:00Z`);
}

const count = (t: TestApp, sql: string) => (t.app.db().$client.prepare(sql).get() as { n: number }).n;

async function activeLoan(t: TestApp, amountFen = 20_000_00) {
  const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 50_000_00 });
  const customerId = await registerCustomer(t, 'officer', { monthlyIncomeFen: 50_000_00 });
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen, periods: 12, purpose: '经营周转 working capital' },
    'officer',
  );
  const loanId = app.loanId!;
  const { loan } = await t.call('loans.get', { loanId }, 'manager');
  await t.call('loans.disburse', { loanId, expectedVersion: loan.version, channel: 'bank' }, 'manager');
  return { loanId, customerId, productId };
}

describe('request ids', () => {
  it('lands a repayment once when one form sends it twice at once, and answers a later retry with the first result', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    setDate(t, '2026-03-02');
    const { loanId } = await activeLoan(t);
    const http = await serveOverHttp(t.app);
    try {
      const session = t.sessionIdOf('officer');
      const requestId = randomUUID();
      const input = { loanId, amountFen: 500_00, valueDate: '2026-03-02', channel: 'bank', requestId };
      const [a, b] = await Promise.all([
        http.invoke('repayments.record', input, session),
        http.invoke('repayments.record', input, session),
      ]);
      expect(a.ok && b.ok).toBe(true);
      expect((a as { value: unknown }).value).toEqual((b as { value: unknown }).value);
      const retry = (await http.invoke('repayments.record', input, session)) as ApiResult & { value: unknown };
      expect(retry.value).toEqual((a as { value: unknown }).value);
      expect(count(t, "SELECT count(*) AS n FROM loan_transactions WHERE kind = 'repayment'")).toBe(1);
      expect(count(t, "SELECT count(*) AS n FROM events WHERE type = 'RepaymentRecorded'")).toBe(1);
      // The same id with other input is a different request: refused, nothing written.
      const reused = await http.invoke('repayments.record', { ...input, amountFen: 600_00 }, session);
      expect(reused.ok ? 'OK' : reused.error.code).toBe('REQUEST_ID_REUSED');
      expect(count(t, "SELECT count(*) AS n FROM loan_transactions WHERE kind = 'repayment'")).toBe(1);
      // A new id is a new repayment.
      await http.invoke('repayments.record', { ...input, requestId: randomUUID() }, session);
      expect(count(t, "SELECT count(*) AS n FROM loan_transactions WHERE kind = 'repayment'")).toBe(2);
    } finally {
      await http.close();
    }
  });

  it('creates one application and one loan when the submit button is double-clicked', async () => {
    t = await demoApp('admin', 'officer');
    setDate(t, '2026-03-02');
    const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 50_000_00 });
    const customerId = await registerCustomer(t);
    const http = await serveOverHttp(t.app);
    try {
      const input = {
        customerId,
        productId,
        amountFen: 8_000_00,
        periods: 6,
        purpose: '周转 working capital',
        requestId: randomUUID(),
      };
      const answers = await Promise.all(
        [1, 2, 3].map(() => http.invoke('applications.submit', input, t.sessionIdOf('officer'))),
      );
      expect(answers.every((a) => a.ok)).toBe(true);
      expect(count(t, 'SELECT count(*) AS n FROM applications')).toBe(1);
      expect(count(t, 'SELECT count(*) AS n FROM loans')).toBe(1);
    } finally {
      await http.close();
    }
  });

  it('refuses a request id that is not a UUID, naming the field', async () => {
    t = await demoApp('admin', 'officer');
    const e = await t.fail('customers.registerPerson', { requestId: 'again' }, 'officer');
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.details.issues).toEqual([expect.objectContaining({ path: 'requestId' })]);
  });
});

describe('bounds', () => {
  it('bounds a recovery by what was written off and not yet recovered', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    setDate(t, '2026-03-02');
    const { loanId } = await activeLoan(t, 38_000_00);
    // Bring the loan past the write-off threshold by closing days.
    for (let guard = 0; guard < 400; guard++) {
      const { loan } = await t.call('loans.get', { loanId }, 'manager');
      if (loan.dpd >= 181) break;
      const { nextDate } = await t.call('eod.status', {}, 'manager');
      setDate(t, nextDate);
      await t.call('eod.run', { date: nextDate }, 'manager');
    }
    setDate(t, (await t.call('eod.status', {}, 'manager')).nextDate);
    await t.call('loans.proposeWriteOff', { loanId, reason: '失联 unreachable' }, 'officer');
    await t.call('loans.approveWriteOff', { loanId }, 'manager');
    const big = await t.fail('loans.recordRecovery', { loanId, amountFen: 100_000_000_00, channel: 'bank' }, 'officer');
    expect(big).toEqual({ code: 'RECOVERY_TOO_LARGE', details: { field: 'amountFen', remainingFen: 38_000_00 } });
    await t.call('loans.recordRecovery', { loanId, amountFen: 30_000_00, channel: 'bank' }, 'officer');
    expect(
      (await t.fail('loans.recordRecovery', { loanId, amountFen: 8_000_01, channel: 'bank' }, 'officer')).code,
    ).toBe('RECOVERY_TOO_LARGE');
    await t.call('loans.recordRecovery', { loanId, amountFen: 8_000_00, channel: 'bank' }, 'officer');
  }, 180_000);

  it('takes a repayment above the payoff only when the officer confirms it', async () => {
    t = await demoApp('admin', 'officer', 'manager');
    setDate(t, '2026-03-02');
    const { loanId } = await activeLoan(t);
    const quote = await t.call('loans.payoffQuote', { loanId, date: '2026-03-02' }, 'officer');
    const input = { loanId, amountFen: quote.totalFen + 1_000_00, valueDate: '2026-03-02', channel: 'bank' as const };
    expect(await t.fail('repayments.record', input, 'officer')).toEqual({
      code: 'REPAYMENT_OVER_PAYOFF',
      details: { field: 'amountFen', payoffFen: quote.totalFen, overpaymentFen: 1_000_00 },
    });
    expect(count(t, "SELECT count(*) AS n FROM loan_transactions WHERE kind = 'repayment'")).toBe(0);
    const paid = await t.call('repayments.record', { ...input, acceptOverpayment: true }, 'officer');
    expect(paid.closed).toBe(true);
    expect((await t.call('loans.get', { loanId }, 'officer')).loan.overpaymentFen).toBe(1_000_00);
  });

  it('refuses an approval whose changed terms fail a hard pre-check, unless a permitted role gives a reason', async () => {
    t = await demoApp('admin', 'officer', 'officer2', 'manager');
    setDate(t, '2026-03-02');
    const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 0, maxAmountFen: 500_000_00 });
    const customerId = await registerCustomer(t, 'officer', { monthlyIncomeFen: 8_000_00 });
    const app = await t.call(
      'applications.submit',
      { customerId, productId, amountFen: 20_000_00, periods: 12, purpose: '周转 working capital' },
      'officer',
    );
    expect(app.status).toBe('review');
    // Raised to 150,000 the installment exceeds half the income.
    const raised = { applicationId: app.id, expectedVersion: 1, amountFen: 150_000_00 };
    const refused = await t.fail('applications.approve', raised, 'manager');
    expect(refused).toEqual({ code: 'APPROVAL_PRECHECK_FAILED', details: { checks: ['DEBT_TO_INCOME'] } });
    expect(count(t, 'SELECT count(*) AS n FROM loans')).toBe(0);
    // An officer may not override (within the officer's limit), a manager may, with a reason.
    const byOfficer = { ...raised, amountFen: 48_000_00, overrideReason: '有担保 guaranteed' };
    expect(await t.fail('applications.approve', byOfficer, 'officer2')).toEqual({
      code: 'PERMISSION_DENIED',
      details: { permission: 'applications.override' },
    });
    const { loanId } = await t.call(
      'applications.approve',
      { ...raised, overrideReason: '另有房产抵押 secured by property' },
      'manager',
    );
    const approved = t.app
      .db()
      .$client.prepare("SELECT payload_json AS p FROM events WHERE type = 'ApplicationApproved'")
      .get() as { p: string };
    expect(JSON.parse(approved.p).override).toEqual({
      reason: '另有房产抵押 secured by property',
      checks: ['DEBT_TO_INCOME'],
    });
    expect((await t.call('loans.get', { loanId }, 'manager')).loan.principalFen).toBe(150_000_00);
  });
});
