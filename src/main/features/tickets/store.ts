/** What the ticket handlers read: a ticket within the caller's scope, the branch a
 *  ticket belongs to, checks on the people it names (assignee, mentions), the live
 *  view of its clocks, and the masked customer panel. Reads only; every change goes
 *  through events. */
import type { Ctx, Session } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { tickets } from '../../db/schema';
import { DomainError } from '../../../core/errors';
import { can, isRole } from '../../../core/auth/permissions';
import { inScope, ticketScope, type BranchScope } from '../../../core/tickets/access';
import { teamsOfUser } from '../../../core/tickets/escalation';
import type { BusinessCalendar } from '../../../core/tickets/calendar';
import type { SlaClock } from '../../../core/tickets/sla';
import { maskPhone, maskResidentId } from '../../../core/validation/identity';
import { readSettings } from '../settings/store';
import { businessCalendarOf, clocksOf } from '../../projectors/tickets';
import { getLoanRow } from '../../projectors/loans';
import { eq } from 'drizzle-orm';

export type TicketRow = typeof tickets.$inferSelect;

export function scopeOf(session: Session): BranchScope {
  return ticketScope(session.role, session.branchId);
}

/** `AND …` restricting a query on `alias` (tickets) to the scope, with its values. */
export function scopeSql(scope: BranchScope, alias = 't'): { sql: string; params: Array<string | null> } {
  if (scope.kind === 'all') return { sql: '', params: [] };
  if (scope.kind === 'none') return { sql: ' AND 0', params: [] };
  return { sql: ` AND ${alias}.branch_id = ?`, params: [scope.branchId] };
}

export function findTicket(db: LocalDb, id: string): TicketRow | undefined {
  return db.select().from(tickets).where(eq(tickets.id, id)).get();
}

/** The ticket, if it exists and the caller may see it; TICKET_UNKNOWN otherwise
 *  (a ticket outside the scope is not revealed to exist). */
export function requireTicket(ctx: Ctx, db: LocalDb, id: string): TicketRow {
  const row = findTicket(db, id);
  if (!row || !inScope(scopeOf(ctx.requireSession()), row.branchId))
    throw new DomainError('TICKET_UNKNOWN', { field: 'ticketId' });
  return row;
}

/** The version a transition on the ticket is decided on (VERSION_CONFLICT if stale). */
export function requireVersion(row: { version: number }, expected: number): void {
  if (row.version !== expected)
    throw new DomainError('VERSION_CONFLICT', { aggregate: 'ticket', expected, actual: row.version });
}

export interface Links {
  customerId: string | null;
  loanId: string | null;
  branchId: string | null;
}

/** Checks the customer and loan a ticket names (a loan brings its customer) and
 *  gives the branch the ticket belongs to: the loan's, else the customer's, else the
 *  opener's. */
export function resolveLinks(
  db: LocalDb,
  customerId: string | null,
  loanId: string | null,
  fallbackBranch: string | null,
): Links {
  let customer = customerId;
  let branch: string | null = null;
  if (loanId) {
    const loan = getLoanRow(db, loanId);
    if (!loan) throw new DomainError('LOAN_UNKNOWN', { field: 'loanId' });
    if (customer && customer !== loan.customerId)
      throw new DomainError('TICKET_LOAN_CUSTOMER_MISMATCH', { field: 'loanId' });
    customer = loan.customerId;
    branch = loan.branchId;
  }
  if (customer) {
    const row = db.$client.prepare('SELECT branch_id AS branchId FROM customers WHERE id = ?').get(customer) as
      { branchId: string | null } | undefined;
    if (!row) throw new DomainError('CUSTOMER_UNKNOWN', { field: 'customerId' });
    branch = branch ?? row.branchId;
  }
  return { customerId: customer, loanId, branchId: branch ?? fallbackBranch };
}

interface UserBrief {
  id: string;
  role: string;
  branchId: string | null;
  disabled: number;
}

/** A colleague who may work on a ticket of `branchId` (agents, officers of the
 *  branch, managers), or the code for the field naming them. */
export function requireWorker(db: LocalDb, userId: string, branchId: string | null, code: string, field: string): void {
  const u = db.$client
    .prepare('SELECT id, role, branch_id AS branchId, disabled FROM users WHERE id = ?')
    .get(userId) as UserBrief | undefined;
  if (
    !u ||
    u.disabled ||
    !isRole(u.role) ||
    !can(u.role, 'tickets.write') ||
    !inScope(ticketScope(u.role, u.branchId), branchId)
  )
    throw new DomainError(code, { field });
}

export function requireTeam(db: LocalDb, team: string | null): void {
  if (team !== null && !readSettings(db).service.teams.some((t) => t.code === team))
    throw new DomainError('TEAM_UNKNOWN', { field: 'team' });
}

export function myTeams(db: LocalDb, userId: string): string[] {
  return teamsOfUser(readSettings(db).service.teams, userId);
}

export interface ClockView extends SlaClock {
  escalatedAt: string | null;
}

/** The live clocks of a ticket (a running clock's elapsed time up to now). */
export function liveClocks(row: TicketRow, calendar: BusinessCalendar, now: string) {
  const c = clocksOf(row, calendar, now);
  return {
    firstResponse: { ...c.firstResponse, escalatedAt: row.frEscalatedAt } satisfies ClockView,
    resolution: { ...c.resolution, escalatedAt: row.resEscalatedAt } satisfies ClockView,
    breached: c.firstResponse.breached || c.resolution.breached,
  };
}

export { businessCalendarOf };

/** Masked identity of a customer for the service screens (never the clear values). */
export function customerBrief(db: LocalDb, customerId: string | null) {
  if (!customerId) return null;
  const c = db.$client
    .prepare(
      'SELECT id, number, name, kind, phone, resident_id AS residentId, credit_code AS creditCode, branch_id AS branchId FROM customers WHERE id = ?',
    )
    .get(customerId) as
    | {
        id: string;
        number: string;
        name: string;
        kind: string;
        phone: string | null;
        residentId: string | null;
        creditCode: string | null;
        branchId: string | null;
      }
    | undefined;
  if (!c) return null;
  return {
    id: c.id,
    number: c.number,
    name: c.name,
    kind: c.kind as 'person' | 'business',
    phoneMasked: c.phone ? maskPhone(c.phone) : null,
    residentIdMasked: c.residentId ? maskResidentId(c.residentId) : null,
    creditCode: c.creditCode,
    branchId: c.branchId,
  };
}

export function userNames(db: LocalDb): Map<string, string> {
  return new Map(
    (db.$client.prepare('SELECT id, display_name AS n FROM users').all() as Array<{ id: string; n: string }>).map(
      (u) => [u.id, u.n],
    ),
  );
}
