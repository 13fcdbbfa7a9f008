/** The documents of issue 13 in both languages, saved as 1366x768 PNGs in
 *  screenshotDir(lang): the loan page with its document actions, the receipt
 *  (A4 and the 241 mm continuous form), the repayment schedule, the payoff
 *  certificate, the overdue notice (from the collections list), the verify screen
 *  with a genuine and an altered certificate, and the documents settings. Each
 *  printed sheet is also saved as the PDF Chromium prints (test-results/documents-pdf)
 *  to look at. The profile is made beforehand (documents-profile.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, login, REPO_ROOT, screenshotDir, hostOnProfile, type Host, goTo } from './fixtures';

interface Loans {
  ordinary: string;
  paidOff: string;
  overdue: string;
}

let host: Host | undefined;
let loans: Loans;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ host, made: loans } = await hostOnProfile<Loans>('documents-profile.ts', 'loandesk-documents-screens-'));
});

test.afterAll(async () => {
  await host?.stop();
});

test.use({ actionTimeout: 20_000 });

const LANGS = ['zh-CN', 'en'] as const;
type Lang = (typeof LANGS)[number];

async function windowFor(browser: Browser, lang: Lang, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: lang,
    timezoneId: 'Asia/Shanghai',
  });
  await context.addInitScript((l) => {
    localStorage.setItem('loandesk.language', l);
    // The OS print dialog is not opened; page.pdf prints what it would print.
    window.print = () => undefined;
  }, lang);
  const page = await context.newPage();
  await page.goto(host!.url);
  await login(page, username);
  return page;
}

for (const lang of LANGS) {
  test(`documents screenshots (${lang})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const dir = screenshotDir(lang);
    const pdfDir = join(REPO_ROOT, 'test-results', 'documents-pdf');
    mkdirSync(pdfDir, { recursive: true });
    const shot = async (page: Page, name: string) => {
      await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 20_000 });
      await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const pdf = async (page: Page, name: string) =>
      writeFileSync(join(pdfDir, `${lang}-${name}.pdf`), await page.pdf({ preferCSSPageSize: true }));
    const close = (page: Page, testId: string) =>
      page
        .getByTestId(testId)
        .getByRole('button', { name: /Close|关闭/ })
        .click();

    const officer = await windowFor(browser, lang, 'officer');
    // The loan page: the schedule and receipts of a loan paid as agreed.
    await goTo(officer, `#/loans/${loans.ordinary}/transactions`, officer.getByTestId('loan-print-schedule'));
    await expect(officer.getByTestId('loan-tx-receipt')).toHaveCount(1);
    await shot(officer, 'documents-loan-actions');
    await officer.getByTestId('loan-tx-receipt').click();
    await expect(officer.getByTestId('receipt-dialog').getByTestId('receipt-sheet')).toBeVisible();
    await shot(officer, 'documents-receipt');
    await officer.getByTestId('receipt-dialog-print').click();
    await expect(officer.getByTestId('receipt-dialog-preview')).toHaveAttribute('data-printed', 'yes');
    await pdf(officer, 'receipt-a4');
    await officer
      .getByTestId('receipt-dialog-paper')
      .getByText(lang === 'en' ? '241 mm continuous' : '241 连续纸')
      .click();
    await officer.getByTestId('receipt-dialog-print').click();
    await expect(officer.getByTestId('receipt-reprint')).toBeVisible();
    await shot(officer, 'documents-receipt-241');
    await pdf(officer, 'receipt-241');
    await close(officer, 'receipt-dialog');

    await officer.getByTestId('loan-print-schedule').click();
    await expect(officer.getByTestId('schedule-sheet')).toBeVisible();
    await shot(officer, 'documents-schedule');
    await officer.getByTestId('schedule-dialog-print').click();
    await expect(officer.getByTestId('schedule-dialog-preview')).toHaveAttribute('data-printed', 'yes');
    await pdf(officer, 'schedule');
    await close(officer, 'schedule-dialog');

    await goTo(officer, `#/loans/${loans.paidOff}`, officer.getByTestId('loan-print-certificate'));
    await officer.getByTestId('loan-print-certificate').click();
    await officer.getByTestId('certificate-dialog-print').click();
    await expect(officer.getByTestId('certificate-code')).toHaveText(/^[0-9A-Z]{4}-/);
    await shot(officer, 'documents-certificate');
    await pdf(officer, 'certificate');
    const printed = {
      code: (await officer.getByTestId('certificate-code').textContent())!,
      loan: (await officer.getByTestId('certificate-loan').textContent())!,
      closedOn: (await officer.getByTestId('certificate-closed-on').textContent())!,
      repaid: (await officer.getByTestId('certificate-repaid').textContent())!.replace(/[¥,]/g, ''),
    };
    await close(officer, 'certificate-dialog');

    // The overdue notice from the collections list.
    await goTo(officer, '#/collections', officer.getByTestId('collections-table'));
    await expect(officer.getByTestId('case-notice').first()).toBeVisible();
    await shot(officer, 'documents-collections');
    await officer.getByTestId('case-notice').first().click();
    await expect(officer.getByTestId('notice-sheet')).toBeVisible();
    await shot(officer, 'documents-notice');
    await officer.getByTestId('notice-dialog-print').click();
    await expect(officer.getByTestId('notice-dialog-preview')).toHaveAttribute('data-printed', 'yes');
    await pdf(officer, 'notice');
    await close(officer, 'notice-dialog');

    // Verifying the certificate: as printed, then altered.
    await goTo(officer, '#/verify-certificate', officer.getByTestId('verify-form'));
    const fill = async (repaid: string) => {
      await officer.getByTestId('verify-loan').fill(printed.loan);
      await officer.getByTestId('verify-closed-on').fill(printed.closedOn);
      await officer.getByTestId('verify-repaid').fill(repaid);
      await officer.getByTestId('verify-code').fill(printed.code);
      await officer.getByTestId('verify-submit').click();
    };
    await fill(printed.repaid);
    await expect(officer.getByTestId('verify-result')).toHaveAttribute('data-valid', 'yes');
    await shot(officer, 'documents-verify-valid');
    await fill((Number(printed.repaid) + 100).toFixed(2));
    await expect(officer.getByTestId('verify-result')).toHaveAttribute('data-valid', 'no');
    await shot(officer, 'documents-verify-refused');
    await officer.context().close();

    const admin = await windowFor(browser, lang, 'admin');
    await goTo(admin, '#/admin/settings', admin.getByTestId('settings-documents'));
    await admin.getByTestId('settings-documents').scrollIntoViewIfNeeded();
    await shot(admin, 'documents-settings');
    await admin.context().close();
  });
}
