// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { answerApi, inputsOf, resetApi } from '../../testing/api';
import { installDomGaps, renderScreen } from '../../testing/render';
import { LOAN_LIST_PAGE_SIZE, LoanListPage } from './LoanListPage';

vi.mock('../../api/client', async (original) => (await import('../../testing/api')).mockClient(await original()));

const row = (n: number, over: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  number: `L0000${String(n).padStart(2, '0')}`,
  customerId: 'c1',
  customerName: `客户${n}`,
  customerResidentId: null,
  productName: '薪易贷',
  productNameEn: 'Salary loan',
  principalFen: 10_000_00,
  rateAnnual: '0.12',
  annualizedRate: '0.12',
  periods: 12,
  method: 'annuity',
  status: 'active',
  disbursedOn: '2026-01-10',
  maturityDate: '2027-01-10',
  outstandingPrincipalFen: 8_000_00,
  accruedInterestFen: 0,
  penaltyFen: 0,
  dpd: 0,
  bucket: 'M0',
  classification: 'normal',
  provisionFen: 0,
  officerName: '李信贷',
  branchId: null,
  nonAccrualSince: null,
  offBalanceInterestFen: 0,
  writtenOffPrincipalFen: 0,
  interestAdvanceFen: 0,
  nextDueDate: '2026-03-10',
  ...over,
});

beforeAll(() => installDomGaps());
beforeEach(() => {
  localStorage.setItem('loandesk.language', 'zh-CN');
  answerApi({
    'app.status': () => ({ session: { permissions: ['ledger.read'] }, businessDate: '2026-03-02' }) as never,
    'ledger.loans': (input) =>
      ({
        rows:
          input.offset === 0
            ? [
                row(1, { dpd: 35, outstandingPrincipalFen: 9_500_00 }),
                row(2, { status: 'approved', nextDueDate: '2026-04-01', outstandingPrincipalFen: 0 }),
              ]
            : [row(3)],
        totals: { count: 120 },
      }) as never,
  });
});
afterEach(() => {
  cleanup();
  resetApi();
});

it('shows status, customer, outstanding, next due and days past due first, then the loan and product', async () => {
  renderScreen(<LoanListPage />);
  const first = (await screen.findByText('L000001')).closest('tr')!;
  const cells = [...first.querySelectorAll('td')].map((td) => td.textContent);
  expect(cells).toEqual(['在贷', '客户1', '¥9,500.00', '2026-03-10', '35', 'L000001', '薪易贷']);
  // An approved loan has no due date yet.
  const approved = screen.getByText('L000002').closest('tr')!;
  expect(within(approved).getByText('待放款')).toBeTruthy();
  expect(within(approved).getAllByText('—')).toHaveLength(1);
  const headers = [...document.querySelectorAll('thead th')].map((th) => th.textContent);
  expect(headers.slice(0, 5)).toEqual(['状态', '客户', '未还本金', '下期应还日', '逾期天数']);
});

it('asks the database for one page at a time, active loans by days past due first', async () => {
  renderScreen(<LoanListPage />);
  await screen.findByText('L000001');
  expect(inputsOf('ledger.loans')[0]).toMatchObject({
    status: ['active'],
    sort: { field: 'dpd', order: 'desc' },
    limit: LOAN_LIST_PAGE_SIZE,
    offset: 0,
  });
  fireEvent.click(screen.getByTitle('2'));
  expect(await screen.findByText('L000003')).toBeTruthy();
  expect(inputsOf('ledger.loans').at(-1)).toMatchObject({ offset: LOAN_LIST_PAGE_SIZE, limit: LOAN_LIST_PAGE_SIZE });
  expect(screen.getByText('共 120 条')).toBeTruthy();

  // The overdue view asks for overdue loans only, from the first page again.
  fireEvent.click(screen.getByText('逾期'));
  await waitFor(() => expect(inputsOf('ledger.loans').at(-1)).toMatchObject({ overdueOnly: true, offset: 0 }));
  expect(inputsOf('ledger.loans').at(-1)!.status).toBeUndefined();
});

it('reads in English, the product by its English name', async () => {
  localStorage.setItem('loandesk.language', 'en');
  renderScreen(<LoanListPage />);
  const first = (await screen.findByText('L000001')).closest('tr')!;
  expect(within(first).getByText('Active')).toBeTruthy();
  expect(within(first).getByText('Salary loan')).toBeTruthy();
  expect(screen.getByText('Days past due')).toBeTruthy();
});
