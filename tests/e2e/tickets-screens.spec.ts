/** The customer-service and collections screens in both languages, saved as
 *  1366x768 PNGs in screenshotDir(lang): the ticket queues, a
 *  ticket with its conversation and customer panel, a new ticket, the collections
 *  list with a raised loan and its contact log, the requests passed to officers,
 *  the service figures, the business calendar and the service settings. One host
 *  serves both; its history is made through the API with the host's clock moved
 *  back (40 days, then 6, then 2 hours) so the clocks, promises and figures have
 *  something to show. */
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test, expect, login, mustInvoke, navItem, DEMO_PASSWORD, screenshotDir } from './fixtures';
import { companyWithLoans, DAY_MS, goTo, pick, startClockHost, type Borrower, type ClockHost } from './service-support';

const CALLERS = ['admin', 'officer', 'officer2', 'agent', 'manager'];

/** Moves the clock; the API callers, idle-locked by the jump, unlock. */
async function jump(host: ClockHost, offsetMs: number): Promise<void> {
  host.setOffset(offsetMs);
  for (const c of CALLERS) await mustInvoke(host, 'auth.unlock', { password: DEMO_PASSWORD }, c);
}

async function ticket(
  host: ClockHost,
  input: Record<string, unknown>,
  after: Array<[string, Record<string, unknown>]> = [],
): Promise<{ id: string; number: string }> {
  const created = (await mustInvoke(host, 'tickets.create', input, 'agent')) as { id: string; number: string };
  for (const [method, extra] of after) {
    const { ticket: t } = (await mustInvoke(host, 'tickets.get', { ticketId: created.id }, 'agent')) as {
      ticket: { version: number };
    };
    await mustInvoke(host, method, { ticketId: created.id, expectedVersion: t.version, ...extra }, 'agent');
  }
  return created;
}

