/** The compliance review queue and the large-value cash report list exactly the
 *  cases planted here: a cumulative day, a cumulative day with a structuring
 *  pattern, and a single large amount; reviews record a decision and a note. */
import { demoApp, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';
import { main } from '../../src/cli/index';
import type { CliIo } from '../../src/cli/types';

let t: TestApp;
afterAll(() => t?.cleanup());

async function largeCashCli(from: string, to: string) {
  const out: string[] = [];
  const io: CliIo = {
    out: (s) => out.push(s),
    err: () => undefined,
    readStdin: async () => '',
    env: { LOANDESK_HOME: t.home, LOANDESK_PASSPHRASE: TEST_PASSPHRASE, LOANDESK_NO_KEYCHAIN: '1' },
  };
  expect(await main(['report', 'large-cash', '--from', from, '--to', to, '--json'], io)).toBe(0);
  return JSON.parse(out.join('')) as { items: Array<Record<string, unknown>> };
}

let customer = '';

beforeAll(async () => {
  t = await demoApp('admin', 'officer', 'manager', 'auditor');
  t.travel('2026-03-02T02:00:00Z');
  const productId = await createProduct(t, 'admin', { maxAmountFen: 500_000_00, autoApproveLimitFen: 0 });
  const customerId = await registerCustomer(t, 'officer', { monthlyIncomeFen: 200_000_00 });
  // More than the cash below repays, so no repayment pays the loan off (a payoff two
  // days in would cost more than the rate cap allows).
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen: 450_000_00, periods: 12, purpose: '经营周转 working capital' },
    'officer',
  );
  const { loanId } = await t.call('applications.approve', { applicationId: app.id, expectedVersion: 1 }, 'manager');
  const { loan } = await t.call('loans.get', { loanId }, 'officer');
  await t.call('loans.disburse', { loanId, expectedVersion: loan.version, channel: 'bank' }, 'officer');
  const c = await t.call('customers.get', { customerId }, 'officer');
  customer = `${c.number} ${c.name}`;
  const pay = async (date: string, yuan: number, channel: 'cash' | 'bank' = 'cash') => {
    t.clock.ms += 60_000;
    await t.call(
      'repayments.record',
      { loanId, amountFen: yuan * 100, valueDate: date, channel, acceptOverpayment: true },
      'officer',
    );
  };
  await pay('2026-03-02', 30_000);
  await pay('2026-03-02', 60_000, 'bank');
  await pay('2026-03-02', 20_000); // cumulative cash 50,000
  t.travel('2026-03-03T01:00:00Z');
  await pay('2026-03-03', 1);
  await pay('2026-03-03', 46_000);
  await pay('2026-03-03', 47_500); // cumulative 93,501
  await pay('2026-03-03', 49_900); // third amount just under 50,000 in 24 hours
  t.travel('2026-03-04T03:00:00Z');
  await pay('2026-03-04', 30);
  await pay('2026-03-04', 60_000); // one amount over the threshold
});

describe('the large-value cash report', () => {
  it('lists exactly the planted days, single or cumulative', async () => {
    expect(await largeCashCli('2026-03-01', '2026-03-31')).toEqual({
      items: [
        { customer, date: '2026-03-02', amount: '50000.00', kind: 'cumulative', reviewed: false },
        { customer, date: '2026-03-03', amount: '143401.00', kind: 'cumulative', reviewed: false },
        { customer, date: '2026-03-04', amount: '60030.00', kind: 'single', reviewed: false },
      ],
    });
    expect((await largeCashCli('2026-03-03', '2026-03-03')).items).toHaveLength(1);
  });
});

describe('the review queue', () => {
  it('holds the four open flags with the movements behind them', async () => {
    const open = await t.call('compliance.list', { from: '2026-03-01', to: '2026-03-31', status: 'open' }, 'auditor');
    expect(open.map((f) => [f.businessDate, f.kind, f.amountFen]).sort()).toEqual([
      ['2026-03-02', 'largeCash', 50_000_00],
      ['2026-03-03', 'largeCash', 143_401_00],
      ['2026-03-03', 'structuring', 49_900_00],
      ['2026-03-04', 'largeCash', 60_030_00],
    ]);
    const structuring = open.find((f) => f.kind === 'structuring')!;
    const detail = await t.call('compliance.get', { flagId: structuring.id }, 'auditor');
    expect(detail.movementList.map((m) => m.amountFen)).toEqual([46_000_00, 47_500_00, 49_900_00]);
  });

  it('records each decision with its note and reviewer, once', async () => {
    const open = await t.call('compliance.list', { from: '2026-03-01', to: '2026-03-31', status: 'open' }, 'manager');
    const structuring = open.find((f) => f.kind === 'structuring')!;
    const single = open.find((f) => f.largeCashKind === 'single')!;
    expect(
      (await t.fail('compliance.review', { flagId: single.id, decision: 'reported', note: '已上报' }, 'auditor')).code,
    ).toBe('PERMISSION_DENIED');
    await t.call(
      'compliance.review',
      { flagId: structuring.id, decision: 'reported', note: '拆分交易，已报送 reported as suspicious' },
      'manager',
    );
    await t.call(
      'compliance.review',
      { flagId: single.id, decision: 'dismissed', note: '客户出售房产所得，有合同 sale of a flat, contract on file' },
      'manager',
    );
    expect(
      (await t.fail('compliance.review', { flagId: single.id, decision: 'reported', note: 'again' }, 'manager')).code,
    ).toBe('FLAG_ALREADY_REVIEWED');
    const reviewed = await t.call(
      'compliance.list',
      { from: '2026-03-01', to: '2026-03-31', status: 'reviewed' },
      'auditor',
    );
    expect(reviewed.map((f) => [f.kind, f.decision, f.reviewedByName]).sort()).toEqual([
      ['largeCash', 'dismissed', '王经理'],
      ['structuring', 'reported', '王经理'],
    ]);
    expect((await largeCashCli('2026-03-04', '2026-03-04')).items[0]).toMatchObject({ reviewed: true });
    const exceptions = await t.call(
      'monitoring.exceptions',
      { from: '2026-03-01', to: '2026-03-31', granularity: 'month' },
      'auditor',
    );
    expect(exceptions.flags.map((f) => [f.kind, f.n, f.open]).sort()).toEqual([
      ['largeCash', 3, 2],
      ['structuring', 1, 0],
    ]);
  });
});
