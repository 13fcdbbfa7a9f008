/** The collections projector: the only writer of the contact log and the promises
 *  to pay. Both are commuting facts of a loan, written as they are; whether a
 *  promise was kept is the reader's to compute (core `promiseOutcome`). */
import type { EventEnvelope } from '../../contract/events';
import type { LocalDb } from '../db/connection';

type Projector<T extends EventEnvelope['type']> = (db: LocalDb, e: EventEnvelope<T>) => void;

/** The day a fact is booked on: its event's business date (the loan's open day). */
function bookedOn(e: EventEnvelope): string {
  return e.businessDate ?? e.occurredAt.slice(0, 10);
}

export const collectionProjectors: {
  ContactLogged: Projector<'ContactLogged'>;
  PromiseToPayMade: Projector<'PromiseToPayMade'>;
} = {
  ContactLogged(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        'INSERT INTO collection_contacts (id, loan_id, kind, outcome, note, business_date, contacted_by, contacted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.contactId, e.aggregateId, p.kind, p.outcome, p.note, bookedOn(e), e.actorId, e.occurredAt);
  },
  PromiseToPayMade(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        'INSERT INTO collection_promises (id, loan_id, contact_id, amount_fen, promised_date, made_on, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.promiseId, e.aggregateId, p.contactId, p.amountFen, p.promisedDate, bookedOn(e), e.actorId, e.occurredAt);
  },
};
