// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { answerApi, inputsOf, resetApi } from '../../testing/api';
import { installDomGaps, renderScreen } from '../../testing/render';
import { RegisterPersonDialog } from './RegisterDialogs';
import { CustomerDrawer } from './CustomerDrawer';

let permissions: string[] = [];
const loanRow = {
  principalFen: 10_000_00,
  periods: 12,
  penaltyFen: 0,
  dpd: 0,
  disbursedOn: '2026-01-10',
  productName: '薪易贷',
  productNameEn: 'Salary loan',
};
const CUSTOMER_LOANS = [
  {
    ...loanRow,
    id: '00000000-0000-4000-8000-000000000002',
    number: 'L000002',
    status: 'active' as const,
    outstandingPrincipalFen: 8_000_00,
    nextDueDate: '2026-03-10',
    overdueFen: 1_012_34,
    dpd: 20,
  },
  {
    ...loanRow,
    id: '00000000-0000-4000-8000-000000000001',
    number: 'L000001',
    status: 'closed' as const,
    outstandingPrincipalFen: 0,
    nextDueDate: null,
    overdueFen: 0,
  },
];
/** The drafts the main process keeps (drafts.*), by form. */
const drafts = new Map<string, { values: Record<string, unknown>; savedAt: string }>();
/** Answers of customers.registerPerson by request id: a repeat gets the first. */
const answered = new Map<string, { id: string; number: string; watchlistFlag: 'none'; watchlistHits: [] }>();
let registered = 0;

vi.mock('../../api/client', async (original) => (await import('../../testing/api')).mockClient(await original()));

beforeEach(() =>
  answerApi({
    'app.status': () => ({ session: { permissions: permissions as never } }),
    'customers.get': () => ({
      id: 'c1',
      number: 'C000001',
      kind: 'person',
      name: '张伟',
      residentIdMasked: '1101**********1234',
      phoneMasked: '138****5678',
      bankCardMasked: null,
      age: 40,
      sex: 'male',
      address: '北京',
      employer: null,
      monthlyIncomeFen: 100,
      monthlyDebtFen: 0,
      employmentYears: 1,
      creditCode: null,
      legalRepId: null,
      registeredCapitalFen: null,
      industry: null,
      consentAt: '2026-03-02T02:00:00Z',
      branchId: null,
      createdAt: '2026-03-02T02:00:00Z',
      version: 1,
      watchlistFlag: 'none',
      watchlistHits: [],
      legalRep: null,
    }),
    'drafts.get': (input) => drafts.get(input.form) ?? null,
    'drafts.save': ({ form, values }) => {
      drafts.set(form, { values, savedAt: '2026-03-02T02:00:00Z' });
      return { savedAt: '2026-03-02T02:00:00Z' };
    },
    'drafts.discard': ({ form }) => {
      drafts.delete(form);
      return { discarded: true };
    },
    'customers.registerPerson': ({ requestId }) => {
      if (!answered.has(requestId!)) {
        registered += 1;
        answered.set(requestId!, {
          id: `c${registered}`,
          number: `C00000${registered}`,
          watchlistFlag: 'none',
          watchlistHits: [],
        });
      }
      return answered.get(requestId!)!;
    },
    'loans.ofCustomer': () => CUSTOMER_LOANS,
    'loans.get': ({ loanId }) =>
      ({
        loan: { id: loanId, number: 'L000002', disbursedOn: '2026-01-10', status: 'active' },
        rules: { repaymentIntent: 'installments' },
        businessDate: '2026-03-02',
      }) as never,
    'repayments.due': () => ({ dueFen: 1_234_00 }),
    'customers.reveal': () => ({
      customerId: 'c1',
      residentId: '110105198506121234',
      phone: '13812345678',
      bankCard: null,
    }),
  }),
);

beforeAll(() => {
  installDomGaps();
  localStorage.setItem('loandesk.language', 'zh-CN');
});
afterEach(() => {
  cleanup();
  resetApi();
  drafts.clear();
  answered.clear();
  registered = 0;
});

/** Every validation message on screen. */
function shownMessages(): string[] {
  return [...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent ?? '');
}

/** Wording of the schema library, placeholders, codes: none may reach a person. */
const NOT_A_SENTENCE =
  /无效输入|期望|实际接收|expected|received|Invalid|Too (small|big)|[{}]|undefined|NaN|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/;

