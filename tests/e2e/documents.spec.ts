/** What a branch hands the customer (issue 13), through the screens in browser mode:
 *  a cash repayment recorded at the counter, its receipt printed to PDF by Chromium
 *  (page.pdf, the print media the browser's print dialog would use), the PDF turned
 *  into text by poppler's pdftotext and checked for the receipt number, the amount in
 *  figures and in capitals, then a reprint marked 补打; a payoff certificate printed
 *  and verified on the verify screen, and the same certificate with its amount
 *  altered refused. The browser's print dialog is the one thing stubbed: it is the
 *  operating system's, and page.pdf prints what it would print. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, login, hostOnProfile, type Host, goTo } from './fixtures';

interface Loans {
  ordinary: string;
  paidOff: string;
  overdue: string;
}

let host: Host | undefined;
let loans: Loans;
const out = mkdtempSync(join(tmpdir(), 'loandesk-pdf-'));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ host, made: loans } = await hostOnProfile<Loans>('documents-profile.ts', 'loandesk-documents-'));
});

test.afterAll(async () => {
  await host?.stop();
  rmSync(out, { recursive: true, force: true });
});

test.use({ actionTimeout: 20_000 });

/** The browser's print dialog belongs to the OS: count the calls instead of opening it. */
async function stubPrintDialog(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { __prints: number }).__prints = 0;
    window.print = () => {
      (window as unknown as { __prints: number }).__prints++;
    };
  });
}

async function printsSoFar(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __prints: number }).__prints);
}

