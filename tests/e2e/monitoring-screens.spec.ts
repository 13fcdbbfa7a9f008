/** Every monitoring screen in both languages, saved as 1366x768 PNGs in
 *  screenshotDir(lang): the manager's dashboard (portfolio, risk,
 *  operations, exceptions), the officer's, the auditor's and the admin's homes,
 *  the compliance queue and a flag, the rate-cap and classification reports, the
 *  product editor's cap check, the audit report, system health, and backup. One
 *  host with the demo company (400 persons) serves both languages; before the
 *  first picture a few cash movements plant compliance flags, one class is set
 *  by hand, one end of day is run and one backup made. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  mustInvoke,
  DEMO_PASSWORD,
  PASSPHRASE,
  screenshotDir,
  type Host,
  goTo,
  signedInWindow,
} from './fixtures';
import { plantCashFlags } from './monitoring-plant';

const LANGS = {
  'zh-CN': { risk: '风险', operations: '运营', exceptions: '异常', compliance: '大额现金与可疑交易复核' },
  en: {
    risk: 'Risk',
    operations: 'Operations',
    exceptions: 'Exceptions',
    compliance: 'Large-value and suspicious cash review',
  },
} as const;
type Lang = keyof typeof LANGS;

let host: Host | undefined;
let backups: string | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 400 });
  try {
    await createDemoViaApi(host);
    const manager = randomUUID();
    const admin = randomUUID();
    await mustInvoke(host, 'auth.login', { username: 'manager', password: DEMO_PASSWORD }, manager);
    await mustInvoke(host, 'auth.login', { username: 'admin', password: DEMO_PASSWORD }, admin);
    const { nextDate } = (await mustInvoke(host, 'eod.status', {}, manager)) as { nextDate: string };
    await mustInvoke(host, 'eod.run', { date: nextDate }, manager);
    await plantCashFlags(host, manager);
    const overdue = (await mustInvoke(
      host,
      'ledger.loans',
      { overdueOnly: true, status: ['active'], bucket: ['M3'], limit: 1, offset: 0 },
      manager,
    )) as { rows: Array<{ id: string }> };
    await mustInvoke(
      host,
      'loans.overrideClassification',
      { loanId: overdue.rows[0]!.id, classification: 'substandard', reason: '借款人经营停顿 business stopped trading' },
      manager,
    );
    // A wrong password, a refused call and a reveal, so the audit charts are not empty.
    const agent = randomUUID();
    await host.invoke('auth.login', { username: 'agent', password: 'wrong password 1' }, agent);
    await mustInvoke(host, 'auth.login', { username: 'agent', password: DEMO_PASSWORD }, agent);
    await host.invoke('monitoring.portfolio', { from: nextDate, to: nextDate, granularity: 'day' }, agent);
    const customer = (await mustInvoke(host, 'customers.list', { kind: 'person', limit: 1, offset: 0 }, manager)) as {
      rows: Array<{ id: string }>;
    };
    await mustInvoke(host, 'customers.reveal', { customerId: customer.rows[0]!.id, fields: ['phone'] }, manager);
    // The merchant loan's cap lowered below some of its loans' annualized rates (saved anyway).
    const products = (await mustInvoke(host, 'products.list', {}, admin)) as Array<{
      id: string;
      code: string;
      name: string;
      active: boolean;
      version: number;
      config: Record<string, unknown>;
    }>;
    const biz = products.find((p) => p.code === 'BIZEP')!;
    await mustInvoke(
      host,
      'products.save',
      {
        id: biz.id,
        expectedVersion: biz.version,
        code: biz.code,
        name: biz.name,
        active: biz.active,
        config: { ...biz.config, rateCapAnnual: '0.13' },
      },
      admin,
    );
    backups = mkdtempSync(join(tmpdir(), 'loandesk-shots-backups-'));
    await mustInvoke(host, 'backup.configure', { enabled: true, folder: backups, intervalHours: 24, keep: 7 }, admin);
    await mustInvoke(host, 'backup.run', {}, admin);
  } catch (e) {
    await host.stop();
    throw e;
  }
});

test.afterAll(async () => {
  await host?.stop();
  if (backups) rmSync(backups, { recursive: true, force: true });
});

test.use({ actionTimeout: 20_000 });

const windowFor = (browser: Browser, lang: Lang, username: string) =>
  signedInWindow(browser, host!.url, lang, username);

for (const lang of Object.keys(LANGS) as Lang[]) {
  test(`monitoring screenshots (${lang})`, async ({ browser }) => {
    test.setTimeout(300_000);
    const text = LANGS[lang];
    const dir = screenshotDir(lang);
    const shot = async (page: Page, name: string) => {
      await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning, .ant-card-loading-content')).toHaveCount(0, { timeout: 30_000 });
      await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };
    const tableRows = (page: Page, testId: string) => page.getByTestId(testId).locator('tbody tr.ant-table-row');

    const manager = await windowFor(browser, lang, 'manager');
    await expect(tableRows(manager, 'chart-outstanding-table').first()).toBeVisible({ timeout: 30_000 });
    await expect(tableRows(manager, 'chart-disbursements-table').first()).toBeVisible();
    await shot(manager, 'dashboard-portfolio');
    await manager.getByTestId('dash-tab-risk').click();
    await expect(tableRows(manager, 'chart-par-table').first()).toBeVisible({ timeout: 30_000 });
    await shot(manager, 'dashboard-risk');
    await manager.getByTestId('dash-tab-operations').click();
    await expect(tableRows(manager, 'chart-funnel-table').first()).toBeVisible({ timeout: 30_000 });
    await shot(manager, 'dashboard-operations');
    await manager.getByTestId('dash-tab-exceptions').click();
    await expect(manager.getByTestId('tile-open-flags')).toBeVisible({ timeout: 30_000 });
    await shot(manager, 'dashboard-exceptions');

    await goTo(manager, '#/compliance', manager.getByRole('heading', { name: text.compliance }));
    await expect(tableRows(manager, 'compliance-table').first()).toBeVisible();
    await shot(manager, 'compliance-queue');
    await tableRows(manager, 'compliance-table').first().click();
    await expect(manager.getByTestId('compliance-movements').locator('tbody tr.ant-table-row').first()).toBeVisible();
    await manager
      .getByTestId('compliance-note')
      .fill(lang === 'en' ? 'Proceeds of a flat sale; contract on file' : '客户出售房产所得，合同已存档');
    await shot(manager, 'compliance-flag');
    await manager.keyboard.press('Escape');

    await goTo(manager, '#/reports/rate-cap', manager.getByTestId('ratecap-totals'));
    await expect(tableRows(manager, 'ratecap-table').first()).toBeVisible();
    await shot(manager, 'report-rate-cap');
    await goTo(manager, '#/reports/classification', manager.getByTestId('classification-table'));
    await expect(tableRows(manager, 'overrides-table').first()).toBeVisible();
    await shot(manager, 'report-classification');
    await manager.context().close();

    const officer = await windowFor(browser, lang, 'officer');
    await expect(officer.getByTestId('list-overdue-to-call')).toBeVisible({ timeout: 30_000 });
    await expect(tableRows(officer, 'chart-my-portfolio-table').first()).toBeVisible({ timeout: 30_000 });
    await shot(officer, 'dashboard-officer');
    await officer.context().close();

    const auditor = await windowFor(browser, lang, 'auditor');
    await expect(auditor.getByTestId('tile-open-flags')).toBeVisible({ timeout: 30_000 });
    await shot(auditor, 'dashboard-auditor');
    await goTo(auditor, '#/admin/audit', auditor.getByTestId('audit-category'));
    await expect(tableRows(auditor, 'audit-table').nth(5)).toBeVisible();
    await shot(auditor, 'audit-report');
    await auditor.context().close();

    const admin = await windowFor(browser, lang, 'admin');
    await expect(admin.getByTestId('list-health')).toBeVisible({ timeout: 30_000 });
    await shot(admin, 'dashboard-admin');
    await goTo(admin, '#/admin/health', admin.getByTestId('health-checks'));
    await expect(tableRows(admin, 'chart-errors-table').first()).toBeVisible();
    await shot(admin, 'health');
    await goTo(admin, '#/admin/backup', admin.getByTestId('backup-files'));
    await expect(tableRows(admin, 'backup-files').first()).toBeVisible();
    await shot(admin, 'backup');
    await tableRows(admin, 'backup-files').first().getByTestId('backup-restore').click();
    await expect(admin.getByTestId('restore-into')).toBeVisible();
    await shot(admin, 'backup-restore');
    await admin.keyboard.press('Escape');

    await goTo(admin, '#/products', admin.getByTestId('products-table'));
    await admin.getByTestId('product-row-CASH12').getByText('CASH12', { exact: true }).click();
    await expect(admin.getByTestId('product-save')).toBeVisible();
    await admin.getByTestId('product-rateCapPercent').fill('12');
    await admin.getByTestId('product-save').click();
    await expect(admin.getByTestId('cap-check')).toBeVisible();
    await shot(admin, 'product-cap-check');
    await admin.context().close();
  });
}