async function fillPerson() {
  fireEvent.change(await screen.findByTestId('customer-name'), { target: { value: '王芳' } });
  fireEvent.change(screen.getByTestId('customer-resident-id'), { target: { value: '11010519491231002X' } });
  fireEvent.change(screen.getByTestId('customer-phone'), { target: { value: '13812345678' } });
  fireEvent.change(screen.getByTestId('customer-address'), { target: { value: '北京市朝阳区建国路 88 号' } });
  fireEvent.change(screen.getByTestId('customer-years'), { target: { value: '3' } });
  fireEvent.change(screen.getByTestId('customer-income'), { target: { value: '9,500' } });
  fireEvent.click(screen.getByTestId('customer-consent'));
}

function Reopening({ open }: { open: boolean }) {
  return <RegisterPersonDialog open={open} onClose={() => {}} />;
}

const wrap = renderScreen;

describe('the register dialog', () => {
  it('shows a wrong resident ID check digit as the user types, and the birth date once it is right', async () => {
    wrap(<RegisterPersonDialog open onClose={() => {}} />);
    const input = await screen.findByTestId('customer-resident-id');
    fireEvent.change(input, { target: { value: '110105194912310021' } });
    expect(await screen.findByText('身份证号校验位不正确，请核对。')).toBeTruthy();
    fireEvent.change(input, { target: { value: '11010519491231002X' } });
    expect(await screen.findByText('出生日期 1949-12-31 · 女')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('身份证号校验位不正确，请核对。')).toBeNull());
  });
});

describe('the register dialog across openings', () => {
  it('registers once on a double click, and opens empty with consent unticked afterwards', async () => {
    const view = wrap(<Reopening open />);
    await fillPerson();
    const ok = screen.getByTestId('customer-register-submit');
    fireEvent.click(ok);
    fireEvent.click(ok);
    await waitFor(() => expect(inputsOf('customers.registerPerson').length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.getAllByText(/已登记客户 C000001/).length).toBeGreaterThan(0));
    const sent = inputsOf('customers.registerPerson');
    expect(new Set(sent.map((i) => i.requestId)).size).toBe(1);
    expect(registered).toBe(1);

    view.rerender(<Reopening open={false} />);
    view.rerender(<Reopening open />);
    expect(((await screen.findByTestId('customer-name')) as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('customer-resident-id') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('customer-income') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('customer-debt') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('customer-years') as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('customer-consent') as HTMLInputElement).checked).toBe(false);
  });

  it('reads "9,500" as 9,500.00 without rewriting it while typing, and refuses what is no amount', async () => {
    wrap(<RegisterPersonDialog open onClose={() => {}} />);
    const income = (await screen.findByTestId('customer-income')) as HTMLInputElement;
    fireEvent.change(income, { target: { value: '9,5' } });
    expect(income.value).toBe('9,5');
    fireEvent.change(income, { target: { value: '9,500' } });
    expect(income.value).toBe('9,500');
    fireEvent.blur(income);
    expect(income.value).toBe('9,500.00');
    fireEvent.change(income, { target: { value: '9.5.0' } });
    fireEvent.blur(income);
    expect(await screen.findByText('月收入请填写金额，如 9,500 或 9500.50（最多两位小数）。')).toBeTruthy();
  });

  it('says what to do for every empty and out-of-range field, in both languages', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      localStorage.setItem('loandesk.language', language);
      wrap(<RegisterPersonDialog open onClose={() => {}} />);
      fireEvent.click(await screen.findByTestId('customer-register-submit'));
      await waitFor(() => expect(shownMessages().length).toBeGreaterThanOrEqual(6));
      const empty = shownMessages();
      expect(empty).toContain(language === 'zh-CN' ? '请填写姓名。' : 'Enter the name.');
      fireEvent.change(screen.getByTestId('customer-income'), { target: { value: '-5' } });
      fireEvent.change(screen.getByTestId('customer-phone'), { target: { value: '123' } });
      fireEvent.click(screen.getByTestId('customer-register-submit'));
      await waitFor(() => expect(shownMessages().join()).not.toEqual(empty.join()));
      for (const text of [...empty, ...shownMessages()]) expect(text).not.toMatch(NOT_A_SENTENCE);
      expect(shownMessages()).toContain(
        language === 'zh-CN' ? '月收入不能低于 ¥0.00。' : 'The monthly income cannot be below ¥0.00.',
      );
      cleanup();
    }
    localStorage.setItem('loandesk.language', 'zh-CN');
  });

  it('keeps a draft of what was typed (never the consent) and brings it back at the next opening', async () => {
    const first = wrap(<RegisterPersonDialog open onClose={() => {}} />);
    fireEvent.change(await screen.findByTestId('customer-name'), { target: { value: '王芳' } });
    fireEvent.click(screen.getByTestId('customer-consent'));
    await waitFor(() => expect(drafts.get('customers.registerPerson')?.values).toEqual({ name: '王芳' }), {
      timeout: 3000,
    });
    first.unmount();
    wrap(<RegisterPersonDialog open onClose={() => {}} />);
    await waitFor(() => expect((screen.getByTestId('customer-name') as HTMLInputElement).value).toBe('王芳'));
    expect(screen.getByTestId('draft-restored').textContent).toContain('已恢复您');
    expect((screen.getByTestId('customer-consent') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByTestId('draft-discard'));
    await waitFor(() => expect(drafts.has('customers.registerPerson')).toBe(false));
    expect((screen.getByTestId('customer-name') as HTMLInputElement).value).toBe('');
  });
});

