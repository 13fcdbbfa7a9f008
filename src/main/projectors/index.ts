/** Applies one event to the projection tables: the only path by which the tables
 *  the UI reads are written, for local changes, pulled events and rebuilds alike. */
import type { AnyEvent, EventEnvelope, EventType } from '../../contract/events';
import type { LocalDb } from '../db/connection';
import { loanProjectors } from './loans';
import { recordProjectors } from './records';
import { ticketProjectors } from './tickets';
import { collectionProjectors } from './collections';
import { documentProjectors } from './documents';
import { bookProjectors } from './books';

type Projectors = { [T in EventType]: (db: LocalDb, e: EventEnvelope<T>) => void };

/** One projector per event type: a type without one does not compile. Put together
 *  on the first event, not when this module loads: the projectors' modules and the
 *  event store import each other, and whichever a program loads first must not find
 *  the other half-made. */
let projectors: Projectors | undefined;
function allProjectors(): Projectors {
  projectors ??= {
    ...recordProjectors,
    ...loanProjectors,
    ...ticketProjectors,
    ...collectionProjectors,
    ...documentProjectors,
    ...bookProjectors,
  };
  return projectors;
}

let applied = 0;

export function applyEvent(db: LocalDb, e: AnyEvent): void {
  applied++;
  (allProjectors()[e.type] as (db: LocalDb, e: AnyEvent) => void)(db, e);
}

/** Moves whenever an event is applied in this process (the end of day's planners
 *  check that nothing changed between planning a batch and writing it). */
export function eventsApplied(): number {
  return applied;
}

/** The tables the projectors own: emptied and refilled by a rebuild, compared by
 *  `rebuild --verify`; nothing else writes them (ownership.test.ts). A `cache`
 *  column holds what speeds the next refresh up, not a figure: a loan's quiet
 *  stretch (projectors/quiet.ts), whose fast path gives the full refresh's figures
 *  whichever valid stretch the row keeps (quiet.test.ts), so a release that finds
 *  longer stretches leaves the earlier ones valid. The comparison leaves it out;
 *  every figure the fast path wrote is still compared with the full replay's. */
export const PROJECTION_TABLES: ReadonlyArray<{ name: string; key: string; cache?: readonly string[] }> = [
  { name: 'organisation', key: 'id' },
  { name: 'branches', key: 'id' },
  { name: 'users', key: 'id' },
  { name: 'settings', key: 'key' },
  { name: 'watchlist', key: 'id' },
  { name: 'customers', key: 'id' },
  { name: 'products', key: 'id' },
  { name: 'applications', key: 'id' },
  { name: 'loans', key: 'id', cache: ['quiet_json'] },
  { name: 'loan_contracts', key: 'loan_id' },
  { name: 'installments', key: 'loan_id, n' },
  { name: 'loan_transactions', key: 'id' },
  { name: 'loan_documents', key: 'id' },
  { name: 'loan_posted', key: 'loan_id, category, account_code' },
  { name: 'journal_entries', key: 'id' },
  { name: 'journal_lines', key: 'entry_id, account_code' },
  { name: 'compliance_flags', key: 'id' },
  { name: 'days_closed', key: 'branch_id, business_date' },
  { name: 'period_closes', key: 'through' },
  { name: 'tickets', key: 'id' },
  { name: 'ticket_messages', key: 'id' },
  { name: 'ticket_mentions', key: 'message_id, user_id' },
  { name: 'ticket_attachments', key: 'id' },
  { name: 'ticket_feedback', key: 'id' },
  { name: 'ticket_actions', key: 'id' },
  { name: 'collection_contacts', key: 'id' },
  { name: 'collection_promises', key: 'id' },
  { name: 'receipts', key: 'transaction_id' },
  { name: 'document_keys', key: 'id' },
  { name: 'accounts', key: 'id' },
  { name: 'manual_entries', key: 'id' },
  { name: 'loan_tax', key: 'loan_id, posting_date' },
];
