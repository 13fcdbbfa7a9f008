/** The documents projector: the only writer of receipts (a repayment's receipt
 *  number and the copies printed) and of the company's document keys. A receipt
 *  keeps the first number its transaction was given in the log's order; the copy
 *  count is the number of copies recorded, whatever order they arrive in. */
import type { EventEnvelope } from '../../contract/events';
import type { LocalDb } from '../db/connection';

type Projector<T extends EventEnvelope['type']> = (db: LocalDb, e: EventEnvelope<T>) => void;

export const documentProjectors: {
  ReceiptIssued: Projector<'ReceiptIssued'>;
  ReceiptPrinted: Projector<'ReceiptPrinted'>;
  DocumentKeyCreated: Projector<'DocumentKeyCreated'>;
} = {
  ReceiptIssued(db, e) {
    db.$client
      .prepare(
        `INSERT INTO receipts (transaction_id, loan_id, branch_id, receipt_number, issued_at, issued_by, device_id)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(transaction_id) DO NOTHING`,
      )
      .run(
        e.payload.transactionId,
        e.aggregateId,
        e.branchId,
        e.payload.receiptNumber,
        e.occurredAt,
        e.actorId,
        e.deviceId,
      );
  },
  ReceiptPrinted(db, e) {
    db.$client
      .prepare(
        `UPDATE receipts SET print_count = print_count + 1,
           last_printed_at = CASE WHEN last_printed_at IS NULL OR last_printed_at < ? THEN ? ELSE last_printed_at END
         WHERE transaction_id = ?`,
      )
      .run(e.occurredAt, e.occurredAt, e.payload.transactionId);
  },
  DocumentKeyCreated(db, e) {
    db.$client
      .prepare('INSERT INTO document_keys (id, key_base64, created_at) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING')
      .run(e.aggregateId, e.payload.key, e.occurredAt);
  },
};
