/** Customer-service tickets: open (phone, chat, e-mail, counter; linked to a
 *  customer and loan), the queues, the conversation (replies apart from internal
 *  notes, canned replies filled from the data, @mentions, attachments in the
 *  encrypted store), assignment, the status life cycle with its SLA clocks, and the
 *  customer panel with masked data. Each write gathers the facts, lets the core
 *  rules decide and records ticket events that the ticket projector applies. */
import { randomUUID, createHash } from 'node:crypto';
import { getTableColumns } from 'drizzle-orm';
import { handler, type Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { tickets } from '../../db/schema';
import { draft, emit, eventsOf, metaOf, type Draft } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { can } from '../../../core/auth/permissions';
import { policyFor } from '../../../core/tickets/policy';
import { checkTransition, statusAfterMessage, type TicketStatus } from '../../../core/tickets/status';
import { fillTemplate } from '../../../core/tickets/canned';
import { formatFenGrouped } from '../../../core/money';
import {
  addMessageInput,
  assignInput,
  attachInput,
  bulkAssignInput,
  cannedInput,
  closeInput,
  createTicketInput,
  listTicketsInput,
  lookupInput,
  MAX_ATTACHMENT_BYTES,
  resolveInput,
  setStatusInput,
  ticketRefInput,
  updateTicketInput,
} from '../../../contract/schemas/tickets';
import { z } from 'zod';
import { readSettings } from '../settings/store';
import { currentBusinessDate } from '../eod/businessDate';
import { nextNumber } from '../numbers';
import { getLoanRow } from '../../projectors/loans';
import { businessDates, loanFigures } from '../collections/store';
import {
  businessCalendarOf,
  customerBrief,
  liveClocks,
  myTeams,
  requireTeam,
  requireTicket,
  requireVersion,
  requireWorker,
  resolveLinks,
  scopeOf,
  scopeSql,
  userNames,
  type TicketRow,
} from './store';
import { containsPattern } from '../../db/like';

/** Records ticket events on the ticket's branch and its open business day. */
export function recordTicket(ctx: Ctx, db: LocalDb, branchId: string | null, drafts: Draft[]): void {
  emit(
    db,
    metaOf(ctx, currentBusinessDate(db, ctx.now(), branchId)),
    drafts.map((d) => ({ ...d, branchId })),
  );
}

const COLUMNS = Object.entries(getTableColumns(tickets))
  .map(([key, col]) => `t.${col.name} AS ${key}`)
  .join(', ');

function rowFrom(raw: Record<string, unknown>): TicketRow {
  return { ...(raw as TicketRow), autoClosed: Boolean(raw.autoClosed) };
}

/** The queue condition for the caller. */
function queueSql(queue: z.output<typeof listTicketsInput>['queue'], userId: string, teams: string[], now: string) {
  switch (queue) {
    case 'mine':
      return { sql: ' AND t.assignee_id = ?', params: [userId] };
    case 'team':
      return teams.length === 0
        ? { sql: ' AND 0', params: [] }
        : { sql: ` AND t.team IN (${teams.map(() => '?').join(',')})`, params: teams };
    case 'unassigned':
      return { sql: ' AND t.assignee_id IS NULL', params: [] };
    case 'breached':
      return {
        sql: ` AND t.status IN ('new', 'open', 'pending') AND (t.fr_breached_at IS NOT NULL OR t.res_breached_at IS NOT NULL
               OR (t.fr_state = 'running' AND t.fr_due_at <= ?) OR (t.res_state = 'running' AND t.res_due_at <= ?))`,
        params: [now, now],
      };
    case 'mentions':
      return { sql: ' AND t.id IN (SELECT ticket_id FROM ticket_mentions WHERE user_id = ?)', params: [userId] };
    case 'escalated':
      return { sql: ' AND t.escalated_to = ?', params: [userId] };
    default:
      return { sql: '', params: [] };
  }
}

function listView(
  row: TicketRow & { customerName: string | null; loanNumber: string | null },
  calendar: ReturnType<typeof businessCalendarOf>,
  now: string,
  names: Map<string, string>,
) {
  const clocks = liveClocks(row, calendar, now);
  return {
    id: row.id,
    number: row.number,
    channel: row.channel,
    category: row.category,
    priority: row.priority,
    subject: row.subject,
    status: row.status as TicketStatus,
    customerId: row.customerId,
    customerName: row.customerName,
    loanId: row.loanId,
    loanNumber: row.loanNumber,
    team: row.team,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeId ? (names.get(row.assigneeId) ?? null) : null,
    escalatedToName: row.escalatedTo ? (names.get(row.escalatedTo) ?? null) : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    /** The calendar the clocks run on: business durations read in working hours. */
    calendar: (JSON.parse(row.policyJson) as { calendar: '24x7' | 'business' }).calendar,
    firstResponse: clocks.firstResponse,
    resolution: clocks.resolution,
    breached: clocks.breached,
    escalated: row.frEscalatedAt !== null || row.resEscalatedAt !== null,
  };
}

/** The values a canned reply can use, from the ticket's customer and loan. */
function cannedValues(ctx: Ctx, db: LocalDb, ticket: TicketRow) {
  const customer = customerBrief(db, ticket.customerId);
  const loan = ticket.loanId ? getLoanRow(db, ticket.loanId) : undefined;
  const figures = loan ? loanFigures(db, loan, currentBusinessDate(db, ctx.now(), loan.branchId)) : null;
  return {
    customerName: customer?.name ?? null,
    loanNumber: loan?.number ?? null,
    amountDue: figures ? `¥${formatFenGrouped(figures.amountDueFen)}` : null,
    nextDueDate: figures?.nextDueDate ?? null,
  };
}

function requireAssignPermission(ctx: Ctx, assigneeId: string | null): void {
  const s = ctx.requireSession();
  if (assigneeId !== s.userId && !can(s.role, 'tickets.assign'))
    throw new DomainError('PERMISSION_DENIED', { permission: 'tickets.assign' });
}

/** Assignment drafts: the assignment, and a new ticket opened once someone has it. */
function assignmentDrafts(t: TicketRow, assigneeId: string | null, team: string | null, expected?: number): Draft[] {
  const out: Draft[] = [draft('TicketAssigned', t.id, { assigneeId, team }, expected)];
  if (t.status === 'new' && assigneeId)
    out.push(draft('TicketStatusChanged', t.id, { status: 'open', reason: 'agent' }));
  return out;
}

export const ticketsHandlers = {
  'tickets.create': handler({
    input: createTicketInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) => {
      const s = ctx.requireSession();
      return ctx.write((db) => {
        const links = resolveLinks(db, input.customerId, input.loanId, s.branchId);
        requireTeam(db, input.team);
        if (input.assigneeId) {
          requireAssignPermission(ctx, input.assigneeId);
          requireWorker(db, input.assigneeId, links.branchId, 'ASSIGNEE_INVALID', 'assigneeId');
        }
        const settings = readSettings(db);
        const team = input.team ?? myTeams(db, s.userId)[0] ?? settings.service.teams[0]?.code ?? null;
        const id = randomUUID();
        const number = nextNumber(db, 'ticket');
        const drafts: Draft[] = [
          draft(
            'TicketOpened',
            id,
            {
              number,
              channel: input.channel,
              category: input.category,
              priority: input.priority,
              subject: input.subject,
              description: input.description,
              customerId: links.customerId,
              loanId: links.loanId,
              branchId: links.branchId,
              team,
              assigneeId: input.assigneeId,
              policy: policyFor(settings.service.policies, input.category, input.priority),
              respondedAtOpen: input.channel === 'phone' || input.channel === 'counter',
            },
            0,
          ),
        ];
        if (input.assigneeId) drafts.push(draft('TicketStatusChanged', id, { status: 'open', reason: 'agent' }));
        recordTicket(ctx, db, links.branchId, drafts);
        return { id, number };
      });
    },
  }),

  'tickets.list': handler({
    input: listTicketsInput,
    access: 'tickets.read',
    kind: 'read',
    run: (ctx, input) => {
      const s = ctx.requireSession();
      const db = ctx.db;
      const now = ctx.now().toISOString();
      const where: string[] = [];
      const params: Array<string | number | null> = [];
      const scope = scopeSql(scopeOf(s));
      where.push(scope.sql);
      params.push(...scope.params);
      if (input.status === 'active') where.push(" AND t.status <> 'closed'");
      else {
        where.push(' AND t.status = ?');
        params.push(input.status);
      }
      const queue = queueSql(input.queue, s.userId, myTeams(db, s.userId), now);
      where.push(queue.sql);
      params.push(...queue.params);
      if (input.channel) {
        where.push(' AND t.channel = ?');
        params.push(input.channel);
      }
      if (input.customerId) {
        where.push(' AND t.customer_id = ?');
        params.push(input.customerId);
      }
      const q = input.search?.trim();
      if (q) {
        const like = containsPattern(q);
        where.push(
          " AND (t.number LIKE ? ESCAPE '\\' OR t.subject LIKE ? ESCAPE '\\' OR c.name LIKE ? ESCAPE '\\' OR l.number LIKE ? ESCAPE '\\')",
        );
        params.push(containsPattern(q.toUpperCase()), like, like, containsPattern(q.toUpperCase()));
      }
      const from = `FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN loans l ON l.id = t.loan_id WHERE 1 = 1${where.join('')}`;
      const total = (db.$client.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
      const rows = db.$client
        .prepare(
          `SELECT ${COLUMNS}, c.name AS customerName, l.number AS loanNumber,
             CASE WHEN t.fr_state = 'running' AND t.fr_due_at IS NOT NULL AND (t.res_due_at IS NULL OR t.fr_due_at < t.res_due_at)
               THEN t.fr_due_at ELSE CASE WHEN t.res_state = 'running' THEN t.res_due_at END END AS nextDue
           ${from} ORDER BY nextDue IS NULL, nextDue, t.created_at DESC, t.id LIMIT ? OFFSET ?`,
        )
        .all(...params, input.limit, input.offset) as Array<Record<string, unknown>>;
      const calendar = businessCalendarOf(db);
      const names = userNames(db);
      return {
        total,
        rows: rows.map((r) =>
          listView(
            { ...rowFrom(r), customerName: r.customerName as string | null, loanNumber: r.loanNumber as string | null },
            calendar,
            now,
            names,
          ),
        ),
      };
    },
  }),

  'tickets.get': handler({
    input: ticketRefInput,
    access: 'tickets.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const t = requireTicket(ctx, db, input.ticketId);
      const names = userNames(db);
      const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
      const loan = t.loanId ? getLoanRow(db, t.loanId) : undefined;
      const now = ctx.now().toISOString();
      const calendar = businessCalendarOf(db);
      const c = db.$client;
      return {
        ticket: {
          ...listView(
            { ...t, customerName: customerBrief(db, t.customerId)?.name ?? null, loanNumber: loan?.number ?? null },
            calendar,
            now,
            names,
          ),
          description: t.description,
          createdBy: t.createdBy,
          createdByName: name(t.createdBy),
          branchId: t.branchId,
          resolvedAt: t.resolvedAt,
          resolutionNote: t.resolutionNote,
          rootCause: t.rootCause,
          closedAt: t.closedAt,
          autoClosed: t.autoClosed,
          reopenCount: t.reopenCount,
          policy: JSON.parse(t.policyJson) as {
            firstResponseMinutes: number;
            resolutionMinutes: number;
            calendar: string;
          },
          escalatedTo: t.escalatedTo,
        },
        customer: customerBrief(db, t.customerId),
        loan: loan ? { id: loan.id, number: loan.number, status: loan.status, dpd: loan.dpd } : null,
        messages: (
          c
            .prepare(
              'SELECT id, kind, body, canned_code AS cannedCode, author_id AS authorId, created_at AS createdAt FROM ticket_messages WHERE ticket_id = ? ORDER BY created_at, id',
            )
            .all(t.id) as Array<{
            id: string;
            kind: 'reply' | 'note' | 'customer';
            body: string;
            cannedCode: string | null;
            authorId: string | null;
            createdAt: string;
          }>
        ).map((m) => ({
          ...m,
          authorName: name(m.authorId),
          mentions: (
            c
              .prepare('SELECT user_id AS id FROM ticket_mentions WHERE message_id = ? ORDER BY user_id')
              .all(m.id) as Array<{
              id: string;
            }>
          ).map((u) => ({ id: u.id, name: name(u.id) })),
        })),
        attachments: (
          c
            .prepare(
              'SELECT id, file_name AS fileName, mime, size_bytes AS sizeBytes, uploaded_by AS uploadedBy, uploaded_at AS uploadedAt FROM ticket_attachments WHERE ticket_id = ? ORDER BY uploaded_at, id',
            )
            .all(t.id) as Array<{
            id: string;
            fileName: string;
            mime: string;
            sizeBytes: number;
            uploadedBy: string | null;
            uploadedAt: string;
          }>
        ).map((a) => ({ ...a, uploadedByName: name(a.uploadedBy) })),
        feedback: (
          c
            .prepare(
              'SELECT id, score, comment, source, recorded_by AS recordedBy, recorded_at AS recordedAt FROM ticket_feedback WHERE ticket_id = ? ORDER BY recorded_at DESC, id DESC',
            )
            .all(t.id) as Array<{
            id: string;
            score: number;
            comment: string | null;
            source: 'agent' | 'import';
            recordedBy: string | null;
            recordedAt: string;
          }>
        ).map((f) => ({ ...f, recordedByName: name(f.recordedBy) })),
        actions: (
          c
            .prepare(
              'SELECT id, kind, note, status, officer_id AS officerId, outcome, requested_at AS requestedAt, completed_at AS completedAt, version FROM ticket_actions WHERE ticket_id = ? ORDER BY requested_at, id',
            )
            .all(t.id) as Array<{
            id: string;
            kind: string;
            note: string;
            status: 'open' | 'done';
            officerId: string | null;
            outcome: string | null;
            requestedAt: string;
            completedAt: string | null;
            version: number;
          }>
        ).map((a) => ({ ...a, officerName: name(a.officerId) })),
        events: eventsOf(db, 'ticket', t.id)
          .filter((e) => e.kind === 'transition')
          .map((e) => ({
            id: e.id,
            type: e.type,
            occurredAt: e.occurredAt,
            actorName: name(e.actorId),
            payload: e.type === 'TicketOpened' ? null : (e.payload as unknown),
          })),
      };
    },
  }),

  'tickets.addMessage': handler({
    input: addMessageInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        const to = statusAfterMessage(t.status as TicketStatus, input.kind);
        const mentions = [...new Set(input.mentions)];
        for (const userId of mentions) requireWorker(db, userId, t.branchId, 'MENTION_INVALID', 'mentions');
        if (input.cannedCode && !readSettings(db).service.cannedReplies.some((r) => r.code === input.cannedCode))
          throw new DomainError('CANNED_UNKNOWN', { field: 'cannedCode' });
        const messageId = randomUUID();
        const drafts: Draft[] = [
          draft('TicketMessageAdded', t.id, {
            messageId,
            kind: input.kind,
            body: input.body,
            cannedCode: input.cannedCode,
            mentions,
          }),
        ];
        if (to)
          drafts.push(
            draft('TicketStatusChanged', t.id, {
              status: to,
              reason: input.kind === 'customer' ? 'customerReply' : 'agent',
            }),
          );
        recordTicket(ctx, db, t.branchId, drafts);
        return { messageId, status: to ?? t.status };
      }),
  }),

  'tickets.attach': handler({
    input: attachInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) => {
      const content = Buffer.from(input.contentBase64, 'base64');
      if (content.length === 0) throw new DomainError('DOCUMENT_EMPTY', { field: 'contentBase64' });
      if (content.length > MAX_ATTACHMENT_BYTES)
        throw new DomainError('DOCUMENT_TOO_LARGE', { field: 'contentBase64', maxBytes: MAX_ATTACHMENT_BYTES });
      const sha256 = createHash('sha256').update(content).digest('hex');
      const id = randomUUID();
      return ctx.write(
        (db) => {
          const t = requireTicket(ctx, db, input.ticketId);
          if (t.status === 'closed') throw new DomainError('TICKET_CLOSED');
          // The bytes are a content-addressed blob, shipped apart from the event.
          db.$client
            .prepare('INSERT OR IGNORE INTO blobs (sha256, size_bytes, content, created_at) VALUES (?, ?, ?, ?)')
            .run(sha256, content.length, content, ctx.now().toISOString());
          recordTicket(ctx, db, t.branchId, [
            draft('TicketAttachmentAdded', t.id, {
              attachmentId: id,
              fileName: input.fileName,
              mime: input.mime,
              sizeBytes: content.length,
              sha256,
            }),
          ]);
          return { id, sha256 };
        },
        { summary: { ticketId: input.ticketId, fileName: input.fileName, sizeBytes: content.length, sha256 } },
      );
    },
  }),

  'tickets.downloadAttachment': handler({
    input: z.object({ attachmentId: z.string().uuid() }),
    access: 'tickets.read',
    kind: 'reveal',
    run: (ctx, input) =>
      ctx.write(
        (db) => {
          const a = db.$client
            .prepare(
              'SELECT ticket_id AS ticketId, file_name AS fileName, mime, sha256 FROM ticket_attachments WHERE id = ?',
            )
            .get(input.attachmentId) as
            { ticketId: string; fileName: string; mime: string; sha256: string } | undefined;
          if (!a) throw new DomainError('DOCUMENT_UNKNOWN', { field: 'attachmentId' });
          requireTicket(ctx, db, a.ticketId);
          const blob = db.$client.prepare('SELECT content FROM blobs WHERE sha256 = ?').get(a.sha256) as
            { content: Buffer } | undefined;
          if (!blob) throw new DomainError('DOCUMENT_CONTENT_MISSING', { field: 'attachmentId' });
          return { fileName: a.fileName, mime: a.mime, base64: blob.content.toString('base64') };
        },
        { summary: { attachmentId: input.attachmentId } },
      ),
  }),

  'tickets.assign': handler({
    input: assignInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        if (t.status === 'closed') throw new DomainError('TICKET_CLOSED');
        requireVersion(t, input.expectedVersion);
        requireAssignPermission(ctx, input.assigneeId);
        if (input.assigneeId) requireWorker(db, input.assigneeId, t.branchId, 'ASSIGNEE_INVALID', 'assigneeId');
        const team = input.team === undefined ? t.team : input.team;
        requireTeam(db, team);
        recordTicket(ctx, db, t.branchId, assignmentDrafts(t, input.assigneeId, team, input.expectedVersion));
        return { assigned: true };
      }),
  }),

  'tickets.bulkAssign': handler({
    input: bulkAssignInput,
    access: 'tickets.assign',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const ids = [...new Set(input.ticketIds)];
        const rows = ids.map((id) => requireTicket(ctx, db, id));
        for (const t of rows) {
          if (t.status === 'closed') throw new DomainError('TICKET_CLOSED', { number: t.number });
          if (input.assigneeId) requireWorker(db, input.assigneeId, t.branchId, 'ASSIGNEE_INVALID', 'assigneeId');
        }
        if (input.team !== undefined) requireTeam(db, input.team);
        for (const t of rows)
          recordTicket(
            ctx,
            db,
            t.branchId,
            assignmentDrafts(t, input.assigneeId, input.team === undefined ? t.team : input.team, t.version),
          );
        return { assigned: rows.length };
      }),
  }),

  'tickets.setStatus': handler({
    input: setStatusInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        checkTransition(t.status as TicketStatus, input.status);
        requireVersion(t, input.expectedVersion);
        recordTicket(ctx, db, t.branchId, [
          draft('TicketStatusChanged', t.id, { status: input.status, reason: 'agent' }, input.expectedVersion),
        ]);
        return { status: input.status };
      }),
  }),

  'tickets.resolve': handler({
    input: resolveInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        checkTransition(t.status as TicketStatus, 'resolved');
        requireVersion(t, input.expectedVersion);
        recordTicket(ctx, db, t.branchId, [
          draft('TicketResolved', t.id, { note: input.note, rootCause: input.rootCause }, input.expectedVersion),
        ]);
        return { status: 'resolved' as const };
      }),
  }),

  'tickets.close': handler({
    input: closeInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        checkTransition(t.status as TicketStatus, 'closed');
        requireVersion(t, input.expectedVersion);
        recordTicket(ctx, db, t.branchId, [draft('TicketClosed', t.id, { auto: false }, input.expectedVersion)]);
        return { status: 'closed' as const };
      }),
  }),

  'tickets.update': handler({
    input: updateTicketInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) => {
      const s = ctx.requireSession();
      return ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        if (t.status === 'closed') throw new DomainError('TICKET_CLOSED');
        requireVersion(t, input.expectedVersion);
        const category = input.category ?? (t.category as z.output<typeof createTicketInput>['category']);
        const priority = input.priority ?? (t.priority as z.output<typeof createTicketInput>['priority']);
        const relinked = input.customerId !== undefined || input.loanId !== undefined;
        const links = relinked
          ? resolveLinks(
              db,
              input.customerId === undefined ? (input.loanId ? null : t.customerId) : input.customerId,
              input.loanId === undefined ? t.loanId : input.loanId,
              t.branchId ?? s.branchId,
            )
          : { customerId: t.customerId, loanId: t.loanId, branchId: t.branchId };
        const reclassified = category !== t.category || priority !== t.priority;
        const policy = reclassified
          ? policyFor(readSettings(db).service.policies, category, priority)
          : (JSON.parse(t.policyJson) as ReturnType<typeof policyFor>);
        const changed =
          reclassified ||
          (input.subject !== undefined && input.subject !== t.subject) ||
          links.customerId !== t.customerId ||
          links.loanId !== t.loanId;
        if (!changed) return { changed: false };
        recordTicket(ctx, db, links.branchId, [
          draft(
            'TicketUpdated',
            t.id,
            {
              category,
              priority,
              subject: input.subject ?? t.subject,
              customerId: links.customerId,
              loanId: links.loanId,
              branchId: links.branchId,
              policy,
            },
            input.expectedVersion,
          ),
        ]);
        return { changed: true };
      });
    },
  }),

  'tickets.lookup': handler({
    input: lookupInput,
    access: 'tickets.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const q = input.search.trim();
      const like = containsPattern(q);
      const conditions = ["c.name LIKE ? ESCAPE '\\'", 'c.number = ?', 'l.number = ?'];
      const params: string[] = [like, q.toUpperCase(), q.toUpperCase()];
      const digits = q.replace(/[\s-]/g, '');
      if (/^1[3-9]\d{9}$/.test(digits)) {
        conditions.push('c.phone = ?');
        params.push(digits);
      }
      if (/^\d{4}$/.test(digits)) {
        conditions.push('substr(c.phone, -4) = ?');
        params.push(digits);
      }
      // A masked ID as the screens show it (1101**********1234) or its last four.
      const masked = /^(\d{4})?\*+(\d{3}[\dX])$|^(\d{3}[\dX])$/i.exec(digits);
      if (masked) {
        const last4 = (masked[2] ?? masked[3])!.toUpperCase();
        conditions.push(
          masked[1]
            ? 'substr(c.resident_id, 1, 4) = ? AND substr(c.resident_id, -4) = ?'
            : 'substr(c.resident_id, -4) = ?',
        );
        if (masked[1]) params.push(masked[1]);
        params.push(last4);
      }
      const ids = (
        db.$client
          .prepare(
            `SELECT DISTINCT c.id FROM customers c LEFT JOIN loans l ON l.customer_id = c.id WHERE (${conditions
              .map((x) => `(${x})`)
              .join(' OR ')}) ORDER BY c.number LIMIT 20`,
          )
          .all(...params) as Array<{ id: string }>
      ).map((r) => r.id);
      return ids.map((id) => ({
        customer: customerBrief(db, id)!,
        loans: db.$client
          .prepare(
            "SELECT id, number, status, dpd, principal_fen AS principalFen FROM loans WHERE customer_id = ? AND status IN ('approved', 'active', 'closed', 'written_off') ORDER BY number DESC",
          )
          .all(id) as Array<{ id: string; number: string; status: string; dpd: number; principalFen: number }>,
      }));
    },
  }),

  'tickets.customerPanel': handler({
    input: z.object({ customerId: z.string().uuid() }),
    access: 'tickets.read',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const s = ctx.requireSession();
      const customer = customerBrief(db, input.customerId);
      if (!customer) throw new DomainError('CUSTOMER_UNKNOWN', { field: 'customerId' });
      const dateOf = businessDates(db, ctx.now());
      const loans = (
        db.$client
          .prepare("SELECT id FROM loans WHERE customer_id = ? AND status <> 'cancelled' ORDER BY number DESC")
          .all(input.customerId) as Array<{ id: string }>
      ).map(({ id }) => {
        const loan = getLoanRow(db, id)!;
        const figures = loanFigures(db, loan, dateOf(loan.branchId));
        return {
          id: loan.id,
          number: loan.number,
          status: loan.status,
          principalFen: loan.principalFen,
          dpd: figures?.dpd ?? loan.dpd,
          amountDueFen: figures?.amountDueFen ?? 0,
          nextDueDate: figures?.nextDueDate ?? null,
          outstandingPrincipalFen: figures?.outstandingPrincipalFen ?? loan.outstandingPrincipalFen,
        };
      });
      const scope = scopeSql(scopeOf(s));
      return {
        customer,
        loans,
        repayments: db.$client
          .prepare(
            `SELECT t.id, l.number AS loanNumber, t.value_date AS valueDate, t.amount_fen AS amountFen, t.channel,
                    t.reversed_by_id IS NOT NULL AS reversed
             FROM loan_transactions t JOIN loans l ON l.id = t.loan_id
             WHERE l.customer_id = ? AND t.kind = 'repayment' ORDER BY t.value_date DESC, t.created_at DESC LIMIT 10`,
          )
          .all(input.customerId) as Array<{
          id: string;
          loanNumber: string;
          valueDate: string;
          amountFen: number;
          channel: string | null;
          reversed: number;
        }>,
        tickets: db.$client
          .prepare(
            `SELECT t.id, t.number, t.subject, t.status, t.category, t.created_at AS createdAt FROM tickets t
             WHERE t.customer_id = ?${scope.sql} ORDER BY t.created_at DESC LIMIT 10`,
          )
          .all(input.customerId, ...scope.params) as Array<{
          id: string;
          number: string;
          subject: string;
          status: string;
          category: string;
          createdAt: string;
        }>,
      };
    },
  }),

  'tickets.fillCanned': handler({
    input: cannedInput,
    access: 'tickets.write',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const t = requireTicket(ctx, db, input.ticketId);
      const reply = readSettings(db).service.cannedReplies.find((r) => r.code === input.code);
      if (!reply) throw new DomainError('CANNED_UNKNOWN', { field: 'code' });
      return { code: reply.code, ...fillTemplate(reply.body, cannedValues(ctx, db, t)) };
    },
  }),

  'tickets.colleagues': handler({
    input: z.object({}).optional(),
    access: 'tickets.read',
    kind: 'read',
    run: (ctx) => {
      const teams = readSettings(ctx.db).service.teams;
      const users = ctx.db.$client
        .prepare(
          'SELECT id, display_name AS displayName, role, branch_id AS branchId FROM users WHERE disabled = 0 ORDER BY username',
        )
        .all() as Array<{ id: string; displayName: string; role: string; branchId: string | null }>;
      return {
        users: users
          .filter((u) => (['cs_agent', 'loan_officer', 'manager'] as string[]).includes(u.role))
          .map((u) => ({
            ...u,
            teams: teams.filter((t) => t.leadId === u.id || t.memberIds.includes(u.id)).map((t) => t.code),
          })),
        teams: teams.map((t) => ({ code: t.code, name: t.name, leadId: t.leadId })),
        mine: myTeams(ctx.db, ctx.requireSession().userId),
        canned: readSettings(ctx.db).service.cannedReplies.map((r) => ({ code: r.code, title: r.title })),
      };
    },
  }),
};
