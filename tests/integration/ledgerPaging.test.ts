// Issue 12: the lists the window shows page and sort in the database. On the demo
// company with a year of history (more rows than a page in each list), through the
// real API: every call answers at most `limit` rows and the total of the whole
// filter; walking the pages gives every row once, in the order asked for, and the
// totals are those of all rows; a page larger than the maximum is refused.
import { demoAppOf, type TestApp } from '../support/app';

let t: TestApp;
const range = { from: '2000-01-01', to: '2099-12-31' };

beforeAll(async () => {
  t = await demoAppOf(30, 'manager');
}, 180_000);
afterAll(() => t?.cleanup());

/** Every page of a list, `limit` rows at a time, checking each page's size. */
async function walk<R>(
  limit: number,
  fetch: (offset: number) => Promise<{ rows: readonly R[]; count: number }>,
): Promise<{ rows: R[]; count: number; pages: number }> {
  const rows: R[] = [];
  let count = -1;
  let pages = 0;
  for (let offset = 0; count < 0 || offset < count; offset += limit) {
    const page = await fetch(offset);
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    if (count >= 0) expect(page.count).toBe(count);
    count = page.count;
    if (offset + limit <= count) expect(page.rows).toHaveLength(limit);
    rows.push(...page.rows);
    pages++;
    if (count === 0) break;
  }
  return { rows, count, pages };
}

describe('the repayment ledger', () => {
  it('answers one page at a time with the count and amount of all, each row once', async () => {
    const kinds = ['repayment', 'reversal'] as const;
    const all = await t.call('ledger.transactions', { kinds: [...kinds], range, limit: 1000 }, 'manager');
    expect(all.totals.count).toBeGreaterThan(40);
    expect(all.rows).toHaveLength(Math.min(1000, all.totals.count));

    const limit = 17;
    const walked = await walk(limit, async (offset) => {
      const page = await t.call('ledger.transactions', { kinds: [...kinds], range, limit, offset }, 'manager');
      expect(page.totals.amountFen).toBe(all.totals.amountFen);
      return { rows: page.rows, count: page.totals.count };
    });
    expect(walked.pages).toBeGreaterThan(2);
    expect(walked.rows.map((r) => r.id)).toEqual(all.rows.map((r) => r.id));
    expect(new Set(walked.rows.map((r) => r.id)).size).toBe(all.totals.count);
    expect(walked.rows.reduce((s, r) => s + r.amountFen, 0)).toBe(all.totals.amountFen);
  });

  it('sorts in the database across pages', async () => {
    const input = {
      kinds: ['repayment' as const],
      range,
      sort: { field: 'amountFen' as const, order: 'asc' as const },
    };
    const limit = 23;
    const walked = await walk(limit, async (offset) => {
      const page = await t.call('ledger.transactions', { ...input, limit, offset }, 'manager');
      return { rows: page.rows, count: page.totals.count };
    });
    const amounts = walked.rows.map((r) => r.amountFen);
    expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    expect(new Set(walked.rows.map((r) => r.id)).size).toBe(walked.count);
    // The channel filter is applied in the database too.
    const cash = await t.call('ledger.transactions', { ...input, channels: ['cash'], limit: 1000 }, 'manager');
    expect(cash.rows.every((r) => r.channel === 'cash')).toBe(true);
    expect(cash.totals.count).toBe(cash.rows.length);
  });
});

describe('the general ledger', () => {
  it('answers one page at a time with the debit and credit sums of all lines', async () => {
    const first = await t.call('ledger.journal', { range, limit: 100 }, 'manager');
    expect(first.rows).toHaveLength(100);
    expect(first.totals.count).toBeGreaterThan(600);
    expect(first.totals.debitFen).toBe(first.totals.creditFen);

    const limit = 300;
    const walked = await walk(limit, async (offset) => {
      const page = await t.call('ledger.journal', { range, limit, offset }, 'manager');
      expect(page.totals).toEqual(first.totals);
      return { rows: page.rows, count: page.totals.count };
    });
    const keys = walked.rows.map((r) => `${r.entryId}|${r.accountCode}`);
    expect(new Set(keys).size).toBe(first.totals.count);
    expect(walked.rows.reduce((s, r) => s + r.debitFen, 0)).toBe(first.totals.debitFen);
    expect(walked.rows.slice(0, 100).map((r) => `${r.entryId}|${r.accountCode}`)).toEqual(
      first.rows.map((r) => `${r.entryId}|${r.accountCode}`),
    );
  });

  it('sorts by debit in the database across pages', async () => {
    const limit = 500;
    const walked = await walk(limit, async (offset) => {
      const page = await t.call(
        'ledger.journal',
        { range, limit, offset, sort: { field: 'debitFen', order: 'desc' } },
        'manager',
      );
      return { rows: page.rows, count: page.totals.count };
    });
    const debits = walked.rows.map((r) => r.debitFen);
    expect(debits).toEqual([...debits].sort((a, b) => b - a));
  });
});

describe('every list refuses a page above its maximum', () => {
  it('ledgers: 1,000 rows; customers and tickets: 200', async () => {
    for (const [method, input] of [
      ['ledger.transactions', { kinds: ['repayment'], range, limit: 1001 }],
      ['ledger.journal', { range, limit: 1001 }],
      ['ledger.loans', { limit: 1001 }],
      ['customers.list', { limit: 201 }],
      ['tickets.list', { limit: 201 }],
    ] as const)
      expect((await t.fail(method, input, 'manager')).code, method).toBe('INPUT_INVALID');
  });

  it('loans and customers answer at most a page with the count of all', async () => {
    const loans = await t.call('ledger.loans', { limit: 7, offset: 7 }, 'manager');
    expect(loans.rows).toHaveLength(7);
    expect(loans.totals.count).toBeGreaterThan(14);
    const customers = await t.call('customers.list', { limit: 5, offset: 5 }, 'manager');
    expect(customers.rows).toHaveLength(5);
    expect(customers.total).toBeGreaterThan(10);
  });
});
