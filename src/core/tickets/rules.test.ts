import { DomainError } from '../errors';
import { fillTemplate, variablesOf, DEFAULT_CANNED_REPLIES } from './canned';
import { DEFAULT_SLA_RULES, hasCatchAll, policyFor } from './policy';
import { autoCloseDue, checkSatisfaction, checkTransition, statusAfterMessage, TICKET_STATUSES } from './status';
import { inScope, ticketScope, collectionsScope } from './access';
import { teamMonthFigures, type TicketFacts } from './stats';
import { escalationTarget, mustEscalate, teamsOfUser } from './escalation';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('ticket status', () => {
  it('allows the life cycle and nothing else', () => {
    expect(code(() => checkTransition('new', 'open'))).toBeNull();
    expect(code(() => checkTransition('open', 'pending'))).toBeNull();
    expect(code(() => checkTransition('pending', 'open'))).toBeNull();
    expect(code(() => checkTransition('pending', 'resolved'))).toBeNull();
    expect(code(() => checkTransition('resolved', 'open'))).toBeNull();
    expect(code(() => checkTransition('resolved', 'closed'))).toBeNull();
    expect(code(() => checkTransition('open', 'closed'))).toBe('TICKET_TRANSITION_INVALID');
    expect(code(() => checkTransition('open', 'new'))).toBe('TICKET_TRANSITION_INVALID');
    for (const to of TICKET_STATUSES) expect(code(() => checkTransition('closed', to))).toBe('TICKET_CLOSED');
  });

  it('opens a new ticket on the first reply and takes a waiting one back to open on a customer reply', () => {
    expect(statusAfterMessage('new', 'reply')).toBe('open');
    expect(statusAfterMessage('new', 'note')).toBeNull();
    expect(statusAfterMessage('new', 'customer')).toBeNull();
    expect(statusAfterMessage('pending', 'customer')).toBe('open');
    expect(statusAfterMessage('resolved', 'customer')).toBe('open');
    expect(statusAfterMessage('pending', 'reply')).toBeNull();
    expect(code(() => statusAfterMessage('closed', 'note'))).toBe('TICKET_CLOSED');
  });

  it('closes automatically after the configured days and takes satisfaction only after resolution', () => {
    const resolved = Date.parse('2026-03-02T10:00:00Z');
    expect(autoCloseDue(resolved, resolved + 7 * 86_400_000 - 1, 7)).toBe(false);
    expect(autoCloseDue(resolved, resolved + 7 * 86_400_000, 7)).toBe(true);
    expect(code(() => checkSatisfaction('open', 5))).toBe('TICKET_NOT_RESOLVED');
    expect(code(() => checkSatisfaction('resolved', 6))).toBe('SATISFACTION_SCORE_INVALID');
    expect(code(() => checkSatisfaction('closed', 1))).toBeNull();
  });
});

describe('SLA policies', () => {
  it('takes the first matching rule, and the defaults end in a catch-all', () => {
    expect(hasCatchAll(DEFAULT_SLA_RULES)).toBe(true);
    expect(policyFor(DEFAULT_SLA_RULES, 'complaint', 'urgent')).toEqual({
      firstResponseMinutes: 30,
      resolutionMinutes: 240,
      calendar: '24x7',
    });
    expect(policyFor(DEFAULT_SLA_RULES, 'complaint', 'normal').firstResponseMinutes).toBe(120);
    expect(policyFor(DEFAULT_SLA_RULES, 'other', 'low')).toMatchObject({
      firstResponseMinutes: 480,
      calendar: 'business',
    });
    expect(code(() => policyFor([], 'other', 'low'))).toBe('SLA_POLICY_MISSING');
  });
});

