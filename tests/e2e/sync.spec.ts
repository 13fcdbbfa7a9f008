/** Two browser-mode desktops and a real sync server (src/server, PGlite in a temp
 *  folder), through the screens where they are the point. Desktop A (head office,
 *  the demo company with a little history) is attached by its administrator on the
 *  Sync server screen, which then makes an enrollment code; desktop B joins with it
 *  through the CLI (`loandesk sync join`) for the 朝阳支行 branch and is started on
 *  that profile. Then: (a) with the server stopped an officer on A records a
 *  repayment, the top bar says offline and pending 1; the server comes back, sync
 *  now turns it to synced, and B shows the repayment after its sync. (b) With the
 *  server stopped A and B both disburse the same approved loan; A syncs first and
 *  is accepted, B's disbursement is refused: B's top bar shows it in red, its Sync
 *  page lists who, what, when and why, and B's loan shows A's disbursement. (c) A's
 *  administrator revokes B, and B's top bar says so. Background sync is off
 *  (LOANDESK_SYNC_EVERY_MS=0): every sync is an explicit one, so nothing depends on
 *  timing. Screenshots in zh-CN and en in screenshotDir(lang). */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  mustInvoke,
  login,
  DEMO_PASSWORD,
  PASSPHRASE,
  REPO_ROOT,
  screenshotDir,
  type Host,
  goTo,
} from './fixtures';

const SETUP_CODE = 'E2ESE-TUPCD-23456-78923';
const NO_BACKGROUND_SYNC = { LOANDESK_SYNC_EVERY_MS: '0' };

// ---------------------------------------------------------------------------
// The sync server as a child process

interface SyncServer {
  url: string;
  port: number;
  log: () => string;
  stop: () => Promise<void>;
}

function exited(proc: ChildProcess, ms: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `src/server/main.ts` on PGlite in `dataDir` and waits for its address. */
async function startSyncServer(dataDir: string, port = 0): Promise<SyncServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    LOANDESK_SERVER_DATA: dataDir,
    LOANDESK_SERVER_SETUP_CODE: SETUP_CODE,
  };
  delete env.DATABASE_URL;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stderr!.on('data', (chunk: string) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail('no address within 60 s'), 60_000);
    function fail(why: string) {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new Error(`sync server did not start (${why}). Output:\n${output}`));
    }
    proc.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const m = output.match(/LoanDesk server listening on (https?:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
  });
  return {
    url,
    port: Number(new URL(url).port),
    log: () => output,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      if (!(await exited(proc, 15_000))) {
        proc.kill('SIGKILL');
        await exited(proc, 5_000);
      }
    },
  };
}

/** `loandesk sync join` on an empty profile folder, as a new desktop's user runs it. */
async function joinWithCli(home: string, server: string, code: string): Promise<{ deviceId: string; pulled: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOANDESK_HOME: home,
    LOANDESK_PASSPHRASE: PASSPHRASE,
    LOANDESK_NO_KEYCHAIN: '1',
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['bin/loandesk.mjs', 'sync', 'join', '--server', server, '--code', code, '--json'],
    { cwd: REPO_ROOT, env, timeout: 120_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { deviceId: string; pulled: number };
}

/** A valid 18-digit resident ID (GB 11643 check digit) for a 17-digit body. */
function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

// ---------------------------------------------------------------------------
// Screens

async function openWindow(browser: Browser, host: Host, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await login(page, username);
  return page;
}

/** The window as it is, in zh-CN and then in en (switched with the top bar's
 *  language button, and back), as <name>.png in screenshotDir(lang). */
async function shoot(page: Page, name: string, ready: { 'zh-CN': Locator; en: Locator }): Promise<void> {
  // The messages of the last action are gone first (they would cover the top bar).
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  for (const lang of ['zh-CN', 'en'] as const) {
    if (lang === 'en') await page.getByTestId('language-switch').click();
    await expect(ready[lang]).toBeVisible();
    await page.mouse.move(1365, 767);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(screenshotDir(lang), `${name}.png`), animations: 'disabled', caret: 'hide' });
  }
  await page.getByTestId('language-switch').click();
  await expect(ready['zh-CN']).toBeVisible();
}

function topBar(page: Page): Locator {
  return page.getByTestId('sync-state');
}

// ---------------------------------------------------------------------------

interface Loan {
  id: string;
  number: string;
  branchId: string;
  status: string;
}

test.use({ actionTimeout: 20_000 });

