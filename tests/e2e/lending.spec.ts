/** The loan business end to end, through the screens, with two officers and a
 *  manager in three browser windows on one host: register a customer, apply above
 *  the automatic limit, maker-checker on the review and the disbursement, repay the
 *  first installment with its split, end of day, then the books (loan ledger, trial
 *  balance with reconciliation, journal). A second, small application is approved
 *  automatically. */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
  test as base,
  expect,
  startHost,
  createDemoViaApi,
  mustInvoke,
  login,
  DEMO_PASSWORD,
  PASSPHRASE,
  type Host,
  goTo,
} from './fixtures';

// ---------------------------------------------------------------------------
// Helpers

/** A valid 18-digit resident ID (GB 11643 check digit) for a 17-digit body. */
function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** The test's product: annuity, monthly, ¥1,000–¥200,000, 3–36 periods, 6–24 %,
 *  approved automatically up to ¥10,000 for grades A and B. */
const E2E_PRODUCT = {
  code: 'E2E12',
  name: '月供消费贷 E2E',
  active: true,
  config: {
    method: 'annuity',
    frequency: 'monthly',
    minAmountFen: 1_000_00,
    maxAmountFen: 200_000_00,
    minPeriods: 3,
    maxPeriods: 36,
    minRateAnnual: '0.06',
    maxRateAnnual: '0.24',
    defaultRateAnnual: '0.18',
    autoApproveLimitFen: 10_000_00,
  },
} as const;

/** Logs in through the API as an admin session and saves the product. */
async function createProductViaApi(host: Host, product: object = E2E_PRODUCT): Promise<void> {
  const key = randomUUID();
  await mustInvoke(host, 'auth.login', { username: 'admin', password: DEMO_PASSWORD }, key);
  await mustInvoke(host, 'products.save', product, key);
}

/** Opens an Ant Design select by its test id, types, and picks the option with that text. */
async function pick(page: Page, testId: string, optionText: string | RegExp, typed?: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  if (typed !== undefined) await page.keyboard.type(typed);
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: optionText })
    .first();
  await expect(option).toBeVisible({ timeout: 15_000 });
  await option.click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

/** Money as the screens print it (zh-CN and en share the format). */
function yuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Parses a printed amount (¥1,234.56) to fen. */
function fenOf(text: string): number {
  const m = text.replace(/[,\s¥]/g, '').match(/-?\d+(\.\d{1,2})?/);
  if (!m) throw new Error(`no amount in "${text}"`);
  return Math.round(Number(m[0]) * 100);
}

async function newWindow(browser: Browser, host: Host, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await login(page, username);
  return page;
}

// ---------------------------------------------------------------------------

const test = base.extend<{ lendingHost: Host }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures object destructured
  lendingHost: async ({}, provide, testInfo) => {
    const host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 0 });
    try {
      await createDemoViaApi(host);
      await createProductViaApi(host);
      await provide(host);
    } finally {
      await host.stop();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('host-output.txt', { body: host.log(), contentType: 'text/plain' });
    }
  },
});

test.use({ actionTimeout: 20_000 });

const CUSTOMER = {
  name: '韩梅梅',
  residentId: residentId('11010519880615123'),
  phone: '13800138000',
  address: '北京市朝阳区建国路 88 号',
  incomeYuan: '30000',
};
const BIG_FEN = 30_000_00; // above the product's ¥10,000 automatic limit, within an officer's ¥50,000
const SMALL_FEN = 5_000_00;

