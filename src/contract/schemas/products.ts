/** A loan product (贷款产品): the terms it allows and the rules it applies. Shared
 *  with the renderer's product form. Rates are decimal fractions as strings. */
import { z } from 'zod';
import { text } from '../../core/validation/text';
import { REPAYMENT_METHODS, FREQUENCIES } from '../../core/schedule/types';
import { DEFAULT_ALLOCATION_ORDER } from '../../core/servicing/allocation';

const MAX_AMOUNT_FEN = 100_000_000_00;
const rate = z.string().regex(/^(0(\.\d{1,8})?|1(\.0{1,8})?)$/, 'RATE_FORMAT');
const fen = z.number().int().min(0).max(MAX_AMOUNT_FEN);

export const productConfig = z
  .object({
    method: z.enum(REPAYMENT_METHODS as unknown as ['annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet']),
    frequency: z.enum(FREQUENCIES as unknown as ['monthly', 'biweekly', 'weekly', 'days']).default('monthly'),
    minAmountFen: fen.min(100),
    maxAmountFen: fen.min(100),
    minPeriods: z.number().int().min(1).max(480),
    maxPeriods: z.number().int().min(1).max(480),
    minRateAnnual: rate,
    maxRateAnnual: rate,
    defaultRateAnnual: rate,
    dayCount: z.enum(['30/360', 'ACT/360', 'ACT/365', 'ACT/ACT']).default('ACT/360'),
    upfrontFeeRate: rate.default('0'),
    penaltyMultiplier: z
      .string()
      .regex(/^\d(\.\d{1,4})?$/)
      .default('1.5'),
    allocationOrder: z
      .array(z.enum(['penalty', 'overdueInterest', 'overduePrincipal', 'fees', 'currentInterest', 'currentPrincipal']))
      .length(6)
      .default([...DEFAULT_ALLOCATION_ORDER]),
    prepaymentMode: z.enum(['shortenTerm', 'lowerInstallment']).default('shortenTerm'),
    /** What a repayment does by default: pay installments (ahead when early) or
     *  prepay principal; the officer may choose the other in the dialog. */
    repaymentIntent: z.enum(['installments', 'principal']).default('installments'),
    /** Disclosed prepayment fee: a fraction of the principal repaid ahead of its
     *  installments; 0 = none. */
    prepaymentFeeRate: rate.default('0'),
    gracePrincipalPeriods: z.number().int().min(0).max(24).default(0),
    graceInterestPeriods: z.number().int().min(0).max(24).default(0),
    installmentMultipleFen: z.number().int().min(1).max(100_000).default(1),
    /** Direction the annuity / flat installment is rounded to the multiple. */
    installmentRounding: z.enum(['nearest', 'up', 'down']).default('nearest'),
    autoApproveLimitFen: fen.default(0),
    rateCapAnnual: rate.default('0.24'),
    /** Farm-household small loans (农户小额贷款): a loan of a farm household within the
     *  limits is VAT-exempt when the company is approved (settings accounting). */
    farmHouseholdLoans: z.boolean().optional(),
    precheck: z
      .object({
        minAge: z.number().int().min(16).max(80).default(18),
        maxAge: z.number().int().min(18).max(90).default(60),
        maxDebtToIncome: rate.default('0.5'),
        refuseWatchlist: z.boolean().default(true),
        refuseOverdue: z.boolean().default(true),
      })
      .refine((p) => p.minAge <= p.maxAge, { path: ['maxAge'], message: 'RANGE_INVERTED' })
      .prefault({}),
  })
  .refine((p) => p.minAmountFen <= p.maxAmountFen, { path: ['maxAmountFen'], message: 'RANGE_INVERTED' })
  .refine((p) => p.minPeriods <= p.maxPeriods, { path: ['maxPeriods'], message: 'RANGE_INVERTED' })
  .refine((p) => Number(p.minRateAnnual) <= Number(p.maxRateAnnual), {
    path: ['maxRateAnnual'],
    message: 'RANGE_INVERTED',
  })
  .refine(
    (p) =>
      Number(p.defaultRateAnnual) >= Number(p.minRateAnnual) && Number(p.defaultRateAnnual) <= Number(p.maxRateAnnual),
    {
      path: ['defaultRateAnnual'],
      message: 'RATE_OUT_OF_RANGE',
    },
  )
  .refine((p) => new Set(p.allocationOrder).size === 6, { path: ['allocationOrder'], message: 'ALLOCATION_ORDER' })
  // A grace period must end before the shortest term the product allows.
  .refine((p) => p.gracePrincipalPeriods < p.minPeriods, {
    path: ['gracePrincipalPeriods'],
    message: 'GRACE_TOO_LONG',
  })
  .refine((p) => p.graceInterestPeriods < p.minPeriods, {
    path: ['graceInterestPeriods'],
    message: 'GRACE_TOO_LONG',
  });

export type ProductConfig = z.output<typeof productConfig>;

export const productCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9_-]{2,16}$/);

export const saveProductInput = z.object({
  id: z.string().uuid().optional(),
  expectedVersion: z.number().int().min(0).optional(),
  code: productCode,
  name: text('name', { min: 2 }),
  /** The product's name in English (the English screens show it; the Chinese name otherwise). */
  nameEn: text('name', { min: 0 }).nullable().optional(),
  active: z.boolean().default(true),
  config: productConfig,
  /** The person saving confirmed an annualized-rate cap above the 24% default (audited). */
  rateCapConfirmed: z.boolean().default(false),
});
