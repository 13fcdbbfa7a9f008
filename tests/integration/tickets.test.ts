/** Customer service through the API on a real encrypted database: a phone call
 *  becomes a ticket and is worked to a satisfaction score; SLA clocks on the
 *  business calendar escalate and auto-close through the scheduler; the survey
 *  import is all or nothing; related actions reach the officer's queue; who sees
 *  what (agents masked only, officers their branch, managers all). Every flow ends
 *  with the tables equal to a rebuild from the log. */
import { startApp, type TestApp } from '../support/app';
import { createProduct, registerCustomer } from '../support/lending';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareTable, verifyRebuild } from '../../src/main/events/rebuild';
import { canonicalEvents, type StoredEvent } from '../../src/main/events/store';
import { applyEvent, PROJECTION_TABLES } from '../../src/main/projectors/index';
import { openDatabase } from '../../src/main/db/connection';

let t: TestApp;
afterEach(() => t?.cleanup());

const USERS = ['admin', 'manager', 'officer', 'officer2', 'agent', 'auditor'];

/** The demo company opened on `isoInstant`, everyone logged in. */
async function company(isoInstant = '2026-03-02T02:00:00Z'): Promise<TestApp> {
  const app = await startApp();
  app.travel(isoInstant);
  await app.call('setup.createDemo', {});
  for (const u of USERS) await app.call('auth.login', { username: u, password: 'demo1234' }, u);
  return app;
}

/** Moves the clock with everyone still active (no idle lock). */
function at(t: TestApp, beijing: string): void {
  t.travel(new Date(`${beijing}+08:00`).toISOString());
}

function expectRebuildEqual(t: TestApp): void {
  const report = verifyRebuild(t.app.db());
  const differing = Object.entries(report.tables)
    .filter(([, c]) => c.differences > 0)
    .map(([name, c]) => `${name}: ${c.examples.map((e) => `${e.key} ${e.side}`).join(', ')}`);
  expect(differing).toEqual([]);
}

/** A customer of HQ with a disbursed loan (automatic approval under the limit). */
async function customerWithLoan(t: TestApp, amountFen = 6_000_00) {
  const productId = await createProduct(t, 'admin', {}, `P${Math.floor(Math.random() * 1e6)}`);
  const customerId = await registerCustomer(t, 'officer', { name: '张小明', phone: '13912345678' });
  const app = await t.call(
    'applications.submit',
    { customerId, productId, amountFen, periods: 6, purpose: '装修 home repairs' },
    'officer',
  );
  const loanId = app.loanId!;
  const { loan } = await t.call('loans.get', { loanId }, 'officer');
  await t.call('loans.disburse', { loanId, expectedVersion: loan.version, channel: 'bank' }, 'officer2');
  return { customerId, loanId, loanNumber: loan.number };
}

async function idOf(t: TestApp, username: string): Promise<string> {
  const { users } = await t.call('tickets.colleagues', {}, 'manager');
  return users.find(
    (u) =>
      u.displayName ===
      (username === 'agent'
        ? '陈客服'
        : username === 'officer'
          ? '李信贷'
          : username === 'officer2'
            ? '赵信贷'
            : '王经理'),
  )!.id;
}

