/** The large-value and suspicious cash reports, and their review. */
import { z } from 'zod';
import { and, desc, eq, gte, lte, isNull, type SQL } from 'drizzle-orm';
import { handler } from '../../api/handler';
import { complianceFlags, customers, loans } from '../../db/schema';
import { isValidDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { text } from '../../../core/validation/text';

const date = z.string().refine(isValidDate, 'DATE_FORMAT');

export const complianceHandlers = {
  'compliance.list': handler({
    input: z.object({
      from: date,
      to: date,
      kind: z.enum(['largeCash', 'structuring']).optional(),
      openOnly: z.boolean().default(false),
    }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => {
      const where: SQL[] = [gte(complianceFlags.businessDate, input.from), lte(complianceFlags.businessDate, input.to)];
      if (input.kind) where.push(eq(complianceFlags.kind, input.kind));
      if (input.openOnly) where.push(isNull(complianceFlags.reviewedAt));
      return ctx.db
        .select({
          flag: complianceFlags,
          customerName: customers.name,
          customerNumber: customers.number,
          loanNumber: loans.number,
        })
        .from(complianceFlags)
        .leftJoin(customers, eq(customers.id, complianceFlags.customerId))
        .leftJoin(loans, eq(loans.id, complianceFlags.loanId))
        .where(and(...where))
        .orderBy(desc(complianceFlags.createdAt))
        .limit(1000)
        .all()
        .map((r) => ({
          ...r.flag,
          customerName: r.customerName,
          customerNumber: r.customerNumber,
          loanNumber: r.loanNumber,
        }));
    },
  }),
  'compliance.review': handler({
    input: z.object({ flagId: z.string().uuid(), note: text('note', { min: 2 }) }),
    access: 'compliance.review',
    kind: 'write',
    run: (ctx, input) => {
      const session = ctx.requireSession();
      return ctx.write((db) => {
        const flag = db.select().from(complianceFlags).where(eq(complianceFlags.id, input.flagId)).get();
        if (!flag) throw new DomainError('FLAG_UNKNOWN', { field: 'flagId' });
        if (flag.reviewedAt) throw new DomainError('FLAG_ALREADY_REVIEWED');
        db.update(complianceFlags)
          .set({ reviewedBy: session.userId, reviewedAt: ctx.now().toISOString(), reviewNote: input.note })
          .where(eq(complianceFlags.id, flag.id))
          .run();
        return { reviewed: true };
      });
    },
  }),
};
