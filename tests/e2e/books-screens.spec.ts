/** The accountant's screens of issue 10 in both languages, saved as 1366x768 PNGs
 *  under screenshotDir(lang)/: capital and funding with the vouchers, one
 *  voucher waiting for its checker, the balance sheet and income statement, the
 *  VAT report of the last full month, month-end closing, and the administrator's
 *  chart of accounts adding a sub-account. One host with the
 *  demo company (60 persons, a year of history, funded by its opening entry) serves
 *  both; through the API the manager proposes a voucher and closes the first six
 *  month ends of the history. */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  mustInvoke,
  login,
  PASSPHRASE,
  screenshotDir,
  type Host,
} from './fixtures';

let host: Host | undefined;
/** A demo loan past the non-accrual threshold (90 days past due). */
let nonAccrualLoanId = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 60 });
  try {
    await createDemoViaApi(host);
    const manager = randomUUID();
    await mustInvoke(host, 'auth.login', { username: 'manager', password: 'demo1234' }, manager);
    const status = (await mustInvoke(host, 'app.status', {}, manager)) as { businessDate: string };
    await mustInvoke(
      host,
      'books.proposeEntry',
      {
        kind: 'manual',
        valueDate: status.businessDate,
        memo: '支付银行借款利息 bank loan interest paid',
        lines: [
          { accountId: '6411', debitFen: 8_750_00, creditFen: 0 },
          { accountId: '1002', debitFen: 0, creditFen: 8_750_00 },
        ],
      },
      manager,
    );
    const overdue = (await mustInvoke(
      host,
      'ledger.loans',
      { overdueOnly: true, sort: { field: 'dpd', order: 'desc' }, limit: 50, offset: 0 },
      manager,
    )) as { rows: Array<{ id: string; status: string; dpd: number }> };
    const stale = overdue.rows.find((r) => r.status === 'active' && r.dpd > 90);
    if (!stale) throw new Error('the demo has no active loan past 90 days');
    nonAccrualLoanId = stale.id;
    const periods = (await mustInvoke(host, 'ledger.periods', {}, manager)) as { closable: string[] };
    // The first six month ends of the history close; the last of them holds loans (the screen shows their closing entries).
    await mustInvoke(host, 'ledger.closePeriod', { through: periods.closable[5] ?? periods.closable[0] }, manager);
  } catch (e) {
    await host.stop();
    throw e;
  }
});

test.afterAll(async () => {
  await host?.stop();
});

test.use({ actionTimeout: 20_000 });

async function windowFor(browser: Browser, lang: string, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: lang,
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript((l) => localStorage.setItem('loandesk.language', l), lang);
  const page = await context.newPage();
  await page.goto(host!.url);
  await login(page, username);
  return page;
}

async function goTo(page: Page, hash: string, ready: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.getByTestId(ready)).toBeVisible({ timeout: 30_000 });
}

for (const lang of ['zh-CN', 'en']) {
  test(`books screenshots (${lang})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const dir = screenshotDir(lang);
    const shot = async (page: Page, name: string) => {
      await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning, .ant-table-placeholder .ant-spin')).toHaveCount(0, {
        timeout: 30_000,
      });
      await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const rows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');
    const manager = await windowFor(browser, lang, 'manager');

    await goTo(manager, '#/books/funding', 'entries-table');
    await expect(rows(manager, 'entries-table')).toHaveCount(2);
    await shot(manager, 'books-funding');
    await rows(manager, 'entries-table').first().click();
    await expect(manager.getByRole('dialog')).toBeVisible();
    await shot(manager, 'books-voucher');
    await manager.keyboard.press('Escape');

    await goTo(manager, '#/books/statements', 'statements-balance-sheet');
    await expect(rows(manager, 'statements-balance-sheet').first()).toBeVisible();
    await expect(manager.getByTestId('statements-identity')).toHaveClass(/green/);
    await shot(manager, 'books-statements');

    await goTo(manager, '#/books/vat', 'vat-table');
    // The last full month of the history.
    const input = manager.getByTestId('vat-month');
    const prior = await manager.evaluate(() => {
      const d = new Date();
      d.setDate(0);
      return d.toISOString().slice(0, 7);
    });
    await input.click();
    await input.fill(prior);
    await input.press('Enter');
    await expect(rows(manager, 'vat-table').first()).toBeVisible({ timeout: 30_000 });
    await expect(manager.getByTestId('vat-agrees')).toHaveClass(/green/);
    await shot(manager, 'books-vat');

    await goTo(manager, '#/books/closing', 'closing-panel');
    await expect(rows(manager, 'closing-history')).toHaveCount(1);
    await manager.getByTestId('closing-history').locator('.ant-table-row-expand-icon').first().click();
    await expect(manager.getByTestId('closing-history').locator('.ant-table-expanded-row')).toBeVisible();
    await shot(manager, 'books-closing');

    // A loan past 90 days: non-accrual since a date, its interest off the balance sheet.
    await goTo(manager, `#/loans/${nonAccrualLoanId}`, 'loan-non-accrual');
    await expect(manager.getByTestId('loan-non-accrual')).toContainText(/\d{4}-\d{2}-\d{2}/);
    await expect(manager.getByTestId('loan-off-balance')).toContainText('¥');
    await shot(manager, 'loan-non-accrual');
    // Its journal: its own entries, and apart its share of the branch's daily accrual entries.
    await goTo(manager, `#/loans/${nonAccrualLoanId}/journal`, 'loan-daily-postings');
    await expect(manager.getByTestId('loan-daily-postings')).toContainText('2221.01');
    await manager.getByTestId('loan-daily-postings').scrollIntoViewIfNeeded();
    await shot(manager, 'loan-journal');

    const admin = await windowFor(browser, lang, 'admin');
    await goTo(admin, '#/admin/chart', 'chart-table');
    await expect(rows(admin, 'chart-table').first()).toBeVisible();
    await admin.getByTestId('chart-add-6602').click();
    await expect(admin.getByTestId('chart-add-dialog')).toBeVisible();
    await shot(admin, 'books-chart');
  });
}
