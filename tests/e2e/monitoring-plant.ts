/** Plants cash-monitoring cases on the demo company through the API: three cash
 *  repayments just under 50,000 yuan on one loan within minutes (a structuring
 *  alert and a cumulative large-cash day) and one of 60,000 on another loan (a
 *  single large amount). Returns the loans used. */
import { randomUUID } from 'node:crypto';
import { mustInvoke, DEMO_PASSWORD, type Host } from './fixtures';

export async function plantCashFlags(host: Host, managerKey: string): Promise<{ structured: string; single: string }> {
  const officer = randomUUID();
  await mustInvoke(host, 'auth.login', { username: 'officer', password: DEMO_PASSWORD }, officer);
  const { businessDate } = (await mustInvoke(host, 'app.status', {}, managerKey)) as { businessDate: string };
  const big = (await mustInvoke(
    host,
    'ledger.loans',
    { status: ['active'], sort: { field: 'outstandingPrincipalFen', order: 'desc' }, limit: 20, offset: 0 },
    managerKey,
  )) as { rows: Array<{ id: string; customerId: string }> };
  const [first, ...rest] = big.rows;
  const second = rest.find((r) => r.customerId !== first!.customerId)!;
  const pay = (loanId: string, yuan: number) =>
    mustInvoke(
      host,
      'repayments.record',
      { loanId, amountFen: yuan * 100, valueDate: businessDate, channel: 'cash', note: '现金 cash' },
      officer,
    );
  for (const yuan of [46_000, 47_500, 49_900]) await pay(first!.id, yuan);
  await pay(second.id, 60_000);
  return { structured: first!.id, single: second.id };
}
