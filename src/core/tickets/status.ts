/** A ticket's life: new → open → pending (waiting on the customer; the clocks stop)
 *  → resolved → closed (by hand, or automatically some days after resolution). A
 *  customer reply takes a pending or resolved ticket back to open; a closed ticket
 *  is final (a new contact opens a new ticket). The rules that decide a change,
 *  shared by the desktop, the sync server and the renderer. */
import { DomainError } from '../errors';

export const TICKET_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_CHANNELS = ['phone', 'chat', 'email', 'counter'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_CATEGORIES = [
  'repaymentQuestion',
  'complaint',
  'dispute',
  'hardship',
  'accountChange',
  'other',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Why a complaint (or any ticket) happened, recorded at resolution. */
export const ROOT_CAUSES = [
  'processDelay',
  'staffConduct',
  'systemError',
  'productTerms',
  'communication',
  'customerMisunderstanding',
  'thirdParty',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

const ALLOWED: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'resolved'],
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED[from].includes(to);
}

/** Refuses a status change the life cycle does not allow. */
export function checkTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === 'closed') throw new DomainError('TICKET_CLOSED');
  if (!canTransition(from, to)) throw new DomainError('TICKET_TRANSITION_INVALID', { from, to });
}

export type MessageKind = 'reply' | 'note' | 'customer';

/** What a message does to the status: an agent's reply opens a new ticket; a
 *  customer's message takes a pending or resolved one back to open; nothing is
 *  added to a closed ticket. Null: the status stays. */
export function statusAfterMessage(status: TicketStatus, kind: MessageKind): 'open' | null {
  if (status === 'closed') throw new DomainError('TICKET_CLOSED');
  if (kind === 'customer' && (status === 'pending' || status === 'resolved')) return 'open';
  if (kind === 'reply' && status === 'new') return 'open';
  return null;
}

/** A ticket may be closed automatically once it has been resolved this long. */
export function autoCloseDue(resolvedAtMs: number, nowMs: number, autoCloseDays: number): boolean {
  return nowMs - resolvedAtMs >= autoCloseDays * 86_400_000;
}

/** Satisfaction is asked after resolution: on a resolved or closed ticket, 1 to 5. */
export function checkSatisfaction(status: TicketStatus, score: number): void {
  if (status !== 'resolved' && status !== 'closed') throw new DomainError('TICKET_NOT_RESOLVED');
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new DomainError('SATISFACTION_SCORE_INVALID');
}
