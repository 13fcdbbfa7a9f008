/** Satisfaction after resolution: a score (1-5) and comment entered by the agent
 *  from the call, or imported from a survey export (CSV/XLSX) with a row-by-row
 *  report; a file with any bad row records nothing. */
import { randomUUID } from 'node:crypto';
import { handler } from '../../api/handler';
import { draft } from '../../events/store';
import { inScope } from '../../../core/tickets/access';
import { checkSatisfaction, type TicketStatus } from '../../../core/tickets/status';
import { importSatisfactionInput, MAX_SURVEY_ROWS, satisfactionInput } from '../../../contract/schemas/tickets';
import { readSheetInWorker } from '../customers/readInWorker';
import { checkSurvey } from './survey';
import { requireTicket, scopeOf } from './store';
import { recordTicket } from './handlers';

export const ticketFeedbackHandlers = {
  'tickets.recordSatisfaction': handler({
    input: satisfactionInput,
    access: 'tickets.write',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const t = requireTicket(ctx, db, input.ticketId);
        checkSatisfaction(t.status as TicketStatus, input.score);
        const feedbackId = randomUUID();
        recordTicket(ctx, db, t.branchId, [
          draft('TicketSatisfactionRecorded', t.id, {
            feedbackId,
            score: input.score,
            comment: input.comment || null,
            source: 'agent',
          }),
        ]);
        return { feedbackId };
      }),
  }),

  'tickets.importSatisfaction': handler({
    input: importSatisfactionInput,
    access: 'tickets.write',
    kind: 'write',
    run: async (ctx, input) => {
      const session = ctx.requireSession();
      const sheet = await readSheetInWorker(input.fileName, Buffer.from(input.contentBase64, 'base64'), {
        maxRows: MAX_SURVEY_ROWS,
      });
      const scope = scopeOf(session);
      return ctx.write(
        (db) => {
          const find = db.$client.prepare('SELECT id, status, branch_id AS branchId FROM tickets WHERE number = ?');
          const checked = checkSurvey(sheet, (number) => {
            const t = find.get(number) as { id: string; status: TicketStatus; branchId: string | null } | undefined;
            return t && inScope(scope, t.branchId) ? t : null;
          });
          const allOk = checked.reports.every((r) => r.ok);
          let imported = 0;
          if (allOk && !input.dryRun) {
            const branchOf = db.$client.prepare('SELECT branch_id AS b FROM tickets WHERE id = ?');
            for (const s of checked.scores) {
              const { b } = branchOf.get(s.ticketId) as { b: string | null };
              recordTicket(ctx, db, b, [
                draft('TicketSatisfactionRecorded', s.ticketId, {
                  feedbackId: randomUUID(),
                  score: s.score,
                  comment: s.comment,
                  source: 'import',
                }),
              ]);
              imported++;
            }
          }
          return {
            rows: checked.reports,
            total: checked.reports.length,
            failed: checked.reports.filter((r) => !r.ok).length,
            imported,
            dryRun: input.dryRun,
          };
        },
        { summary: { fileName: input.fileName, dryRun: input.dryRun } },
      );
    },
  }),
};
