/** The ticket projector: the only writer of tickets, their messages, mentions,
 *  attachments, satisfaction scores and related actions. Each event writes what it
 *  says; the SLA clock columns are then recomputed by core `slaClocks` as of the
 *  ticket's own latest instant (its opening, status changes and first reply), never
 *  of the moment a device applies the event, so facts arriving in any order leave
 *  the same row. A running clock's elapsed time up to now is the reader's to add. */
import type { EventEnvelope } from '../../contract/events';
import type { LocalDb } from '../db/connection';
import { readSettings } from '../features/settings/store';
import type { BusinessCalendar } from '../../core/tickets/calendar';
import { slaClocks, type SlaClocks, type SlaPolicy, type TicketTimeline } from '../../core/tickets/sla';
import type { TicketStatus } from '../../core/tickets/status';

type Projector<T extends EventEnvelope['type']> = (db: LocalDb, e: EventEnvelope<T>) => void;

export interface TicketClockRow {
  id: string;
  createdAt: string;
  timelineJson: string;
  policyJson: string;
  firstResponseAt: string | null;
}

/** The business calendar of the organisation, in its time zone. */
export function businessCalendarOf(db: LocalDb): BusinessCalendar {
  const s = readSettings(db);
  return { timeZone: s.locale.timeZone, ...s.calendar };
}

export function timelineOf(row: TicketClockRow): TicketTimeline {
  return {
    openedAt: row.createdAt,
    changes: JSON.parse(row.timelineJson) as TicketTimeline['changes'],
    firstResponseAt: row.firstResponseAt,
  };
}

export function policyOf(row: Pick<TicketClockRow, 'policyJson'>): SlaPolicy {
  return JSON.parse(row.policyJson) as SlaPolicy;
}

/** The latest instant the ticket's history names: its clocks as of then are fixed. */
function historyEnd(t: TicketTimeline): string {
  let end = Date.parse(t.openedAt);
  for (const c of t.changes) end = Math.max(end, Date.parse(c.at));
  if (t.firstResponseAt) end = Math.max(end, Date.parse(t.firstResponseAt));
  return new Date(end).toISOString();
}

/** The ticket's clocks as of an instant (the readers' view of a running clock). */
export function clocksOf(row: TicketClockRow, calendar: BusinessCalendar, asOf: string): SlaClocks {
  const timeline = timelineOf(row);
  const end = historyEnd(timeline);
  return slaClocks(timeline, policyOf(row), calendar, asOf < end ? end : asOf);
}

const CLOCK_ROW =
  'SELECT id, created_at AS createdAt, timeline_json AS timelineJson, policy_json AS policyJson, first_response_at AS firstResponseAt FROM tickets WHERE id = ?';

/** Rewrites the clock columns of one ticket from its history. */
export function refreshTicketClocks(db: LocalDb, ticketId: string, calendar = businessCalendarOf(db)): void {
  const row = db.$client.prepare(CLOCK_ROW).get(ticketId) as TicketClockRow | undefined;
  if (!row) return;
  const timeline = timelineOf(row);
  const c = slaClocks(timeline, policyOf(row), calendar, historyEnd(timeline));
  db.$client
    .prepare(
      `UPDATE tickets SET fr_state = ?, fr_elapsed_ms = ?, fr_due_at = ?, fr_breached_at = ?,
         res_state = ?, res_elapsed_ms = ?, res_due_at = ?, res_breached_at = ? WHERE id = ?`,
    )
    .run(
      c.firstResponse.state,
      c.firstResponse.elapsedMs,
      c.firstResponse.dueAt,
      c.firstResponse.breachedAt,
      c.resolution.state,
      c.resolution.elapsedMs,
      c.resolution.dueAt,
      c.resolution.breachedAt,
      ticketId,
    );
}

/** After a change of the business calendar: every ticket not closed runs on the new one. */
export function refreshOpenTicketClocks(db: LocalDb): void {
  const calendar = businessCalendarOf(db);
  const ids = db.$client.prepare("SELECT id FROM tickets WHERE status <> 'closed' ORDER BY id").all() as Array<{
    id: string;
  }>;
  for (const { id } of ids) refreshTicketClocks(db, id, calendar);
}

