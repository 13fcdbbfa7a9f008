/** A passphrase profile after a restart: the unlock screen, a wrong passphrase,
 *  and a database file that does not belong to the key (never overwritten). */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startHost, createDemoViaApi, tempProfile, type Host } from './fixtures';

const PASS_A = 'passphrase A for e2e';
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

let homes: string[] = [];
let hosts: Host[] = [];
test.afterEach(async () => {
  for (const h of hosts) await h.stop();
  for (const d of homes) rmSync(d, { recursive: true, force: true });
  hosts = [];
  homes = [];
});

/** A profile protected by `passphrase`, with the demo company, host stopped. */
async function makeProfile(passphrase: string): Promise<string> {
  const home = tempProfile();
  homes.push(home);
  const host = await startHost({ home, passphrase });
  await createDemoViaApi(host);
  await host.stop();
  expect(existsSync(join(home, 'loandesk.db'))).toBe(true);
  return home;
}

async function run(home: string): Promise<Host> {
  const host = await startHost({ home });
  hosts.push(host);
  return host;
}

test('restart without LOANDESK_PASSPHRASE asks for it; a wrong one is refused', async ({ page }) => {
  const home = await makeProfile(PASS_A);
  const host = await run(home);
  await page.goto(host.url);

  await expect(page.getByText('解锁本地数据库')).toBeVisible();
  await page.getByTestId('passphrase').fill('not the passphrase');
  await page.getByTestId('passphrase').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('数据库口令不正确。');
  await expect(page.getByText('解锁本地数据库')).toBeVisible();

  // The right passphrase opens it: the demo company's login screen.
  await page.getByTestId('passphrase').fill(PASS_A);
  await page.getByTestId('passphrase').press('Enter');
  await expect(page.getByTestId('login-username')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/^登录 · 演示小贷有限公司/)).toBeVisible();
});

test('a database file from another profile: DB_KEY_INVALID, file untouched', async ({ page }) => {
  test.slow(); // three host processes, two new encrypted profiles
  const homeA = await makeProfile(PASS_A);
  const homeB = await makeProfile(PASS_A); // same passphrase, different key

  // A's profile.json (A's wrapped key) with B's database file.
  const mixed = tempProfile();
  homes.push(mixed);
  cpSync(homeA, mixed, { recursive: true });
  for (const f of ['loandesk.db-wal', 'loandesk.db-shm']) rmSync(join(mixed, f), { force: true });
  cpSync(join(homeB, 'loandesk.db'), join(mixed, 'loandesk.db'));
  const before = sha256(join(mixed, 'loandesk.db'));

  const host = await run(mixed);
  await page.goto(host.url);
  await expect(page.getByText('解锁本地数据库')).toBeVisible();
  await page.getByTestId('passphrase').fill(PASS_A);
  await page.getByTestId('passphrase').press('Enter');

  // The passphrase is right (A's key unwraps), but the key does not open B's file:
  // the window moves to the error page with the code, and stays there on reload.
  await expect(page.getByText('无法打开本地数据库')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('login-username')).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('无法打开本地数据库')).toBeVisible();
  await expect(page.getByText(/数据库密钥与数据文件不匹配/)).toBeVisible();
  await expect(page.locator('code', { hasText: 'DB_KEY_INVALID' })).toBeVisible();
  await expect(page.getByText('数据文件未被改动')).toBeVisible();

  const status = await host.invoke('app.status', {});
  expect(status).toMatchObject({ ok: true, value: { vault: 'error', vaultError: 'DB_KEY_INVALID' } });

  await host.stop();
  expect(sha256(join(mixed, 'loandesk.db'))).toBe(before);
  expect(sha256(join(homeB, 'loandesk.db'))).toBe(before);
});
