/** End of day from the window: start (or resume), cancel, and the run history. */
import { z } from 'zod';
import { desc } from 'drizzle-orm';
import { handler } from '../../api/handler';
import { eodRuns } from '../../db/schema';
import { metaOf } from '../../events/store';
import { isValidDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { nextEodDate, runEod } from './run';
import { runTicketScheduler } from '../tickets/scheduler';

/** One end of day at a time per app; the flag asks the running one to stop. */
const running = { active: false, stop: false };

export const eodHandlers = {
  'eod.status': handler({
    input: z.object({}).optional(),
    access: 'ledger.read',
    kind: 'read',
    passive: true,
    run: (ctx) => ({
      nextDate: nextEodDate(ctx.db, ctx.now()),
      running: running.active,
      runs: ctx.db.select().from(eodRuns).orderBy(desc(eodRuns.businessDate)).limit(60).all(),
    }),
  }),
  'eod.run': handler({
    input: z.object({ date: z.string().refine(isValidDate, 'DATE_FORMAT') }),
    access: 'eod.run',
    kind: 'write',
    run: async (ctx, input) => {
      if (running.active) throw new DomainError('EOD_ALREADY_RUNNING');
      running.active = true;
      running.stop = false;
      try {
        const result = await runEod(ctx.db, input.date, {
          meta: metaOf(ctx, null),
          now: ctx.now(),
          onProgress: (p) => ctx.app.push({ topic: 'eod.progress', payload: p }),
          shouldStop: () => running.stop,
          yieldBetweenBatches: () => new Promise((resolve) => setImmediate(resolve)),
        });
        // A closed day is also when the ticket clocks are checked (escalation, auto-close).
        const tickets = runTicketScheduler(ctx.db, ctx.now(), ctx.deviceId);
        if (tickets.escalated + tickets.closed > 0) ctx.app.push({ topic: 'tickets.changed', payload: tickets });
        ctx.write(() => undefined, { summary: { ...input, ...result } });
        return result;
      } finally {
        running.active = false;
      }
    },
  }),
  'eod.cancel': handler({
    input: z.object({}).optional(),
    access: 'eod.run',
    kind: 'write',
    run: () => {
      running.stop = running.active;
      return { cancelling: running.active };
    },
  }),
};
