/** The idle lock: after 15 idle minutes (on the page's fake clock) the lock
 *  screen covers the window; only the right password removes it. */
import { test, expect, login, expectNav, PASSPHRASE } from './fixtures';

test.use({ hostPassphrase: PASSPHRASE, demo: true });

test('15 idle minutes lock the screen; the password unlocks it', async ({ page, host }) => {
  await page.clock.install();
  await page.goto(host.url);
  await login(page, 'officer');
  const lockScreen = page.getByTestId('lock-screen');
  await expect(lockScreen).toHaveCount(0);

  // 14 minutes: still open.
  await page.clock.fastForward('14:00');
  await page.clock.runFor(16_000);
  await expect(page.getByRole('heading', { name: '李信贷，您好' })).toBeVisible();
  await expect(lockScreen).toHaveCount(0);

  // Past 15 minutes: locked.
  await page.clock.fastForward('02:00');
  await expect(lockScreen).toBeVisible();
  await expect(page.getByText('屏幕已锁定', { exact: true })).toBeVisible();
  await expect(lockScreen).toContainText('李信贷，屏幕已锁定');

  // The main process agrees: the session is locked there too.
  const locked = await page.evaluate(async () => {
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('loandesk.token')}`,
        'X-LoanDesk-Session': sessionStorage.getItem('loandesk.session') ?? '',
      },
      body: JSON.stringify({ method: 'auth.touch', input: {} }),
    });
    return (await response.json()) as unknown;
  });
  expect(locked).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });

  // Wrong password: an error, still locked.
  await page.getByTestId('unlock-password').fill('wrong-password-1');
  await page.getByTestId('unlock-submit').click();
  await expect(lockScreen.getByRole('alert')).toHaveText('用户名或密码错误。');
  await expect(lockScreen).toBeVisible();

  // Right password: unlocked, and the window works again.
  await page.getByTestId('unlock-password').fill('demo1234');
  await page.getByTestId('unlock-submit').click();
  await expect(lockScreen).toHaveCount(0);
  await expectNav(page, ['工作台'], ['用户与角色']);
  await expect(page.getByRole('heading', { name: '李信贷，您好' })).toBeVisible();
});