function statusChange(db: LocalDb, e: EventEnvelope, status: TicketStatus, extra: Record<string, unknown>): void {
  const row = db.$client.prepare('SELECT status, timeline_json AS t FROM tickets WHERE id = ?').get(e.aggregateId) as
    { status: TicketStatus; t: string } | undefined;
  if (!row) throw new Error(`ticket ${e.aggregateId} missing`);
  const timeline = JSON.parse(row.t) as Array<{ at: string; status: TicketStatus }>;
  timeline.push({ at: e.occurredAt, status });
  const reopened = row.status === 'resolved' && status === 'open';
  const sets: Record<string, unknown> = {
    status,
    timeline_json: JSON.stringify(timeline),
    version: e.version,
    ...extra,
  };
  if (reopened) Object.assign(sets, { resolved_at: null, reopen_count: { raw: 'reopen_count + 1' } });
  setColumns(db, e.aggregateId, sets);
  touch(db, e.aggregateId, e.occurredAt);
  refreshTicketClocks(db, e.aggregateId);
}

/** `UPDATE tickets SET col = ? …`; a `{ raw }` value is an SQL expression. */
function setColumns(db: LocalDb, id: string, sets: Record<string, unknown>): void {
  const cols = Object.keys(sets);
  const values: Array<string | number | null> = [];
  const parts = cols.map((c) => {
    const v = sets[c];
    if (v && typeof v === 'object' && 'raw' in v) return `${c} = ${(v as { raw: string }).raw}`;
    values.push(typeof v === 'boolean' ? (v ? 1 : 0) : (v as string | number | null));
    return `${c} = ?`;
  });
  db.$client.prepare(`UPDATE tickets SET ${parts.join(', ')} WHERE id = ?`).run(...values, id);
}

/** updated_at only moves forward, whatever order the events arrive in. */
function touch(db: LocalDb, id: string, at: string): void {
  db.$client.prepare('UPDATE tickets SET updated_at = max(updated_at, ?) WHERE id = ?').run(at, id);
}

