/** Monitoring journeys in browser mode: the manager's dashboard with nothing
 *  but the local app reachable (every other address refused), a drill-down from
 *  a chart to the ledger rows behind it, XLSX and PNG exports; the compliance
 *  queue (review, decide, document); backup, one corrupted byte refused with its
 *  message, and a restore that holds identical ledgers and trial balance. */
import { readFileSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  createDemoViaApi,
  mustInvoke,
  login,
  DEMO_PASSWORD,
  PASSPHRASE,
  type Host,
} from './fixtures';
import { plantCashFlags } from './monitoring-plant';

test.use({ hostPassphrase: PASSPHRASE, actionTimeout: 20_000 });

/** Refuses every request that is not to the LoanDesk host, and records it. */
async function offline(page: Page, host: Host): Promise<string[]> {
  const refused: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(host.origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    refused.push(url);
    return route.abort('internetdisconnected');
  });
  return refused;
}

test('the manager’s dashboard works offline, drills down to the ledger and exports', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 120 });
  try {
    await createDemoViaApi(host);
    const refused = await offline(page, host);
    await page.goto(host.url);
    await login(page, 'manager');
    const table = page.getByTestId('chart-disbursements-table');
    await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('chart-outstanding').getByTestId('data-as-of')).toContainText('数据截至');
    await expect(page.getByTestId('chart-outstanding').locator('svg.recharts-surface')).toBeVisible();

    // The newest month that had disbursements: its amount equals the ledger behind it.
    const row = table.locator('tbody tr.ant-table-row').filter({ hasNotText: '¥0.00' }).first();
    const amount = (await row.locator('td').nth(2).textContent())!.trim();
    const count = Number((await row.locator('td').nth(1).textContent())!.trim());

    // XLSX of that table: the same numbers, money in yuan.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-disbursements-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^loandesk-disbursements-.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('放款');
    const values = sheet.getColumn(3).values.slice(3).map(Number);
    expect(values).toContain(Number(amount.replace(/[¥,]/g, '')));

    // PNG of the chart.
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('chart-disbursements-png').click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG');

    await row.click();
    await expect(page).toHaveURL(/#\/ledgers\/disbursements\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByTestId('ledger-totals-disbursements')).toContainText(String(count));
    const ledgerRows = page.getByTestId('ledger-table-disbursements').locator('tbody tr.ant-table-row');
    await expect(ledgerRows.first()).toBeVisible();
    await expect(page.getByTestId('ledger-table-disbursements').locator('.ant-table-summary').first()).toContainText(
      amount,
    );
    expect(refused).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('the compliance queue: open a flag, decide, document, export', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 60 });
  try {
    await createDemoViaApi(host);
    const manager = randomUUID();
    await mustInvoke(host, 'auth.login', { username: 'manager', password: DEMO_PASSWORD }, manager);
    await plantCashFlags(host, manager);
    await page.goto(host.url);
    await login(page, 'manager');
    await page.evaluate(() => (window.location.hash = '#/compliance'));
    const rows = page.getByTestId('compliance-table').locator('tbody tr.ant-table-row');
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: '可疑（拆分）' })).toHaveCount(1);
    await expect(rows.filter({ hasText: '大额（单笔）' })).toHaveCount(1);
    await expect(rows.filter({ hasText: '大额（当日累计）' })).toHaveCount(1);

    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compliance-export').click()]);
    expect(file.suggestedFilename()).toMatch(/^loandesk-compliance-.*\.xlsx$/);

    await rows.filter({ hasText: '可疑（拆分）' }).click();
    const drawer = page.getByTestId('compliance-drawer');
    await expect(drawer.getByTestId('compliance-movements').locator('tbody tr.ant-table-row')).toHaveCount(3);
    await drawer.getByText('已排除').click();
    await drawer.getByTestId('compliance-note').fill('三笔均为同一工程款分期支付，合同已存档');
    await drawer.getByTestId('compliance-submit').click();
    await expect(drawer).toBeHidden();
    await expect(rows).toHaveCount(2);
    await page.getByTestId('compliance-status').getByText('已复核').click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('已排除');
    await expect(rows.first()).toContainText('王经理');
    await expect(rows.first()).toContainText('工程款');
  } finally {
    await host.stop();
  }
});

test('backup: one corrupted byte is refused with its message; a clean backup restores to identical books', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  await createDemoViaApi(host);
  const folder = mkdtempSync(join(tmpdir(), 'loandesk-e2e-backups-'));
  let restored: Host | undefined;
  try {
    await page.goto(host.url);
    await login(page, 'admin');
    await page.evaluate(() => (window.location.hash = '#/admin/backup'));
    await page.getByTestId('backup-folder').fill(folder);
    await page.getByTestId('backup-save').click();
    await expect(page.getByTestId('backup-run')).toBeEnabled();
    await page.getByTestId('backup-run').click();
    const files = page.getByTestId('backup-files').locator('tbody tr.ant-table-row');
    await expect(files).toHaveCount(1);
    const name = (await files.first().locator('td').first().textContent())!.trim();

    // A copy with one byte changed, beside it in the folder.
    const bytes = readFileSync(join(folder, name));
    bytes[Math.floor(bytes.length / 3)]! ^= 0x40;
    writeFileSync(join(folder, `corrupted-${name}`), bytes);
    await page.reload();
    await expect(files).toHaveCount(2);
    await files.filter({ hasText: 'corrupted-' }).getByTestId('backup-restore').click();
    const target = join(folder, 'restored-from-corrupted');
    await page.getByTestId('restore-into').fill(target);
    await page.getByTestId('restore-new-passphrase').fill(PASSPHRASE);
    await page.getByTestId('restore-submit').click();
    await expect(page.getByTestId('restore-error')).toHaveAttribute('data-code', 'BACKUP_CORRUPTED');
    await expect(page.getByTestId('restore-error')).toContainText('备份文件已损坏');
    expect(existsSync(target)).toBe(false);
    await page.keyboard.press('Escape');

    await files.filter({ hasNotText: 'corrupted-' }).getByTestId('backup-restore').click();
    const into = join(folder, 'restored');
    await page.getByTestId('restore-into').fill(into);
    await page.getByTestId('restore-new-passphrase').fill(PASSPHRASE);
    await page.getByTestId('restore-submit').click();
    await expect(page.getByTestId('restore-report')).toContainText(into);

    // The restored profile, opened by its own host, holds the same books.
    restored = await startHost({ home: into, passphrase: PASSPHRASE, keepHome: true });
    const books = async (h: Host) => {
      const key = randomUUID();
      await mustInvoke(h, 'auth.login', { username: 'manager', password: DEMO_PASSWORD }, key);
      const { businessDate } = (await mustInvoke(h, 'app.status', {}, key)) as { businessDate: string };
      return {
        trial: await mustInvoke(h, 'ledger.trialBalance', { date: businessDate }, key),
        loans: await mustInvoke(h, 'ledger.loans', { limit: 1000 }, key),
        repayments: await mustInvoke(
          h,
          'ledger.transactions',
          { kinds: ['repayment', 'reversal'], range: { from: '2000-01-01', to: businessDate }, limit: 1000 },
          key,
        ),
      };
    };
    expect(await books(restored)).toEqual(await books(host));
  } finally {
    await restored?.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