/** What Chromium prints now, as text (pdftotext keeps the layout; whitespace dropped). */
async function printedText(page: Page, name: string): Promise<string> {
  const file = join(out, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

test('a cash repayment at the counter, its receipt printed to PDF with the amount in figures and capitals, then reprinted', async ({
  page,
}) => {
  await stubPrintDialog(page);
  await page.goto(host!.url);
  await login(page, 'officer');
  await goTo(page, `#/loans/${loans.ordinary}`, page.getByTestId('loan-repay'));
  await page.getByTestId('loan-repay').click();
  await page.getByTestId('repay-amount').fill('1234.56');
  await page.getByTestId('repay-channel').getByText('现金').click();
  await expect(page.getByTestId('repay-channel').getByRole('radio', { name: '现金' })).toBeChecked();
  await expect(page.getByTestId('repay-confirm')).toBeEnabled();
  await page.getByTestId('repay-confirm').click();

  // The receipt offers itself right after recording, numbered.
  const dialog = page.getByTestId('receipt-dialog');
  await expect(dialog.getByTestId('receipt-number')).toHaveText(/^HQ-R\d{7}$/);
  const number = (await dialog.getByTestId('receipt-number').textContent())!;
  await expect(dialog.getByTestId('receipt-amount')).toHaveText('¥1,234.56');
  await expect(dialog.getByTestId('receipt-capitals')).toHaveText('人民币壹仟贰佰叁拾肆元伍角陆分');
  await dialog.getByTestId('receipt-dialog-print').click();
  await expect.poll(() => printsSoFar(page)).toBe(1);
  await expect(page.getByTestId('receipt-dialog-preview')).toHaveAttribute('data-printed', 'yes');

  const text = await printedText(page, 'receipt');
  expect(text).toContain('还款凭证');
  expect(text).toContain(number);
  expect(text).toContain('¥1,234.56');
  expect(text).toContain('人民币壹仟贰佰叁拾肆元伍角陆分');
  expect(text).toContain('现金');
  expect(text).not.toContain('补打');
  // Only the sheet is printed: not the window behind it; on A4, the company's receipt paper.
  expect(text).not.toContain('还款登记');
  expect(execFileSync('pdfinfo', [join(out, 'receipt.pdf')], { encoding: 'utf8' })).toMatch(
    /Pages:\s+1\n[\s\S]*Page size:\s+594\.96 x 841\.92 pts \(A4\)/,
  );

  // From the repayment's row later: the same number, a reprint now.
  await page
    .getByTestId('receipt-dialog')
    .getByRole('button', { name: /Close|关闭/ })
    .click();
  await page.getByTestId('loan-tab-transactions').click();
  await page
    .getByTestId('loan-transactions')
    .getByRole('row')
    .filter({ hasText: '¥1,234.56' })
    .getByTestId('loan-tx-receipt')
    .click();
  const again = page.getByTestId('receipt-dialog');
  await expect(again.getByTestId('receipt-number')).toHaveText(number);
  await again.getByTestId('receipt-dialog-paper').getByText('241 连续纸').click();
  await again.getByTestId('receipt-dialog-print').click();
  await expect.poll(() => printsSoFar(page)).toBe(2);
  await expect(again.getByTestId('receipt-reprint')).toHaveText('补打（第 1 次）');
  const reprint = await printedText(page, 'receipt-reprint');
  expect(reprint).toContain(number);
  expect(reprint).toContain('补打（第1次）');
  expect(reprint).toContain('人民币壹仟贰佰叁拾肆元伍角陆分');
  // The continuous form: a page 241 mm wide and 140 mm high.
  const pdf = execFileSync('pdfinfo', [join(out, 'receipt-reprint.pdf')], { encoding: 'utf8' });
  const size = pdf.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
  expect(Math.round((Number(size[1]) / 72) * 25.4)).toBe(241);
  expect(Math.round((Number(size[2]) / 72) * 25.4)).toBe(140);
});

test('a payoff certificate printed, verified on the verify screen, and an altered one refused', async ({ page }) => {
  await stubPrintDialog(page);
  await page.goto(host!.url);
  await login(page, 'officer');
  await goTo(page, `#/loans/${loans.paidOff}`, page.getByTestId('loan-print-certificate'));
  await page.getByTestId('loan-print-certificate').click();
  const dialog = page.getByTestId('certificate-dialog');
  await dialog.getByTestId('certificate-dialog-pdf').click();
  await expect.poll(() => printsSoFar(page)).toBe(1);
  const code = dialog.getByTestId('certificate-code');
  await expect(code).toHaveText(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  const printed = {
    code: (await code.textContent())!,
    loan: (await dialog.getByTestId('certificate-loan').textContent())!,
    closedOn: (await dialog.getByTestId('certificate-closed-on').textContent())!,
    repaid: (await dialog.getByTestId('certificate-repaid').textContent())!.replace(/[¥,]/g, ''),
  };
  const text = await printedText(page, 'certificate');
  expect(text).toContain('结清证明');
  expect(text).toContain(printed.code);
  expect(text).toContain(printed.loan);
  await dialog.getByRole('button', { name: /Close|关闭/ }).click();

  await goTo(page, '#/verify-certificate', page.getByTestId('verify-form'));
  const fill = async (repaid: string, code = printed.code.toLowerCase()) => {
    await page.getByTestId('verify-loan').fill(printed.loan);
    await page.getByTestId('verify-closed-on').fill(printed.closedOn);
    await page.getByTestId('verify-repaid').fill(repaid);
    await page.getByTestId('verify-code').fill(code);
    await page.getByTestId('verify-submit').click();
  };
  await fill(printed.repaid);
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'yes');
  await expect(page.getByTestId('verify-result')).toContainText('证明真实有效');
  await expect(page.getByTestId('verify-result')).toContainText(printed.loan);

  // The same certificate with its amount altered by one yuan.
  const altered = (Number(printed.repaid) + 1).toFixed(2);
  await fill(altered);
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'no');
  await expect(page.getByTestId('verify-result')).toContainText('校验码与证明内容不符');

  // Back to the genuine amount, valid again; then the code itself tampered with (its last character).
  await fill(printed.repaid);
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'yes');
  const last = printed.code.at(-1)!;
  const tampered = printed.code.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
  await fill(printed.repaid, tampered);
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-valid', 'no');
  await expect(page.getByTestId('verify-result')).toContainText('校验码与证明内容不符');
});
