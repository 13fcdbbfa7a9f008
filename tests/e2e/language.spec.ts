/** The language switch: before and after login, kept across a reload. */
import { test, expect, login, expectNav, PASSPHRASE } from './fixtures';

test.use({ hostPassphrase: PASSPHRASE, demo: true });

test('switch to English and back; the choice survives a reload', async ({ page, host }) => {
  await page.goto(host.url);
  const sw = page.getByTestId('language-switch');
  await expect(page.getByTestId('login-submit')).toHaveText(/登\s*录/);
  await expect(sw).toHaveText('English');

  // On the login screen.
  await sw.click();
  await expect(sw).toHaveText('中文');
  await expect(page.getByTestId('login-submit')).toHaveText('Sign in');
  await expect(page.getByText(/^Sign in · /)).toBeVisible();
  await expect(page.getByText('User name', { exact: true })).toBeVisible();
  await expect(page.getByText('用户名', { exact: true })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('loandesk.language'))).toBe('en');

  // Errors are translated too.
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('not-the-password1');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText(
    'Wrong user name or password. 4 more failures will lock the account.',
  );

  // After login.
  await login(page, 'admin');
  await expectNav(
    page,
    ['Home', 'Users & roles', 'Audit log', 'Settings'],
    ['工作台', '用户与角色', '审计日志', '系统设置'],
  );
  await expect(page.getByTestId('user-menu')).toContainText('Administrator');
  await expect(page.getByText('Business date', { exact: false }).first()).toBeVisible();

  // Kept across a reload (the session is kept as well).
  await page.reload();
  await expectNav(
    page,
    ['Home', 'Users & roles', 'Audit log', 'Settings'],
    ['工作台', '用户与角色', '审计日志', '系统设置'],
  );
  await expect(page.getByTestId('language-switch')).toHaveText('中文');

  // Back to Chinese, again kept across a reload.
  await page.getByTestId('language-switch').click();
  await expectNav(
    page,
    ['工作台', '用户与角色', '审计日志', '系统设置'],
    ['Home', 'Users & roles', 'Audit log', 'Settings'],
  );
  await expect(page.getByTestId('user-menu')).toContainText('系统管理员');
  await page.reload();
  await expectNav(
    page,
    ['工作台', '用户与角色', '审计日志', '系统设置'],
    ['Home', 'Users & roles', 'Audit log', 'Settings'],
  );
  await expect(page.getByTestId('language-switch')).toHaveText('English');
  expect(await page.evaluate(() => localStorage.getItem('loandesk.language'))).toBe('zh-CN');
});
