/** The disbursement dialog with the receiving account and the bank's reference
 *  (refused with a sentence when the card fails its check digit), the disbursement
 *  ledger showing them (the account masked), and cancelling (撤销) an approved loan
 *  with a reason; in both languages at 1366x768, saved under
 *  screenshotDir(lang)/ (loan-disburse, ledger-disbursements, loan-cancel,
 *  loan-cancelled). Loans are approved through the API (automatically, below the
 *  product's limit); the dialogs are used through the screen. */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import {
  test,
  expect,
  startHost,
  mustInvoke,
  DEMO_PASSWORD,
  PASSPHRASE,
  screenshotDir,
  type Host,
  signedInWindow,
} from './fixtures';
import { goTo, residentId, PRODUCT } from './service-support';

const CARD = '6222020200112233446';
const LANGS = {
  'zh-CN': {
    awaiting: '待放款',
    active: '在贷',
    cancelled: '已撤销',
    checksum: '银行卡号校验不通过，请核对。',
    required: '请填写转账流水号。',
    reason: '客户重复申请，只保留一笔',
  },
  en: {
    awaiting: 'Awaiting disbursement',
    active: 'Active',
    cancelled: 'Cancelled',
    checksum: 'The bank card number fails its check; please check it.',
    required: 'Enter the transfer reference.',
    reason: 'A duplicate application: the customer keeps one loan',
  },
} as const;
type Lang = keyof typeof LANGS;

let host: Host | undefined;
/** Per language: a loan to disburse and one to cancel. */
const loans: Record<Lang, { disburse: { id: string; number: string }; cancel: { id: string; number: string } }> =
  {} as never;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  host = await startHost({ passphrase: PASSPHRASE, demoCustomers: 0 });
  await mustInvoke(host, 'setup.createDemo', {});
  for (const u of ['admin', 'officer'])
    await mustInvoke(host, 'auth.login', { username: u, password: DEMO_PASSWORD }, u);
  await mustInvoke(host, 'products.save', PRODUCT, 'admin');
  const products = (await mustInvoke(host, 'products.list', {}, 'officer')) as Array<{ id: string; code: string }>;
  const productId = products.find((p) => p.code === PRODUCT.code)!.id;
  let n = 0;
  const approved = async (name: string) => {
    n++;
    const { id: customerId } = (await mustInvoke(
      host!,
      'customers.registerPerson',
      {
        name,
        residentId: residentId(`110105198806151${10 + n}`),
        phone: `1380013${String(8000 + n)}`,
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
      host!,
      'applications.submit',
      { customerId, productId, amountFen: 8_000_00, periods: 6, purpose: '家庭装修', requestId: randomUUID() },
      'officer',
    )) as { loanId: string | null };
    const { loan } = (await mustInvoke(host!, 'loans.get', { loanId: app.loanId }, 'officer')) as {
      loan: { id: string; number: string; status: string };
    };
    expect(loan.status).toBe('approved');
    return { id: loan.id, number: loan.number };
  };
  for (const [i, lang] of (Object.keys(LANGS) as Lang[]).entries()) {
    loans[lang] = { disburse: await approved(['韩梅梅', '李雷'][i]!), cancel: await approved(['王芳', '张伟'][i]!) };
  }
});

test.afterAll(async () => {
  await host?.stop();
});

test.use({ actionTimeout: 20_000 });

const windowFor = (browser: Browser, lang: Lang, username: string) =>
  signedInWindow(browser, host!.url, lang, username);

for (const lang of Object.keys(LANGS) as Lang[]) {
  test(`disbursement payee and cancelling (${lang})`, async ({ browser }) => {
    test.setTimeout(180_000);
    const text = LANGS[lang];
    const dir = screenshotDir(lang);
    const shot = async (page: Page, name: string) => {
      await page.mouse.move(1365, 767);
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0, { timeout: 20_000 });
      await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };

    // officer2 disburses what the system approved for the officer: by bank, to the customer's card.
    const officer2 = await windowFor(browser, lang, 'officer2');
    const { disburse, cancel } = loans[lang];
    await goTo(officer2, `#/loans/${disburse.id}`, officer2.getByTestId('loan-status'));
    await expect(officer2.getByTestId('loan-status')).toHaveText(text.awaiting);
    await officer2.getByTestId('loan-disburse').click();
    const dialog = officer2.getByRole('dialog').filter({ has: officer2.getByTestId('loan-disburse-dialog') });
    await officer2.getByTestId('disburse-account').fill('6222 0202 0011 2233 447');
    await officer2.getByTestId('loan-disburse-dialog-confirm').click();
    await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText([text.checksum, text.required]);
    await shot(officer2, 'loan-disburse-refused');
    await officer2.getByTestId('disburse-account').fill('6222 0202 0011 2233 446');
    await officer2.getByTestId('disburse-transfer-ref').fill(`ICBC-${lang === 'en' ? 'EN' : 'ZH'}-20261201-0001`);
    await officer2.getByTestId('disburse-transfer-ref').blur();
    await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(0);
    await shot(officer2, 'loan-disburse');
    await officer2.getByTestId('loan-disburse-dialog-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(officer2.getByTestId('loan-status')).toHaveText(text.active);

    // The disbursement ledger shows the account (masked) and the reference to match the statement.
    await goTo(officer2, '#/ledgers/disbursements', officer2.getByTestId('ledger-table-disbursements'));
    const row = officer2
      .getByTestId('ledger-table-disbursements')
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: disburse.number });
    await expect(row).toContainText('6222 **** 3446');
    await expect(row).toContainText(`ICBC-${lang === 'en' ? 'EN' : 'ZH'}-20261201-0001`);
    await expect(row).not.toContainText(CARD);
    await shot(officer2, 'ledger-disbursements');
    await officer2.context().close();

    // The manager cancels another approved loan, with a reason.
    const manager = await windowFor(browser, lang, 'manager');
    await goTo(manager, `#/loans/${cancel.id}`, manager.getByTestId('loan-status'));
    await manager.getByTestId('loan-cancel').click();
    const cancelDialog = manager.getByRole('dialog').filter({ has: manager.getByTestId('loan-cancel-dialog') });
    await manager.getByTestId('loan-cancel-reason').fill(text.reason);
    await shot(manager, 'loan-cancel');
    await manager.getByTestId('loan-cancel-dialog-confirm').click();
    await expect(cancelDialog).toBeHidden();
    await expect(manager.getByTestId('loan-status')).toHaveText(text.cancelled);
    await expect(manager.getByTestId('loan-cancellation')).toContainText(text.reason);
    await expect(manager.getByTestId('loan-disburse')).toHaveCount(0);
    await expect(manager.getByTestId('loan-cancel')).toHaveCount(0);
    // Never to be disbursed: no schedule preview.
    await expect(manager.getByTestId('loan-schedule').locator('tbody tr.ant-table-row')).toHaveCount(0);
    await shot(manager, 'loan-cancelled');
    await manager.context().close();
  });
}
