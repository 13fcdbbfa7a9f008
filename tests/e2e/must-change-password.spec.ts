/** A password an administrator set: the window asks for a new one before anything
 *  else (the main process refuses the rest meanwhile), in both languages. */
import { join } from 'node:path';
import { test, expect, mustInvoke, submitLogin, PASSPHRASE, screenshotDir } from './fixtures';

test.use({ hostPassphrase: PASSPHRASE, demo: true });

const TEXT = {
  'zh-CN': { title: '请设置新密码', wrong: '当前密码不正确。', home: '李信贷，您好' },
  en: { title: 'Choose a new password', wrong: 'The current password is not correct.', home: 'Hello, 李信贷' },
} as const;

for (const lang of ['zh-CN', 'en'] as const) {
  test(`a reset password must be changed before anything else (${lang})`, async ({ page, host }) => {
    await mustInvoke(host, 'auth.login', { username: 'admin', password: 'demo1234' }, 'admin');
    const users = (await mustInvoke(host, 'users.list', {}, 'admin')) as Array<{ id: string; username: string }>;
    const officer = users.find((u) => u.username === 'officer')!;
    await mustInvoke(host, 'users.resetPassword', { userId: officer.id, newPassword: 'Temp2026x' }, 'admin');

    await page.addInitScript((l) => localStorage.setItem('loandesk.language', l), lang);
    await page.goto(host.url);
    await submitLogin(page, 'officer', 'Temp2026x');
    await expect(page.getByText(TEXT[lang].title)).toBeVisible();
    await expect(page.getByTestId('user-menu')).toHaveCount(0);
    const dir = screenshotDir(lang);
    await page.mouse.move(1365, 767);
    await page.screenshot({ path: join(dir, 'must-change-password.png'), animations: 'disabled', caret: 'hide' });

    await page.getByTestId('must-change-current').fill('not-the-password1');
    await page.getByTestId('must-change-new').fill('Mine2026x');
    await page.getByTestId('must-change-submit').click();
    await expect(page.getByText(TEXT[lang].wrong)).toBeVisible();

    await page.getByTestId('must-change-current').fill('Temp2026x');
    await page.getByTestId('must-change-submit').click();
    await expect(page.getByTestId('user-menu')).toBeVisible();
    await expect(page.getByRole('heading', { name: TEXT[lang].home })).toBeVisible();
  });
}
