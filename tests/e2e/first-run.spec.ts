/** A new profile: set the passphrase, create a real organisation, sign in. */
import { test, expect, createPassphrase, login, expectNav, PASSPHRASE } from './fixtures';

test('new profile: passphrase, organisation with a real admin, first login', async ({ page, host }) => {
  await page.goto(host.url);

  // Passphrase screen; a mismatch is refused on the form.
  await expect(page.getByText('设置数据库口令')).toBeVisible();
  await createPassphrase(page, PASSPHRASE, `${PASSPHRASE}x`);
  await expect(page.getByText('两次输入的口令不一致。')).toBeVisible();
  await expect(page.getByText('首次使用：创建机构')).toHaveCount(0);

  await page.getByTestId('passphrase-confirm').fill(PASSPHRASE);
  await page.getByTestId('passphrase-confirm').press('Enter');

  // Setup wizard.
  await expect(page.getByText('首次使用：创建机构')).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('公司名称').fill('测试小额贷款有限公司');
  await page.getByLabel('网点代码').fill('HQ');
  await page.getByLabel('网点名称').fill('总部');
  await page.getByLabel('管理员用户名').fill('boss');
  await page.getByLabel('管理员姓名').fill('张总');
  await page.getByLabel('管理员密码').fill('Secret2026');
  await page.getByRole('button', { name: '创建机构' }).click();

  // Login screen of the new organisation.
  await expect(page.getByText('登录 · 测试小额贷款有限公司')).toBeVisible({ timeout: 20_000 });
  // No demo note on a real organisation.
  await expect(page.getByText('演示公司：用户名')).toHaveCount(0);
  await login(page, 'boss', 'Secret2026');

  await expect(page.getByRole('heading', { name: '张总，您好' })).toBeVisible();
  await expect(page.getByTestId('user-menu')).toHaveText(/张总 · 系统管理员/);
  await expect(page.getByTestId('top-branch')).toHaveText('总部');
  await expect(page.getByTestId('top-business-date')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('nav')).toContainText('系统管理');
  await expectNav(page, ['工作台', '用户与角色', '审计日志', '系统设置']);
});

test('the audit log never shows the database passphrase', async ({ host }) => {
  const secret = 'never-in-the-audit-log-42';
  const setup = await host.invoke('app.createPassphrase', { passphrase: secret, confirm: secret });
  expect(setup.ok).toBe(true);
  expect((await host.invoke('setup.createDemo', {})).ok).toBe(true);
  const key = 'audit-check-session-0001';
  expect((await host.invoke('auth.login', { username: 'admin', password: 'demo1234' }, key)).ok).toBe(true);
  const audit = await host.invoke('audit.list', { limit: 500 }, key);
  expect(audit.ok).toBe(true);
  const text = JSON.stringify(audit);
  expect(text).toContain('app.createPassphrase');
  expect(text).not.toContain(secret);
});
