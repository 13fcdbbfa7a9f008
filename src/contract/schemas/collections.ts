/** Input schemas of collections (贷后催收): the officer's list, the contact log and
 *  promises to pay, and the promise figures per officer. */
import { z } from 'zod';
import { isValidDate } from '../../core/dates';
import { text } from '../../core/validation/text';
import { CONTACT_KINDS, CONTACT_OUTCOMES } from '../../core/collections/promises';
import { amountFen } from './applications';

const id = z.string().uuid();
const date = z.string().refine(isValidDate, 'DATE_FORMAT');

export const MAX_COLLECTION_ROWS = 500;

export const listCollectionsInput = z.object({
  /** 'mine': loans whose officer is the caller; 'branch': every loan the caller may see. */
  scope: z.enum(['mine', 'branch']).default('branch'),
  officerId: id.optional(),
  search: text('search', { min: 0 }).optional(),
  limit: z.number().int().min(1).max(MAX_COLLECTION_ROWS).default(200),
});

export const promiseFields = z.object({ amountFen, promisedDate: date });

export const logContactInput = z.object({
  loanId: id,
  kind: z.enum(CONTACT_KINDS),
  outcome: z.enum(CONTACT_OUTCOMES),
  note: text('note', { min: 0 }).optional(),
  /** A promise to pay made during the contact. */
  promise: promiseFields.nullable().default(null),
});

export const caseInput = z.object({ loanId: id });

export const promiseStatsInput = z
  .object({ from: date, to: date })
  .refine((r) => r.from <= r.to, { message: 'DATE_RANGE', path: ['to'] });