test('an officer’s day: register, apply, maker-checker review and disbursement, repayment, end of day, books', async ({
  page,
  browser,
  lendingHost: host,
}) => {
  test.setTimeout(300_000); // three windows, one end of day, on a small machine

  // --- The officer registers the customer. -----------------------------------
  const officer = page;
  await officer.goto(host.url);
  await login(officer, 'officer');
  await goTo(officer, '#/customers', officer.getByRole('heading', { name: '客户档案' }));
  await officer.getByTestId('customer-register').click();
  const register = officer.getByRole('dialog', { name: '登记个人客户' });
  await expect(register).toBeVisible();
  await register.getByTestId('customer-name').fill(CUSTOMER.name);
  await register.getByTestId('customer-resident-id').fill(CUSTOMER.residentId);
  await expect(register.getByText('1988-06-15')).toBeVisible(); // the birth date the ID implies
  await register.getByTestId('customer-phone').fill(CUSTOMER.phone);
  await register.getByTestId('customer-address').fill(CUSTOMER.address);
  await register.getByTestId('customer-years').fill('6');
  await register.getByTestId('customer-income').fill(CUSTOMER.incomeYuan);
  await register.getByTestId('customer-consent').check();
  await register.getByRole('button', { name: /^登\s*记$/ }).click();
  await expect(register).toBeHidden();
  await expect(officer.getByText(/已登记客户 \S+。/)).toBeVisible();
  const customerRow = officer.getByTestId('customers-table').getByRole('row').filter({ hasText: CUSTOMER.name });
  await expect(customerRow).toHaveCount(1);
  await expect(customerRow).toContainText('¥30,000.00');

  // --- The officer applies for ¥30,000: above the automatic limit, so to review.
  await goTo(officer, '#/apply', officer.getByRole('heading', { name: '新建贷款申请' }));
  await pick(officer, 'apply-customer', CUSTOMER.name, '韩');
  await expect(officer.getByTestId('apply-customer-summary')).toContainText('¥30,000.00');
  await pick(officer, 'apply-product', E2E_PRODUCT.code);
  await expect(officer.getByTestId('apply-product-summary')).toContainText('¥10,000.00'); // the automatic limit
  await officer.getByTestId('apply-amount').fill('30000');
  await expect(officer.getByTestId('apply-periods')).toHaveValue('12');
  await expect(officer.getByTestId('apply-rate')).toHaveValue(/^18(\.0+)?$/);
  await pick(officer, 'apply-purpose', '装修');
  // The live preview: annualized rate, decision, schedule.
  await expect(officer.getByTestId('review-annualized-rate')).toContainText('%');
  await expect(officer.getByTestId('review-decision')).toHaveText('人工审批');
  await expect(officer.getByTestId('apply-schedule').locator('tbody tr.ant-table-row')).toHaveCount(12);
  await officer.getByTestId('apply-submit').click();
  const outcome = officer.getByTestId('apply-outcome');
  await expect(outcome).toHaveAttribute('data-status', 'review');
  await expect(outcome).toContainText('已进入审批队列');
  const reviewHref = await officer.getByTestId('apply-outcome-review').getAttribute('href');
  expect(reviewHref).toMatch(/^#\/review\/[0-9a-f-]{36}$/);

  // --- The maker opens it: warned, and cannot approve. ------------------------
  await officer.getByTestId('apply-outcome-review').click();
  await expect(officer.getByTestId('review-maker-warning')).toContainText('审贷分离');
  await expect(officer.getByTestId('review-approve')).toBeDisabled();
  await expect(officer.getByTestId('review-amount')).toHaveText('¥30,000.00');

  // --- officer2 (another window) approves it from the queue. -----------------
  const officer2 = await newWindow(browser, host, 'officer2');
  await goTo(officer2, '#/review', officer2.getByTestId('queue-table'));
  const queueRow = officer2.getByTestId('queue-table').getByTestId('queue-row').filter({ hasText: CUSTOMER.name });
  await expect(queueRow).toHaveCount(1);
  await expect(queueRow).toContainText('¥30,000.00');
  await queueRow.getByRole('link').first().click();
  await expect(officer2).toHaveURL(new RegExp(`${reviewHref!.replace(/\//g, '\\/')}$`));
  await expect(officer2.getByTestId('review-maker-warning')).toHaveCount(0);
  await expect(officer2.getByTestId('review-customer-name')).toHaveText(CUSTOMER.name);
  await officer2.getByTestId('review-approve').click();
  // The confirmation names the terms and the approver before anything is recorded.
  await expect(officer2.getByTestId('review-confirm')).toContainText('¥30,000.00');
  await expect(officer2.getByTestId('review-confirm-approver')).not.toBeEmpty();
  await officer2.getByTestId('review-confirm-ok').click();
  await expect(officer2.getByTestId('review-confirm')).toBeHidden();
  await expect(officer2.getByTestId('review-error')).toHaveCount(0);
  const loanLink = officer2.getByTestId('review-loan-link').first();
  await expect(loanLink).toBeVisible();
  const loanHref = await loanLink.getAttribute('href');
  expect(loanHref).toMatch(/^#\/loans\/[0-9a-f-]{36}$/);

  // --- The approver may not disburse: the refusal is translated. -------------
  await loanLink.click();
  await expect(officer2.getByTestId('loan-status')).toHaveText('待放款');
  const loanNumber = ((await officer2.getByTestId('loan-number').textContent()) ?? '').match(/[A-Z0-9-]{6,}/)?.[0];
  expect(loanNumber, 'loan number in the title').toBeTruthy();
  await officer2.getByTestId('loan-disburse').click();
  await officer2.getByTestId('disburse-account').fill('6222020200112233446');
  await officer2.getByTestId('disburse-transfer-ref').fill('ICBC-20261201-0001');
  await officer2.getByTestId('loan-disburse-dialog-confirm').click();
  await expect(officer2.getByTestId('loan-disburse-dialog-error')).toHaveText(
    '放款人不能是审批人：请由另一位有权限的人员放款。',
  );
  await officer2.keyboard.press('Escape');
  await expect(officer2.getByTestId('loan-status')).toHaveText('待放款');

  // --- The officer disburses by bank transfer. ---------------------------------
  await goTo(officer, loanHref!, officer.getByTestId('loan-status'));
  await expect(officer.getByTestId('loan-status')).toHaveText('待放款');
  await officer.getByTestId('loan-disburse').click();
  const disburse = officer.getByRole('dialog').filter({ has: officer.getByTestId('loan-disburse-dialog') });
  await expect(disburse).toContainText(CUSTOMER.name);
  await expect(disburse.getByRole('radio', { name: '银行转账' })).toBeChecked();
  // A bank transfer names the receiving card and the bank's reference.
  await officer.getByTestId('disburse-account').fill('6222 0202 0011 2233 446');
  await officer.getByTestId('disburse-transfer-ref').fill('ICBC-20261201-0001');
  await officer.getByTestId('loan-disburse-dialog-confirm').click();
  await expect(disburse).toBeHidden();
  await expect(officer.getByText('已放款，实际到账 ¥30,000.00')).toBeVisible();
  await expect(officer.getByTestId('loan-status')).toHaveText('在贷');
  await expect(officer.getByTestId('loan-outstanding')).toHaveText('¥30,000.00');
  await expect(officer.getByTestId('loan-schedule').locator('tbody tr.ant-table-row')).toHaveCount(12);
  const firstPayment = fenOf(
    (await officer
      .getByTestId('loan-schedule')
      .locator('tbody tr.ant-table-row')
      .first()
      .locator('td')
      .nth(4)
      .textContent()) ?? '',
  );
  expect(firstPayment).toBeGreaterThan(2_500_00);

  // --- The officer records the first installment; the split shows first. ----
  await officer.getByTestId('loan-repay').click();
  await expect(officer.getByTestId('repay-confirm')).toBeDisabled();
  await officer.getByTestId('repay-fill-due').click();
  // Shown as people write money: 2,750.40.
  await expect(officer.getByTestId('repay-amount')).toHaveValue(
    (firstPayment / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  );
  await expect(officer.getByTestId('repay-channel').getByRole('radio', { name: '银行转账' })).toBeChecked();
  await expect(officer.getByTestId('split-total')).toHaveText(yuan(firstPayment));
  await expect(officer.getByTestId('repay-confirm')).toBeEnabled();
  const principalPart =
    fenOf((await officer.getByTestId('split-currentPrincipalFen').textContent()) ?? '') +
    fenOf((await officer.getByTestId('split-prepaymentFen').textContent()) ?? '');
  expect(principalPart).toBeGreaterThan(0);
  await officer.getByTestId('repay-confirm').click();
  await expect(officer.getByText(`还款 ${yuan(firstPayment)} 已入账`)).toBeVisible();
  // The receipt to hand the customer is offered next; closed unprinted here.
  const receipt = officer.getByTestId('receipt-dialog');
  await expect(receipt.getByTestId('receipt-amount')).toHaveText(yuan(firstPayment));
  await receipt.getByRole('button', { name: /Close|关闭/ }).click();
  await expect(receipt).toBeHidden();
  const outstandingAfter = fenOf((await officer.getByTestId('loan-outstanding').textContent()) ?? '');
  await expect(officer.getByTestId('loan-outstanding')).not.toHaveText('¥30,000.00');
  expect(outstandingAfter).toBe(BIG_FEN - principalPart);
  await officer.getByTestId('loan-tab-transactions').click();
  await expect(officer.getByTestId('loan-transactions').getByRole('row').filter({ hasText: '还款' })).toContainText(
    yuan(firstPayment),
  );

  // --- A small application for the same good customer is approved automatically.
  await goTo(officer, '#/apply', officer.getByTestId('apply-form'));
  await pick(officer, 'apply-customer', CUSTOMER.name, '韩');
  await pick(officer, 'apply-product', E2E_PRODUCT.code);
  await officer.getByTestId('apply-amount').fill(String(SMALL_FEN / 100));
  await officer.getByTestId('apply-periods').fill('6');
  await pick(officer, 'apply-purpose', '日常消费');
  await expect(officer.getByTestId('review-decision')).toHaveText('自动批准');
  await officer.getByTestId('apply-submit').click();
  const auto = officer.getByTestId('apply-outcome');
  await expect(auto).toHaveAttribute('data-status', 'approved');
  await expect(auto).toContainText('已自动批准');
  await auto.getByTestId('apply-outcome-loan').click();
  await expect(officer.getByTestId('loan-status')).toHaveText('待放款');
  await expect(officer.getByTestId('loan-principal')).toHaveText(yuan(SMALL_FEN));

  // --- The manager runs the end of day for today. ------------------------------
  const manager = await newWindow(browser, host, 'manager');
  await goTo(manager, '#/eod', manager.getByTestId('eod-next-date'));
  // The date shows once the status has loaded ('—' until then).
  await expect(manager.getByTestId('eod-next-date')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  const nextDate = ((await manager.getByTestId('eod-next-date').textContent()) ?? '').trim();
  await manager.getByTestId('eod-run').click();
  await manager.getByTestId('eod-run-confirm').click();
  await expect(manager.getByTestId('eod-progress')).toContainText('已完成', { timeout: 60_000 });
  await expect(manager.getByText(`${nextDate} 日终完成`)).toBeVisible();
  const historyRow = manager.getByTestId('eod-history').getByRole('row').filter({ hasText: nextDate });
  await expect(historyRow).toContainText('已完成');
  await expect(manager.getByTestId('eod-next-date')).not.toHaveText(nextDate);

  // --- The books: the loan ledger shows the loan with its principal reduced. -
  await goTo(manager, '#/ledgers/loans', manager.getByTestId('ledger-table-loans'));
  const ledgerRow = manager
    .getByTestId('ledger-table-loans')
    .locator('tr.ant-table-row')
    .filter({ hasText: loanNumber! });
  await expect(ledgerRow).toHaveCount(1);
  await expect(ledgerRow).toContainText(CUSTOMER.name);
  await expect(ledgerRow).toContainText('¥30,000.00');
  await expect(ledgerRow).toContainText(yuan(outstandingAfter));
  await expect(ledgerRow).toContainText('在贷');
  await expect(manager.getByTestId('ledger-totals-loans')).toHaveText('合计 · 共 2 条'); // this loan and the automatic one

  // The trial balance: debits equal credits, and the ledger agrees with every control account.
  await manager.getByTestId('ledger-tab-trial').click();
  await expect(manager.getByTestId('trial-balanced')).toHaveText('借贷平衡');
  const debit = fenOf((await manager.getByTestId('trial-debit-total').textContent()) ?? '');
  const credit = fenOf((await manager.getByTestId('trial-credit-total').textContent()) ?? '');
  expect(debit).toBeGreaterThan(0);
  expect(debit).toBe(credit);
  for (const item of ['principal', 'receivable', 'provision', 'overpayment']) {
    await expect(manager.getByTestId(`recon-${item}`), `reconciliation ${item}`).toHaveAttribute('data-agree', 'true');
  }

  // The journal (the loan principal account, drilled from the trial balance) has the loan's lines.
  await manager.getByTestId('trial-account-1303').click();
  await expect(manager).toHaveURL(/#\/ledgers\/journal$/);
  const journalLines = manager
    .getByTestId('ledger-table-journal')
    .locator('tr.ant-table-row')
    .filter({ hasText: loanNumber! });
  await expect(journalLines.first()).toBeVisible();
  expect(await journalLines.count()).toBeGreaterThanOrEqual(2); // disbursement and repayment
  await expect(journalLines.filter({ hasText: '¥30,000.00' }).first()).toBeVisible();

  // And the loan's own journal tab balances.
  await goTo(manager, `${loanHref}/journal`, manager.getByTestId('loan-journal'));
  const loanJournal = manager.getByTestId('loan-journal');
  await expect(loanJournal.locator('tr.ant-table-row').first()).toBeVisible();
  const sums = loanJournal.locator('.ant-table-summary td');
  expect(fenOf((await sums.nth(1).textContent()) ?? '')).toBe(fenOf((await sums.nth(2).textContent()) ?? ''));

  await officer2.context().close();
  await manager.context().close();
});