interface World {
  host: ClockHost;
  detailTicketId: string;
  raisedLoan: string;
}
let world: World | undefined;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const host = await startClockHost(-40 * DAY_MS);
  try {
    const [a, b, c] = (await companyWithLoans(host, [
      { name: '韩梅梅', phone: '13800138000', idBody: '11010519880615123', amountFen: 9_000_00 },
      { name: '李雷', phone: '13900139001', idBody: '11010519900301456', amountFen: 4_000_00 },
      { name: '王芳', phone: '13700137002', idBody: '11010519851120789', amountFen: 7_500_00 },
    ])) as [Borrower, Borrower, Borrower];
    const { users } = (await mustInvoke(host, 'tickets.colleagues', {}, 'manager')) as {
      users: Array<{ id: string; displayName: string }>;
    };
    const agentId = users.find((u) => u.displayName === '陈客服')!.id;
    const officerId = users.find((u) => u.displayName === '李信贷')!.id;

    // Last month: tickets worked to the end, with scores and root causes.
    const past: Array<[string, string, string, string, number, string]> = [
      ['phone', 'repaymentQuestion', '提前还款怎么算', 'customerMisunderstanding', 5, '很耐心'],
      ['chat', 'complaint', '扣款短信发送太晚', 'processDelay', 2, '希望提前通知'],
      ['email', 'dispute', '上月多扣了罚息', 'systemError', 4, ''],
      ['counter', 'accountChange', '更换还款银行卡', 'other', 5, ''],
      ['phone', 'complaint', '催收电话语气不好', 'staffConduct', 3, '态度有改善'],
    ];
    for (const [channel, category, subject, rootCause, score, comment] of past) {
      const t = await ticket(
        host,
        { channel, category, priority: 'normal', subject, description: subject, loanId: a.loanId, assigneeId: agentId },
        [['tickets.resolve', { note: '已处理并回复客户', rootCause }]],
      );
      await mustInvoke(
        host,
        'tickets.recordSatisfaction',
        { ticketId: t.id, score, comment: comment || undefined },
        'agent',
      );
    }

    // Six days ago: collections contacts and promises, a chat nobody answered, a hardship request.
    await jump(host, -6 * DAY_MS);
    const status = (await mustInvoke(host, 'app.status', {})) as { businessDate: string };
    const inDays = (n: number) =>
      new Date(Date.parse(`${status.businessDate}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
    const due = (loanId: string) =>
      mustInvoke(host, 'collections.get', { loanId }, 'officer') as Promise<{ case: { amountDueFen: number } }>;
    await mustInvoke(
      host,
      'collections.logContact',
      {
        loanId: b.loanId,
        kind: 'call',
        outcome: 'promised',
        note: '客户说工资下周到账，届时还清逾期',
        promise: { amountFen: (await due(b.loanId)).case.amountDueFen, promisedDate: inDays(2) },
      },
      'officer',
    );
    await mustInvoke(
      host,
      'collections.logContact',
      { loanId: a.loanId, kind: 'call', outcome: 'promised', promise: { amountFen: 50_000, promisedDate: inDays(1) } },
      'officer',
    );
    await mustInvoke(
      host,
      'repayments.record',
      { loanId: a.loanId, amountFen: 50_000, valueDate: inDays(1 - 1), channel: 'bank' },
      'officer',
    );
    await mustInvoke(
      host,
      'collections.logContact',
      { loanId: c.loanId, kind: 'call', outcome: 'noAnswer' },
      'officer',
    );
    await ticket(host, {
      channel: 'chat',
      category: 'accountChange',
      priority: 'normal',
      subject: '修改预留手机号',
      description: '在线留言，尚未回复',
    });
    const hardship = await ticket(host, {
      channel: 'phone',
      category: 'hardship',
      priority: 'high',
      subject: '失业，申请延期还款',
      description: '客户三月份失业，申请把下两期推迟。',
      loanId: c.loanId,
      assigneeId: agentId,
    });
    await mustInvoke(
      host,
      'tickets.requestAction',
      { ticketId: hardship.id, kind: 'hardshipReview', note: '客户失业，请评估延期两期的方案' },
      'agent',
    );

    // Two hours ago: the call shown in the ticket detail, with a reply and a note.
    await jump(host, -2 * 3_600_000);
    const detail = await ticket(host, {
      channel: 'phone',
      category: 'dispute',
      priority: 'high',
      subject: '对 3 月入账金额有疑问',
      description: '客户称 3 月已还 2,000 元，但短信显示只入账 1,500 元，请核实。',
      loanId: a.loanId,
      assigneeId: agentId,
    });
    const filled = (await mustInvoke(
      host,
      'tickets.fillCanned',
      { ticketId: detail.id, code: 'received' },
      'agent',
    )) as {
      text: string;
    };
    await mustInvoke(
      host,
      'tickets.addMessage',
      { ticketId: detail.id, kind: 'reply', body: filled.text, cannedCode: 'received' },
      'agent',
    );
    await mustInvoke(
      host,
      'tickets.addMessage',
      {
        ticketId: detail.id,
        kind: 'note',
        body: '已调出 3 月流水，请李信贷确认是否有一笔未入账。',
        mentions: [officerId],
      },
      'agent',
    );
    await mustInvoke(
      host,
      'tickets.addMessage',
      { ticketId: detail.id, kind: 'customer', body: '我把银行回单拍照发给你们了。' },
      'agent',
    );
    await mustInvoke(
      host,
      'tickets.attach',
      {
        ticketId: detail.id,
        fileName: '银行回单.txt',
        mime: 'text/plain',
        contentBase64: Buffer.from('2026 回单').toString('base64'),
      },
      'agent',
    );
    await ticket(host, {
      channel: 'email',
      category: 'repaymentQuestion',
      priority: 'low',
      subject: '询问结清证明怎么开',
      description: '邮件来信',
    });
    await ticket(
      host,
      {
        channel: 'chat',
        category: 'other',
        priority: 'normal',
        subject: '网银登录不了',
        description: '客户反映 App 登录失败',
        assigneeId: agentId,
      },
      [['tickets.setStatus', { status: 'pending' }]],
    );

    // Now: the scheduler escalates the unanswered chat.
    await jump(host, 0);
    await expect(async () => {
      const list = (await mustInvoke(host, 'tickets.list', { queue: 'escalated' }, 'manager')) as { total: number };
      expect(list.total).toBeGreaterThan(0);
    }).toPass({ timeout: 30_000 });
    world = { host, detailTicketId: detail.id, raisedLoan: b.loanNumber };
  } catch (e) {
    await host.stop();
    throw e;
  }
});

test.afterAll(async () => {
  await world?.host.stop();
});

const LANGS = {
  'zh-CN': {
    tickets: '工单',
    collections: '贷后催收',
    requests: '客服转办',
    reports: '服务报表',
    calendar: '营业日历',
    service: '客服设置',
    newTicket: '新建工单',
    picked: '8000',
  },
  en: {
    tickets: 'Tickets',
    collections: 'Collections',
    requests: 'Service requests',
    reports: 'Service figures',
    calendar: 'Business calendar',
    service: 'Service settings',
    newTicket: 'New ticket',
    picked: '8000',
  },
} as const;

async function windowFor(browser: Browser, lang: string, username: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: lang,
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await page.addInitScript((l) => localStorage.setItem('loandesk.language', l), lang);
  await page.goto(world!.host.url);
  await login(page, username);
  return page;
}

for (const [lang, text] of Object.entries(LANGS) as Array<[keyof typeof LANGS, (typeof LANGS)[keyof typeof LANGS]]>) {
  test(`service and collections screens (${lang})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const dir = screenshotDir(lang);
    const shot = async (page: Page, name: string) => {
      await page.mouse.move(1365, 767);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
    };

    const agent = await windowFor(browser, lang, 'agent');
    await navItem(agent, text.tickets).click();
    await expect(agent.getByTestId('tickets-table').locator('tr[data-breached="true"]').first()).toBeVisible();
    await shot(agent, 'tickets');
    await goTo(agent, `#/tickets/${world!.detailTicketId}`, agent.getByTestId('ticket-messages'));
    await expect(agent.getByTestId('customer-panel')).toContainText('韩梅梅');
    await shot(agent, 'ticket-detail');
    await goTo(agent, '#/tickets', agent.getByTestId('tickets-table'));
    await agent.getByTestId('ticket-create').click();
    await pick(agent, 'ticket-new-customer', /L0000/, text.picked);
    await agent.getByTestId('ticket-new-subject').fill(lang === 'en' ? 'Asks for a payoff quote' : '询问提前结清金额');
    await shot(agent, 'ticket-new');
    await agent.context().close();

    const officer = await windowFor(browser, lang, 'officer');
    await navItem(officer, text.collections).click();
    const raised = officer.getByTestId('collections-table').locator(`tr[data-loan="${world!.raisedLoan}"]`);
    await expect(raised).toHaveAttribute('data-raised', 'true');
    await shot(officer, 'collections');
    await raised.click();
    await expect(officer.getByTestId('case-contacts')).toBeVisible();
    await shot(officer, 'collections-case');
    await officer.keyboard.press('Escape');
    await navItem(officer, text.requests).click();
    await expect(officer.getByTestId('request-complete').first()).toBeVisible();
    await shot(officer, 'service-requests');
    await officer.context().close();

    const manager = await windowFor(browser, lang, 'manager');
    await navItem(manager, text.reports).click();
    await expect(manager.getByTestId('reports-service').locator('tbody tr.ant-table-row').first()).toBeVisible();
    await expect(manager.getByTestId('reports-promises').locator('tbody tr.ant-table-row').first()).toBeVisible();
    await shot(manager, 'service-reports');
    await manager.context().close();

    const admin = await windowFor(browser, lang, 'admin');
    await navItem(admin, text.calendar).click();
    await expect(admin.getByTestId('calendar-form')).toBeVisible();
    await shot(admin, 'calendar');
    await navItem(admin, text.service).click();
    await expect(admin.getByTestId('service-policies')).toBeVisible();
    await shot(admin, 'service-settings');
    await admin.context().close();
  });
}
