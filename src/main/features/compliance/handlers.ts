/** The large-value and suspicious cash reports as a review queue: list, open a
 *  flag with the movements behind it, decide (reported to the regulator, or
 *  dismissed with the explanation) and document it. */
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { handler } from '../../api/handler';
import { complianceFlags } from '../../db/schema';
import { draft, emit, metaOf } from '../../events/store';
import { currentBusinessDate } from '../eod/businessDate';
import { isValidDate } from '../../../core/dates';
import { DomainError } from '../../../core/errors';
import { text } from '../../../core/validation/text';
import { flagMovements, flagRows } from './reports';

const date = z.string().refine(isValidDate, 'DATE_FORMAT');

export const complianceHandlers = {
  'compliance.list': handler({
    input: z
      .object({
        from: date,
        to: date,
        kind: z.enum(['largeCash', 'structuring']).optional(),
        openOnly: z.boolean().default(false),
        status: z.enum(['open', 'reviewed']).optional(),
      })
      .refine((r) => r.from <= r.to, { path: ['to'], message: 'RANGE_INVERTED' }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => flagRows(ctx.db, { ...input, status: input.openOnly ? 'open' : input.status }, 1000),
  }),
  'compliance.get': handler({
    input: z.object({ flagId: z.string().uuid() }),
    access: 'ledger.read',
    kind: 'read',
    run: (ctx, input) => {
      const flag = ctx.db.select().from(complianceFlags).where(eq(complianceFlags.id, input.flagId)).get();
      if (!flag) throw new DomainError('FLAG_UNKNOWN', { field: 'flagId' });
      const details = JSON.parse(flag.detailsJson) as { movementIds?: string[] };
      const row = flagRows(ctx.db, { from: flag.businessDate, to: flag.businessDate }).find((r) => r.id === flag.id)!;
      return { ...row, movementList: flagMovements(ctx.db, details.movementIds ?? [flag.transactionId]) };
    },
  }),
  'compliance.review': handler({
    input: z.object({
      flagId: z.string().uuid(),
      decision: z.enum(['reported', 'dismissed']),
      note: text('note', { min: 2 }),
    }),
    access: 'compliance.review',
    kind: 'write',
    run: (ctx, input) =>
      ctx.write((db) => {
        const flag = db.select().from(complianceFlags).where(eq(complianceFlags.id, input.flagId)).get();
        if (!flag) throw new DomainError('FLAG_UNKNOWN', { field: 'flagId' });
        if (flag.reviewedAt) throw new DomainError('FLAG_ALREADY_REVIEWED');
        const branch = db.$client.prepare('SELECT branch_id AS b FROM loans WHERE id = ?').get(flag.loanId) as
          { b: string | null } | undefined;
        emit(db, metaOf(ctx, currentBusinessDate(db, ctx.now(), branch?.b)), [
          {
            ...draft('ComplianceFlagReviewed', flag.id, { note: input.note, decision: input.decision }, 0),
            branchId: branch?.b ?? null,
          },
        ]);
        return { reviewed: true, decision: input.decision };
      }),
  }),
};
