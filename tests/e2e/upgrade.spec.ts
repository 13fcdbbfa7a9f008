/** A profile of an earlier format of the log unlocked in the window: the screen of
 *  the tables' rebuild with its progress, then the login of the company, in both
 *  languages (screenshotDir(lang)/upgrade-progress.png). */
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHost, tempProfile, screenshotDir, PASSPHRASE, type Host } from './fixtures';

let made: string;
let hosts: Host[] = [];
let homes: string[] = [];
test.beforeAll(() => {
  test.setTimeout(180_000);
  made = tempProfile('loandesk-upgrade-');
  execFileSync(process.execPath, ['--import', 'tsx', join('tests', 'e2e', 'upgrade-profile.ts'), made, PASSPHRASE], {
    encoding: 'utf8',
  });
});
test.afterEach(async () => {
  for (const h of hosts) await h.stop();
  for (const d of homes) rmSync(d, { recursive: true, force: true });
  hosts = [];
  homes = [];
});
test.afterAll(() => rmSync(made, { recursive: true, force: true }));

const TEXT = {
  'zh-CN': {
    unlock: '解锁本地数据库',
    title: '正在按新版规则重建本地台账',
    progress: /已处理 [\d,]+ \/ [\d,]+ 条事件/,
    login: /^登录 · 演示小贷有限公司/,
  },
  en: {
    unlock: 'Unlock the local database',
    title: 'Rebuilding the local ledgers under the new release',
    progress: /[\d,]+ of [\d,]+ events processed/,
    login: /^Sign in · /,
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const) {
  test(`the rebuild after an upgrade shows its progress, then the login (${lang})`, async ({ browser }) => {
    test.setTimeout(120_000);
    // Each language upgrades its own copy of the old profile.
    const home = tempProfile('loandesk-upgrade-');
    homes.push(home);
    cpSync(made, home, { recursive: true });
    const host = await startHost({ home });
    hosts.push(host);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: lang });
    await context.addInitScript((l) => localStorage.setItem('loandesk.language', l), lang);
    const page = await context.newPage();
    await page.goto(host.url);
    const text = TEXT[lang];
    await expect(page.getByText(text.unlock)).toBeVisible();
    await page.getByTestId('passphrase').fill(PASSPHRASE);
    await page.getByTestId('passphrase').press('Enter');

    // The rebuild runs after the unlock: its screen, its progress moving.
    await expect(page.getByText(text.title)).toBeVisible({ timeout: 20_000 });
    const line = page.getByText(text.progress);
    await expect(line).toBeVisible();
    await page.mouse.move(1365, 767);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(screenshotDir(lang), 'upgrade-progress.png'), animations: 'disabled' });

    // Then the company's login, as after any unlock.
    await expect(page.getByTestId('login-username')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText(text.login)).toBeVisible();
    await context.close();
  });
}
