// @vitest-environment jsdom
/** The ledger tabs ask the main process for one page at a time (limit = the page
 *  size, offset of the page), sort in the database, render no more rows than a page
 *  and show the count of the whole filter the answer carries. The double answers
 *  like the database would: `limit` rows from `offset` of a long list. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { answerApi, inputsOf, resetApi } from '../../testing/api';
import { installDomGaps, renderScreen } from '../../testing/render';
import { TransactionLedgerTab } from './TransactionLedgerTab';
import { JournalTab } from './JournalTab';
import { LoanLedgerTab } from './LoanLedgerTab';
import { DEFAULT_PAGE_SIZE } from './paging';

vi.mock('../../api/client', async (original) => (await import('../../testing/api')).mockClient(await original()));

const TOTAL = 1234;
const range = { from: '2026-01-01', to: '2026-03-31' };
const LOAN_ID = '00000000-0000-4000-8000-000000000001';

/** Row numbers offset .. offset+limit of a list of TOTAL rows. */
function page(input: { limit?: number; offset?: number }): number[] {
  const offset = input.offset ?? 0;
  const count = Math.max(0, Math.min(input.limit ?? 500, TOTAL - offset));
  return Array.from({ length: count }, (_, i) => offset + i);
}

beforeAll(() => {
  installDomGaps();
  Element.prototype.scrollIntoView ??= () => {};
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
beforeEach(() =>
  answerApi({
    'files.capabilities': () => ({ nativeSave: false }),
    'ledger.transactions': (input) => ({
      rows: page(input).map((n) => ({
        id: `tx-${n}`,
        kind: 'repayment',
        loanId: LOAN_ID,
        loanNumber: `L${String(n).padStart(6, '0')}`,
        customerName: `客户${n}`,
        valueDate: '2026-03-01',
        bookedOn: '2026-03-01',
        amountFen: 100,
        channel: 'bank',
        allocationJson: null,
        reversesId: null,
        reversedById: null,
        counterpartyAccount: null,
        transferRef: null,
        note: null,
        actorName: '赵信贷',
      })),
      totals: { count: TOTAL, amountFen: TOTAL * 100 },
    }),
    'ledger.journal': (input) => ({
      rows: page(input).map((n) => ({
        entryId: `e-${n}`,
        postingDate: '2026-03-01',
        valueDate: '2026-03-01',
        accountCode: '1303.01',
        code: '1303.01',
        debitFen: 100,
        creditFen: 0,
        loanId: null,
        loanNumber: null,
        category: 'disbursement',
        kind: 'disbursement',
        ref: null,
        adjustment: false,
      })),
      totals: { count: TOTAL, debitFen: TOTAL * 100, creditFen: TOTAL * 100 },
    }),
    'ledger.loans': (input) => ({
      rows: page(input).map((n) => ({
        id: `loan-${n}`,
        number: `L${String(n).padStart(6, '0')}`,
        customerName: `客户${n}`,
        principalFen: 100000,
        rateAnnual: '0.12',
        annualizedRate: '0.12',
        periods: 12,
        method: 'annuity',
        status: 'active',
        outstandingPrincipalFen: 100000,
        accruedInterestFen: 0,
        penaltyFen: 0,
        dpd: 0,
        bucket: 'M0',
        classification: 'normal',
        provisionFen: 0,
      })),
      totals: {
        count: TOTAL,
        principalFen: 0,
        outstandingPrincipalFen: 0,
        accruedInterestFen: 0,
        penaltyFen: 0,
        provisionFen: 0,
        offBalanceInterestFen: 0,
        writtenOffPrincipalFen: 0,
      },
    }),
  }),
);
afterEach(() => {
  cleanup();
  resetApi();
});

const bodyRows = (testId: string) =>
  screen.getByTestId(testId).querySelectorAll('tbody tr.ant-table-row:not([aria-hidden="true"])');

function turnToPage(testId: string, n: number) {
  const table = screen.getByTestId(testId);
  const item = (table.closest('.ant-table-wrapper') ?? table).querySelector(`.ant-pagination-item-${n}`);
  if (!item) throw new Error(`no page ${n} in the pager of ${testId}`);
  fireEvent.click(item);
}

describe('the repayment ledger', () => {
  it('asks for one page, renders at most a page and shows the count of all', async () => {
    renderScreen(
      <TransactionLedgerTab kind="repayments" active range={range} onRange={() => {}} businessDate="2026-03-31" />,
    );
    await waitFor(() => expect(bodyRows('ledger-table-repayments')).toHaveLength(DEFAULT_PAGE_SIZE));
    expect(inputsOf('ledger.transactions')[0]).toMatchObject({ limit: DEFAULT_PAGE_SIZE, offset: 0 });
    expect(screen.getByTestId('ledger-totals-repayments').textContent).toContain(String(TOTAL));

    turnToPage('ledger-table-repayments', 13);
    await waitFor(() => expect(inputsOf('ledger.transactions').at(-1)).toMatchObject({ offset: 1200 }));
    await waitFor(() => expect(bodyRows('ledger-table-repayments')).toHaveLength(TOTAL - 1200));
    for (const input of inputsOf('ledger.transactions')) expect(input.limit).toBe(DEFAULT_PAGE_SIZE);
  });

  it('sorts in the database and starts again at the first page', async () => {
    renderScreen(
      <TransactionLedgerTab kind="repayments" active range={range} onRange={() => {}} businessDate="2026-03-31" />,
    );
    await waitFor(() => expect(bodyRows('ledger-table-repayments')).toHaveLength(DEFAULT_PAGE_SIZE));
    turnToPage('ledger-table-repayments', 2);
    await waitFor(() => expect(inputsOf('ledger.transactions').at(-1)).toMatchObject({ offset: 100 }));
    const amountHeader = screen
      .getAllByText('金额')
      .map((e) => e.closest('th.ant-table-column-has-sorters'))
      .find((th) => th !== null);
    fireEvent.click(amountHeader!);
    await waitFor(() =>
      expect(inputsOf('ledger.transactions').at(-1)).toMatchObject({
        sort: { field: 'amountFen', order: 'asc' },
        offset: 0,
        limit: DEFAULT_PAGE_SIZE,
      }),
    );
  });
});

describe('the general ledger', () => {
  it('asks for one page and renders at most a page', async () => {
    renderScreen(
      <JournalTab
        active
        range={range}
        onRange={() => {}}
        accountCode={undefined}
        onAccount={() => {}}
        businessDate="2026-03-31"
      />,
    );
    await waitFor(() => expect(bodyRows('ledger-table-journal')).toHaveLength(DEFAULT_PAGE_SIZE));
    expect(inputsOf('ledger.journal')[0]).toMatchObject({ limit: DEFAULT_PAGE_SIZE, offset: 0 });
    expect(screen.getByTestId('ledger-totals-journal').textContent).toContain(String(TOTAL));
    turnToPage('ledger-table-journal', 3);
    await waitFor(() => expect(inputsOf('ledger.journal').at(-1)).toMatchObject({ offset: 200 }));
    expect(bodyRows('ledger-table-journal').length).toBeLessThanOrEqual(DEFAULT_PAGE_SIZE);
  });
});

describe('the loan ledger', () => {
  it('asks for one page and renders at most a page', async () => {
    renderScreen(<LoanLedgerTab overdue={false} active businessDate="2026-03-31" />);
    await waitFor(() => expect(bodyRows('ledger-table-loans')).toHaveLength(DEFAULT_PAGE_SIZE));
    expect(inputsOf('ledger.loans')[0]).toMatchObject({ limit: DEFAULT_PAGE_SIZE, offset: 0 });
    expect(screen.getByTestId('ledger-totals-loans').textContent).toContain(String(TOTAL));
  });
});
