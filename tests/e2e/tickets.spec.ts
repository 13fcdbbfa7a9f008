/** Customer service and collections through the screens (zh-CN): a phone call
 *  becomes a ticket linked to the customer and loan, answered with a canned reply,
 *  set pending, resolved and scored; an SLA clock on the business calendar runs out
 *  when the host's clock is moved forward and the ticket escalates to the team
 *  lead; a promise to pay is recorded, broken, and raises the loan in the
 *  collections list; script and HTML planted in a subject and a note render as
 *  text and nothing runs. */
import { test as base, expect, login, mustInvoke, navItem } from './fixtures';
import {
  apiLogin,
  companyWithLoans,
  DAY_MS,
  goTo,
  pick,
  startClockHost,
  unlockAfterJump,
  type Borrower,
  type ClockHost,
} from './service-support';

const test = base.extend<{ clockHost: ClockHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright wants the fixtures object destructured
  clockHost: async ({}, provide, testInfo) => {
    const host = await startClockHost();
    try {
      await provide(host);
    } finally {
      await host.stop();
      if (testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('host-output.txt', { body: host.log(), contentType: 'text/plain' });
    }
  },
});

test.use({ actionTimeout: 20_000 });

const PEOPLE = [
  { name: '韩梅梅', phone: '13800138000', idBody: '11010519880615123', amountFen: 9_000_00 },
  { name: '李雷', phone: '13900139001', idBody: '11010519900301456', amountFen: 4_000_00 },
];

