/** The administrator adds a user; the audit trail records it and its hash chain checks out. */
import { test, expect, login, navItem, PASSPHRASE } from './fixtures';

test.use({ hostPassphrase: PASSPHRASE, demo: true });

test('add a user, see it audited, verify the hash chain', async ({ page, host }) => {
  test.slow(); // three screens, two password hashes
  await page.goto(host.url);
  await login(page, 'admin');
  await navItem(page, '用户与角色').click();
  await expect(page.getByRole('heading', { name: '用户与角色' })).toBeVisible();
  const usersTable = page.locator('.ant-table').first();
  await expect(usersTable.getByRole('cell', { name: 'officer2', exact: true })).toBeVisible();

  await page.getByTestId('user-add').click();
  const dialog = page.getByRole('dialog', { name: '新增用户' });
  await expect(dialog).toBeVisible();

  // A bad user name is refused on the form, before anything is sent.
  await dialog.getByTestId('user-username').fill('Bad Name');
  const usernameItem = dialog.locator('.ant-form-item').filter({ has: page.getByTestId('user-username') });
  await expect(usernameItem.locator('.ant-form-item-explain-error')).toBeVisible();
  await dialog.getByTestId('user-displayname').fill('孙柜员');
  await dialog.getByTestId('user-password').fill('Welcome2026');
  await dialog.getByRole('button', { name: /^(确\s*定|OK)$/ }).click();
  await expect(dialog).toBeVisible();
  await expect(usernameItem.locator('.ant-form-item-explain-error')).toBeVisible();
  await expect(usersTable.getByRole('cell', { name: '孙柜员' })).toHaveCount(0);

  // A good one goes through.
  await dialog.getByTestId('user-username').fill('clerk.sun');
  await expect(usernameItem.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: /^(确\s*定|OK)$/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('已保存')).toBeVisible();
  const row = usersTable.getByRole('row').filter({ has: page.getByRole('cell', { name: 'clerk.sun', exact: true }) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('孙柜员');
  await expect(row).toContainText('信贷员');

  // The audit log lists it.
  await navItem(page, '审计日志').click();
  await expect(page.getByRole('heading', { name: '审计日志' })).toBeVisible();
  const createRow = page.getByRole('row').filter({ hasText: 'users.create' }).first();
  await expect(createRow).toBeVisible();
  await expect(createRow).toContainText('admin');
  await expect(createRow).toContainText('成功');
  await expect(createRow).toContainText('clerk.sun');
  // The initial password is redacted from the audit summary.
  await expect(createRow).toContainText('"initialPassword":"***"');
  await expect(createRow).not.toContainText('Welcome2026');
  // The rejected input never reached the main process.
  await expect(page.getByRole('row').filter({ hasText: 'Bad Name' })).toHaveCount(0);

  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-report')).toContainText(/哈希链完整：已校验 \d+ 条记录/);

  // And the new user can sign in.
  const r = await host.invoke('auth.login', { username: 'clerk.sun', password: 'Welcome2026' });
  expect(r).toMatchObject({ ok: true, value: { session: { username: 'clerk.sun' } } });
});
