/** The review queue pages, searches, filters, sorts and totals in the database:
 *  more applications than a page, from three officers (one without a branch, whose
 *  name holds a LIKE wildcard), some decided. Every answer is checked against the
 *  same rule applied in the test to the whole list. */
import { demoApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';
import type { Api } from '../../src/main/api/registry';

type Input = NonNullable<Api['applications.list']['input']>;
type Row = Api['applications.list']['output']['rows'][number];
type SortField = NonNullable<Input['sort']>['field'];

const APPLICATIONS = 105;
const PAGE = 10;
const SORT_FIELDS: SortField[] = ['amount', 'grade', 'score', 'age', 'decision'];

let t: TestApp;
/** Every application, as the list gives it (read page by page once everything is decided). */
let all: Row[];
let ids: { submitted: Set<string>; hq: string; cy: string; officer3: string };

const list = async (input: Input) => t.call('applications.list', input, 'manager');

/** Every page of `input` (PAGE rows at a time), joined. */
async function everyPage(input: Input): Promise<{ rows: Row[]; total: number; totalAmountFen: number }> {
  const first = await list({ ...input, limit: PAGE, offset: 0 });
  const rows = [...first.rows];
  for (let offset = PAGE; offset < first.total; offset += PAGE) {
    const page = await list({ ...input, limit: PAGE, offset });
    expect(page.total).toBe(first.total);
    expect(page.totalAmountFen).toBe(first.totalAmountFen);
    expect(page.rows.length).toBe(Math.min(PAGE, first.total - offset));
    rows.push(...page.rows);
  }
  return { rows, total: first.total, totalAmountFen: first.totalAmountFen };
}

const decisionMs = (r: Row) => (r.decidedAt ? Date.parse(r.decidedAt) - Date.parse(r.submittedAt) : null);
/** The value each sort orders by, in the direction of "ascending" (age: youngest first). */
const KEY: Record<SortField, (r: Row) => string | number | null> = {
  amount: (r) => r.amountFen,
  grade: (r) => r.grade,
  score: (r) => r.score,
  age: (r) => -Date.parse(r.submittedAt),
  decision: decisionMs,
};

/** The order the queue promises: the field in the asked direction, nulls last, then
 *  the id in the column's direction (age ascending is submitted_at descending). */
function sorted(rows: Row[], field: SortField, order: 'asc' | 'desc'): string[] {
  const sign = order === 'asc' ? 1 : -1;
  const idSign = field === 'age' ? -sign : sign;
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .sort((x, y) => {
      const a = KEY[field](x);
      const b = KEY[field](y);
      if (a === null || b === null) return a === b ? idSign * cmp(x.id, y.id) : a === null ? 1 : -1;
      return sign * cmp(a, b) || idSign * cmp(x.id, y.id);
    })
    .map((r) => r.id);
}

const amountOf = (rows: Row[]) => rows.reduce((s, r) => s + r.amountFen, 0);

beforeAll(async () => {
  t = await demoApp('admin', 'officer', 'officer2', 'manager', 'agent');
  await t.call(
    'users.create',
    {
      username: 'officer3',
      displayName: '钱_信贷',
      role: 'loan_officer',
      branchId: null,
      approvalLimitFen: 0,
      initialPassword: 'Temp-2026-pass',
    },
    'admin',
  );
  await t.call('auth.login', { username: 'officer3', password: 'Temp-2026-pass' }, 'officer3');
  await t.call('auth.changePassword', { currentPassword: 'Temp-2026-pass', newPassword: 'Qian-2026-xin' }, 'officer3');
  const productId = await createProduct(t, 'admin', { autoApproveLimitFen: 0 });
  const officers = ['officer', 'officer2', 'officer3'];
  const names = ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨光'];
  // Two customers per officer (their branch), of different standing (different scores).
  const customers: Array<{ id: string; officer: string }> = [];
  for (const [i, name] of names.entries()) {
    const officer = officers[i % 3]!;
    const id = await registerCustomer(t, officer, {
      name,
      monthlyIncomeFen: (30_000 + i * 17_000) * 100,
      monthlyDebtFen: i * 1_000_00,
      employmentYears: 1 + i * 3,
    });
    customers.push({ id, officer });
  }
  const submitted = new Set<string>();
  for (let n = 0; n < APPLICATIONS; n++) {
    t.travel(new Date(Date.parse('2026-03-02T02:00:00Z') + n * 7 * 60_000).toISOString());
    const customer = customers[n % customers.length]!;
    const result = await t.call(
      'applications.submit',
      {
        customerId: customer.id,
        productId,
        amountFen: (5_000 + ((n * 37) % 50) * 500) * 100,
        periods: 6 + (n % 4) * 6,
        purpose: '经营周转',
      },
      customer.officer,
    );
    submitted.add(result.id);
  }
  // Decide some, oldest first, at different moments (different times to decision).
  const waiting = (await list({ status: ['review'], sort: { field: 'age', order: 'desc' }, limit: 200 })).rows;
  for (const [i, app] of waiting.slice(0, 24).entries()) {
    t.travel(new Date(Date.parse('2026-03-03T02:00:00Z') + i * 13 * 60_000 + (i % 5) * 3_600_000).toISOString());
    if (i % 3 === 0)
      await t.call('applications.approve', { applicationId: app.id, expectedVersion: app.version }, 'manager');
    else
      await t.call(
        i % 3 === 1 ? 'applications.decline' : 'applications.return',
        { applicationId: app.id, expectedVersion: app.version, reason: '资料不全' },
        'manager',
      );
  }
  const branches = await t.call('branches.list', {}, 'admin');
  const branchOf = (code: string) => branches.find((b) => b.code === code)!.id;
  ids = { submitted, hq: branchOf('HQ'), cy: branchOf('CY'), officer3: '' };
  all = (await everyPage({ sort: { field: 'age', order: 'desc' } })).rows;
  ids.officer3 = all.find((r) => r.officerName === '钱_信贷')!.createdBy;
}, 120_000);
afterAll(() => t?.cleanup());

describe('applications.list', () => {
  it('gives one page at a time and the count and amount of every matching application', async () => {
    expect(all).toHaveLength(APPLICATIONS);
    expect(new Set(all.map((r) => r.id))).toEqual(ids.submitted);
    const first = await list({});
    expect(first.rows).toHaveLength(100);
    expect(first.total).toBe(APPLICATIONS);
    expect(first.totalAmountFen).toBe(amountOf(all));
    const last = await list({ limit: PAGE, offset: 100 });
    expect(last.rows).toHaveLength(APPLICATIONS - 100);
    const beyond = await list({ limit: PAGE, offset: APPLICATIONS });
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(APPLICATIONS);
    // The default order: newest submission first.
    expect(first.rows.map((r) => r.id)).toEqual(sorted(all, 'age', 'asc').slice(0, 100));
    const review = await everyPage({ status: ['review'] });
    expect(review.total).toBe(APPLICATIONS - 24);
    expect(review.totalAmountFen).toBe(amountOf(all.filter((r) => r.status === 'review')));
  });

  it.each(SORT_FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((order) => [field, order] as const)))(
    'sorts by %s %s in the database, nulls last, pages joining without gaps or repeats',
    async (field, order) => {
      const { rows, total } = await everyPage({ sort: { field, order } });
      expect(total).toBe(APPLICATIONS);
      expect(rows.map((r) => r.id)).toEqual(sorted(all, field, order));
      // The same within one status.
      const approved = await everyPage({ status: ['approved', 'declined'], sort: { field, order } });
      expect(approved.rows.map((r) => r.id)).toEqual(
        sorted(
          all.filter((r) => r.status === 'approved' || r.status === 'declined'),
          field,
          order,
        ),
      );
    },
  );

  it('searches the number, the customer and the officer, with LIKE wildcards taken literally', async () => {
    const some = all[17]!;
    const cases: Array<[string, (r: Row) => boolean]> = [
      [some.number, (r) => r.number === some.number],
      [some.number.toLowerCase(), (r) => r.number === some.number],
      ['李娜', (r) => r.customerName === '李娜'],
      ['赵信贷', (r) => r.officerName === '赵信贷'],
      ['李', (r) => r.customerName === '李娜' || r.officerName === '李信贷'],
      ['_', (r) => r.officerName === '钱_信贷'],
      ['%', () => false],
      ['  信贷 ', () => true],
    ];
    for (const [search, match] of cases) {
      const expected = all.filter(match);
      const found = await everyPage({ search, sort: { field: 'amount', order: 'desc' } });
      expect(
        found.rows.map((r) => r.id),
        search,
      ).toEqual(sorted(expected, 'amount', 'desc'));
      expect(found.total, search).toBe(expected.length);
      expect(found.totalAmountFen, search).toBe(amountOf(expected));
    }
  });

  it('filters by grade, officers and branches (a branch of null: none), totals over the whole filter', async () => {
    type Grade = NonNullable<Input['grade']>[number];
    const grades = [...new Set(all.map((r) => r.grade).filter((g) => g !== null))] as Grade[];
    expect(grades.length).toBeGreaterThan(1);
    const officer2 = all.find((r) => r.officerName === '赵信贷')!.createdBy;
    const approver = all.find((r) => r.status === 'approved')!.createdBy;
    const cases: Array<[Input, (r: Row) => boolean]> = [
      [{ grade: [grades[0]!] }, (r) => r.grade === grades[0]],
      [{ officerId: [officer2, ids.officer3] }, (r) => r.createdBy === officer2 || r.createdBy === ids.officer3],
      [{ branchId: [null] }, (r) => r.branchId === null],
      [{ branchId: [ids.hq, null] }, (r) => r.branchId === ids.hq || r.branchId === null],
      [
        { status: ['review'], branchId: [ids.cy], grade: grades },
        (r) => r.status === 'review' && r.branchId === ids.cy && r.grade !== null,
      ],
      [
        { status: ['approved'], search: '信贷', officerId: [approver] },
        (r) => r.status === 'approved' && r.createdBy === approver,
      ],
    ];
    for (const [filter, match] of cases) {
      const expected = all.filter(match);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      const found = await everyPage({ ...filter, sort: { field: 'score', order: 'asc' } });
      expect(
        found.rows.map((r) => r.id),
        JSON.stringify(filter),
      ).toEqual(sorted(expected, 'score', 'asc'));
      expect(found.total).toBe(expected.length);
      expect(found.totalAmountFen).toBe(amountOf(expected));
    }
    expect(all.filter((r) => r.branchId === null).every((r) => r.createdBy === ids.officer3)).toBe(true);
  });

  it('lists the officers and branches present in the asked statuses, whatever the other filters', async () => {
    for (const status of [['review'], ['approved'], ['declined', 'returned']] as const) {
      const inStatus = all.filter((r) => (status as readonly string[]).includes(r.status));
      const { facets } = await list({ status: [...status], grade: ['A'], search: 'nothing like this', limit: 1 });
      expect(new Set(facets.officers.map((o) => o.id))).toEqual(new Set(inStatus.map((r) => r.createdBy)));
      for (const o of facets.officers) expect(o.name).toBe(inStatus.find((r) => r.createdBy === o.id)!.officerName);
      expect(new Set(facets.branches)).toEqual(new Set(inStatus.map((r) => r.branchId)));
    }
  });

  it('refuses a page too long, a bad offset, sort, filter or search, and a caller without review rights (a service agent)', async () => {
    const bad: Array<Record<string, unknown>> = [
      { limit: 201 },
      { limit: 0 },
      { offset: -1 },
      { offset: 1.5 },
      { sort: { field: 'number', order: 'asc' } },
      { sort: { field: 'amount', order: 'up' } },
      { sort: { field: 'amount' } },
      { grade: ['F'] },
      { officerId: ['not-a-uuid'] },
      { branchId: 'HQ' },
      { status: ['pending'] },
      { search: 'x'.repeat(61) },
      { search: 'a\u202Eb' },
    ];
    for (const input of bad) {
      const result = await t.dispatch('applications.list', input, 'manager');
      expect(result.ok, JSON.stringify(input)).toBe(false);
      const error = (result as { error: { code: string } }).error;
      expect(error.code, JSON.stringify(input)).toMatch(/^(INPUT_INVALID|TEXT_)/);
    }
    expect((await t.fail('applications.list', {}, 'agent')).code).toBe('PERMISSION_DENIED');
    expect((await list({ limit: 200 })).rows).toHaveLength(APPLICATIONS);
  });
});
