/** The loan officer's everyday screens of issue 15 in both languages at 1366x768,
 *  saved in screenshotDir(lang) and checked for what a person must not meet: the
 *  customer drawer with the customer's loans (新建申请, 还款), the compact loan list,
 *  the loan page, the contract summary (legal name, 人民币大写, the penalty rate), the
 *  overdue ledger's days-past-due header, the daily summary's date basis, the review
 *  queue, the products table and the end-of-day confirmation under the page title.
 *  One host with a generated demo history serves both languages; nothing is submitted. */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  mustInvoke,
  DEMO_PASSWORD,
  PASSPHRASE,
  screenshotDir,
  type Host,
  goTo,
  signedInWindow,
} from './fixtures';

const LANGS = {
  'zh-CN': {
    customers: '客户档案',
    loanList: '贷款查询',
    apply: '新建申请',
    repay: '还款',
    active: '在贷',
    queue: '审批队列',
    products: '贷款产品',
    eod: '日终',
    basis: '按记账日统计',
    capitals: '人民币',
    dpd: '逾期天数',
  },
  en: {
    customers: 'Customer file',
    loanList: 'Loan lookup',
    apply: 'New application',
    repay: 'Repay',
    active: 'Active',
    queue: 'Review queue',
    products: 'Loan products',
    eod: 'End of day',
    basis: 'Counted by posting date',
    capitals: '人民币',
    dpd: 'DPD',
  },
} as const;
type Lang = keyof typeof LANGS;

interface World {
  host: Host;
  /** An active overdue demo loan and its customer. */
  loanId: string;
  loanNumber: string;
  customerNumber: string;
  customerId: string;
}
let world: World | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 60 });
  try {
    await createDemoViaApi(host);
    const manager = randomUUID();
    await mustInvoke(host, 'auth.login', { username: 'manager', password: DEMO_PASSWORD }, manager);
    const overdue = (await mustInvoke(
      host,
      'ledger.loans',
      { overdueOnly: true, sort: { field: 'dpd', order: 'asc' }, limit: 50, offset: 0 },
      manager,
    )) as { rows: Array<{ id: string; number: string; customerId: string; status: string }> };
    const loan = overdue.rows.find((r) => r.status === 'active');
    if (!loan) throw new Error('the demo history has no overdue loan');
    const customer = (await mustInvoke(host, 'customers.get', { customerId: loan.customerId }, manager)) as {
      number: string;
    };
    world = {
      host,
      loanId: loan.id,
      loanNumber: loan.number,
      customerNumber: customer.number,
      customerId: loan.customerId,
    };
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

/** Cells whose text is wider than the cell (cut) or whose single word (a number, a
 *  masked ID, an English word) breaks across lines. */
async function cutOrBroken(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const out: string[] = [];
    const cells = root.querySelectorAll<HTMLElement>(
      'th, td, .ant-descriptions-item-label, .ant-descriptions-item-content, .ant-form-item-label > label',
    );
    for (const el of cells) {
      if (el.closest('.ant-table-measure-row') || el.classList.contains('ant-table-cell-ellipsis')) continue;
      const box = el.getBoundingClientRect();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const whole = document.createRange();
        whole.selectNodeContents(node);
        const r = whole.getBoundingClientRect();
        if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) out.push(`cut: ${node.textContent}`);
        // A column header in Chinese is one word: it must not wrap either.
        const header = el.tagName === 'TH' || el.tagName === 'LABEL';
        for (const word of (node.textContent ?? '').split(/\s+/)) {
          if (!/^[A-Za-z0-9*.,¥%:/-]{2,}$/.test(word) && !(header && /^[\u4e00-\u9fff]{2,}$/.test(word))) continue;
          const at = node.textContent!.indexOf(word);
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) out.push(`broken: ${word}`);
        }
      }
    }
    return out;
  });
}

