/** The bank-statement import screen in both languages, saved as 1366x768 PNGs in
 *  screenshotDir(lang): a statement read from a real file input (two lines matched
 *  by the loan number in the memo, one unmatched, one with a bad date), the loan
 *  named for the unmatched line, the import with its result, and the same file
 *  read again, every imported line now a duplicate. */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, screenshotDir, hostOnProfile, type Host, goTo, signedInWindow } from './fixtures';

interface Made {
  numbers: string[];
  businessDate: string;
}

let host: Host | undefined;
let made: Made;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ host, made } = await hostOnProfile<Made>('statement-profile.ts', 'loandesk-statement-'));
  dir = mkdtempSync(join(tmpdir(), 'loandesk-statement-files-'));
});

test.afterAll(async () => {
  await host?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test.use({ actionTimeout: 20_000 });

for (const lang of ['zh-CN', 'en'] as const) {
  test(`statement import: preview, a loan named, import, again all duplicate (${lang})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const shots = screenshotDir(lang);
    const shot = async (page: Page, name: string) => {
      await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 20_000 });
      await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(shots, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const [a, b, c] = made.numbers as [string, string, string];
    const day = made.businessDate;
    const file = join(dir, `statement-${lang}.csv`);
    writeFileSync(
      file,
      [
        '\uFEFF交易日期,贷方金额,交易流水号,对方户名,对方账号,摘要',
        `${day},1000.00,ICBC-${lang}-0001,王小明,6222020200112233446,还款 ${a}`,
        `${day},"2,345.60",ICBC-${lang}-0002,李四,,${b} 三月还款`,
        `${day},300.00,ICBC-${lang}-0003,张三,6217000010000000001,转账`,
        `2026-02-30,10.00,ICBC-${lang}-0004,赵六,,${a}`,
      ].join('\r\n'),
    );
    const page = await signedInWindow(browser, host!.url, lang, 'officer');
    await goTo(page, '#/statement-import', page.getByTestId('statement-file'));
    await page.locator('input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('statement-preview');
    await expect(preview).toBeVisible();
    await expect(page.getByTestId('statement-count-matched')).toContainText('2');
    await expect(page.getByTestId('statement-count-unmatched')).toContainText('1');
    await expect(page.getByTestId('statement-count-invalid')).toContainText('1');
    await expect(page.getByTestId('statement-lines')).toContainText(a);
    await shot(page, 'statement-preview');

    // The officer names the loan of the unmatched line; it is checked and selected.
    await page.getByTestId('statement-pick-4').fill(c);
    await page.getByTestId('statement-pick-4').press('Enter');
    await expect(page.getByTestId('statement-count-matched')).toContainText('3');
    await expect(page.getByTestId('statement-selected')).toContainText('3');
    await page.getByTestId('statement-import').click();
    const result = page.getByTestId('statement-result');
    await expect(result).toBeVisible({ timeout: 30_000 });
    await expect(result).toContainText('3');
    await expect(page.getByTestId('statement-progress')).toContainText('3 / 3');
    await shot(page, 'statement-result');

    // The same file again: what was recorded is a duplicate now, nothing to import.
    await page.locator('input[type=file]').setInputFiles(file);
    await expect(page.getByTestId('statement-count-duplicate')).toContainText('3');
    await expect(page.getByTestId('statement-count-matched')).toContainText('0');
    await expect(page.getByTestId('statement-import')).toBeDisabled();
    await page.context().close();
  });
}