describe('the customer drawer', () => {
  it('offers reveal only with customers.reveal, and shows the clear ID after it', async () => {
    permissions = ['customers.read'];
    wrap(<CustomerDrawer customerId="c1" onClose={() => {}} />);
    expect((await screen.findByTestId('customer-resident-id-value')).textContent).toBe('1101**********1234');
    expect(screen.queryByTestId('customer-reveal')).toBeNull();
    cleanup();

    permissions = ['customers.read', 'customers.reveal'];
    wrap(<CustomerDrawer customerId="c1" onClose={() => {}} />);
    fireEvent.click(await screen.findByTestId('customer-reveal'));
    await waitFor(() =>
      expect(screen.getByTestId('customer-resident-id-value').textContent).toBe('110105198506121234'),
    );
    expect(inputsOf('customers.reveal')).toEqual([{ customerId: 'c1', requestId: expect.any(String) }]);
  });
});

describe("the customer drawer's loans", () => {
  it('lists each loan with its status, outstanding, next due and overdue amount', async () => {
    permissions = ['customers.read', 'loans.read'];
    wrap(<CustomerDrawer customerId="c1" onClose={() => {}} />);
    const active = (await screen.findByText('L000002')).closest('tr')!;
    expect(within(active).getByText('在贷')).toBeTruthy();
    expect(within(active).getByText('¥8,000.00')).toBeTruthy();
    expect(within(active).getByText('2026-03-10')).toBeTruthy();
    expect(within(active).getByText('¥1,012.34')).toBeTruthy();
    const closed = screen.getByText('L000001').closest('tr')!;
    expect(within(closed).getByText('已结清')).toBeTruthy();
    expect(within(closed).getAllByText('—')).toHaveLength(2);
    expect(screen.getByText('L000001').closest('a')!.getAttribute('href')).toBe(
      '#/loans/00000000-0000-4000-8000-000000000001',
    );
    expect(inputsOf('loans.ofCustomer')).toEqual([{ customerId: 'c1' }]);
    // Without applications.create or repayments.record, neither is offered.
    expect(screen.queryByTestId('customer-apply')).toBeNull();
    expect(screen.queryByTestId('customer-repay-L000002')).toBeNull();
  });

  it('offers 新建申请 for this customer and 还款 on an active loan, to roles that hold them', async () => {
    permissions = ['customers.read', 'loans.read', 'applications.create', 'repayments.record'];
    wrap(<CustomerDrawer customerId="c1" onClose={() => {}} />);
    expect((await screen.findByTestId('customer-apply')).getAttribute('href')).toBe('#/apply?customer=c1');
    expect(screen.queryByTestId('customer-repay-L000001')).toBeNull();
    fireEvent.click(await screen.findByTestId('customer-repay-L000002'));
    expect(await screen.findByTestId('repay-amount')).toBeTruthy();
    expect(inputsOf('loans.get')).toEqual([{ loanId: '00000000-0000-4000-8000-000000000002' }]);
    expect(screen.getAllByText(/L000002/).length).toBeGreaterThan(1);
  });

  it('shows no loans to a role without loans.read, and asks for none', async () => {
    permissions = ['customers.read'];
    wrap(<CustomerDrawer customerId="c1" onClose={() => {}} />);
    expect(await screen.findByTestId('customer-loans')).toBeTruthy();
    expect(screen.queryByText('L000002')).toBeNull();
    expect(inputsOf('loans.ofCustomer')).toEqual([]);
  });

  it('says so when the customer has no loan, in English too', async () => {
    permissions = ['customers.read', 'loans.read'];
    localStorage.setItem('loandesk.language', 'en');
    answerApi({ 'loans.ofCustomer': () => [] });
    wrap(<CustomerDrawer customerId="c1" onClose={() => {}} />);
    expect(await screen.findByText('This customer has no loans.')).toBeTruthy();
    localStorage.setItem('loandesk.language', 'zh-CN');
  });
});
