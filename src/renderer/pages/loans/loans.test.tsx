// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/client';
import { answerApi, inputsOf, resetApi } from '../../testing/api';
import { installDomGaps, renderScreen } from '../../testing/render';
import { RepaymentDialog } from './RepaymentDialog';
import { ReconciliationTag } from './parts';
import { ReconciliationPanel } from './TrialBalanceTab';

const empty = {
  penaltyFen: 0,
  overdueInterestFen: 0,
  overduePrincipalFen: 0,
  feesFen: 0,
  currentInterestFen: 0,
  currentPrincipalFen: 0,
  prepaymentFen: 0,
  overpaymentFen: 0,
  installments: [],
};
const within = {
  closes: false,
  annualizedCost: null,
  rateCapAnnual: '0.24',
  exceedsCap: false,
  maxTotalWithinCapFen: 0,
};

vi.mock('../../api/client', async (original) => (await import('../../testing/api')).mockClient(await original()));

beforeEach(() =>
  answerApi({
    'app.status': () => ({ session: { permissions: ['repayments.record'] }, businessDate: '2026-03-31' }),
    'repayments.preview': (input) => {
      // 150000 fen: penalty 1234, overdue interest 20000, overdue principal 100000, current interest 28766.
      if (input.amountFen === 150000) {
        return {
          allocation: {
            penaltyFen: 1234,
            overdueInterestFen: 20000,
            overduePrincipalFen: 100000,
            feesFen: 0,
            currentInterestFen: 28766,
            currentPrincipalFen: 0,
            prepaymentFen: 0,
            overpaymentFen: 0,
            installments: [],
          },
          after: { outstandingPrincipalFen: 900000, closed: false, overpaymentFen: 0 },
          cap: { ...within, payoffFen: 1020000 },
          payoffFen: 1020000,
        };
      }
      // 1020000 fen, the payoff 10 days after a 2 % fee: 85.71 % a year, above the 24 % cap.
      if (input.amountFen === 1020000) {
        return {
          allocation: { ...empty, currentInterestFen: 20000, currentPrincipalFen: 1000000 },
          after: { outstandingPrincipalFen: 0, closed: true, overpaymentFen: 0 },
          cap: {
            closes: true,
            annualizedCost: '0.85714286',
            rateCapAnnual: '0.24',
            exceedsCap: true,
            payoffFen: 1020000,
            maxTotalWithinCapFen: 986533,
          },
          payoffFen: 1020000,
        };
      }
      throw new ApiError('VALUE_DATE_IN_FUTURE', { field: 'valueDate', businessDate: '2026-03-31' });
    },
  }),
);

beforeAll(() => {
  installDomGaps();
  // (the text area sizes itself with one)
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  localStorage.setItem('loandesk.language', 'zh-CN');
});
afterEach(() => {
  cleanup();
  resetApi();
});

const wrap = renderScreen;

const text = (testId: string) => screen.getByTestId(testId).textContent;

/** The repayment dialog of one loan (disbursed 2026-01-15, business date 2026-03-31). */
function dialog(props: Partial<Parameters<typeof RepaymentDialog>[0]> = {}) {
  return wrap(
    <RepaymentDialog
      open
      onClose={() => {}}
      loanId="00000000-0000-4000-8000-000000000001"
      loanNumber="L000001"
      businessDate="2026-03-31"
      disbursedOn="2026-01-15"
      defaultIntent="installments"
      canOverrideCap={false}
      {...props}
    />,
  );
}

