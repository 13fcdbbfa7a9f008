/** What each role sees in the navigation, and that the main process (not just
 *  the menu) refuses what a role may not do. */
import { request as httpRequest } from 'node:http';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  login,
  navItems,
  expectNav,
  PASSPHRASE,
  type Host,
} from './fixtures';

test.describe.configure({ mode: 'serial' });

// One host and one window for the whole file: each test signs in and out again,
// which is also what a shared office PC sees.
let host: Host;
let page: Page;
test.beforeAll(async ({ browser }) => {
  host = await startHost({ passphrase: PASSPHRASE });
  await createDemoViaApi(host);
  page = await browser.newPage();
  await page.goto(host.url);
});
test.afterAll(async () => {
  await page?.close();
  await host?.stop();
});
test.afterEach(async () => {
  // Back to the login screen for the next role.
  if (await page.getByTestId('user-menu').isVisible()) {
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  }
  await expect(page.getByTestId('login-username')).toBeVisible();
});

const ADMIN_ITEMS = ['用户与角色', '审计日志', '系统设置'];
const EXPECTED: Array<{ username: string; name: string; role: string; admin: string[] }> = [
  { username: 'admin', name: '系统管理员', role: '系统管理员', admin: ['用户与角色', '审计日志', '系统设置'] },
  { username: 'auditor', name: '周审计', role: '审计员', admin: ['审计日志'] },
  { username: 'manager', name: '王经理', role: '经理', admin: [] },
  { username: 'officer', name: '李信贷', role: '信贷员', admin: [] },
  { username: 'officer2', name: '赵信贷', role: '信贷员', admin: [] },
  { username: 'agent', name: '陈客服', role: '客服专员', admin: [] },
];

for (const who of EXPECTED) {
  test(`${who.username} sees ${who.admin.length ? who.admin.join(', ') : 'no admin items'}`, async () => {
    await login(page, who.username);
    await expect(page.getByTestId('user-menu')).toHaveText(`${who.name} · ${who.role}`);
    await expect(navItems(page).first()).toHaveText('工作台');
    await expectNav(
      page,
      who.admin,
      ADMIN_ITEMS.filter((label) => !who.admin.includes(label)),
    );
    // The admin group heading shows only with at least one admin item under it.
    const group = page.getByTestId('nav').getByText('系统管理', { exact: true });
    if (who.admin.length) await expect(group).toBeVisible();
    else await expect(group).toHaveCount(0);
  });
}

test('officer: the API refuses users.list even when called directly', async () => {
  await login(page, 'officer');
  const call = (method: string) =>
    page.evaluate(async (m) => {
      const token = sessionStorage.getItem('loandesk.token') ?? '';
      const session = sessionStorage.getItem('loandesk.session') ?? '';
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
          'X-LoanDesk-Session': session,
        },
        body: JSON.stringify({ method: m, input: {} }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    }, method);

  // Control: the same headers reach officer's own session.
  const status = await call('app.status');
  expect(status.status).toBe(200);
  expect(status.body).toMatchObject({ ok: true, value: { session: { username: 'officer' } } });

  const denied = await call('users.list');
  expect(denied.status).toBe(200);
  expect(denied.body).toMatchObject({
    ok: false,
    error: { code: 'PERMISSION_DENIED', details: { permission: 'users.manage' } },
  });
});

function rawRequest(options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

test('HTTP transport: token required, foreign Host refused', async () => {
  const body = JSON.stringify({ method: 'app.status', input: {} });
  const json = { 'Content-Type': 'application/json' };
  const ownHost = `127.0.0.1:${host.port}`;

  // Control: with the token and our own Host header the call goes through.
  expect(
    await rawRequest({
      path: '/api/invoke',
      method: 'POST',
      headers: { ...json, Host: ownHost, Authorization: `Bearer ${host.token}` },
      body,
    }),
  ).toBe(200);
  // No token, or a wrong one.
  expect(await rawRequest({ path: '/api/invoke', method: 'POST', headers: { ...json, Host: ownHost }, body })).toBe(
    401,
  );
  expect(
    await rawRequest({
      path: '/api/invoke',
      method: 'POST',
      headers: { ...json, Host: ownHost, Authorization: 'Bearer nope' },
      body,
    }),
  ).toBe(401);
  // DNS rebinding: a foreign Host header is refused before anything else, even with the token.
  expect(
    await rawRequest({
      path: '/api/invoke',
      method: 'POST',
      headers: { ...json, Host: 'evil.example:80', Authorization: `Bearer ${host.token}` },
      body,
    }),
  ).toBe(421);
  expect(await rawRequest({ path: '/', headers: { Host: `evil.example:${host.port}` } })).toBe(421);
  // The event stream needs the token too.
  expect(await rawRequest({ path: '/api/events', headers: { Host: ownHost } })).toBe(401);
});
