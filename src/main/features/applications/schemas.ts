/** Application inputs; shared with the renderer's application and review forms. */
import { z } from 'zod';

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
  purpose: z.string().trim().min(2).max(200),
});

export const approveInput = z.object({
  applicationId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  amountFen: amountFen.optional(),
  periods: periods.optional(),
  rateAnnual: rateAnnual.optional(),
  note: z.string().trim().max(500).optional(),
  /** Approving although a hard pre-check of the re-assessment fails (applications.override). */
  overrideReason: z.string().trim().min(2).max(500).optional(),
});

export const decideInput = z.object({
  applicationId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  reason: z.string().trim().min(2).max(500),
});
