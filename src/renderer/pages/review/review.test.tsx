// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../../api/client';
import { answerApi, inputsOf, resetApi, type Part } from '../../testing/api';
import type { Api } from '../../api/client';
import { installDomGaps, renderScreen } from '../../testing/render';
import { ReviewPage } from './ReviewPage';
import { QueuePage, type QueueRow } from './QueuePage';
import { DEFAULT_PAGE_SIZE } from '../loans/paging';

let userId = 'checker';
const HOUR_MS = 3_600_000;
const NOW = Date.parse('2026-03-05T12:00:00.000Z');
const APP_ID = '11111111-1111-4111-8111-111111111111';

const schedule: Part<Api['applications.get']['output']['schedule']> = {
  terms: { principalFen: 3_000_000, rateAnnual: '0.18', periods: 2, method: 'annuity', startDate: '2026-03-02' },
  installments: [
    {
      n: 1,
      dueDate: '2026-04-02',
      principalFen: 1_488_830,
      interestFen: 45_000,
      paymentFen: 1_533_830,
      balanceFen: 1_511_170,
    },
    { n: 2, dueDate: '2026-05-02', principalFen: 1_511_170, interestFen: 22_668, paymentFen: 1_533_838, balanceFen: 0 },
  ],
  totalPrincipalFen: 3_000_000,
  totalInterestFen: 67_668,
  totalPaymentFen: 3_067_668,
  upfrontFeeFen: 0,
  netDisbursedFen: 3_000_000,
};
const assessment: Part<Api['applications.get']['output']['assessment']> = {
  prechecks: [
    { code: 'AGE', passed: true, values: { age: 40, min: 18, max: 60 } },
    { code: 'DEBT_TO_INCOME', passed: false, values: { dti: '0.6200', max: '0.5' } },
    { code: 'RATE_CAP', passed: true, values: { annualized: '0.18000000', cap: '0.24' } },
  ],
  score: {
    score: 598,
    grade: 'D',
    pd: '0.021000',
    attributes: [{ attribute: 'debtToIncome', value: 0.62, band: '>=50%', points: -20, contribution: -80 }],
    reasons: [{ attribute: 'debtToIncome', reasonCode: 'SCORE_DTI', pointsLost: 80 }],
  },
  offer: { eligible: true, grade: 'D', maxAmountFen: 1_500_000, rateAnnual: '0.22', periods: 6 },
  annualizedRate: { nominal: '0.18000000', effective: '0.19561817' },
  firstInstallmentFen: 1_533_830,
  decision: 'review',
};
const detail: Part<Api['applications.get']['output']> = {
  application: {
    id: APP_ID,
    number: 'A000007',
    customerId: 'c1',
    productId: 'p1',
    amountFen: 3_000_000,
    periods: 2,
    rateAnnual: '0.18',
    purpose: '经营周转',
    status: 'review',
    score: 598,
    grade: 'D',
    assessmentJson: '{}',
    branchId: null,
    createdBy: 'maker',
    submittedAt: new Date(NOW - 5 * HOUR_MS).toISOString(),
    decidedAt: null,
    decidedBy: null,
    decisionNote: null,
    loanId: null,
    version: 2,
  },
  assessment,
  product: {
    id: 'p1',
    code: 'PL01',
    name: '个人消费贷',
    config: { method: 'annuity', frequency: 'monthly', rateCapAnnual: '0.24' },
  },
  schedule,
  existingLoans: [
    { id: 'l9', number: 'L000003', status: 'active', principalFen: 500_000, outstandingPrincipalFen: 200_000, dpd: 0 },
  ],
  creatorName: '李经理',
};
const customer: Part<Api['customers.get']['output']> = {
  id: 'c1',
  number: 'C000001',
  kind: 'person',
  name: '张伟',
  residentIdMasked: '1101**********1234',
  phoneMasked: '138****5678',
  bankCardMasked: null,
  age: 40,
  sex: 'male',
  address: null,
  employer: '某公司',
  monthlyIncomeFen: 800_000,
  monthlyDebtFen: 200_000,
  employmentYears: 3,
  creditCode: null,
  legalRepId: null,
  registeredCapitalFen: null,
  industry: null,
  consentAt: '2026-03-01T00:00:00Z',
  branchId: null,
  createdAt: '2026-03-01T00:00:00Z',
  version: 1,
  watchlistFlag: 'none',
  watchlistHits: [],
};
const queueRows: Array<Part<QueueRow>> = [
  {
    id: 'a1',
    number: 'A000001',
    status: 'review',
    amountFen: 1_000_000,
    periods: 12,
    rateAnnual: '0.18',
    grade: 'C',
    score: 590,
    submittedAt: new Date(NOW - 3 * HOUR_MS).toISOString(),
    decidedAt: null,
    customerId: 'c1',
    customerName: '张伟',
    productId: 'p1',
    branchId: null,
    createdBy: 'u1',
    officerName: '王五',
    loanId: null,
    version: 2,
  },
  {
    id: 'a2',
    number: 'A000002',
    status: 'review',
    amountFen: 2_500_000,
    periods: 6,
    rateAnnual: '0.2',
    grade: 'D',
    score: 550,
    submittedAt: new Date(NOW - 3 * 24 * HOUR_MS).toISOString(),
    decidedAt: null,
    customerId: 'c2',
    customerName: '李四',
    productId: 'p1',
    branchId: null,
    createdBy: 'u1',
    officerName: '王五',
    loanId: null,
    version: 2,
  },
];

