/** Every screen in both languages, saved as 1366x768 PNGs in
 *  screenshotDir(lang) for review and the user guide. */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, createPassphrase, openDemoCompany, login, navItem, screenshotDir } from './fixtures';

const LANGS = {
  'zh-CN': {
    setup: '首次使用：创建机构',
    loginTitle: /^登录 · /,
    users: '用户与角色',
    audit: '审计日志',
    settings: '系统设置',
    account: '账号与安全',
    lock: '锁定屏幕',
    chainOk: '哈希链完整',
  },
  en: {
    setup: 'First start: create your company',
    loginTitle: /^Sign in · /,
    users: 'Users & roles',
    audit: 'Audit log',
    settings: 'Settings',
    account: 'Account & security',
    lock: 'Lock screen',
    chainOk: 'Hash chain intact',
  },
} as const;

for (const [lang, text] of Object.entries(LANGS) as Array<[keyof typeof LANGS, (typeof LANGS)[keyof typeof LANGS]]>) {
  test(`screenshots (${lang})`, async ({ page, host }) => {
    test.slow(); // nine screens in one journey
    const dir = screenshotDir(lang);
    const shot = async (name: string) => {
      await page.mouse.move(1365, 767);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const go = async (label: string) => {
      await navItem(page, label).click();
      await expect(page.getByRole('heading', { name: label, exact: true })).toBeVisible();
    };

    await page.addInitScript((l) => localStorage.setItem('loandesk.language', l), lang);
    await page.goto(host.url);
    await expect(page.getByTestId('passphrase')).toBeVisible();
    await shot('passphrase');

    await createPassphrase(page);
    await expect(page.getByText(text.setup)).toBeVisible({ timeout: 20_000 });
    await shot('setup');

    await openDemoCompany(page);
    await expect(page.getByText(text.loginTitle)).toBeVisible();
    await shot('login');

    await login(page, 'admin');
    await expect(page.getByTestId('list-health')).toBeVisible();
    await shot('home');

    await go(text.users);
    await expect(page.getByRole('cell', { name: 'officer2', exact: true })).toBeVisible();
    await shot('users');

    await go(text.audit);
    await expect(page.getByRole('row').filter({ hasText: 'setup.createDemo' })).toBeVisible();
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-report')).toContainText(text.chainOk);
    await shot('audit');

    await go(text.settings);
    await expect(page.locator('input#idleLockMinutes')).toHaveValue('15');
    await shot('settings');

    await openAccount(page, text.account);
    await shot('account');

    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: text.lock }).click();
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await closeUserMenu(page, text.lock);
    await page.waitForTimeout(300); // let the modal's blur settle
    await shot('lock');
  });
}

async function openAccount(page: Page, title: string): Promise<void> {
  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: title }).click();
  await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
  await closeUserMenu(page, title);
}

/** The user menu stays open while the pointer is over it: move away and wait. */
async function closeUserMenu(page: Page, itemName: string): Promise<void> {
  await page.mouse.move(1365, 767);
  await expect(page.getByRole('menuitem', { name: itemName })).toBeHidden();
}
