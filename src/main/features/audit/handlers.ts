/** The audit trail for auditors and admins: recent records and the chain check. */
import { z } from 'zod';
import { and, desc, eq, gte, inArray, like, lt, type SQL } from 'drizzle-orm';
import { handler } from '../../api/handler';
import { auditLog } from '../../db/schema';
import { verifyAuditChain } from '../../security/audit';
import { text } from '../../../core/validation/text';
import { addDays, isValidDate, startOfBusinessDate } from '../../../core/dates';
import { readSettings } from '../settings/store';
import { REVEAL_ACTIONS } from '../monitoring/charts';

const date = z.string().refine(isValidDate, 'DATE_FORMAT');

const MAX_PAGE_ROWS = 500;

export const auditHandlers = {
  'audit.list': handler({
    input: z.object({
      limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(100),
      beforeSeq: z.number().int().positive().optional(),
      action: text('search', { min: 0 }).optional(),
      username: text('search', { min: 0 }).optional(),
      outcome: z.enum(['ok', 'denied', 'failed']).optional(),
      /** Business dates (the organisation's time zone), inclusive. */
      from: date.optional(),
      to: date.optional(),
      /** reveals of sensitive data, failed logins, refused calls. */
      category: z.enum(['reveals', 'failedLogins', 'denied']).optional(),
    }),
    access: 'audit.read',
    kind: 'read',
    run: (ctx, input) => {
      const where: SQL[] = [];
      if (input.beforeSeq) where.push(lt(auditLog.seq, input.beforeSeq));
      if (input.action) where.push(like(auditLog.action, `${input.action}%`));
      if (input.username) where.push(eq(auditLog.username, input.username));
      if (input.outcome) where.push(eq(auditLog.outcome, input.outcome));
      const timeZone = readSettings(ctx.db).locale.timeZone;
      if (input.from) where.push(gte(auditLog.at, startOfBusinessDate(input.from, timeZone)));
      if (input.to) where.push(lt(auditLog.at, startOfBusinessDate(addDays(input.to, 1), timeZone)));
      if (input.category === 'reveals')
        where.push(and(inArray(auditLog.action, [...REVEAL_ACTIONS]), eq(auditLog.outcome, 'ok'))!);
      if (input.category === 'failedLogins')
        where.push(and(eq(auditLog.action, 'auth.login'), eq(auditLog.outcome, 'failed'))!);
      if (input.category === 'denied') where.push(eq(auditLog.outcome, 'denied'));
      return ctx.db
        .select()
        .from(auditLog)
        .where(where.length ? and(...where) : undefined)
        .orderBy(desc(auditLog.seq))
        .limit(input.limit)
        .all();
    },
  }),
  'audit.verify': handler({
    input: z.object({}).optional(),
    access: 'audit.read',
    kind: 'read',
    run: (ctx) => verifyAuditChain(ctx.db),
  }),
};