/** The two applications as the main process gives them for the default order (oldest first). */
const queue: Part<Api['applications.list']['output']> = {
  rows: [queueRows[1]!, queueRows[0]!],
  total: 2,
  totalAmountFen: 3_500_000,
  facets: { officers: [{ id: 'u1', name: '王五' }], branches: [null] },
};

/** A queue of QUEUE_TOTAL applications, answered as the database would: the page of
 *  `limit` rows from `offset`, and the count and amount of all of them. It refuses a
 *  page longer than the longest the screen may ask for. */
const QUEUE_TOTAL = 1234;
function queuePage(input: Api['applications.list']['input']): Part<Api['applications.list']['output']> {
  const limit = input?.limit ?? 100;
  const offset = input?.offset ?? 0;
  if (limit > DEFAULT_PAGE_SIZE) throw new Error(`the queue asked for ${limit} rows, more than a page`);
  const count = Math.max(0, Math.min(limit, QUEUE_TOTAL - offset));
  return {
    rows: Array.from({ length: count }, (_, i) => ({
      ...queueRows[0]!,
      id: `q${offset + i}`,
      number: `A${String(offset + i + 1).padStart(6, '0')}`,
      amountFen: 100_00,
      submittedAt: new Date(NOW - (offset + i + 1) * HOUR_MS).toISOString(),
    })),
    total: QUEUE_TOTAL,
    totalAmountFen: QUEUE_TOTAL * 100_00,
    facets: {
      officers: [
        { id: 'u1', name: '王五' },
        { id: 'u2', name: '赵六' },
      ],
      branches: [null],
    },
  };
}

vi.mock('../../api/client', async (original) => (await import('../../testing/api')).mockClient(await original()));

beforeEach(() =>
  answerApi({
    'app.status': () => ({
      session: { userId, displayName: '赵审批', approvalLimitFen: 2_000_000, permissions: ['applications.review'] },
      businessDate: '2026-03-05',
    }),
    'applications.get': () => detail,
    'customers.get': () => customer,
    'branches.list': () => [],
    'applications.list': () => queue,
    'applications.approve': () => {
      throw new ApiError('NEEDS_HIGHER_APPROVAL', { limitFen: 2_000_000, amountFen: 3_000_000 });
    },
  }),
);

beforeAll(() => {
  installDomGaps();
  Element.prototype.scrollIntoView ??= () => {};
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  localStorage.setItem('loandesk.language', 'zh-CN');
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  resetApi();
  userId = 'checker';
  window.location.hash = '';
});

const wrap = renderScreen;

