/** The servicing screens of issue 11 in both languages, saved as 1366x768 PNGs in
 *  screenshotDir(lang): the repayment dialog with its intent choice, the payoff
 *  quote above the cap (for a manager, who may override it, and for an officer, who
 *  may not), the repayment dialog asking for the override's reason, a loan whose
 *  penalty reached the red line, a loan closed by a backdated payoff let through
 *  above the cap, and the lending settings. The profile is made beforehand under a
 *  controlled clock (servicing-profile.ts); nothing shown is submitted. */
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, screenshotDir, hostOnProfile, type Host, goTo, signedInWindow } from './fixtures';

interface Loans {
  bounded: string;
  overridden: string;
  ordinary: string;
  recent: string;
}

let host: Host | undefined;
let loans: Loans;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ host, made: loans } = await hostOnProfile<Loans>('servicing-profile.ts', 'loandesk-servicing-'));
});

test.afterAll(async () => {
  await host?.stop();
});

test.use({ actionTimeout: 20_000 });

const LANGS = ['zh-CN', 'en'] as const;
type Lang = (typeof LANGS)[number];

const windowFor = (browser: Browser, lang: Lang, username: string) =>
  signedInWindow(browser, host!.url, lang, username);

for (const lang of LANGS) {
  test(`servicing screenshots (${lang})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const dir = screenshotDir(lang);
    const shot = async (page: Page, name: string, keepMouse = false) => {
      if (!keepMouse) await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 20_000 });
      await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const cancel = async (page: Page) => {
      await page
        .getByRole('dialog')
        .last()
        .getByRole('button', { name: /^(取\s*消|Cancel)$/ })
        .click();
    };

    const manager = await windowFor(browser, lang, 'manager');

    // The repayment dialog: two installments' worth on an ordinary loan, the intent preselected.
    await goTo(manager, `#/loans/${loans.ordinary}`, manager.getByTestId('loan-status'));
    await manager.getByTestId('loan-repay').click();
    await manager.getByTestId('repay-amount').fill('5500');
    await expect(manager.getByTestId('repay-split')).toBeVisible({ timeout: 15_000 });
    await expect(manager.getByTestId('repay-confirm')).toBeEnabled({ timeout: 15_000 });
    await expect(manager.getByTestId('repay-intent-installments')).toContainText(
      lang === 'en' ? 'product default' : '产品默认',
    );
    await shot(manager, 'repayment-intent');
    await manager.getByTestId('repay-intent-principal').click();
    await expect(manager.getByTestId('split-prepaymentFen')).not.toHaveText('¥0.00', { timeout: 15_000 });
    await expect(manager.getByTestId('repay-confirm')).toBeEnabled({ timeout: 15_000 });
    await shot(manager, 'repayment-intent-principal');
    await cancel(manager);
    await expect(manager.getByRole('dialog')).toBeHidden();
    await manager.getByTestId('loan-tab-transactions').click();
    await expect(manager.getByTestId('loan-tx-intent')).toBeVisible();
    await shot(manager, 'loan-transactions-intent');

    // A payoff a week after a 2 % fee: above the cap; the manager may let it through.
    await goTo(manager, `#/loans/${loans.recent}`, manager.getByTestId('loan-status'));
    await manager.getByTestId('loan-payoff').click();
    await expect(manager.getByTestId('payoff-over-cap')).toBeVisible({ timeout: 15_000 });
    await expect(manager.getByTestId('payoff-cost')).toContainText('%');
    await expect(manager.getByTestId('payoff-max-within-cap')).toContainText('¥');
    await shot(manager, 'payoff-over-cap');
    await manager.getByTestId('payoff-record').click();
    await expect(manager.getByTestId('repay-cap-reason')).toBeVisible({ timeout: 15_000 });
    await expect(manager.getByTestId('repay-over-cap')).toBeVisible();
    await expect(manager.getByTestId('repay-confirm')).toBeDisabled();
    await manager
      .getByTestId('repay-cap-reason')
      .fill(lang === 'en' ? 'Moving abroad; approved' : '客户出国，同意提前结清');
    await expect(manager.getByTestId('repay-confirm')).toBeEnabled();
    await shot(manager, 'repayment-cap-override');
    await cancel(manager);
    await expect(manager.getByRole('dialog')).toBeHidden();

    // A loan whose penalty stopped at the red line (the tag's tooltip says since when and how much).
    await goTo(manager, `#/loans/${loans.bounded}`, manager.getByTestId('loan-status'));
    await expect(manager.getByTestId('loan-penalty-bound')).toBeVisible();
    await manager.getByTestId('loan-penalty-bound').hover();
    await expect(manager.getByRole('tooltip')).toBeVisible();
    await shot(manager, 'loan-red-line', true);

    // A loan closed by a backdated payoff let through above the cap.
    await goTo(manager, `#/loans/${loans.overridden}/transactions`, manager.getByTestId('loan-status'));
    await expect(manager.getByTestId('loan-closed-on')).toHaveText('2026-01-15');
    await expect(manager.getByTestId('loan-tx-cap-override')).toBeVisible();
    await manager.getByTestId('loan-tx-cap-override').hover();
    await expect(manager.getByRole('tooltip')).toBeVisible();
    await shot(manager, 'loan-closed-override', true);
    await manager.context().close();

    // The officer sees the same payoff refused, and no way to record it.
    const officer = await windowFor(browser, lang, 'officer');
    await goTo(officer, `#/loans/${loans.recent}`, officer.getByTestId('loan-status'));
    await officer.getByTestId('loan-payoff').click();
    await expect(officer.getByTestId('payoff-over-cap')).toBeVisible({ timeout: 15_000 });
    await expect(officer.getByTestId('payoff-record')).toHaveCount(0);
    await shot(officer, 'payoff-over-cap-officer');
    await officer.context().close();

    // The lending settings, with the red line.
    const admin = await windowFor(browser, lang, 'admin');
    await goTo(admin, '#/admin/settings', admin.getByTestId('settings-lending'));
    await expect(admin.getByTestId('settings-red-line')).toHaveValue('30');
    await admin.getByTestId('settings-lending').scrollIntoViewIfNeeded();
    await shot(admin, 'settings-lending');
    await admin.context().close();
  });
}