describe('tickets', () => {
  it('a phone call becomes a ticket, linked, answered with a canned reply, set pending, resolved and scored', async () => {
    t = await company();
    const { customerId, loanId, loanNumber } = await customerWithLoan(t);
    at(t, '2026-03-02T10:30:00');
    // The agent finds the customer by the last four digits of the phone.
    const found = await t.call('tickets.lookup', { search: '5678' }, 'agent');
    expect(found).toHaveLength(1);
    expect(found[0]!.customer.phoneMasked).toBe('139****5678');
    expect(found[0]!.loans.map((l) => l.number)).toEqual([loanNumber]);
    const agentId = await idOf(t, 'agent');
    const { id, number } = await t.call(
      'tickets.create',
      {
        channel: 'phone',
        category: 'repaymentQuestion',
        priority: 'normal',
        subject: '询问下期还款金额',
        description: '客户来电询问下期应还多少、哪天还。',
        loanId,
        assigneeId: agentId,
      },
      'agent',
    );
    expect(number).toBe('T000001');
    let detail = await t.call('tickets.get', { ticketId: id }, 'agent');
    expect(detail.ticket).toMatchObject({ status: 'open', customerId, loanId, team: 'CS', assigneeName: '陈客服' });
    // On the phone the customer is answered at once: the first response is met.
    expect(detail.ticket.firstResponse).toMatchObject({ state: 'stopped', breached: false, elapsedMs: 0 });
    expect(detail.ticket.resolution.state).toBe('running');

    const canned = await t.call('tickets.fillCanned', { ticketId: id, code: 'due-reminder' }, 'agent');
    expect(canned.missing).toEqual([]);
    expect(canned.text).toContain(`张小明，您好！您的贷款 ${loanNumber} 当前应还 ¥`);
    expect(canned.text).toMatch(/下一还款日为 2026-04-02/);
    await t.call(
      'tickets.addMessage',
      { ticketId: id, kind: 'reply', body: canned.text, cannedCode: 'due-reminder' },
      'agent',
    );
    detail = await t.call('tickets.get', { ticketId: id }, 'agent');
    await t.call(
      'tickets.setStatus',
      { ticketId: id, expectedVersion: detail.ticket.version, status: 'pending' },
      'agent',
    );
    at(t, '2026-03-05T10:30:00');
    detail = await t.call('tickets.get', { ticketId: id }, 'agent');
    expect(detail.ticket.resolution).toMatchObject({ state: 'paused', dueAt: null });
    const pausedElapsed = detail.ticket.resolution.elapsedMs;
    at(t, '2026-03-06T10:30:00');
    expect((await t.call('tickets.get', { ticketId: id }, 'agent')).ticket.resolution.elapsedMs).toBe(pausedElapsed);
    // The customer calls back: a customer message takes the ticket back to open.
    await t.call('tickets.addMessage', { ticketId: id, kind: 'customer', body: '我已经知道了，谢谢。' }, 'agent');
    detail = await t.call('tickets.get', { ticketId: id }, 'agent');
    expect(detail.ticket.status).toBe('open');
    expect((await t.fail('tickets.recordSatisfaction', { ticketId: id, score: 5 }, 'agent')).code).toBe(
      'TICKET_NOT_RESOLVED',
    );
    await t.call(
      'tickets.resolve',
      {
        ticketId: id,
        expectedVersion: detail.ticket.version,
        note: '已告知还款日和金额。',
        rootCause: 'customerMisunderstanding',
      },
      'agent',
    );
    expect(
      (
        await t.fail(
          'tickets.resolve',
          { ticketId: id, expectedVersion: detail.ticket.version, note: 'again' },
          'agent',
        )
      ).code,
    ).toBe('TICKET_TRANSITION_INVALID');
    await t.call('tickets.recordSatisfaction', { ticketId: id, score: 5, comment: '很满意' }, 'agent');
    detail = await t.call('tickets.get', { ticketId: id }, 'agent');
    expect(detail.ticket).toMatchObject({ status: 'resolved', rootCause: 'customerMisunderstanding' });
    expect(detail.ticket.resolution).toMatchObject({ state: 'stopped', breached: false });
    expect(detail.feedback.map((f) => [f.score, f.comment, f.source])).toEqual([[5, '很满意', 'agent']]);
    expect(detail.messages.map((m) => m.kind)).toEqual(['reply', 'customer']);
    expect(detail.events.map((e) => e.type)).toEqual([
      'TicketOpened',
      'TicketStatusChanged',
      'TicketStatusChanged',
      'TicketStatusChanged',
      'TicketResolved',
    ]);
    expectRebuildEqual(t);
  });

  it('runs SLA clocks on the business calendar: holidays and make-up days, escalation to the lead, auto-close', async () => {
    t = await company('2026-02-13T01:00:00Z');
    at(t, '2026-02-13T17:00:00'); // Friday, the last working day before the Spring Festival week
    const { id } = await t.call(
      'tickets.create',
      { channel: 'chat', category: 'other', priority: 'normal', subject: '网银问题', description: '无法登录网银' },
      'agent',
    );
    let d = (await t.call('tickets.get', { ticketId: id }, 'agent')).ticket;
    // 240 working minutes: one hour on Friday, three on Saturday 14 Feb (a make-up working day).
    expect(d.firstResponse.dueAt).toBe(new Date('2026-02-14T12:00:00+08:00').toISOString());
    expect(d.status).toBe('new');
    expect((await t.call('tickets.list', { queue: 'unassigned' }, 'agent')).total).toBe(1);
    expect((await t.call('tickets.list', { queue: 'breached' }, 'agent')).total).toBe(0);
    at(t, '2026-02-14T11:59:00');
    expect(t.app.runScheduler()).toEqual({ escalated: 0, closed: 0 });
    at(t, '2026-02-16T09:00:00'); // in the festival: the clock ran out on Saturday noon
    expect((await t.call('tickets.list', { queue: 'breached' }, 'agent')).rows.map((r) => r.id)).toEqual([id]);
    expect(t.app.runScheduler()).toEqual({ escalated: 1, closed: 0 });
    expect(t.app.runScheduler()).toEqual({ escalated: 0, closed: 0 });
    const managerQueue = await t.call('tickets.list', { queue: 'escalated' }, 'manager');
    expect(managerQueue.rows.map((r) => [r.id, r.escalated])).toEqual([[id, true]]);
    d = (await t.call('tickets.get', { ticketId: id }, 'agent')).ticket;
    expect(d.firstResponse).toMatchObject({
      breached: true,
      breachedAt: new Date('2026-02-14T12:00:00+08:00').toISOString(),
    });
    expect(d.escalatedTo).toBe(await idOf(t, 'manager'));
    // The reply comes on the first working day after the festival.
    at(t, '2026-02-24T09:30:00');
    await t.call(
      'tickets.addMessage',
      { ticketId: id, kind: 'reply', body: '您好，请清除浏览器缓存后再试。' },
      'agent',
    );
    d = (await t.call('tickets.get', { ticketId: id }, 'agent')).ticket;
    expect(d.firstResponse).toMatchObject({ state: 'stopped', breached: true });
    await t.call('tickets.resolve', { ticketId: id, expectedVersion: d.version, note: '客户确认可以登录' }, 'agent');
    at(t, '2026-03-03T09:29:00');
    expect(t.app.runScheduler().closed).toBe(0);
    at(t, '2026-03-03T09:31:00');
    expect(t.app.runScheduler().closed).toBe(1);
    d = (await t.call('tickets.get', { ticketId: id }, 'agent')).ticket;
    expect(d).toMatchObject({ status: 'closed', autoClosed: true });
    expect(
      (await t.fail('tickets.addMessage', { ticketId: id, kind: 'customer', body: '又不行了' }, 'agent')).code,
    ).toBe('TICKET_CLOSED');
    expectRebuildEqual(t);
  });

  it('moves running clocks when the business calendar changes', async () => {
    t = await company('2026-03-02T01:00:00Z');
    at(t, '2026-03-06T17:00:00'); // Friday
    const { id } = await t.call(
      'tickets.create',
      { channel: 'email', category: 'accountChange', priority: 'high', subject: '变更手机号', description: '请变更' },
      'agent',
    );
    const before = (await t.call('tickets.get', { ticketId: id }, 'agent')).ticket;
    // 60 working minutes: Friday 17:00 → 18:00.
    expect(before.firstResponse.dueAt).toBe(new Date('2026-03-06T18:00:00+08:00').toISOString());
    const settings = await t.call('settings.get', {}, 'admin');
    await t.call(
      'settings.update',
      { section: 'calendar', value: { ...settings.calendar, hours: [{ start: '09:00', end: '17:30' }] } },
      'admin',
    );
    const after = (await t.call('tickets.get', { ticketId: id }, 'agent')).ticket;
    // Now 30 minutes on Friday, the rest on Monday morning.
    expect(after.firstResponse.dueAt).toBe(new Date('2026-03-09T09:30:00+08:00').toISOString());
    expect(
      (
        await t.fail(
          'settings.update',
          { section: 'calendar', value: { ...settings.calendar, hours: [{ start: '13:00', end: '12:00' }] } },
          'admin',
        )
      ).code,
    ).toBe('INPUT_INVALID');
    expectRebuildEqual(t);
  });

  it('shows agents masked data only, officers their branch, managers every branch', async () => {
    t = await company();
    const { customerId, loanId } = await customerWithLoan(t);
    const { id } = await t.call(
      'tickets.create',
      { channel: 'counter', category: 'complaint', subject: '柜台投诉', description: '等候时间太长', customerId },
      'officer',
    );
    // The agent's panel carries no clear identifier.
    const panel = await t.call('tickets.customerPanel', { customerId }, 'agent');
    expect(JSON.stringify(panel)).not.toContain('13912345678');
    expect(panel.customer.phoneMasked).toBe('139****5678');
    expect(panel.loans.map((l) => l.id)).toEqual([loanId]);
    expect(panel.tickets.map((x) => x.id)).toEqual([id]);
    expect((await t.fail('customers.reveal', { customerId, fields: ['phone'] }, 'agent')).code).toBe(
      'PERMISSION_DENIED',
    );
    // Agents do not change loans or work collections.
    expect(
      (await t.fail('repayments.record', { loanId, amountFen: 100, valueDate: '2026-03-02', channel: 'cash' }, 'agent'))
        .code,
    ).toBe('PERMISSION_DENIED');
    expect((await t.fail('collections.logContact', { loanId, kind: 'call', outcome: 'reached' }, 'agent')).code).toBe(
      'PERMISSION_DENIED',
    );
    // The HQ officer sees the HQ ticket; the CY officer does not know it exists.
    expect((await t.call('tickets.list', {}, 'officer')).total).toBe(1);
    expect((await t.call('tickets.list', {}, 'officer2')).total).toBe(0);
    expect((await t.fail('tickets.get', { ticketId: id }, 'officer2')).code).toBe('TICKET_UNKNOWN');
    expect((await t.fail('tickets.addMessage', { ticketId: id, kind: 'note', body: 'x' }, 'officer2')).code).toBe(
      'TICKET_UNKNOWN',
    );
    expect((await t.call('tickets.list', {}, 'manager')).total).toBe(1);
    expect((await t.call('tickets.list', {}, 'agent')).total).toBe(1);
    expect((await t.fail('tickets.list', {}, 'auditor')).code).toBe('PERMISSION_DENIED');
    expect((await t.fail('tickets.stats', { fromMonth: '2026-03', toMonth: '2026-03' }, 'agent')).code).toBe(
      'PERMISSION_DENIED',
    );
    // An officer may take a ticket, not hand it to others; nobody hands it to someone who cannot see it.
    const d = (await t.call('tickets.get', { ticketId: id }, 'officer')).ticket;
    const officer2 = await idOf(t, 'officer2');
    expect(
      (await t.fail('tickets.assign', { ticketId: id, expectedVersion: d.version, assigneeId: officer2 }, 'officer'))
        .code,
    ).toBe('PERMISSION_DENIED');
    expect(
      (await t.fail('tickets.assign', { ticketId: id, expectedVersion: d.version, assigneeId: officer2 }, 'manager'))
        .code,
    ).toBe('ASSIGNEE_INVALID');
    expect((await t.fail('tickets.bulkAssign', { ticketIds: [id], assigneeId: null }, 'officer')).code).toBe(
      'PERMISSION_DENIED',
    );
    const officerId = await idOf(t, 'officer');
    await t.call('tickets.assign', { ticketId: id, expectedVersion: d.version, assigneeId: officerId }, 'officer');
    expect(
      (await t.fail('tickets.assign', { ticketId: id, expectedVersion: d.version, assigneeId: null }, 'manager')).code,
    ).toBe('VERSION_CONFLICT');
    expect((await t.call('tickets.list', { queue: 'mine' }, 'officer')).rows.map((r) => r.id)).toEqual([id]);
    // A mention puts the ticket in the colleague's queue.
    await t.call(
      'tickets.addMessage',
      { ticketId: id, kind: 'note', body: '@王经理 请看一下', mentions: [await idOf(t, 'manager')] },
      'officer',
    );
    expect((await t.call('tickets.list', { queue: 'mentions' }, 'manager')).total).toBe(1);
    expect(
      (await t.fail('tickets.addMessage', { ticketId: id, kind: 'note', body: 'x', mentions: [officer2] }, 'officer'))
        .code,
    ).toBe('MENTION_INVALID');
    expectRebuildEqual(t);
  });

  it('bulk-assigns, links a loan to its customer and refuses a loan of another customer', async () => {
    t = await company();
    const { customerId, loanId } = await customerWithLoan(t);
    const other = await registerCustomer(t, 'officer', { name: '李四' });
    expect(
      (
        await t.fail(
          'tickets.create',
          { channel: 'email', category: 'dispute', subject: 's', description: 'd', customerId: other, loanId },
          'agent',
        )
      ).code,
    ).toBe('TICKET_LOAN_CUSTOMER_MISMATCH');
    const ids: string[] = [];
    for (const subject of ['一', '二', '三'])
      ids.push(
        (
          await t.call(
            'tickets.create',
            { channel: 'email', category: 'other', subject, description: '…', loanId },
            'agent',
          )
        ).id,
      );
    expect((await t.call('tickets.get', { ticketId: ids[0]! }, 'agent')).ticket.customerId).toBe(customerId);
    const agentId = await idOf(t, 'agent');
    expect(await t.call('tickets.bulkAssign', { ticketIds: ids, assigneeId: agentId }, 'manager')).toEqual({
      assigned: 3,
    });
    const mine = await t.call('tickets.list', { queue: 'mine' }, 'agent');
    expect(mine.rows.map((r) => r.status)).toEqual(['open', 'open', 'open']);
    expect((await t.call('tickets.list', { queue: 'all', search: '二' }, 'agent')).total).toBe(1);
    expectRebuildEqual(t);
  });

  it('imports a satisfaction survey whole or not at all, and reports it per team and month', async () => {
    t = await company();
    const make = async (subject: string) => {
      const { id, number } = await t.call(
        'tickets.create',
        { channel: 'email', category: 'complaint', subject, description: '…' },
        'agent',
      );
      const d = (await t.call('tickets.get', { ticketId: id }, 'agent')).ticket;
      return { id, number, version: d.version };
    };
    const a = await make('一');
    const b = await make('二');
    const c = await make('三');
    for (const x of [a, b])
      await t.call(
        'tickets.resolve',
        { ticketId: x.id, expectedVersion: x.version, note: '已处理', rootCause: 'processDelay' },
        'agent',
      );
    const csv = (rows: string[]) => Buffer.from(['工单号,满意度,评价', ...rows].join('\r\n')).toString('base64');
    const bad = await t.call(
      'tickets.importSatisfaction',
      {
        fileName: 'survey.csv',
        contentBase64: csv([`${a.number},5,好`, `${b.number},6,`, `${c.number},4,`, 'T999999,3,']),
      },
      'agent',
    );
    expect(bad).toMatchObject({ total: 4, failed: 3, imported: 0 });
    expect(bad.rows.map((r) => r.errors.map((e) => e.code))).toEqual([
      [],
      ['SATISFACTION_SCORE_INVALID'],
      ['TICKET_NOT_RESOLVED'],
      ['TICKET_UNKNOWN'],
    ]);
    expect((await t.call('tickets.get', { ticketId: a.id }, 'agent')).feedback).toEqual([]);
    const good = await t.call(
      'tickets.importSatisfaction',
      { fileName: 'survey.csv', contentBase64: csv([`${a.number},5,很好`, `${b.number},2,太慢`]) },
      'agent',
    );
    expect(good).toMatchObject({ total: 2, failed: 0, imported: 2 });
    const stats = await t.call('tickets.stats', { fromMonth: '2026-03', toMonth: '2026-03' }, 'manager');
    expect(stats.figures).toEqual([
      expect.objectContaining({
        team: 'CS',
        month: '2026-03',
        tickets: 3,
        scored: 2,
        averageScore: 3.5,
        complaints: 3,
        rootCauses: { processDelay: 2 },
        resolutionAttainment: 100,
      }),
    ]);
    expectRebuildEqual(t);
  });

  it('starts a hardship review from a ticket that lands in the loan officer’s queue', async () => {
    t = await company();
    const { loanId } = await customerWithLoan(t);
    const { id } = await t.call(
      'tickets.create',
      {
        channel: 'phone',
        category: 'hardship',
        subject: '失业申请延期',
        description: '客户失业，申请延期还款',
        loanId,
      },
      'agent',
    );
    await t.call('tickets.requestAction', { ticketId: id, kind: 'hardshipReview', note: '请评估延期方案' }, 'agent');
    const officerQueue = await t.call('tickets.actions', {}, 'officer');
    expect(officerQueue.map((a) => [a.kind, a.status, a.mine])).toEqual([['hardshipReview', 'open', true]]);
    expect(await t.call('tickets.actions', {}, 'officer2')).toEqual([]);
    const action = officerQueue[0]!;
    expect(
      (
        await t.fail(
          'tickets.completeAction',
          { actionId: action.id, expectedVersion: action.version, outcome: 'x' },
          'officer2',
        )
      ).code,
    ).toBe('TICKET_ACTION_UNKNOWN');
    expect(
      (
        await t.fail(
          'tickets.completeAction',
          { actionId: action.id, expectedVersion: action.version, outcome: 'x' },
          'agent',
        )
      ).code,
    ).toBe('TICKET_ACTION_UNKNOWN');
    await t.call(
      'tickets.completeAction',
      { actionId: action.id, expectedVersion: action.version, outcome: '同意延期一期' },
      'officer',
    );
    const detail = await t.call('tickets.get', { ticketId: id }, 'agent');
    expect(detail.actions.map((a) => [a.status, a.outcome])).toEqual([['done', '同意延期一期']]);
    const noLoan = await t.call(
      'tickets.create',
      { channel: 'chat', category: 'other', subject: 's', description: 'd' },
      'agent',
    );
    expect(
      (await t.fail('tickets.requestAction', { ticketId: noLoan.id, kind: 'disputeX' as never, note: 'n' }, 'agent'))
        .code,
    ).toBe('INPUT_INVALID');
    expect(
      (await t.fail('tickets.requestAction', { ticketId: noLoan.id, kind: 'postedAmountDispute', note: 'n' }, 'agent'))
        .code,
    ).toBe('TICKET_NO_LOAN');
    expectRebuildEqual(t);
  });

  it('keeps attachments in the encrypted store with size and type limits', async () => {
    t = await company();
    const { id } = await t.call(
      'tickets.create',
      { channel: 'email', category: 'other', subject: 's', description: 'd' },
      'agent',
    );
    const content = Buffer.from('转账截图').toString('base64');
    const { id: attachmentId } = await t.call(
      'tickets.attach',
      { ticketId: id, fileName: 'receipt.txt', mime: 'text/plain', contentBase64: content },
      'agent',
    );
    const file = await t.call('tickets.downloadAttachment', { attachmentId }, 'agent');
    expect(Buffer.from(file.base64, 'base64').toString()).toBe('转账截图');
    expect(
      (
        await t.fail(
          'tickets.attach',
          { ticketId: id, fileName: 'x.exe', mime: 'application/x-msdownload', contentBase64: content },
          'agent',
        )
      ).code,
    ).toBe('INPUT_INVALID');
    expect((await t.fail('tickets.downloadAttachment', { attachmentId }, 'officer2')).code).toBe('TICKET_UNKNOWN');
    expectRebuildEqual(t);
  });
});

