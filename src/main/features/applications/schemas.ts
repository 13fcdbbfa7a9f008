/** Application inputs; shared with the renderer's application and review forms. */
import { z } from 'zod';
import { text } from '../../../core/validation/text';

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
});

export const decideInput = z.object({
  applicationId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  reason: text('reason', { min: 2 }),
});
