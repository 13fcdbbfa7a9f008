/** Related actions started from a ticket by a permitted role (agents, managers): a
 *  hardship review, a repayment-date question or a dispute of a posted amount. Each
 *  lands in the queue of the loan's officer (and the officers of its branch); an
 *  officer or manager completes it with an outcome. The action is its own
 *  aggregate, so two people working on it conflict on its version. */
import { randomUUID } from 'node:crypto';
import { handler } from '../../api/handler';
import { draft, emit, metaOf } from '../../events/store';
import { DomainError } from '../../../core/errors';
import { collectionsScope, inScope, ticketScope } from '../../../core/tickets/access';
import { completeActionInput, listActionsInput, requestActionInput } from '../../../contract/schemas/tickets';
import { getLoanRow } from '../../projectors/loans';
import { currentBusinessDate } from '../eod/businessDate';
import { requireTicket, userNames } from './store';

export const ticketActionsHandlers = {
  'tickets.requestAction': handler({
    input: requestActionInput,
    access: 'tickets.actions',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        if (t.status === 'closed') throw new DomainError('TICKET_CLOSED');
        const loan = t.loanId ? getLoanRow(db, t.loanId) : undefined;
        if (!loan) throw new DomainError('TICKET_NO_LOAN', { field: 'ticketId' });
        const id = randomUUID();
        emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now(), loan.branchId)), [
          {
            ...draft(
              'TicketActionRequested',
              id,
              {
                ticketId: t.id,
                kind: input.kind,
                loanId: loan.id,
                customerId: loan.customerId,
                officerId: loan.officerId,
                note: input.note,
              },
              0,
            ),
            branchId: loan.branchId,
          },
        ]);
        const officer = loan.officerId
          ? (db.$client.prepare('SELECT display_name AS n FROM users WHERE id = ?').get(loan.officerId) as
              { n: string } | undefined)
          : undefined;
        return { id, officerName: officer?.n ?? null };
      }),
  }),

  'tickets.actions': handler({
    input: listActionsInput,
    access: 'tickets.read',
    kind: 'read',
    run: (ctx, input) => {
      const s = ctx.requireSession();
      // Officers and managers see the actions of the loans they look after; agents
      // the ones they started.
      const scope = collectionsScope(s.role, s.branchId);
      const where: string[] = [];
      const params: Array<string | null> = [];
      if (scope.kind === 'branch') {
        where.push('a.branch_id = ?');
        params.push(scope.branchId);
      } else if (scope.kind === 'none') {
        where.push('a.requested_by = ?');
        params.push(s.userId);
      }
      if (input.status !== 'all') {
        where.push('a.status = ?');
        params.push(input.status);
      }
      const names = userNames(ctx.db);
      const rows = ctx.db.$client
        .prepare(
          `SELECT a.id, a.kind, a.note, a.status, a.officer_id AS officerId, a.requested_by AS requestedBy,
                  a.requested_at AS requestedAt, a.outcome, a.completed_by AS completedBy, a.completed_at AS completedAt,
                  a.version, a.ticket_id AS ticketId, t.number AS ticketNumber, t.subject, a.loan_id AS loanId,
                  l.number AS loanNumber, c.name AS customerName
           FROM ticket_actions a JOIN tickets t ON t.id = a.ticket_id JOIN loans l ON l.id = a.loan_id
           LEFT JOIN customers c ON c.id = a.customer_id
           ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY a.status = 'done', (a.officer_id = ?) DESC, a.requested_at, a.id LIMIT 500`,
        )
        .all(...params, s.userId) as Array<{
        id: string;
        kind: string;
        note: string;
        status: 'open' | 'done';
        officerId: string | null;
        requestedBy: string | null;
        requestedAt: string;
        outcome: string | null;
        completedBy: string | null;
        completedAt: string | null;
        version: number;
        ticketId: string;
        ticketNumber: string;
        subject: string;
        loanId: string;
        loanNumber: string;
        customerName: string | null;
      }>;
      const ticketsVisible = ticketScope(s.role, s.branchId);
      return rows.map((r) => ({
        ...r,
        officerName: r.officerId ? (names.get(r.officerId) ?? null) : null,
        requestedByName: r.requestedBy ? (names.get(r.requestedBy) ?? null) : null,
        completedByName: r.completedBy ? (names.get(r.completedBy) ?? null) : null,
        mine: r.officerId === s.userId,
        ticketVisible: ticketsVisible.kind !== 'none',
      }));
    },
  }),

  'tickets.completeAction': handler({
    input: completeActionInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) => {
      const s = ctx.requireSession();
      return ctx.write((db) => {
        const a = db.$client
          .prepare('SELECT id, status, branch_id AS branchId, version FROM ticket_actions WHERE id = ?')
          .get(input.actionId) as { id: string; status: string; branchId: string | null; version: number } | undefined;
        if (!a || !inScope(collectionsScope(s.role, s.branchId), a.branchId))
          throw new DomainError('TICKET_ACTION_UNKNOWN', { field: 'actionId' });
        if (a.status === 'done') throw new DomainError('TICKET_ACTION_DONE');
        emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now(), a.branchId)), [
          {
            ...draft('TicketActionCompleted', a.id, { outcome: input.outcome }, input.expectedVersion),
            branchId: a.branchId,
          },
        ]);
        return { done: true };
      });
    },
  }),
};