describe('collections', () => {
  it('lists loans past due, records a promise to pay, and a broken promise raises the loan', async () => {
    t = await company('2026-01-12T02:00:00Z');
    const small = await customerWithLoan(t, 3_000_00);
    const large = await customerWithLoan(t, 9_000_00);
    // First installments fell due on 12 Feb; nothing was paid.
    at(t, '2026-03-02T10:00:00');
    let list = await t.call('collections.list', {}, 'officer');
    expect(list.rows.map((r) => r.loanId)).toEqual([large.loanId, small.loanId]);
    expect(list.rows[0]).toMatchObject({ dpd: 18, nextAction: { code: 'firstContact' } });
    expect(list.rows[0]!.amountDueFen).toBeGreaterThan(list.rows[1]!.amountDueFen);
    expect((await t.call('collections.list', {}, 'officer2')).total).toBe(0);
    expect((await t.call('collections.list', {}, 'manager')).total).toBe(2);
    expect((await t.fail('collections.get', { loanId: small.loanId }, 'officer2')).code).toBe('LOAN_UNKNOWN');

    const due = list.rows[1]!.amountDueFen;
    await t.call(
      'collections.logContact',
      {
        loanId: small.loanId,
        kind: 'call',
        outcome: 'promised',
        note: '答应周四还清逾期',
        promise: { amountFen: due, promisedDate: '2026-03-05' },
      },
      'officer',
    );
    await t.call(
      'collections.logContact',
      {
        loanId: large.loanId,
        kind: 'call',
        outcome: 'promised',
        promise: { amountFen: 100_00, promisedDate: '2026-03-04' },
      },
      'officer',
    );
    expect(
      (
        await t.fail(
          'collections.logContact',
          {
            loanId: small.loanId,
            kind: 'call',
            outcome: 'promised',
            promise: { amountFen: 100, promisedDate: '2026-03-01' },
          },
          'officer',
        )
      ).code,
    ).toBe('PROMISE_DATE_PAST');
    list = await t.call('collections.list', {}, 'officer');
    expect(list.rows.map((r) => r.promise?.status)).toEqual(['pending', 'pending']);
    // The large loan's customer pays what they promised; the small loan's does not.
    at(t, '2026-03-04T10:00:00');
    await t.call(
      'repayments.record',
      { loanId: large.loanId, amountFen: 100_00, valueDate: '2026-03-04', channel: 'bank' },
      'officer',
    );
    at(t, '2026-03-06T10:00:00');
    list = await t.call('collections.list', {}, 'officer');
    expect(list.rows.map((r) => [r.loanId, r.promise?.status, r.raised])).toEqual([
      [small.loanId, 'broken', true],
      [large.loanId, 'kept', false],
    ]);
    expect(list.rows[0]!.nextAction).toEqual({ code: 'followUpBrokenPromise', date: '2026-03-05' });
    const stats = await t.call('collections.promiseStats', { from: '2026-03-01', to: '2026-03-31' }, 'manager');
    expect(stats.rows).toEqual([
      expect.objectContaining({ officerName: '李信贷', made: 2, kept: 1, broken: 1, keptShare: 50 }),
    ]);
    const detail = await t.call('collections.get', { loanId: small.loanId }, 'officer');
    expect(detail.contacts.map((c) => [c.kind, c.outcome, c.note])).toEqual([['call', 'promised', '答应周四还清逾期']]);
    expect(detail.promises.map((p) => p.status)).toEqual(['broken']);
    // The contact log is part of the loan's history.
    const loan = await t.call('loans.get', { loanId: small.loanId }, 'officer');
    expect(loan.events.map((e) => e.type)).toContain('PromiseToPayMade');
    expectRebuildEqual(t);
  });
});

