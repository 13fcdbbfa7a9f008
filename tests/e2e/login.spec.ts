/** Wrong passwords: the remaining attempts, then the lockout, which even the
 *  right password cannot pass. */
import { test, expect, submitLogin, DEMO_PASSWORD, PASSPHRASE } from './fixtures';

test.use({ hostPassphrase: PASSPHRASE, demo: true });

test('wrong passwords count down, then lock the account', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('login-username')).toBeVisible();
  const error = page.getByTestId('login-error');

  await submitLogin(page, 'officer', 'wrong-password-1');
  await expect(error).toHaveText('用户名或密码错误，再错 4 次账号将被锁定。');
  // The password field is cleared after a failure; the user name stays.
  await expect(page.getByTestId('login-password')).toHaveValue('');
  await expect(page.getByTestId('login-username')).toHaveValue('officer');

  for (const remaining of [3, 2, 1]) {
    await submitLogin(page, 'officer', `wrong-password-${remaining}`);
    await expect(error).toHaveText(`用户名或密码错误，再错 ${remaining} 次账号将被锁定。`);
  }

  await submitLogin(page, 'officer', 'wrong-password-5');
  await expect(error).toContainText('账号已锁定');

  // The right password during the lockout is still refused.
  await submitLogin(page, 'officer', DEMO_PASSWORD);
  await expect(error).toContainText('账号已锁定');
  await expect(page.getByTestId('user-menu')).toHaveCount(0);
  await expect(page.getByTestId('login-submit')).toBeVisible();

  // Another account is not affected by officer's lockout.
  await submitLogin(page, 'officer2', DEMO_PASSWORD);
  await expect(page.getByTestId('user-menu')).toContainText('赵信贷');
});
