/** Every lending screen in both languages, saved as 1366x768 PNGs in
 *  screenshotDir(lang): customers, registration, application with
 *  its live preview, review queue and screen, an overdue loan, the repayment split,
 *  the payoff quote, the contract, the ledgers, products (and their servicing rules)
 *  and end of day. One host with a generated demo history (120 persons) serves
 *  both languages; nothing the screens show is
 *  submitted except a few applications (so the queue is not a single row) and one
 *  end of day (so its history is not empty), both made before the first picture. */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  mustInvoke,
  navItem,
  DEMO_PASSWORD,
  PASSPHRASE,
  screenshotDir,
  type Host,
  goTo,
  signedInWindow,
} from './fixtures';

// (Spec files may not import each other: these three are lending.spec.ts's.)

/** A valid 18-digit resident ID (GB 11643 check digit) for a 17-digit body. */
function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

/** Opens an Ant Design select by its test id, types, and picks the first option with that text. */
async function pick(page: Page, testId: string, optionText: string | RegExp, typed?: string): Promise<void> {
  await page.getByTestId(testId).click();
  if (typed !== undefined) await page.keyboard.type(typed);
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: optionText })
    .first();
  await expect(option).toBeVisible({ timeout: 15_000 });
  await option.click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

const LANGS = {
  'zh-CN': {
    customers: '客户档案',
    registerTitle: '登记个人客户',
    apply: '新建贷款申请',
    review: '人工审批',
    queue: '审批队列',
    ledgers: '台账',
    products: '贷款产品',
    eod: '日终',
    balanced: '借贷平衡',
    dpd: '逾期天数',
    agree: '一致',
    eodDone: '已完成',
    purpose: '装修',
    address: '北京市朝阳区建国路 88 号',
  },
  en: {
    customers: 'Customer file',
    registerTitle: 'Register customer',
    apply: 'New loan application',
    review: 'Manual review',
    queue: 'Review queue',
    ledgers: 'Ledgers',
    products: 'Loan products',
    eod: 'End of day',
    balanced: 'Balanced',
    dpd: 'DPD',
    agree: 'Agree',
    eodDone: 'Done',
    purpose: 'Home renovation',
    address: '88 Jianguo Road, Chaoyang, Beijing',
  },
} as const;
type Lang = keyof typeof LANGS;

interface World {
  host: Host;
  /** An overdue, active demo loan (M2 if there is one), for the loan detail. */
  overdueLoanId: string;
  /** A person whose CASH12 application for ¥60,000 passes every pre-check and goes to review. */
  applicantNumber: string;
  /** A person's application waiting in the queue (the review screen's example). */
  queuedNumber: string;
}

let world: World | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000); // the demo history is generated before the host answers
  const host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 120 });
  try {
    await createDemoViaApi(host);
    const manager = randomUUID();
    await mustInvoke(host, 'auth.login', { username: 'manager', password: DEMO_PASSWORD }, manager);
    const overdue = (await mustInvoke(
      host,
      'ledger.loans',
      { overdueOnly: true, sort: { field: 'dpd', order: 'desc' }, limit: 200, offset: 0 },
      manager,
    )) as {
      rows: Array<{ id: string; bucket: string; status: string }>;
    };
    const loan =
      overdue.rows.find((r) => r.status === 'active' && r.bucket === 'M2') ??
      overdue.rows.find((r) => r.status === 'active');
    if (!loan) throw new Error('the demo history has no overdue loan');

    // A few more applications waiting for review, from two officers, so the queue looks like a working day.
    const products = (await mustInvoke(host, 'products.list', { activeOnly: true }, manager)) as Array<{
      id: string;
      code: string;
    }>;
    const cash = products.find((p) => p.code === 'CASH12');
    if (!cash) throw new Error('the demo has no CASH12 product');
    const people = (await mustInvoke(
      host,
      'customers.list',
      { kind: 'person', limit: 200, offset: 0, sort: 'number', order: 'asc' },
      manager,
    )) as { rows: Array<{ id: string }> };
    // The application screen's example: ¥60,000 over 12 months passes every pre-check, and waits for a person.
    const rich = (await mustInvoke(
      host,
      'customers.list',
      { kind: 'person', limit: 40, offset: 0, sort: 'monthlyIncomeFen', order: 'desc' },
      manager,
    )) as { rows: Array<{ id: string; number: string }> };
    let applicantNumber: string | undefined;
    for (const c of rich.rows) {
      const p = await host.invoke(
        'applications.preview',
        { customerId: c.id, productId: cash.id, amountFen: 60_000_00, periods: 12 },
        manager,
      );
      const a = p.ok
        ? (p.value as { assessment: { decision: string; prechecks: Array<{ passed: boolean }> } }).assessment
        : null;
      if (a?.decision === 'review' && a.prechecks.every((x) => x.passed)) {
        applicantNumber = c.number;
        break;
      }
    }
    if (!applicantNumber) throw new Error('no demo person qualifies for the application example');

    // Four of them that the pre-checks send to a person (the demo's customers who
    // already borrow a lot are declined by the debt-to-income check, so look for them).
    let queuedNumber: string | undefined;
    let queued = 0;
    for (const [i, person] of people.rows.entries()) {
      if (queued >= 4) break;
      const input = {
        customerId: person.id,
        productId: cash.id,
        amountFen: (60_000 + (queued % 4) * 5_000) * 100,
        periods: 12 + (queued % 3) * 6,
      };
      const preview = await host.invoke('applications.preview', input, manager);
      if (!preview.ok || (preview.value as { assessment: { decision: string } }).assessment.decision !== 'review')
        continue;
      const key = randomUUID();
      await mustInvoke(host, 'auth.login', { username: i % 2 ? 'officer2' : 'officer', password: DEMO_PASSWORD }, key);
      const result = await host.invoke(
        'applications.submit',
        { ...input, purpose: ['经营周转', '装修', '购车', '教育'][queued % 4] },
        key,
      );
      if (result.ok && (result.value as { status: string }).status === 'review') {
        queued++;
        queuedNumber ??= (result.value as { number: string }).number;
      }
    }

    // One end of day, so the end-of-day history is not empty.
    const next = ((await mustInvoke(host, 'eod.status', {}, manager)) as { nextDate: string }).nextDate;
    const run = (await mustInvoke(host, 'eod.run', { date: next }, manager)) as { status: string };
    if (run.status !== 'done') throw new Error(`end of day ${next}: ${run.status}`);
    if (!queuedNumber) throw new Error('no application went to review');
    world = { host, overdueLoanId: loan.id, applicantNumber, queuedNumber };
  } catch (e) {
    await host.stop();
    throw e;
  }
});