test('two desktops and a server: offline work turns synced, a conflicting disbursement is refused with its reason, a revoked desktop says so', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const cleanup: Array<() => Promise<void> | void> = [];
  const serverData = mkdtempSync(join(tmpdir(), 'loandesk-e2e-server-'));
  const homeB = mkdtempSync(join(tmpdir(), 'loandesk-e2e-b-'));
  cleanup.push(() => rmSync(serverData, { recursive: true, force: true }));
  cleanup.push(() => rmSync(homeB, { recursive: true, force: true }));
  let server = await startSyncServer(serverData);
  cleanup.push(() => server.stop());
  try {
    // --- Desktop A: the demo company with a little history. ------------------
    const a = await startHost({ passphrase: PASSPHRASE, demoCustomers: 20, env: NO_BACKGROUND_SYNC });
    cleanup.push(() => a.stop());
    await createDemoViaApi(a);
    const managerA = randomUUID();
    await mustInvoke(a, 'auth.login', { username: 'manager', password: DEMO_PASSWORD }, managerA);
    const branches = (await mustInvoke(a, 'branches.list', {}, managerA)) as Array<{ id: string; code: string }>;
    const cy = branches.find((b) => b.code === 'CY')!.id;
    const active = (
      (await mustInvoke(a, 'ledger.loans', { status: ['active'], branchId: cy, limit: 50 }, managerA)) as {
        rows: Loan[];
      }
    ).rows;
    expect(active.length).toBeGreaterThan(0);
    const repaid = active[0]!;

    // A CY officer's application for a new customer, approved automatically: the
    // loan both desktops will disburse.
    const officer2A = randomUUID();
    await mustInvoke(a, 'auth.login', { username: 'officer2', password: DEMO_PASSWORD }, officer2A);
    const customer = (await mustInvoke(
      a,
      'customers.registerPerson',
      {
        name: '韩梅梅',
        residentId: residentId('11010519880615123'),
        phone: '13800138000',
        address: '北京市朝阳区建国路 88 号',
        employer: '北京某科技有限公司',
        monthlyIncomeFen: 30_000_00,
        employmentYears: 5,
        consent: true,
      },
      officer2A,
    )) as { id: string };
    const products = (await mustInvoke(a, 'products.list', {}, officer2A)) as Array<{ id: string; code: string }>;
    const application = (await mustInvoke(
      a,
      'applications.submit',
      {
        customerId: customer.id,
        productId: products.find((p) => p.code === 'CASH12')!.id,
        amountFen: 20_000_00,
        periods: 12,
        purpose: '家庭装修',
      },
      officer2A,
    )) as { status: string; loanId: string };
    expect(application.status).toBe('approved');
    const contested = application.loanId;

    // --- A's administrator attaches the company on the Sync server screen. ---
    const admin = await openWindow(browser, a, 'admin');
    cleanup.push(() => admin.context().close());
    await expect(admin.getByTestId('sync-indicator')).toHaveCount(0); // no server yet: nothing in the top bar
    await goTo(admin, '#/admin/sync', admin.getByTestId('sync-attach-url'));
    await shoot(admin, 'sync-server-attach', {
      'zh-CN': admin.getByText('将本公司连接到同步服务器'),
      en: admin.getByText('Attach this company to a sync server'),
    });
    await admin.getByTestId('sync-attach-url').fill('sync.example.com');
    await admin.getByTestId('sync-attach-code').fill('WRONG-CODE-0000');
    await admin.getByTestId('sync-attach-submit').click();
    await expect(admin.getByText('服务器地址应以 http:// 或 https:// 开头。')).toBeVisible();
    await admin.getByTestId('sync-attach-url').fill(server.url);
    await admin.getByTestId('sync-attach-submit').click();
    await expect(admin.getByTestId('sync-attach-error')).toHaveText('服务器设置码不正确。');
    await admin.getByTestId('sync-attach-code').fill(SETUP_CODE);
    await admin.getByTestId('sync-attach-submit').click();
    await expect(admin.getByTestId('sync-attached')).toHaveText(/已连接同步服务器，上传了 \d+ 条记录。/, {
      timeout: 60_000,
    });
    await expect(topBar(admin)).toHaveText(/^已同步 · /);
    await expect(admin.getByTestId('sync-server-url')).toHaveText(server.url);

    // --- An enrollment code for a 朝阳支行 desktop; B joins with it (CLI). -----
    await admin.getByTestId('sync-enroll-branches').click();
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'CY' }).click();
    await admin.keyboard.press('Escape');
    await admin.getByTestId('sync-enroll-create').click();
    const code = (await admin.getByTestId('sync-enroll-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
    await expect(admin.getByTestId('sync-enroll-command')).toHaveText(
      `npx loandesk sync join --server ${server.url} --code ${code}`,
    );
    await expect(admin.getByTestId('sync-enroll-result')).toContainText('朝阳支行');
    const joined = await joinWithCli(homeB, server.url, code);
    expect(joined.pulled).toBeGreaterThan(0);
    const b = await startHost({ home: homeB, passphrase: PASSPHRASE, env: NO_BACKGROUND_SYNC });
    cleanup.push(() => b.stop());
    await admin.getByTestId('sync-devices-refresh').click();
    await expect(admin.getByTestId('sync-device-2')).toContainText('朝阳支行');
    await expect(admin.getByTestId('sync-device-1')).toContainText('本机');
    await shoot(admin, 'sync-server', {
      'zh-CN': admin.getByTestId('sync-device-2').getByText('正常'),
      en: admin.getByTestId('sync-device-2').getByText('Active'),
    });

    // B's Sync page says what B is.
    const managerB = await openWindow(browser, b, 'manager');
    cleanup.push(() => managerB.context().close());
    await goTo(managerB, '#/sync', managerB.getByTestId('sync-status'));
    await expect(managerB.getByTestId('sync-device-no')).toHaveText('第 2 号设备');
    await expect(managerB.getByTestId('sync-branches')).toHaveText('朝阳支行');
    await expect(managerB.getByTestId('sync-refusals')).toContainText('没有被拒收的操作。');

    // --- (a) The server stops; an officer on A records a repayment. ----------
    await server.stop();
    const officer = await openWindow(browser, a, 'officer');
    cleanup.push(() => officer.context().close());
    await goTo(officer, `#/loans/${repaid.id}`, officer.getByTestId('loan-repay'));
    await officer.getByTestId('loan-repay').click();
    await officer.getByTestId('repay-amount').fill('123.45');
    await expect(officer.getByTestId('repay-confirm')).toBeEnabled();
    await officer.getByTestId('repay-confirm').click();
    await expect(officer.getByText('还款 ¥123.45 已入账')).toBeVisible();
    // The receipt offered after recording, closed unprinted.
    await officer
      .getByTestId('receipt-dialog')
      .getByRole('button', { name: /Close|关闭/ })
      .click();
    await expect(officer.getByTestId('receipt-dialog')).toBeHidden();
    await expect(topBar(officer)).toHaveText('待同步 1');
    await officer.getByTestId('sync-now').click();
    await expect(officer.getByText('连不上同步服务器，本机继续离线工作，恢复连接后会自动同步。')).toBeVisible();
    await expect(topBar(officer)).toHaveText(/^离线 · 自 \d\d:\d\d · 待同步 1$/);
    await shoot(officer, 'sync-topbar-offline', {
      'zh-CN': topBar(officer).getByText(/离线/),
      en: topBar(officer).getByText(/Offline since .* · Pending 1/),
    });

    // The server comes back on the same address; sync now: pending turns to synced.
    server = await startSyncServer(serverData, server.port);
    await officer.getByTestId('sync-now').click();
    await expect(topBar(officer)).toHaveText('已同步 · 刚刚', { timeout: 30_000 });
    // One action, two records: the repayment and its receipt number.
    await expect(officer.getByText('同步完成：上传 2 条，接收 2 条。')).toBeVisible();
    await shoot(officer, 'sync-topbar-synced', {
      'zh-CN': topBar(officer).getByText('已同步 · 刚刚'),
      en: topBar(officer).getByText('Synced · just now'),
    });

    // B, after its sync, shows the repayment.
    await managerB.getByTestId('sync-now').click();
    await expect(managerB.getByText(/同步完成：上传 0 条，接收 \d+ 条。/)).toBeVisible({ timeout: 30_000 });
    await goTo(managerB, `#/loans/${repaid.id}`, managerB.getByTestId('loan-number'));
    await managerB.getByTestId('loan-tab-transactions').click();
    await expect(
      managerB.getByTestId('loan-transactions').getByRole('row').filter({ hasText: '¥123.45' }),
    ).toContainText('还款');

    // --- (b) Offline again, A and B both disburse the approved loan. ---------
    await server.stop();
    const officerA = randomUUID();
    await mustInvoke(a, 'auth.login', { username: 'officer', password: DEMO_PASSWORD }, officerA);
    const managerBApi = randomUUID();
    await mustInvoke(b, 'auth.login', { username: 'manager', password: DEMO_PASSWORD }, managerBApi);
    const before = (
      (await mustInvoke(b, 'loans.get', { loanId: contested }, managerBApi)) as {
        loan: { version: number; status: string; number: string };
      }
    ).loan;
    expect(before.status).toBe('approved');
    const disburse = { loanId: contested, expectedVersion: before.version };
    await mustInvoke(a, 'loans.disburse', { ...disburse, channel: 'bank' }, officerA);
    await mustInvoke(b, 'loans.disburse', { ...disburse, channel: 'cash' }, managerBApi);

    // The server comes back; A syncs first and is accepted.
    server = await startSyncServer(serverData, server.port);
    const syncA = (await mustInvoke(a, 'sync.now', {}, officerA)) as { pushed: number; rejected: unknown[] };
    expect(syncA).toMatchObject({ pushed: 1, rejected: [] });

    // B syncs from its window: refused, in red in the top bar.
    await managerB.getByTestId('sync-now').click();
    await expect(managerB.getByText('同步完成，但服务器拒收了 1 项操作，请在“同步”页查看。')).toBeVisible({
      timeout: 30_000,
    });
    await expect(managerB.getByTestId('sync-refused')).toHaveText('已拒收 1');
    await shoot(managerB, 'sync-topbar-refused', {
      'zh-CN': managerB.getByTestId('sync-refused').getByText('已拒收 1'),
      en: managerB.getByTestId('sync-refused').getByText('Refused 1'),
    });

    // The Sync page lists it: when, who, what, the record, the code and why.
    await managerB.getByTestId('sync-refused').click();
    const row = managerB.getByTestId('sync-refusal');
    await expect(row).toHaveCount(1);
    const [refusal] = (await mustInvoke(b, 'sync.refusals', {}, managerBApi)) as Array<{ occurredAt: string }>;
    // The window's one date format: YYYY-MM-DD HH:mm in its time zone.
    const when = await managerB.evaluate((iso) => {
      const d = new Date(iso);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
    }, refusal!.occurredAt);
    await expect(row.locator('td').first()).toHaveText(when);
    await expect(row.locator('td').nth(1)).toHaveText('王经理');
    await expect(row.getByTestId('sync-refusal-action')).toHaveText('放款');
    await expect(row.getByTestId('sync-refusal-record')).toHaveText(before.number);
    await expect(row).toContainText('VERSION_CONFLICT');
    await expect(row.getByTestId('sync-refusal-reason')).toHaveText(
      '另一台设备已先处理了这笔贷款；本机的操作是在旧的状态上办理的。',
    );
    await expect(managerB.getByText(/如仍需要，请打开对应的记录，按当前情况重新办理/)).toBeVisible();
    // Looked at: the top bar no longer shows it in red.
    await expect(managerB.getByTestId('sync-refused')).toHaveCount(0);
    await shoot(managerB, 'sync-refusals', {
      'zh-CN': row.getByText('另一台设备已先处理了这笔贷款；本机的操作是在旧的状态上办理的。'),
      en: row.getByText(/Another desktop acted on this loan first/),
    });

    // B's loan shows A's disbursement (by bank transfer), and only that one.
    await row.getByTestId('sync-refusal-record').click();
    await expect(managerB.getByTestId('loan-number')).toContainText(before.number);
    await expect(managerB.getByTestId('loan-status')).toContainText('在贷');
    await managerB.getByTestId('loan-tab-transactions').click();
    const disbursements = managerB.getByTestId('loan-transactions').getByRole('row').filter({ hasText: '放款' });
    await expect(disbursements).toHaveCount(1);
    await expect(disbursements).toContainText('银行转账');

    // --- (c) A's administrator revokes B; B says so at its next call. --------
    await admin.getByTestId('sync-devices-refresh').click();
    await admin.getByTestId('sync-device-2').getByTestId('sync-revoke').click();
    await expect(admin.locator('.ant-modal-confirm-title')).toHaveText('注销第 2 号设备？');
    await expect(admin.locator('.ant-modal-confirm-content')).toContainText('注销不能撤销');
    await admin.getByTestId('sync-revoke-confirm').click();
    await expect(admin.getByText('已注销第 2 号设备。')).toBeVisible();
    await expect(admin.getByTestId('sync-device-2').getByTestId('sync-device-revoked')).toBeVisible();
    await managerB.getByTestId('sync-now').click();
    await expect(topBar(managerB)).toHaveText('本机已注销', { timeout: 30_000 });
    await expect(managerB.getByTestId('sync-now')).toHaveCount(0);
    await goTo(managerB, '#/sync', managerB.getByTestId('sync-revoked'));
    await expect(managerB.getByTestId('sync-revoked')).toContainText('请联系管理员');
    await shoot(managerB, 'sync-revoked', {
      'zh-CN': managerB.getByTestId('sync-revoked').getByText(/请联系管理员/),
      en: managerB.getByTestId('sync-revoked').getByText(/Contact the administrator/),
    });
  } finally {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  }
});