describe('canned replies', () => {
  it('fills the variables it has and leaves the others visible', () => {
    const body = DEFAULT_CANNED_REPLIES[0]!.body;
    expect(variablesOf(body)).toEqual(['customerName', 'loanNumber', 'amountDue', 'nextDueDate']);
    const filled = fillTemplate(body, { customerName: '张三', loanNumber: 'L000012', amountDue: '¥1,234.50' });
    expect(filled.text).toContain('张三，您好！您的贷款 L000012 当前应还 ¥1,234.50');
    expect(filled.text).toContain('{nextDueDate}');
    expect(filled.missing).toEqual(['nextDueDate']);
    expect(fillTemplate('{unknown} {customerName}', { customerName: '$& {loanNumber}' }).text).toBe(
      '{unknown} $& {loanNumber}',
    );
  });
});

describe('ticket scope', () => {
  it('lets agents and managers see every branch and officers their own', () => {
    expect(inScope(ticketScope('cs_agent', 'hq'), 'cy')).toBe(true);
    expect(inScope(ticketScope('manager', 'hq'), 'cy')).toBe(true);
    expect(inScope(ticketScope('loan_officer', 'hq'), 'hq')).toBe(true);
    expect(inScope(ticketScope('loan_officer', 'hq'), 'cy')).toBe(false);
    expect(inScope(ticketScope('loan_officer', null), null)).toBe(false);
    expect(inScope(ticketScope('auditor', 'hq'), 'hq')).toBe(false);
    expect(inScope(collectionsScope('cs_agent', 'hq'), 'hq')).toBe(false);
  });
});

describe('team figures', () => {
  it('counts attainment over measured clocks, satisfaction and root causes per team and month', () => {
    const row = (over: Partial<TicketFacts>): TicketFacts => ({
      team: 'CS',
      month: '2026-03',
      category: 'complaint',
      firstResponse: 'met',
      resolution: 'open',
      score: null,
      rootCause: null,
      ...over,
    });
    const figures = teamMonthFigures([
      row({ resolution: 'met', score: 5, rootCause: 'processDelay' }),
      row({ firstResponse: 'breached', resolution: 'breached', score: 2, rootCause: 'processDelay' }),
      row({ category: 'other' }),
      row({ team: 'COL', month: '2026-02', resolution: 'met', score: 4 }),
    ]);
    expect(figures.map((f) => `${f.month} ${f.team}`)).toEqual(['2026-02 COL', '2026-03 CS']);
    expect(figures[1]).toMatchObject({
      tickets: 3,
      firstResponseAttainment: 66.7,
      resolutionAttainment: 50,
      scored: 2,
      averageScore: 3.5,
      satisfiedShare: 50,
      rootCauses: { processDelay: 2 },
      complaints: 2,
    });
  });
});

describe('escalation', () => {
  const clock = { state: 'running' as const, dueAt: '2026-03-02T10:00:00.000Z', breachedAt: null, escalatedAt: null };
  it('escalates a clock once, when it ran out and the ticket still waits, to the team lead', () => {
    expect(mustEscalate('open', clock, '2026-03-02T09:59:59.999Z')).toBe(false);
    expect(mustEscalate('open', clock, '2026-03-02T10:00:00.000Z')).toBe(true);
    expect(
      mustEscalate('open', { ...clock, escalatedAt: '2026-03-02T10:00:01.000Z' }, '2026-03-03T00:00:00.000Z'),
    ).toBe(false);
    expect(mustEscalate('resolved', clock, '2026-03-03T00:00:00.000Z')).toBe(false);
    expect(mustEscalate('pending', { ...clock, state: 'paused', dueAt: null }, '2026-03-03T00:00:00.000Z')).toBe(false);
    expect(
      mustEscalate(
        'pending',
        { ...clock, state: 'paused', dueAt: null, breachedAt: clock.dueAt },
        '2026-03-03T00:00:00.000Z',
      ),
    ).toBe(true);
    const teams = [{ code: 'CS', name: '客服', leadId: 'lead', memberIds: ['a', 'b'] }];
    expect(escalationTarget(teams, 'CS')).toBe('lead');
    expect(escalationTarget(teams, null)).toBeNull();
    expect(teamsOfUser(teams, 'b')).toEqual(['CS']);
    expect(teamsOfUser(teams, 'lead')).toEqual(['CS']);
    expect(teamsOfUser(teams, 'x')).toEqual([]);
  });
});