test.afterAll(async () => {
  await world?.host.stop();
});

test.use({ actionTimeout: 20_000 });

const windowFor = (browser: Browser, host: Host, lang: Lang, username: string) =>
  signedInWindow(browser, host.url, lang, username);

for (const lang of Object.keys(LANGS) as Lang[]) {
  test(`lending screenshots (${lang})`, async ({ browser }) => {
    test.setTimeout(300_000); // twenty screens on a small machine
    const { host, overdueLoanId, applicantNumber, queuedNumber } = world!;
    const text = LANGS[lang];
    const dir = screenshotDir(lang);

    const settle = async (page: Page) => {
      await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning, .ant-table-placeholder .ant-spin')).toHaveCount(0, {
        timeout: 20_000,
      });
      await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
      await page.evaluate(() => document.fonts.ready);
    };
    const shot = async (page: Page, name: string) => {
      await settle(page);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');

    const manager = await windowFor(browser, host, lang, 'manager');
    await expect(manager.getByTestId('language-switch')).toHaveText(lang === 'en' ? '中文' : 'English');

    // Customers, and the registration dialog filled in.
    await goTo(manager, '#/customers', manager.getByRole('heading', { name: text.customers }));
    await expect(rows(manager, 'customers-table')).toHaveCount(50);
    await shot(manager, 'customers');

    await manager.getByTestId('customer-register').click();
    const register = manager.getByRole('dialog', { name: text.registerTitle });
    await register.getByTestId('customer-name').fill('韩梅梅');
    await register.getByTestId('customer-resident-id').fill(residentId('11010519880615123'));
    await register.getByTestId('customer-phone').fill('13800138000');
    await register.getByTestId('customer-address').fill(text.address);
    await register.getByTestId('customer-income').fill('18000');
    await register.getByTestId('customer-consent').check();
    await expect(register.getByText('1988-06-15')).toBeVisible();
    await shot(manager, 'customer-register');
    await register.getByRole('button', { name: /^(取\s*消|Cancel)$/ }).click();
    // Leaving a filled form asks what to do with what was typed.
    await manager.getByTestId('form-leave-discard').click();
    await expect(register).toBeHidden();

    // A new application with its live preview (not submitted).
    await goTo(manager, '#/apply', manager.getByRole('heading', { name: text.apply }));
    await pick(manager, 'apply-customer', applicantNumber, applicantNumber);
    await pick(manager, 'apply-product', 'CASH12');
    await manager.getByTestId('apply-amount').fill('60000');
    await pick(manager, 'apply-purpose', text.purpose);
    await expect(manager.getByTestId('review-annualized-rate')).toContainText('%');
    await expect(manager.getByTestId('review-decision')).toHaveText(text.review);
    await expect(rows(manager, 'apply-schedule')).toHaveCount(12);
    await shot(manager, 'apply');

    // The review queue and one application's review screen.
    await goTo(manager, '#/review', manager.getByRole('heading', { name: text.queue }));
    const queueRows = manager.getByTestId('queue-table').getByTestId('queue-row');
    await expect(queueRows.nth(2)).toBeVisible();
    await shot(manager, 'review-queue');
    await queueRows.filter({ hasText: queuedNumber }).getByRole('link', { name: queuedNumber }).click();
    await expect(manager.getByTestId('review-decision-card')).toBeVisible();
    await expect(manager.getByTestId('review-customer-name')).not.toBeEmpty();
    await expect(manager.getByTestId('review-prechecks')).toBeVisible();
    await expect(manager.getByTestId('review-score-value')).not.toBeEmpty();
    await shot(manager, 'review');

    // An overdue demo loan: schedule, the repayment split, the contract.
    await goTo(manager, `#/loans/${overdueLoanId}`, manager.getByTestId('loan-status'));
    await expect(manager.getByTestId('loan-dpd')).not.toHaveText('0');
    await expect(manager.locator('.ld-row-overdue').first()).toBeVisible();
    await shot(manager, 'loan-detail');

    await manager.getByTestId('loan-repay').click();
    await manager.getByTestId('repay-fill-due').click();
    await expect(manager.getByTestId('repay-confirm')).toBeEnabled({ timeout: 15_000 });
    await expect(manager.getByTestId('split-overduePrincipalFen')).not.toHaveText('¥0.00');
    await shot(manager, 'repayment');
    await manager
      .getByRole('dialog')
      .getByRole('button', { name: /^(取\s*消|Cancel)$/ })
      .click();
    await expect(manager.getByRole('dialog')).toBeHidden();

    // The payoff quote: interest to the date by actual days, and the annualized cost.
    await manager.getByTestId('loan-payoff').click();
    await expect(manager.getByTestId('payoff-total')).toContainText('¥');
    await expect(manager.getByTestId('payoff-cost')).toContainText('%');
    await shot(manager, 'payoff');
    await manager.keyboard.press('Escape');
    await expect(manager.getByRole('dialog')).toBeHidden();

    await manager.getByTestId('loan-print-contract').click();
    await expect(manager.getByTestId('contract-sheet')).toBeVisible();
    await shot(manager, 'contract');
    await manager.keyboard.press('Escape');
    await expect(manager.getByTestId('contract-sheet')).toBeHidden();

    // The ledgers.
    await goTo(manager, '#/ledgers/loans', manager.getByTestId('ledger-table-loans'));
    await expect(rows(manager, 'ledger-table-loans').first()).toBeVisible();
    await shot(manager, 'ledger-loans');

    await manager.getByTestId('ledger-tab-overdue').click();
    await expect(rows(manager, 'ledger-table-overdue').first()).toBeVisible();
    // The days past due, bucket and classification are the point here: scroll them into view (number and customer stay).
    await manager
      .getByTestId('ledger-table-overdue')
      .locator('.ant-table-body, .ant-table-content')
      .first()
      .evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
        el.dispatchEvent(new Event('scroll'));
      });
    await expect(
      manager.getByTestId('ledger-table-overdue').getByRole('columnheader', { name: text.dpd }),
    ).toBeInViewport();
    await shot(manager, 'ledger-overdue');

    await manager.getByTestId('ledger-tab-repayments').click();
    await expect(rows(manager, 'ledger-table-repayments').first()).toBeVisible();
    await shot(manager, 'ledger-repayments');

    await manager.getByTestId('ledger-tab-journal').click();
    await expect(rows(manager, 'ledger-table-journal').first()).toBeVisible();
    await shot(manager, 'ledger-journal');

    await manager.getByTestId('ledger-tab-trial').click();
    await expect(manager.getByTestId('trial-balanced')).toHaveText(text.balanced);
    for (const item of ['principal', 'receivable', 'provision', 'overpayment']) {
      await expect(manager.getByTestId(`recon-${item}`)).toHaveAttribute('data-agree', 'true');
    }
    await shot(manager, 'ledger-trial');
    await manager.getByTestId('ledger-reconciliation').scrollIntoViewIfNeeded();
    await shot(manager, 'ledger-reconciliation');

    await manager.getByTestId('ledger-tab-daily').click();
    await expect(rows(manager, 'ledger-table-daily').first()).toBeVisible();
    await shot(manager, 'ledger-daily');

    // End of day, with the run made before the pictures.
    await goTo(manager, '#/eod', manager.getByRole('heading', { name: text.eod, exact: true }));
    await expect(rows(manager, 'eod-history').first()).toContainText(text.eodDone);
    await shot(manager, 'eod');
    await manager.context().close();

    // Products, as the administrator: the list and the editor with its preview.
    const admin = await windowFor(browser, host, lang, 'admin');
    await navItem(admin, text.products).click(); // (its route moved from #/admin/products to #/products; the menu finds it either way)
    await expect(admin.getByRole('heading', { name: text.products })).toBeVisible();
    await expect(admin.getByTestId('product-row-CASH12')).toBeVisible();
    await shot(admin, 'products');
    await admin.getByTestId('product-row-CASH12').getByText('CASH12', { exact: true }).click();
    await expect(admin.getByTestId('product-save')).toBeVisible();
    await expect(rows(admin, 'preview-table').first()).toBeVisible();
    await shot(admin, 'product-editor');
    // Its servicing rules: rounding, early payments, prepayment fee.
    await admin.getByTestId('product-allocation-order').scrollIntoViewIfNeeded();
    await expect(admin.getByTestId('product-prepaymentFeePercent')).toBeInViewport();
    await shot(admin, 'product-editor-servicing');
    await admin.context().close();
  });
}