export const ticketProjectors: {
  TicketOpened: Projector<'TicketOpened'>;
  TicketUpdated: Projector<'TicketUpdated'>;
  TicketAssigned: Projector<'TicketAssigned'>;
  TicketStatusChanged: Projector<'TicketStatusChanged'>;
  TicketResolved: Projector<'TicketResolved'>;
  TicketClosed: Projector<'TicketClosed'>;
  TicketEscalated: Projector<'TicketEscalated'>;
  TicketMessageAdded: Projector<'TicketMessageAdded'>;
  TicketAttachmentAdded: Projector<'TicketAttachmentAdded'>;
  TicketSatisfactionRecorded: Projector<'TicketSatisfactionRecorded'>;
  TicketActionRequested: Projector<'TicketActionRequested'>;
  TicketActionCompleted: Projector<'TicketActionCompleted'>;
} = {
  TicketOpened(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        `INSERT INTO tickets (id, number, channel, category, priority, subject, description, status, customer_id,
           loan_id, branch_id, team, assignee_id, created_by, created_at, updated_at, policy_json, timeline_json,
           first_response_at, fr_state, fr_elapsed_ms, res_state, res_elapsed_ms, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, 'running', 0, 'running', 0, ?)`,
      )
      .run(
        e.aggregateId,
        p.number,
        p.channel,
        p.category,
        p.priority,
        p.subject,
        p.description,
        p.customerId,
        p.loanId,
        p.branchId,
        p.team,
        p.assigneeId,
        e.actorId,
        e.occurredAt,
        e.occurredAt,
        JSON.stringify(p.policy),
        p.respondedAtOpen ? e.occurredAt : null,
        e.version,
      );
    refreshTicketClocks(db, e.aggregateId);
  },
  TicketUpdated(db, e) {
    const p = e.payload;
    setColumns(db, e.aggregateId, {
      category: p.category,
      priority: p.priority,
      subject: p.subject,
      customer_id: p.customerId,
      loan_id: p.loanId,
      branch_id: p.branchId,
      policy_json: JSON.stringify(p.policy),
      version: e.version,
    });
    touch(db, e.aggregateId, e.occurredAt);
    refreshTicketClocks(db, e.aggregateId);
  },
  TicketAssigned(db, e) {
    setColumns(db, e.aggregateId, { assignee_id: e.payload.assigneeId, team: e.payload.team, version: e.version });
    touch(db, e.aggregateId, e.occurredAt);
  },
  TicketStatusChanged(db, e) {
    statusChange(db, e, e.payload.status, {});
  },
  TicketResolved(db, e) {
    statusChange(db, e, 'resolved', {
      resolved_at: e.occurredAt,
      resolution_note: e.payload.note,
      root_cause: e.payload.rootCause,
    });
  },
  TicketClosed(db, e) {
    statusChange(db, e, 'closed', { closed_at: e.occurredAt, auto_closed: e.payload.auto });
  },
  TicketEscalated(db, e) {
    setColumns(db, e.aggregateId, {
      [e.payload.clock === 'firstResponse' ? 'fr_escalated_at' : 'res_escalated_at']: e.occurredAt,
      escalated_to: e.payload.escalatedTo,
      version: e.version,
    });
    touch(db, e.aggregateId, e.occurredAt);
  },
  TicketMessageAdded(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        'INSERT INTO ticket_messages (id, ticket_id, kind, body, canned_code, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.messageId, e.aggregateId, p.kind, p.body, p.cannedCode, e.actorId, e.occurredAt);
    const mention = db.$client.prepare(
      'INSERT OR IGNORE INTO ticket_mentions (message_id, user_id, ticket_id) VALUES (?, ?, ?)',
    );
    for (const userId of p.mentions) mention.run(p.messageId, userId, e.aggregateId);
    // The first reply is the earliest one, in whatever order replies arrive.
    if (p.kind === 'reply')
      db.$client
        .prepare(
          'UPDATE tickets SET first_response_at = CASE WHEN first_response_at IS NULL OR first_response_at > ? THEN ? ELSE first_response_at END WHERE id = ?',
        )
        .run(e.occurredAt, e.occurredAt, e.aggregateId);
    db.$client
      .prepare('UPDATE tickets SET last_message_at = max(coalesce(last_message_at, ?), ?) WHERE id = ?')
      .run(e.occurredAt, e.occurredAt, e.aggregateId);
    touch(db, e.aggregateId, e.occurredAt);
    if (p.kind === 'reply') refreshTicketClocks(db, e.aggregateId);
  },
  TicketAttachmentAdded(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        'INSERT INTO ticket_attachments (id, ticket_id, file_name, mime, size_bytes, sha256, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.attachmentId, e.aggregateId, p.fileName, p.mime, p.sizeBytes, p.sha256, e.actorId, e.occurredAt);
    touch(db, e.aggregateId, e.occurredAt);
  },
  TicketSatisfactionRecorded(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        'INSERT INTO ticket_feedback (id, ticket_id, score, comment, source, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.feedbackId, e.aggregateId, p.score, p.comment, p.source, e.actorId, e.occurredAt);
  },
  TicketActionRequested(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        `INSERT INTO ticket_actions (id, ticket_id, kind, loan_id, customer_id, branch_id, officer_id, note, status,
           requested_by, requested_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      )
      .run(
        e.aggregateId,
        p.ticketId,
        p.kind,
        p.loanId,
        p.customerId,
        e.branchId,
        p.officerId,
        p.note,
        e.actorId,
        e.occurredAt,
        e.version,
      );
  },
  TicketActionCompleted(db, e) {
    db.$client
      .prepare(
        "UPDATE ticket_actions SET status = 'done', outcome = ?, completed_by = ?, completed_at = ?, version = ? WHERE id = ?",
      )
      .run(e.payload.outcome, e.actorId, e.occurredAt, e.version, e.aggregateId);
  },
};