for (const lang of Object.keys(LANGS) as Lang[]) {
  test(`officer screens (${lang})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const { host, loanId, loanNumber, customerNumber, customerId } = world!;
    const text = LANGS[lang];
    const dir = screenshotDir(lang);
    const shot = async (page: Page, name: string) => {
      await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 20_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const page = await windowFor(browser, host, lang, 'manager');

    // The customer drawer: the customer's loans, 新建申请 and 还款.
    await goTo(page, '#/customers', page.getByRole('heading', { name: text.customers }));
    await page
      .getByTestId('customer-search')
      .locator('input')
      .or(page.locator('input[data-testid="customer-search"]'))
      .first()
      .fill(customerNumber);
    await page.getByTestId('customers-table').getByText(customerNumber, { exact: true }).click();
    const drawer = page.locator('.ant-drawer-open');
    await expect(drawer.getByTestId('customer-loans').getByText(loanNumber)).toBeVisible();
    await expect(drawer.getByTestId('customer-apply')).toHaveText(text.apply);
    await expect(drawer.getByTestId(`customer-repay-${loanNumber}`)).toHaveText(text.repay);
    await shot(page, 'customer-drawer-loans');
    expect(await cutOrBroken(drawer.getByTestId('customer-loans'))).toEqual([]);
    await drawer.getByTestId(`customer-repay-${loanNumber}`).click();
    await expect(page.getByTestId('repay-amount')).toBeVisible();
    await shot(page, 'customer-drawer-repay');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('repay-amount')).toBeHidden();
    await page.keyboard.press('Escape');

    // The compact loan list.
    await goTo(page, '#/loans', page.getByRole('heading', { name: text.loanList }));
    await expect(page.getByTestId('loan-list').locator('tbody tr.ant-table-row').first()).toBeVisible();
    await expect(page.getByTestId('loan-list').locator('tbody tr.ant-table-row').first()).toContainText(text.active);
    await shot(page, 'loan-list');
    expect(await cutOrBroken(page.getByTestId('loan-list'))).toEqual([]);

    // The loan page, and its contract summary.
    await goTo(page, `#/loans/${loanId}`, page.getByTestId('loan-print-contract'));
    await shot(page, 'loan-detail');
    expect(await cutOrBroken(page.locator('.ant-descriptions').first())).toEqual([]);
    await page.getByTestId('loan-print-contract').click();
    await expect(page.getByTestId('contract-sheet')).toBeVisible();
    await expect(page.getByTestId('contract-lender')).toHaveText('演示小贷有限公司');
    await expect(page.getByTestId('contract-amount')).toContainText(text.capitals);
    await expect(page.getByTestId('contract-penalty-rate')).toContainText('%');
    await shot(page, 'contract');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('contract-sheet')).toBeHidden();

    // The overdue ledger's headers, and the daily summary's date basis.
    await goTo(page, '#/ledgers/overdue', page.getByTestId('ledger-table-overdue'));
    await expect(page.getByTestId('ledger-table-overdue').locator('tbody tr.ant-table-row').first()).toBeVisible();
    await shot(page, 'ledger-overdue');
    // The days past due, bucket and class: scrolled into view (number and customer stay).
    await page
      .getByTestId('ledger-table-overdue')
      .locator('.ant-table-body, .ant-table-content')
      .first()
      .evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
        el.dispatchEvent(new Event('scroll'));
      });
    await shot(page, 'ledger-overdue-right');
    expect(await cutOrBroken(page.getByTestId('ledger-table-overdue').locator('thead'))).toEqual([]);
    await goTo(page, '#/ledgers/daily', page.getByTestId('ledger-table-daily'));
    await expect(page.getByTestId('ledger-daily-basis')).toContainText(text.basis);
    await shot(page, 'ledger-daily');

    // The application form for this customer (新建申请 from the drawer), a product picked.
    await goTo(page, `#/apply?customer=${customerId}`, page.getByTestId('apply-form'));
    await expect(page.getByTestId('apply-customer-summary')).toBeVisible();
    await page.getByTestId('apply-product').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: 'CASH12' })
      .first()
      .click();
    await expect(page.getByTestId('apply-rate')).toBeVisible();
    await shot(page, 'apply');
    expect(await cutOrBroken(page.getByTestId('apply-form'))).toEqual([]);

    // The review queue.
    await goTo(page, '#/review', page.getByRole('heading', { name: text.queue }));
    await shot(page, 'review-queue');
    expect(await cutOrBroken(page.locator('.ant-table').first())).toEqual([]);

    // End of day: the confirmation opens below its button, the title stays in view.
    await goTo(page, '#/eod', page.getByRole('heading', { name: text.eod, exact: true }));
    await page.getByTestId('eod-run').click();
    await expect(page.getByTestId('eod-run-confirm')).toBeVisible();
    const title = await page.getByRole('heading', { name: text.eod, exact: true }).boundingBox();
    const pop = await page.locator('.ant-popover:visible').boundingBox();
    expect(pop!.y).toBeGreaterThan(title!.y + title!.height);
    await shot(page, 'eod-confirm');
    await page.keyboard.press('Escape');
    await page.context().close();

    // The products table, as the administrator.
    const admin = await windowFor(browser, host, lang, 'admin');
    await goTo(admin, '#/products', admin.getByRole('heading', { name: text.products }));
    await expect(admin.getByTestId('product-row-CASH12')).toBeVisible();
    await shot(admin, 'products');
    expect(await cutOrBroken(admin.locator('.ant-table').first())).toEqual([]);
    // Every column on screen: the last header ends inside the window.
    const lastHeader = await admin.getByTestId('products-table').locator('thead th').last().boundingBox();
    expect(lastHeader!.x + lastHeader!.width).toBeLessThanOrEqual(1366);
    await admin.context().close();
  });
}
