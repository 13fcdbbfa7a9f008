/** The ticket scheduler: derived work the main process decides on a timer while
 *  the app runs and after each end of day, recorded as explicit transitions so the
 *  projector stays a function of the log: a clock that ran out is escalated to the
 *  team's lead (TicketEscalated, once per clock), and a ticket resolved for the
 *  configured number of days is closed (TicketClosed, auto). */
import type { LocalDb } from '../../db/connection';
import { draft, emit } from '../../events/store';
import { appendAudit } from '../../security/audit';
import { escalationTarget, mustEscalate } from '../../../core/tickets/escalation';
import { autoCloseDue, type TicketStatus } from '../../../core/tickets/status';
import type { ClockState } from '../../../core/tickets/sla';
import { readSettings } from '../settings/store';
import { currentBusinessDate } from '../eod/businessDate';

/** Tickets handled per run; the next run takes the rest. */
export const SCHEDULER_BATCH = 500;

interface Candidate {
  id: string;
  status: TicketStatus;
  branchId: string | null;
  team: string | null;
  version: number;
  resolvedAt: string | null;
  frState: ClockState;
  frDueAt: string | null;
  frBreachedAt: string | null;
  frEscalatedAt: string | null;
  resState: ClockState;
  resDueAt: string | null;
  resBreachedAt: string | null;
  resEscalatedAt: string | null;
}

export interface SchedulerResult {
  escalated: number;
  closed: number;
}

export function runTicketScheduler(db: LocalDb, now: Date, deviceId: string): SchedulerResult {
  const at = now.toISOString();
  const settings = readSettings(db);
  const closeBefore = new Date(now.getTime() - settings.service.autoCloseDays * 86_400_000).toISOString();
  const candidates = db.$client
    .prepare(
      `SELECT id, status, branch_id AS branchId, team, version, resolved_at AS resolvedAt,
              fr_state AS frState, fr_due_at AS frDueAt, fr_breached_at AS frBreachedAt, fr_escalated_at AS frEscalatedAt,
              res_state AS resState, res_due_at AS resDueAt, res_breached_at AS resBreachedAt, res_escalated_at AS resEscalatedAt
       FROM tickets
       WHERE (status IN ('new', 'open', 'pending') AND (
                (fr_escalated_at IS NULL AND fr_state <> 'stopped'
                  AND (fr_breached_at IS NOT NULL OR (fr_state = 'running' AND fr_due_at <= ?)))
             OR (res_escalated_at IS NULL AND res_state <> 'stopped'
                  AND (res_breached_at IS NOT NULL OR (res_state = 'running' AND res_due_at <= ?)))))
          OR (status = 'resolved' AND resolved_at <= ?)
       ORDER BY id LIMIT ?`,
    )
    .all(at, at, closeBefore, SCHEDULER_BATCH) as Candidate[];
  const result: SchedulerResult = { escalated: 0, closed: 0 };
  if (candidates.length === 0) return result;
  db.transaction(() => {
    for (const t of candidates) {
      const meta = {
        actorId: null,
        deviceId,
        branchId: t.branchId,
        occurredAt: at,
        businessDate: currentBusinessDate(db, now, t.branchId),
      };
      if (t.status === 'resolved') {
        if (t.resolvedAt && autoCloseDue(Date.parse(t.resolvedAt), now.getTime(), settings.service.autoCloseDays)) {
          emit(db, meta, [draft('TicketClosed', t.id, { auto: true }, t.version)]);
          result.closed++;
        }
        continue;
      }
      const escalatedTo = escalationTarget(settings.service.teams, t.team);
      const clocks = [
        [
          'firstResponse',
          { state: t.frState, dueAt: t.frDueAt, breachedAt: t.frBreachedAt, escalatedAt: t.frEscalatedAt },
        ],
        [
          'resolution',
          { state: t.resState, dueAt: t.resDueAt, breachedAt: t.resBreachedAt, escalatedAt: t.resEscalatedAt },
        ],
      ] as const;
      for (const [clock, columns] of clocks) {
        if (!mustEscalate(t.status, columns, at)) continue;
        emit(db, meta, [
          draft('TicketEscalated', t.id, { clock, escalatedTo, dueAt: columns.breachedAt ?? columns.dueAt! }),
        ]);
        result.escalated++;
      }
    }
    if (result.escalated + result.closed > 0)
      appendAudit(db, {
        userId: null,
        username: null,
        deviceId,
        action: 'tickets.scheduler',
        summary: { ...result },
        outcome: 'ok',
        at,
      });
  });
  return result;
}
