/** Application inputs; shared with the renderer's application and review forms. */
import { z } from 'zod';
import { text } from '../../core/validation/text';

export const MAX_LOAN_FEN = 100_000_000_00;
export const rateAnnual = z.string().regex(/^0(\.\d{1,8})?$/, 'RATE_FORMAT');
export const amountFen = z.number().int().min(1).max(MAX_LOAN_FEN);
export const periods = z.number().int().min(1).max(480);

export const submitApplicationInput = z.object({
  customerId: z.string().uuid(),
  productId: z.string().uuid(),
  amountFen,
  periods,
  rateAnnual: rateAnnual.optional(),
  purpose: text('subject', { min: 2 }),
});

export const approveInput = z.object({
  applicationId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  amountFen: amountFen.optional(),
  periods: periods.optional(),
  rateAnnual: rateAnnual.optional(),
  note: text('note', { min: 0 }).optional(),
  /** Approving although a hard pre-check of the re-assessment fails (applications.override). */
  overrideReason: text('reason').optional(),
});

export const decideInput = z.object({
  applicationId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  reason: text('reason', { min: 2 }),
});

/** The review queue's sortable columns (applications.list): age is how long since
 *  submission (oldest first is age descending), decision the time from submission
 *  to decision. */
export const QUEUE_SORT_FIELDS = ['amount', 'grade', 'score', 'age', 'decision'] as const;
/** The longest page the queue answers (the renderer's page sizes stay within it). */
export const QUEUE_MAX_PAGE = 200;

export const listApplicationsInput = z
  .object({
    status: z.array(z.enum(['review', 'approved', 'declined', 'returned'])).optional(),
    grade: z
      .array(z.enum(['A', 'B', 'C', 'D', 'E']))
      .max(5)
      .optional(),
    /** The officers who took the applications (created_by). */
    officerId: z.array(z.string().uuid()).max(200).optional(),
    /** Branches; null: applications without a branch. */
    branchId: z.array(z.string().uuid().nullable()).max(200).optional(),
    customerId: z.string().uuid().optional(),
    /** Part of the number, the customer's name or the officer's name. */
    search: text('search', { min: 0 }).optional(),
    /** Default: newest submission first. */
    sort: z.object({ field: z.enum(QUEUE_SORT_FIELDS), order: z.enum(['asc', 'desc']) }).optional(),
    limit: z.number().int().min(1).max(QUEUE_MAX_PAGE).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .prefault({});
