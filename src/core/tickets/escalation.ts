/** Escalation and teams: when a clock runs out the ticket goes to its team's lead
 *  (once per clock); "my team's" queue is the teams a user leads or belongs to. The
 *  scheduler of the main process asks these rules, then records the events. */
import type { ClockState } from './sla';
import type { TicketStatus } from './status';

export interface Team {
  code: string;
  name: string;
  leadId: string | null;
  memberIds: readonly string[];
}

export function teamsOfUser(teams: readonly Team[], userId: string): string[] {
  return teams.filter((t) => t.leadId === userId || t.memberIds.includes(userId)).map((t) => t.code);
}

export function escalationTarget(teams: readonly Team[], teamCode: string | null): string | null {
  return teams.find((t) => t.code === teamCode)?.leadId ?? null;
}

export interface ClockColumns {
  state: ClockState;
  dueAt: string | null;
  breachedAt: string | null;
  escalatedAt: string | null;
}

/** A clock to escalate now: it ran out (while running, or before a pause), it has
 *  not been escalated, and the ticket still waits for it. */
export function mustEscalate(status: TicketStatus, clock: ClockColumns, now: string): boolean {
  if (status === 'resolved' || status === 'closed' || clock.escalatedAt !== null || clock.state === 'stopped')
    return false;
  if (clock.breachedAt !== null) return true;
  return clock.state === 'running' && clock.dueAt !== null && clock.dueAt <= now;
}
