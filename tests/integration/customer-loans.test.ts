// The customer drawer's loans (loans.ofCustomer): each loan of the customer with its
// status, outstanding principal, next due date and what is past due; a role without
// loans.read is refused.
import { addDays } from '../../src/core/dates';
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';
import { closeDaysThrough } from '../support/servicing';

let t: TestApp;
afterEach(() => t?.cleanup());

it("lists the customer's loans, the next installment and, once one is missed, the overdue amount", async () => {
  t = await demoApp('admin', 'officer', 'manager');
  t.travel('2026-03-02T02:00:00Z');
  const productId = await createProduct(t);
  const customerId = await registerCustomer(t);
  const other = await registerCustomer(t);
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 6_000_00, periods: 6, purpose: '周转 working capital' },
    'officer',
  );
  const { loan } = await t.call('loans.get', { loanId: app.loanId! }, 'manager');
  const [approved] = await t.call('loans.ofCustomer', { customerId }, 'officer');
  expect(approved).toMatchObject({ number: loan.number, status: 'approved', nextDueDate: null, overdueFen: 0 });

  await t.call('loans.disburse', { loanId: loan.id, expectedVersion: loan.version, channel: 'bank' }, 'manager');
  const detail = await t.call('loans.get', { loanId: loan.id }, 'manager');
  const first = detail.installments[0]!;
  const [active] = await t.call('loans.ofCustomer', { customerId }, 'officer');
  expect(active).toMatchObject({
    status: 'active',
    outstandingPrincipalFen: 6_000_00,
    nextDueDate: first.dueDate,
    overdueFen: 0,
  });
  expect(await t.call('loans.ofCustomer', { customerId: other }, 'officer')).toEqual([]);

  // The first installment missed: after the end of day past its due date it is overdue.
  await closeDaysThrough(t, addDays(first.dueDate, 1));
  const [late] = await t.call('loans.ofCustomer', { customerId }, 'officer');
  expect(late!.overdueFen).toBeGreaterThanOrEqual(first.paymentFen);
  expect(late!.nextDueDate).toBe(detail.installments[1]!.dueDate);
  expect(late!.dpd).toBeGreaterThan(0);

  expect((await t.fail('loans.ofCustomer', { customerId }, 'admin')).code).toBe('PERMISSION_DENIED');
});