describe('the repayment dialog', () => {
  it('shows the waterfall split from repayments.preview before confirming, asking once per settled amount', async () => {
    dialog();
    const amount = await screen.findByTestId('repay-amount');
    expect(screen.getByText('输入金额后显示分配明细')).toBeTruthy();
    expect((screen.getByTestId('repay-confirm') as HTMLButtonElement).disabled).toBe(true);

    // Typing digit by digit: the preview waits for the amount to settle.
    for (const typed of ['1', '15', '150', '1500']) fireEvent.change(amount, { target: { value: typed } });
    await screen.findByTestId('repay-split');
    await waitFor(() => expect(text('split-total')).toBe('¥1,500.00'));
    expect(text('split-penaltyFen')).toBe('¥12.34');
    expect(text('split-overdueInterestFen')).toBe('¥200.00');
    expect(text('split-overduePrincipalFen')).toBe('¥1,000.00');
    expect(text('split-currentInterestFen')).toBe('¥287.66');
    expect(text('split-prepaymentFen')).toBe('¥0.00');
    expect(screen.getByText('¥9,000.00')).toBeTruthy();

    const previews = inputsOf('repayments.preview');
    expect(previews).toEqual([
      {
        loanId: '00000000-0000-4000-8000-000000000001',
        amountFen: 150000,
        valueDate: '2026-03-31',
        intent: 'installments',
      },
    ]);
    await waitFor(() => expect((screen.getByTestId('repay-confirm') as HTMLButtonElement).disabled).toBe(false));

    // 提前还本: the same amount previewed again as a principal prepayment.
    expect(text('repay-intent-hint')).toContain('提前归还后续期供');
    fireEvent.click(screen.getByTestId('repay-intent-principal'));
    await waitFor(() =>
      expect(inputsOf('repayments.preview').map((i) => i.intent)).toEqual(['installments', 'principal']),
    );
    expect(text('repay-intent-hint')).toContain('提前偿还本金');
  });

  it('marks the product default and preselects it', async () => {
    dialog({ defaultIntent: 'principal', start: { amountFen: 150000 } });
    expect((await screen.findByTestId('repay-intent-principal')).textContent).toBe('提前还本 (产品默认)');
    expect(text('repay-intent-installments')).toBe('按期还款');
    await waitFor(() =>
      expect(inputsOf('repayments.preview')[0]).toMatchObject({
        amountFen: 150000,
        intent: 'principal',
      }),
    );
  });

  it('refuses a payoff above the cap to a role without the override, and asks a permitted one for a reason', async () => {
    const first = dialog({ start: { amountFen: 1020000 } });
    const alert = await screen.findByTestId('repay-over-cap');
    expect(alert.textContent).toContain('结清后，按实际现金流计算的年化成本 85.71% 超过上限 24.00%。');
    expect(alert.textContent).toContain('上限内的最高结清额：¥9,865.33。');
    expect(alert.textContent).toContain('须由有超限审批权限的人员');
    expect(screen.queryByTestId('repay-cap-reason')).toBeNull();
    expect((screen.getByTestId('repay-confirm') as HTMLButtonElement).disabled).toBe(true);
    first.unmount();

    dialog({ canOverrideCap: true, start: { amountFen: 1020000 } });
    const reason = await screen.findByTestId('repay-cap-reason');
    expect((screen.getByTestId('repay-confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(reason, { target: { value: '客户资金周转，主管同意' } });
    await waitFor(() => expect((screen.getByTestId('repay-confirm') as HTMLButtonElement).disabled).toBe(false));
  });

  it('shows a refused preview as a translated error and keeps confirm disabled', async () => {
    dialog();
    fireEvent.change(await screen.findByTestId('repay-amount'), { target: { value: '99' } });
    expect((await screen.findByTestId('repay-preview-error')).textContent).toContain(
      '起息日不能晚于营业日 2026-03-31。',
    );
    expect((screen.getByTestId('repay-confirm') as HTMLButtonElement).disabled).toBe(true);
  });

  it('says why a typed value date after the business date or before the disbursement is not taken', async () => {
    dialog();
    const date = (await screen.findByTestId('repay-value-date')) as HTMLInputElement;
    for (const [typed, said] of [
      ['2026-04-02', '起息日不能晚于营业日 2026-03-31。'],
      ['2026-01-10', '日期不能早于放款日 2026-01-15。'],
    ] as const) {
      date.focus();
      fireEvent.mouseDown(date);
      fireEvent.click(date);
      fireEvent.change(date, { target: { value: typed } });
      fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
      fireEvent.blur(date);
      await waitFor(() => expect(document.body.textContent).toContain(said), { timeout: 10_000 });
      expect(date.value).toBe(typed);
    }
  });
});

describe('the reconciliation tag', () => {
  it('is green "agree" when the ledger equals the control account, red with the difference otherwise', () => {
    wrap(
      <>
        <ReconciliationTag ledgerFen={1234567} controlFen={1234567} testId="same" />
        <ReconciliationTag ledgerFen={1234567} controlFen={1200000} testId="more" />
        <ReconciliationTag ledgerFen={100} controlFen={250} testId="less" />
      </>,
    );
    expect(text('same')).toBe('一致');
    expect(screen.getByTestId('same').className).toContain('green');
    expect(text('more')).toBe('相差 ¥345.67');
    expect(screen.getByTestId('more').className).toContain('red');
    expect(text('less')).toBe('相差 ¥1.50');
  });

  it('marks each control account of the trial balance reconciliation', () => {
    wrap(
      <ReconciliationPanel
        reconciliation={{
          loanLedgerPrincipalFen: 500000,
          controlAccount1303Fen: 500000,
          loanLedgerOverduePrincipalFen: 20000,
          controlAccount130302Fen: 20000,
          loanLedgerReceivableFen: 12000,
          controlAccount1132Fen: 11999,
          loanLedgerProvisionFen: 5000,
          controlAccount1304Fen: 5000,
          loanLedgerOverpaymentFen: 0,
          controlAccount2241Fen: 0,
          loanLedgerAdvanceFen: 300,
          controlAccount220301Fen: 300,
        }}
      />,
    );
    expect(screen.getByTestId('recon-principal').dataset.agree).toBe('true');
    expect(screen.getByTestId('recon-receivable').dataset.agree).toBe('false');
    expect(text('recon-receivable')).toBe('相差 ¥0.01');
    expect(screen.getByTestId('recon-provision').dataset.agree).toBe('true');
    expect(screen.getByTestId('recon-overpayment').dataset.agree).toBe('true');
  });
});