describe('the review screen', () => {
  it('shows the annualized rate against the cap, pre-checks, reasons, customer and existing loans', async () => {
    wrap(<ReviewPage applicationId={APP_ID} />);
    expect((await screen.findByTestId('review-annualized-rate')).textContent).toContain('18.00%');
    expect(screen.getByTestId('review-rate-panel').textContent).toContain('上限 24.00% 以内');
    expect(screen.getByTestId('precheck-DEBT_TO_INCOME').getAttribute('data-passed')).toBe('false');
    expect(screen.getByTestId('precheck-DEBT_TO_INCOME').textContent).toContain('62.00%（上限 50.00%）');
    expect(screen.getByTestId('reason-SCORE_DTI').textContent).toBe('负债收入比偏高 −80');
    expect((await screen.findByTestId('review-customer-name')).textContent).toBe('张伟');
    expect(within(screen.getByTestId('review-existing-loans')).getByText('L000003').getAttribute('href')).toBe(
      '#/loans/l9',
    );
    expect(within(screen.getByTestId('review-schedule')).getByText('¥30,676.68')).toBeTruthy();
    expect(screen.queryByTestId('review-maker-warning')).toBeNull();
  });

  it('shows the approver their limit, confirms the terms before sending, and clears the limit refusal once the amount is within it', async () => {
    wrap(<ReviewPage applicationId={APP_ID} />);
    const limit = await screen.findByTestId('review-limit', {}, { timeout: 5000 });
    await waitFor(() => expect(limit.getAttribute('data-over')).toBe('true'));
    expect(limit.textContent).toContain('超过您的审批额度 ¥20,000.00');
    fireEvent.click(screen.getByTestId('review-approve'));
    const confirm = await screen.findByTestId('review-confirm');
    expect(confirm.textContent).toContain('¥30,000.00');
    expect(confirm.textContent).toContain('2 个月');
    expect(confirm.textContent).toContain('18.00%');
    expect(screen.getByTestId('review-confirm-annualized').textContent).toBe('18.00%');
    expect(screen.getByTestId('review-confirm-approver').textContent).toBe('赵审批');
    expect(inputsOf('applications.approve').length > 0).toBe(false);
    fireEvent.click(screen.getByTestId('review-confirm-ok'));
    const alert = await screen.findByTestId('review-error');
    expect(alert.textContent).toContain('金额 ¥30,000.00 超出您的审批权限 ¥20,000.00');
    expect(inputsOf('applications.approve')[0]).toEqual({
      applicationId: APP_ID,
      expectedVersion: 2,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const amount = screen.getByTestId('review-amount-input') as HTMLInputElement;
    expect(amount.value).toBe('30,000.00');
    fireEvent.change(amount, { target: { value: '15,000' } });
    await waitFor(() => expect(screen.queryByTestId('review-error')).toBeNull());
    expect(screen.getByTestId('review-limit').getAttribute('data-over')).toBe('false');
    expect(screen.getByTestId('review-limit').textContent).toContain('您的审批额度：¥20,000.00');
  });

  it('tells the maker that someone else must decide, and offers no action', async () => {
    userId = 'maker';
    wrap(<ReviewPage applicationId={APP_ID} />);
    expect((await screen.findByTestId('review-maker-warning', {}, { timeout: 5000 })).textContent).toContain(
      '须由另一位有审批权限的人员审批',
    );
    expect((screen.getByTestId('review-approve') as HTMLButtonElement).disabled).toBe(true);
  });
});

/** The rows the table renders (a virtual body: only those in view). */
const queueBodyRows = () => within(screen.getByTestId('queue-table')).queryAllByTestId('queue-row');
const lastQueueInput = () => inputsOf('applications.list').at(-1);
/** The sortable header of a column, by its title. */
const sortHeader = (title: string) =>
  screen
    .getAllByText(title)
    .map((e) => e.closest('th.ant-table-column-has-sorters'))
    .find((th) => th !== null)!;

describe('the review queue', () => {
  it('shows how long each application has waited, oldest first, and Enter opens the highlighted one', async () => {
    wrap(<QueuePage />);
    await waitFor(() =>
      expect(screen.getAllByTestId('queue-age').map((e) => e.textContent)).toEqual(['3 天', '3 小时']),
    );
    expect(inputsOf('applications.list')[0]).toMatchObject({
      status: ['review'],
      sort: { field: 'age', order: 'desc' },
      offset: 0,
    });
    expect(screen.getByTestId('queue-total').textContent).toBe('¥35,000.00');
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(window.location.hash).toBe('#/review/a1');
  });

  it('asks for one page, never holds more than a page, and totals the whole queue from the answer', async () => {
    answerApi({ 'applications.list': queuePage });
    wrap(<QueuePage />);
    await waitFor(() => expect(screen.getByTestId('queue-count').textContent).toBe(`共 ${QUEUE_TOTAL} 笔`));
    expect(screen.getByTestId('queue-total').textContent).toBe('¥123,400.00');
    expect(inputsOf('applications.list')[0]).toMatchObject({ limit: DEFAULT_PAGE_SIZE, offset: 0 });
    expect(queueBodyRows().length).toBeGreaterThan(0);
    expect(queueBodyRows().length).toBeLessThanOrEqual(DEFAULT_PAGE_SIZE);

    const pager = screen.getByTestId('queue-table').closest('.ant-table-wrapper')!;
    fireEvent.click(pager.querySelector('.ant-pagination-item-3')!);
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ offset: 200, limit: DEFAULT_PAGE_SIZE }));
    await waitFor(() => expect(screen.getByText('A000201')).toBeTruthy());
    expect(queueBodyRows().length).toBeLessThanOrEqual(DEFAULT_PAGE_SIZE);
    // j/k move within the page; Enter opens the row the server gave.
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(window.location.hash).toBe('#/review/q201');
    for (const input of inputsOf('applications.list')) expect(input?.limit).toBe(DEFAULT_PAGE_SIZE);
  });

  it('asks the server again for a new sort, search, filter or status, from the first page', async () => {
    answerApi({ 'applications.list': queuePage });
    wrap(<QueuePage />);
    await waitFor(() => expect(screen.getByTestId('queue-count').textContent).toBe(`共 ${QUEUE_TOTAL} 笔`));
    const pager = () => screen.getByTestId('queue-table').closest('.ant-table-wrapper')!;
    fireEvent.click(pager().querySelector('.ant-pagination-item-2')!);
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ offset: 100 }));

    fireEvent.click(sortHeader('金额'));
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ sort: { field: 'amount', order: 'asc' }, offset: 0 }));
    fireEvent.click(sortHeader('金额'));
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ sort: { field: 'amount', order: 'desc' } }));
    fireEvent.click(sortHeader('评分'));
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ sort: { field: 'score', order: 'asc' } }));

    fireEvent.click(pager().querySelector('.ant-pagination-item-2')!);
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ offset: 100 }));
    const search = within(screen.getByTestId('queue-search')).getByRole('searchbox');
    fireEvent.change(search, { target: { value: '  张伟 ' } });
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ search: '张伟', offset: 0 }));
    expect(inputsOf('applications.list').filter((i) => i?.search === ' 张伟 ' || i?.search === '  张伟 ')).toEqual([]);

    // The officer filter's choices are the server's facets; picking one asks for that officer.
    const officerHeader = screen.getByText('信贷员').closest('th')!;
    fireEvent.click(officerHeader.querySelector('.ant-table-filter-trigger')!);
    fireEvent.click(await screen.findByText('赵六'));
    fireEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ officerId: ['u2'], search: '张伟', offset: 0 }));

    fireEvent.click(screen.getByTestId('queue-tab-approved'));
    await waitFor(() => expect(lastQueueInput()).toMatchObject({ status: ['approved'], offset: 0 }));
    expect(lastQueueInput()?.sort).toBeUndefined();
    for (const input of inputsOf('applications.list')) expect(input?.limit).toBeLessThanOrEqual(DEFAULT_PAGE_SIZE);
  });
});
