/** Cash monitoring on real repayments: large-value cash and structuring flags. */
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';

let t: TestApp;
afterEach(() => t?.cleanup());

it('flags cumulative large cash in a day and three just-under amounts within 24 hours', async () => {
  t = await demoApp('admin', 'officer', 'manager');
  t.clock.ms = Date.parse('2026-03-02T02:00:00Z');
  const productId = await createProduct(t, 'admin', { maxAmountFen: 500_000_00, autoApproveLimitFen: 0 });
  const customerId = await registerCustomer(t, 'officer', { monthlyIncomeFen: 200_000_00 });
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 300_000_00, periods: 12, purpose: '经营周转 working capital' },
    'officer',
  );
  const [queued] = (await t.call('applications.list', { status: ['review'] }, 'manager')).rows;
  const { loanId } = await t.call(
    'applications.approve',
    { applicationId: app.id, expectedVersion: queued!.version },
    'manager',
  );
  const { loan } = await t.call('loans.get', { loanId }, 'officer');
  await t.call('loans.disburse', { loanId, expectedVersion: loan.version, channel: 'bank' }, 'officer');

  const pay = async (yuan: number, channel: 'cash' | 'bank' = 'cash') => {
    t.clock.ms += 60_000;
    return t.call('repayments.record', { loanId, amountFen: yuan * 100, valueDate: '2026-03-02', channel }, 'officer');
  };
  expect((await pay(30_000)).complianceFlags).toBe(0);
  expect((await pay(60_000, 'bank')).complianceFlags).toBe(0);
  expect((await pay(20_000)).complianceFlags).toBe(1);
  const flags = await t.call('compliance.list', { from: '2026-03-02', to: '2026-03-02' }, 'manager');
  expect(flags).toHaveLength(1);
  expect(flags[0]).toMatchObject({ kind: 'largeCash', amountFen: 50_000_00, customerId });

  // Next day: three amounts just under 50,000 within 24 hours.
  t.travel('2026-03-03T01:00:00Z');
  await pay(1);
  const flagged: number[] = [];
  for (const yuan of [46_000, 47_500, 49_900]) flagged.push((await pay(yuan)).complianceFlags);
  // 47,500 makes the day's cash reach 50,000; 49,900 is the third just-under amount.
  expect(flagged).toEqual([0, 1, 1]);
  const kinds = (await t.call('compliance.list', { from: '2026-03-02', to: '2026-03-03' }, 'manager'))
    .map((f) => f.kind)
    .sort();
  expect(kinds).toEqual(['largeCash', 'largeCash', 'structuring']);
  const open = await t.call(
    'compliance.list',
    { from: '2026-03-03', to: '2026-03-03', kind: 'structuring' },
    'manager',
  );
  expect(
    (await t.fail('compliance.review', { flagId: open[0]!.id, decision: 'reported', note: '已上报' }, 'officer')).code,
  ).toBe('PERMISSION_DENIED');
  await t.call(
    'compliance.review',
    { flagId: open[0]!.id, decision: 'reported', note: '已核实并上报 reported' },
    'manager',
  );
  expect(
    await t.call(
      'compliance.list',
      { from: '2026-03-03', to: '2026-03-03', openOnly: true, kind: 'structuring' },
      'manager',
    ),
  ).toEqual([]);
});
