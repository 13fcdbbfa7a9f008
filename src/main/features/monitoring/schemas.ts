/** Input schemas of the dashboards and reports; free of Node imports so the
 *  renderer can share them. */
import { z } from 'zod';
import { text } from '../../../core/validation/text';
import { isValidDate } from '../../../core/dates';
import { MAX_PERIODS, periodCount } from '../../../core/monitoring';

const date = z.string().refine(isValidDate, 'DATE_FORMAT');

/** A dashboard filter: period, granularity, and optionally branch, product, officer. */
export const chartFilter = z
  .object({
    from: date,
    to: date,
    granularity: z.enum(['day', 'week', 'month']).default('month'),
    branchId: z.string().uuid().optional(),
    productId: z.string().uuid().optional(),
    officerId: z.string().uuid().optional(),
  })
  .refine((f) => f.from <= f.to, { path: ['to'], message: 'RANGE_INVERTED' })
  .refine((f) => periodCount(f.from, f.to, f.granularity) <= MAX_PERIODS, {
    path: ['granularity'],
    message: 'RANGE_TOO_FINE',
  });

export type ChartFilterInput = z.input<typeof chartFilter>;

/** A table the window shows, exported as it is shown (headers in the user's language). */
export const exportTableInput = z.object({
  fileName: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N} ._()-]{1,80}$/u, 'FILE_NAME_FORMAT'),
  sheet: text('name').pipe(z.string().max(31)),
  title: text('subject', { min: 0 }).optional(),
  columns: z
    .array(z.object({ label: text('name'), kind: z.enum(['text', 'money', 'number', 'percent']).default('text') }))
    .min(1)
    .max(40),
  rows: z.array(z.array(z.union([z.string().max(500), z.number(), z.null()])).max(40)).max(20_000),
});
