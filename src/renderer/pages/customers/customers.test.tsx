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
});

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
