/** Input schemas of customer service (tickets, conversation, feedback, related
 *  actions, the service figures), shared with the renderer's forms. */
import { z } from 'zod';
import { isValidDate } from '../../core/dates';
import { text } from '../../core/validation/text';
import {
  ROOT_CAUSES,
  TICKET_CATEGORIES,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '../../core/tickets/status';
import { CODE_PATTERN } from './settings';

const id = z.string().uuid();
const code = z.string().regex(CODE_PATTERN, 'CODE_FORMAT');
const version = z.number().int().min(1);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'MONTH_FORMAT');

export const MAX_TICKET_ROWS = 200;
export const MAX_BULK_TICKETS = 100;
export const MAX_MENTIONS = 10;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_MIME =
  /^(application\/pdf|image\/(png|jpeg)|text\/plain|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet))$/;
/** A 2,000-row survey export as base64 (CSV or XLSX). */
export const MAX_SURVEY_BASE64_CHARS = Math.ceil((4 * 1024 * 1024 * 4) / 3);
export const MAX_SURVEY_ROWS = 2_000;

export const TICKET_QUEUES = ['mine', 'team', 'unassigned', 'breached', 'mentions', 'escalated', 'all'] as const;
export type TicketQueue = (typeof TICKET_QUEUES)[number];
export const MESSAGE_KINDS = ['reply', 'note', 'customer'] as const;
export const ACTION_KINDS = ['hardshipReview', 'repaymentDateQuestion', 'postedAmountDispute'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const createTicketInput = z.object({
  channel: z.enum(TICKET_CHANNELS),
  category: z.enum(TICKET_CATEGORIES),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  subject: text('subject'),
  description: text('message'),
  customerId: id.nullable().default(null),
  loanId: id.nullable().default(null),
  team: code.nullable().default(null),
  assigneeId: id.nullable().default(null),
});

export const listTicketsInput = z.object({
  queue: z.enum(TICKET_QUEUES).default('all'),
  channel: z.enum(TICKET_CHANNELS).optional(),
  /** 'active': everything not closed. */
  status: z.enum(['active', ...TICKET_STATUSES]).default('active'),
  search: text('search', { min: 0 }).optional(),
  customerId: id.optional(),
  limit: z.number().int().min(1).max(MAX_TICKET_ROWS).default(50),
  offset: z.number().int().min(0).default(0),
});

export const ticketRefInput = z.object({ ticketId: id });

export const addMessageInput = z.object({
  ticketId: id,
  kind: z.enum(MESSAGE_KINDS),
  body: text('message'),
  /** The canned reply the text started from. */
  cannedCode: code.nullable().default(null),
  mentions: z.array(id).max(MAX_MENTIONS).default([]),
});

export const attachInput = z.object({
  ticketId: id,
  fileName: text('fileName'),
  mime: z.string().regex(ATTACHMENT_MIME, 'DOCUMENT_TYPE'),
  contentBase64: z
    .base64()
    .min(1)
    .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4, 'DOCUMENT_TOO_LARGE'),
});

export const assignInput = z.object({
  ticketId: id,
  expectedVersion: version,
  assigneeId: id.nullable(),
  team: code.nullable().optional(),
});

export const bulkAssignInput = z.object({
  ticketIds: z.array(id).min(1).max(MAX_BULK_TICKETS),
  assigneeId: id.nullable(),
  team: code.nullable().optional(),
});

export const setStatusInput = z.object({
  ticketId: id,
  expectedVersion: version,
  status: z.enum(['open', 'pending']),
});

export const resolveInput = z.object({
  ticketId: id,
  expectedVersion: version,
  note: text('message'),
  rootCause: z.enum(ROOT_CAUSES).nullable().default(null),
});

export const closeInput = z.object({ ticketId: id, expectedVersion: version });

export const updateTicketInput = z.object({
  ticketId: id,
  expectedVersion: version,
  category: z.enum(TICKET_CATEGORIES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  subject: text('subject').optional(),
  customerId: id.nullable().optional(),
  loanId: id.nullable().optional(),
});

export const satisfactionInput = z.object({
  ticketId: id,
  score: z.number().int().min(1).max(5),
  comment: text('message', { min: 0 }).optional(),
});

export const importSatisfactionInput = z.object({
  fileName: text('fileName'),
  contentBase64: z.base64().min(1).max(MAX_SURVEY_BASE64_CHARS, 'IMPORT_FILE_TOO_LARGE'),
  /** Check every row and report, recording nothing. */
  dryRun: z.boolean().default(false),
});

export const lookupInput = z.object({ search: text('search', { min: 2 }) });

export const cannedInput = z.object({ ticketId: id, code });

export const requestActionInput = z.object({
  ticketId: id,
  kind: z.enum(ACTION_KINDS),
  note: text('note'),
});

export const completeActionInput = z.object({ actionId: id, expectedVersion: version, outcome: text('note') });

export const listActionsInput = z.object({ status: z.enum(['open', 'done', 'all']).default('open') });

export const statsInput = z
  .object({ fromMonth: month, toMonth: month })
  .refine((r) => r.fromMonth <= r.toMonth, { message: 'MONTH_RANGE', path: ['toMonth'] });

export const dateInput = z.string().refine(isValidDate, 'DATE_FORMAT');
