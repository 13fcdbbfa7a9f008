// @vitest-environment jsdom
import type { ReactNode } from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { I18nProvider } from '../../i18n/i18n';
import { RegisterPersonDialog } from './RegisterDialogs';
import { CustomerDrawer } from './CustomerDrawer';

const calls: Array<{ method: string; input: unknown }> = [];
let permissions: string[] = [];
/** The drafts the main process keeps (drafts.*), by form. */
const drafts = new Map<string, { values: Record<string, unknown>; savedAt: string }>();
/** Answers of customers.registerPerson by request id: a repeat gets the first. */
const answered = new Map<string, unknown>();
let registered = 0;

vi.mock('../../api/client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../api/client')>();
  return {
    ...original,
    invoke: async (method: string, input: unknown) => {
      calls.push({ method, input });
      if (method === 'app.status') return { session: { permissions } };
      if (method === 'customers.get') {
        return {
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
        };
      }
      if (method === 'drafts.get') return drafts.get((input as { form: string }).form) ?? null;
      if (method === 'drafts.save') {
        const { form, values } = input as { form: string; values: Record<string, unknown> };
        drafts.set(form, { values, savedAt: '2026-03-02T02:00:00Z' });
        return { savedAt: '2026-03-02T02:00:00Z' };
      }
      if (method === 'drafts.discard') {
        drafts.delete((input as { form: string }).form);
        return { discarded: true };
      }
      if (method === 'customers.registerPerson') {
        const { requestId } = input as { requestId: string };
        if (!answered.has(requestId)) {
          registered += 1;
          answered.set(requestId, {
            id: `c${registered}`,
            number: `C00000${registered}`,
            watchlistFlag: 'none',
            watchlistHits: [],
          });
        }
        return answered.get(requestId);
      }
      if (method === 'customers.reveal')
        return { customerId: 'c1', residentId: '110105198506121234', phone: '13812345678', bankCard: null };
      throw new original.ApiError('METHOD_UNKNOWN', {});
    },
  };
});

beforeAll(() => {
  // jsdom lacks these; antd's responsive helpers ask for them.
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    onchange: null,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  localStorage.setItem('loandesk.language', 'zh-CN');
});
afterEach(() => {
  cleanup();
  calls.length = 0;
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

function wrap(children: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <AntApp>{children}</AntApp>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

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
    await waitFor(() => expect(calls.filter((c) => c.method === 'customers.registerPerson').length).toBeGreaterThan(0));
    await waitFor(() => expect(screen.getAllByText(/已登记客户 C000001/).length).toBeGreaterThan(0));
    const sent = calls.filter((c) => c.method === 'customers.registerPerson');
    expect(new Set(sent.map((c) => (c.input as { requestId: string }).requestId)).size).toBe(1);
    expect(registered).toBe(1);

    view.rerender(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider>
          <AntApp>
            <Reopening open={false} />
          </AntApp>
        </I18nProvider>
      </QueryClientProvider>,
    );
    view.rerender(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider>
          <AntApp>
            <Reopening open />
          </AntApp>
        </I18nProvider>
      </QueryClientProvider>,
    );
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
    expect(calls.filter((c) => c.method === 'customers.reveal')).toEqual([
      { method: 'customers.reveal', input: { customerId: 'c1', requestId: expect.any(String) } },
    ]);
  });
});