test('a phone call becomes a ticket: linked, canned reply, pending, resolved, satisfaction recorded', async ({
  page,
  clockHost: host,
}) => {
  test.setTimeout(180_000);
  const [meimei] = (await companyWithLoans(host, PEOPLE.slice(0, 1))) as [Borrower];
  await page.goto(host.url);
  await login(page, 'agent');
  await navItem(page, '工单').click();
  await expect(page.getByRole('heading', { name: '工单', exact: true })).toBeVisible();

  // The customer calls: the agent opens a ticket and finds them by the phone's last four digits.
  await page.getByTestId('ticket-create').click();
  const dialog = page.getByRole('dialog', { name: '新建工单' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('ticket-new-channel')).toContainText('电话');
  await pick(page, 'ticket-new-customer', meimei.loanNumber, '8000');
  await pick(page, 'ticket-new-category', '还款咨询');
  await dialog.getByTestId('ticket-new-subject').fill('询问下期还款金额和日期');
  await dialog.getByTestId('ticket-new-description').fill('客户来电，想知道下期应还多少、哪天还。');
  await expect(dialog.getByTestId('ticket-new-assign-me')).toBeChecked();
  await page.getByTestId('ticket-new-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('ticket-subject')).toHaveText('询问下期还款金额和日期');
  await expect(page.getByTestId('ticket-status')).toHaveText('处理中');
  await expect(page.getByTestId('ticket-assignee')).toHaveText('陈客服');
  // On the phone the customer is answered at once.
  await expect(page.getByTestId('ticket-clock-fr')).toHaveText('已达成');
  await expect(page.getByTestId('ticket-clock-res')).toContainText('剩余');
  // The customer panel, masked.
  const panel = page.getByTestId('customer-panel');
  await expect(panel).toContainText(meimei.name);
  await expect(panel.getByTestId('panel-phone')).toHaveText('138****8000');
  await expect(panel).not.toContainText(meimei.phone);
  await expect(panel).toContainText(meimei.loanNumber);

  // A canned reply filled from the data.
  await pick(page, 'ticket-canned', '还款提醒');
  const input = page.getByTestId('ticket-message-input');
  await expect(input).toHaveValue(
    new RegExp(
      `^${meimei.name}，您好！您的贷款 ${meimei.loanNumber} 当前应还 ¥[\\d,]+\\.\\d\\d，下一还款日为 \\d{4}-\\d\\d-\\d\\d。`,
    ),
  );
  await page.getByTestId('ticket-message-send').click();
  await expect(page.getByTestId('ticket-message-reply')).toHaveCount(1);
  await expect(page.getByTestId('ticket-message-reply')).toContainText(meimei.loanNumber);
  await expect(input).toHaveValue('');

  // Waiting on the customer: the clock stops.
  await page.getByTestId('ticket-pending').click();
  await expect(page.getByTestId('ticket-status')).toHaveText('待客户回复');
  await expect(page.getByTestId('ticket-clock-res')).toContainText('暂停');

  // The customer calls back satisfied: resolved, and the score from the call.
  await page.getByTestId('ticket-resolve-open').click();
  const resolve = page.getByTestId('ticket-resolve');
  await resolve.getByTestId('ticket-resolve-note').fill('已告知下期金额和还款日，客户确认。');
  await pick(page, 'ticket-resolve-root-cause', '客户误解');
  await page.getByTestId('ticket-resolve-confirm').click();
  await expect(page.getByTestId('ticket-status')).toHaveText('已解决');
  await expect(page.getByTestId('ticket-clock-res')).toHaveText('已达成');
  await page.getByTestId('ticket-satisfaction-open').click();
  const satisfaction = page.getByTestId('ticket-satisfaction');
  await satisfaction.locator('.ant-rate-star').nth(3).click();
  await satisfaction.getByTestId('ticket-satisfaction-comment').fill('解释得很清楚');
  await page.getByTestId('ticket-satisfaction-confirm').click();
  const feedback = page.getByTestId('ticket-feedback');
  await expect(feedback).toContainText('解释得很清楚');
  await expect(feedback.locator('.ant-rate-star-full')).toHaveCount(4);
  await expect(page.getByTestId('ticket-history')).toContainText('状态改为 待客户回复');
});

test('an SLA clock on the business calendar runs out when the clock moves forward, and escalates to the lead', async ({
  page,
  clockHost: host,
}) => {
  test.setTimeout(180_000);
  await mustInvoke(host, 'setup.createDemo', {});
  await apiLogin(host, 'agent');
  const { number } = (await mustInvoke(
    host,
    'tickets.create',
    {
      channel: 'chat',
      category: 'accountChange',
      priority: 'normal',
      subject: '更换绑定银行卡',
      description: '在线客服：客户要换卡',
    },
    'agent',
  )) as { number: string };
  await page.goto(host.url);
  await login(page, 'manager');
  await goTo(page, '#/tickets', page.getByTestId('tickets-table'));
  const row = page.getByTestId('tickets-table').locator(`tr[data-number="${number}"]`);
  await expect(row).toHaveAttribute('data-breached', 'false');
  await expect(row).toContainText('剩余');
  await page.getByTestId('ticket-queues').getByText('升级给我').click();
  await expect(page.getByTestId('tickets-table').locator(`tr[data-number="${number}"]`)).toHaveCount(0);

  // Ten days later (the first response was due within four working hours).
  host.setOffset(10 * DAY_MS);
  await unlockAfterJump(page);
  await goTo(page, '#/tickets', page.getByTestId('tickets-table'));
  await page.getByTestId('ticket-queues').getByText('升级给我').click();
  const escalated = page.getByTestId('tickets-table').locator(`tr[data-number="${number}"]`);
  await expect(escalated).toHaveAttribute('data-breached', 'true', { timeout: 30_000 });
  await expect(escalated.getByTestId('ticket-escalated')).toHaveText('已升级');
  await expect(escalated.getByTestId('ticket-row-fr')).toContainText('超时');
  await escalated.click();
  await expect(page.getByTestId('ticket-escalated-to')).toHaveText('已升级给 王经理');
  await expect(page.getByTestId('ticket-clock-fr')).toContainText('超时');
  await expect(page.getByTestId('ticket-history')).toContainText('首次响应超时，升级给 王经理');
});

test('a promise to pay is recorded, broken, and raises the loan in the collections list', async ({
  page,
  clockHost: host,
}) => {
  test.setTimeout(180_000);
  const [big, small] = (await companyWithLoans(host, PEOPLE)) as [Borrower, Borrower];
  // Forty days on, the first installments are past due and nothing was paid.
  host.setOffset(40 * DAY_MS);
  await page.goto(host.url);
  await login(page, 'officer');
  await navItem(page, '贷后催收').click();
  const table = page.getByTestId('collections-table');
  const rows = table.locator('tr[data-loan]');
  await expect(rows).toHaveCount(2);
  // Same days past due: the larger amount first.
  await expect(rows.nth(0)).toHaveAttribute('data-loan', big.loanNumber);
  await expect(rows.nth(1)).toHaveAttribute('data-loan', small.loanNumber);
  await expect(rows.nth(1)).toContainText('首次联系');

  // The officer calls the smaller loan's customer, who promises to pay in two days.
  await rows.nth(1).click();
  const drawer = page.getByTestId('case-drawer');
  await expect(drawer).toBeVisible();
  await pick(page, 'case-outcome', '承诺还款');
  await drawer.getByTestId('case-note').fill('客户说周转困难，两天后还清逾期部分');
  await drawer.getByTestId('case-with-promise').check();
  const amountText = (await drawer.locator('.ant-descriptions-item-content').nth(1).innerText()).replace(/[¥,\s]/g, '');
  await drawer.getByTestId('case-promise-amount').fill(amountText);
  const status = (await mustInvoke(host, 'app.status', {})) as { businessDate: string };
  const promised = new Date(Date.parse(`${status.businessDate}T00:00:00Z`) + 2 * DAY_MS).toISOString().slice(0, 10);
  await drawer.getByTestId('case-promise-date').click();
  await page.keyboard.type(promised);
  await page.keyboard.press('Enter');
  await drawer.getByTestId('case-log-submit').click();
  await expect(drawer.getByTestId('case-promises')).toContainText('待兑现');
  await expect(drawer.getByTestId('case-contacts')).toContainText('两天后还清逾期部分');
  await page.keyboard.press('Escape');
  await expect(rows.nth(1).getByTestId('promise-status')).toHaveText('待兑现');

  // Three days later no money came: the promise is broken and the loan rises to the top.
  host.setOffset(43 * DAY_MS);
  await unlockAfterJump(page);
  await goTo(page, '#/collections', table);
  await expect(rows.nth(0)).toHaveAttribute('data-loan', small.loanNumber);
  await expect(rows.nth(0)).toHaveAttribute('data-raised', 'true');
  await expect(rows.nth(0).getByTestId('case-raised')).toHaveText('承诺未兑现');
  await expect(rows.nth(0).getByTestId('promise-status')).toHaveText('未兑现');
  await expect(rows.nth(0)).toContainText('跟进未兑现的承诺');
  await expect(page.getByTestId('collections-summary')).toContainText('其中 1 笔承诺未兑现');
});

test('script and HTML in a ticket subject and a note render as text and nothing runs', async ({
  page,
  clockHost: host,
}) => {
  test.setTimeout(120_000);
  await mustInvoke(host, 'setup.createDemo', {});
  const subject = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const note =
    '<b>bold?</b> <a href="javascript:window.__pwned=3">click</a> <iframe src="javascript:window.__pwned=4"></iframe>';
  await page.addInitScript(() => {
    (window as unknown as { __alerts: string[] }).__alerts = [];
    window.alert = (m?: unknown) => void (window as unknown as { __alerts: string[] }).__alerts.push(String(m));
  });
  await page.goto(host.url);
  await login(page, 'agent');
  await goTo(page, '#/tickets', page.getByTestId('tickets-table'));
  await page.getByTestId('ticket-create').click();
  await pick(page, 'ticket-new-channel', '电子邮件');
  await page.getByTestId('ticket-new-subject').fill(subject);
  await page.getByTestId('ticket-new-description').fill('<svg onload="window.__pwned=5"></svg>');
  await page.getByTestId('ticket-new-confirm').click();
  await expect(page.getByTestId('ticket-subject')).toHaveText(subject);
  await expect(page.getByTestId('ticket-description')).toHaveText('<svg onload="window.__pwned=5"></svg>');
  await page.getByTestId('ticket-message-kind').getByText('内部备注').click();
  await page.getByTestId('ticket-message-input').fill(note);
  await page.getByTestId('ticket-message-send').click();
  await expect(page.getByTestId('ticket-message-note').getByTestId('ticket-message-body')).toHaveText(note);
  await goTo(page, '#/tickets', page.getByTestId('tickets-table'));
  await expect(page.getByTestId('tickets-table')).toContainText(subject);
  // Nothing was parsed as markup, nothing ran.
  expect(
    await page.locator('img[src="x"], script:not([src]), svg[onload], iframe, a[href^="javascript"]').count(),
  ).toBe(0);
  const ran = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    alerts: (window as unknown as { __alerts: string[] }).__alerts,
  }));
  expect(ran).toEqual({ pwned: null, alerts: [] });
});
