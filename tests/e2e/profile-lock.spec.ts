/** One LoanDesk per profile, in the browser: a second browser mode on a profile that
 *  another holds shows who holds it (both languages, screenshots), and the first one's
 *  ledger export still downloads under the translated name. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  tempProfile,
  login,
  navItem,
  screenshotDir,
  PASSPHRASE,
} from './fixtures';

async function shot(page: Page, lang: string, name: string): Promise<void> {
  const dir = screenshotDir(lang);
  await page.mouse.move(1365, 767);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

test('a second browser mode on a held profile says who holds it; the first keeps working', async ({ page }) => {
  test.slow(); // two host processes
  const home = tempProfile();
  const first = await startHost({ home, passphrase: PASSPHRASE });
  try {
    await createDemoViaApi(first);
    const holder = JSON.parse(readFileSync(join(home, 'profile.lock'), 'utf8')) as { pid: number; kind: string };
    expect(holder.kind).toBe('browser');

    const second = await startHost({ home, passphrase: PASSPHRASE });
    try {
      await expect.poll(() => second.log()).toContain('This profile is open in another LoanDesk');
      await page.goto(second.url);
      await expect(page.getByText('配置文件正在使用中')).toBeVisible();
      await expect(
        page.getByText(`此配置文件正被另一个 LoanDesk 使用（浏览器模式，进程 ${holder.pid}，`),
      ).toBeVisible();
      await expect(page.locator('code', { hasText: 'PROFILE_IN_USE' })).toBeVisible();
      await shot(page, 'zh-CN', 'profile-in-use');
      await page.evaluate(() => localStorage.setItem('loandesk.language', 'en'));
      await page.reload();
      await expect(page.getByText('The profile is in use')).toBeVisible();
      await expect(
        page.getByText(`in use by another LoanDesk (browser mode, process ${holder.pid}, since`),
      ).toBeVisible();
      await shot(page, 'en', 'profile-in-use');
      expect(await second.invoke('app.status', {})).toMatchObject({
        ok: true,
        value: { vault: 'error', vaultError: 'PROFILE_IN_USE' },
      });
    } finally {
      await second.stop();
    }
    // The refused host left the holder's lock alone.
    expect(JSON.parse(readFileSync(join(home, 'profile.lock'), 'utf8'))).toMatchObject({ pid: holder.pid });

    // In browser mode an export stays a download, named 台账-贷款-<date>.xlsx.
    await page.evaluate(() => localStorage.setItem('loandesk.language', 'zh-CN'));
    await page.goto(first.url);
    await login(page, 'manager');
    await navItem(page, '台账').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('ledger-export-xlsx-loans').click();
    expect((await download).suggestedFilename()).toMatch(/^台账-贷款-\d{4}-\d{2}-\d{2}\.xlsx$/);
  } finally {
    await first.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