describe('commuting ticket and collection facts', () => {
  it('give identical tables in any arrival order (replies from two devices, notes, files, scores, contacts, promises)', async () => {
    t = await company('2026-01-12T02:00:00Z');
    const { loanId } = await customerWithLoan(t);
    const agentId = await idOf(t, 'agent');
    const a = await t.call(
      'tickets.create',
      { channel: 'email', category: 'dispute', subject: '多扣款', description: '…', loanId, assigneeId: agentId },
      'agent',
    );
    const b = await t.call(
      'tickets.create',
      { channel: 'chat', category: 'other', subject: '咨询', description: '…', assigneeId: agentId },
      'agent',
    );
    const bv = (await t.call('tickets.get', { ticketId: b.id }, 'agent')).ticket.version;
    await t.call('tickets.resolve', { ticketId: b.id, expectedVersion: bv, note: '已答复' }, 'agent');
    at(t, '2026-03-02T10:00:00');
    const before = [...canonicalEvents(t.app.db())].flat().length;
    await t.call('tickets.addMessage', { ticketId: a.id, kind: 'reply', body: '第一次回复' }, 'agent');
    t.clock.advanceMinutes(7);
    await t.call(
      'tickets.addMessage',
      { ticketId: a.id, kind: 'note', body: '内部备注', mentions: [await idOf(t, 'manager')] },
      'agent',
    );
    t.clock.advanceMinutes(5);
    await t.call('tickets.addMessage', { ticketId: a.id, kind: 'reply', body: '第二次回复' }, 'officer');
    await t.call(
      'tickets.attach',
      { ticketId: a.id, fileName: 'a.txt', mime: 'text/plain', contentBase64: Buffer.from('a').toString('base64') },
      'agent',
    );
    await t.call('tickets.recordSatisfaction', { ticketId: b.id, score: 3 }, 'agent');
    t.clock.advanceMinutes(1);
    await t.call('tickets.recordSatisfaction', { ticketId: b.id, score: 4 }, 'agent');
    await t.call(
      'collections.logContact',
      { loanId, kind: 'call', outcome: 'promised', promise: { amountFen: 100_00, promisedDate: '2026-03-05' } },
      'officer',
    );
    const all = [...canonicalEvents(t.app.db())].flat();
    const prefix = all.slice(0, before);
    const facts = all.slice(before);
    expect(facts.map((e) => e.kind)).toEqual(Array(facts.length).fill('fact'));
    expect(facts).toHaveLength(8);
    const orders: StoredEvent[][] = [
      [...facts].reverse(),
      [facts[2]!, facts[5]!, facts[0]!, facts[7]!, facts[4]!, facts[1]!, facts[6]!, facts[3]!],
    ];
    for (const order of orders) {
      const dir = mkdtempSync(join(tmpdir(), 'loandesk-order-'));
      const db = openDatabase(join(dir, 'order.db'), randomBytes(32), { mustExist: false });
      try {
        db.transaction(() => {
          for (const e of [...prefix, ...order]) applyEvent(db, e);
        });
        for (const table of PROJECTION_TABLES)
          expect({ table: table.name, ...compareTable(t.app.db(), db, table) }).toMatchObject({
            table: table.name,
            differences: 0,
          });
      } finally {
        db.$client.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    // The first reply (weeks late) stopped the first-response clock, whichever arrived first.
    const d = (await t.call('tickets.get', { ticketId: a.id }, 'agent')).ticket;
    expect(d.firstResponse).toMatchObject({ state: 'stopped', breached: true });
    expect(d.firstResponse.elapsedMs).toBe(d.firstResponse.targetMs - d.firstResponse.remainingMs);
  });
});
