/** The audit trail for auditors and admins: recent records and the chain check. */
import { z } from 'zod';
import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { handler } from '../../api/handler';
import { auditLog } from '../../db/schema';
import { verifyAuditChain } from '../../security/audit';
import { text } from '../../../core/validation/text';

const MAX_PAGE_ROWS = 500;

export const auditHandlers = {
  'audit.list': handler({
    input: z.object({
      limit: z.number().int().min(1).max(MAX_PAGE_ROWS).default(100),
      beforeSeq: z.number().int().positive().optional(),
      action: text('search', { min: 0 }).optional(),
      username: text('search', { min: 0 }).optional(),
      outcome: z.enum(['ok', 'denied', 'failed']).optional(),
    }),
    access: 'audit.read',
    kind: 'read',
    run: (ctx, input) => {
      const where: SQL[] = [];
      if (input.beforeSeq) where.push(lt(auditLog.seq, input.beforeSeq));
      if (input.action) where.push(like(auditLog.action, `${input.action}%`));
      if (input.username) where.push(eq(auditLog.username, input.username));
      if (input.outcome) where.push(eq(auditLog.outcome, input.outcome));
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
