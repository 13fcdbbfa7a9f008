/** What the customer-service and collections journeys share: a host whose clock
 *  the test moves (LOANDESK_CLOCK_OFFSET_FILE) with the ticket scheduler ticking
 *  every second, a company with customers and disbursed loans made through the API,
 *  and a few screen helpers. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mustInvoke, startHost, DEMO_PASSWORD, PASSPHRASE, type Host } from './fixtures';

export const DAY_MS = 86_400_000;

/** A valid 18-digit resident ID (GB 11643 check digit) for a 17-digit body. */
export function residentId(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, ch, i) => s + Number(ch) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

export interface ClockHost extends Host {
  /** Moves the host's clock to real time + `ms` (read by the host on every call). */
  setOffset: (ms: number) => void;
}

export async function startClockHost(initialOffsetMs = 0): Promise<ClockHost> {
  const dir = mkdtempSync(join(tmpdir(), 'loandesk-clock-'));
  const file = join(dir, 'offset');
  writeFileSync(file, String(initialOffsetMs));
  const host = await startHost({
    passphrase: PASSPHRASE,
    demoCustomers: 0,
    env: { LOANDESK_CLOCK_OFFSET_FILE: file, LOANDESK_SCHEDULER_MS: '1000' },
  });
  const stop = host.stop;
  return {
    ...host,
    setOffset: (ms) => writeFileSync(file, String(ms)),
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs a named API caller in (the caller name is the user name). */
export async function apiLogin(host: Host, username: string): Promise<void> {
  await mustInvoke(host, 'auth.login', { username, password: DEMO_PASSWORD }, username);
}

export const PRODUCT = {
  code: 'SVC12',
  name: '月供消费贷 SVC',
  active: true,
  config: {
    method: 'annuity',
    frequency: 'monthly',
    minAmountFen: 1_000_00,
    maxAmountFen: 200_000_00,
    minPeriods: 3,
    maxPeriods: 36,
    minRateAnnual: '0.06',
    maxRateAnnual: '0.24',
    defaultRateAnnual: '0.18',
    autoApproveLimitFen: 10_000_00,
  },
} as const;

export interface Borrower {
  customerId: string;
  name: string;
  phone: string;
  loanId: string;
  loanNumber: string;
}

/** The demo company, a product, and customers each with a loan approved
 *  automatically (below the limit) and disbursed by a second officer. */
export async function companyWithLoans(
  host: Host,
  people: ReadonlyArray<{ name: string; phone: string; idBody: string; amountFen: number }>,
): Promise<Borrower[]> {
  await mustInvoke(host, 'setup.createDemo', {});
  for (const u of ['admin', 'officer', 'officer2', 'agent', 'manager']) await apiLogin(host, u);
  await mustInvoke(host, 'products.save', PRODUCT, 'admin');
  const products = (await mustInvoke(host, 'products.list', {}, 'officer')) as Array<{ id: string; code: string }>;
  const productId = products.find((p) => p.code === PRODUCT.code)!.id;
  const out: Borrower[] = [];
  for (const p of people) {
    const { id: customerId } = (await mustInvoke(
      host,
      'customers.registerPerson',
      {
        name: p.name,
        residentId: residentId(p.idBody),
        phone: p.phone,
        address: '北京市朝阳区建国路 88 号',
        employer: '北京某科技有限公司',
        monthlyIncomeFen: 30_000_00,
        monthlyDebtFen: 0,
        employmentYears: 6,
        consent: true,
        requestId: randomUUID(),
      },
      'officer',
    )) as { id: string };
    const app = (await mustInvoke(
      host,
      'applications.submit',
      { customerId, productId, amountFen: p.amountFen, periods: 6, purpose: '家庭装修', requestId: randomUUID() },
      'officer',
    )) as { loanId: string | null };
    const loanId = app.loanId!;
    const { loan } = (await mustInvoke(host, 'loans.get', { loanId }, 'officer')) as {
      loan: { version: number; number: string };
    };
    await mustInvoke(host, 'loans.disburse', { loanId, expectedVersion: loan.version, channel: 'bank' }, 'officer2');
    out.push({ customerId, name: p.name, phone: p.phone, loanId, loanNumber: loan.number });
  }
  return out;
}

/** The fixtures' route change, for the service specs that import it from here. */
export { goTo } from './fixtures';

/** Opens an Ant Design select by its test id, types, and picks the first option with that text. */
export async function pick(page: Page, testId: string, optionText: string | RegExp, typed?: string): Promise<void> {
  await page.getByTestId(testId).click();
  if (typed !== undefined) await page.keyboard.type(typed);
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: optionText })
    .first();
  await expect(option).toBeVisible({ timeout: 15_000 });
  await option.click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

/** After the clock jumped days ahead the session is idle-locked in the main
 *  process: the window, reloaded, shows the lock screen; the password unlocks it. */
export async function unlockAfterJump(page: Page, password = DEMO_PASSWORD): Promise<void> {
  await page.reload();
  const lock = page.getByTestId('lock-screen');
  await expect(lock).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('unlock-password').fill(password);
  await page.getByTestId('unlock-submit').click();
  await expect(lock).toBeHidden({ timeout: 20_000 });
}
