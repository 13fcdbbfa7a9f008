/** The figures a customer-service lead's dashboard needs, as read methods: SLA
 *  attainment, satisfaction and root causes per team and month (tickets.stats).
 *  A dashboard panel registers one of these and draws it; nothing here is stored. */
import { handler } from '../../api/handler';
import { addDays, businessDateOf } from '../../../core/dates';
import { teamMonthFigures, type TicketFacts } from '../../../core/tickets/stats';
import type { RootCause } from '../../../core/tickets/status';
import { statsInput } from '../../../contract/schemas/tickets';
import { readSettings } from '../settings/store';
import { businessCalendarOf, liveClocks, scopeOf, scopeSql, type TicketRow } from './store';
import { getTableColumns } from 'drizzle-orm';
import { tickets } from '../../db/schema';

const COLUMNS = Object.entries(getTableColumns(tickets))
  .map(([key, col]) => `t.${col.name} AS ${key}`)
  .join(', ');

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return addDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
}

export const ticketReportsHandlers = {
  'tickets.stats': handler({
    input: statsInput,
    access: 'tickets.reports',
    kind: 'read',
    run: (ctx, input) => {
      const db = ctx.db;
      const settings = readSettings(db);
      const tz = settings.locale.timeZone;
      const scope = scopeSql(scopeOf(ctx.requireSession()));
      // A day either side, in UTC; the month is then taken in the organisation's zone.
      const from = `${addDays(`${input.fromMonth}-01`, -1)}T00:00:00.000Z`;
      const to = `${addDays(lastDayOf(input.toMonth), 2)}T00:00:00.000Z`;
      const rows = db.$client
        .prepare(
          `SELECT ${COLUMNS} FROM tickets t WHERE t.created_at >= ? AND t.created_at < ?${scope.sql} ORDER BY t.id`,
        )
        .all(from, to, ...scope.params) as TicketRow[];
      const scores = new Map<string, number>();
      for (const f of db.$client
        .prepare('SELECT ticket_id AS ticketId, score FROM ticket_feedback ORDER BY recorded_at, id')
        .all() as Array<{ ticketId: string; score: number }>)
        scores.set(f.ticketId, f.score);
      const calendar = businessCalendarOf(db);
      const now = ctx.now().toISOString();
      const facts: TicketFacts[] = [];
      for (const r of rows) {
        const month = businessDateOf(new Date(r.createdAt), tz).slice(0, 7);
        if (month < input.fromMonth || month > input.toMonth) continue;
        const c = liveClocks(r, calendar, now);
        const verdict = (clock: typeof c.firstResponse) =>
          clock.breached ? ('breached' as const) : clock.state === 'stopped' ? ('met' as const) : ('open' as const);
        facts.push({
          team: r.team,
          month,
          category: r.category,
          firstResponse: verdict(c.firstResponse),
          resolution: verdict(c.resolution),
          score: scores.get(r.id) ?? null,
          rootCause: (r.rootCause as RootCause | null) ?? null,
        });
      }
      return {
        figures: teamMonthFigures(facts),
        teams: settings.service.teams.map((t) => ({ code: t.code, name: t.name })),
      };
    },
  }),
};
