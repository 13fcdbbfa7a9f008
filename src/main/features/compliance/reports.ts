/** The large-value cash report and the review queue's rows: each flag with its
 *  customer, the cash movements behind it and how it was decided. */
import type { LocalDb } from '../../db/connection';
import { readSettings } from '../settings/store';

export interface FlagFilter {
  from: string;
  to: string;
  kind?: 'largeCash' | 'structuring';
  status?: 'open' | 'reviewed';
}

export interface FlagRow {
  id: string;
  kind: 'largeCash' | 'structuring';
  customerId: string;
  customerName: string | null;
  customerNumber: string | null;
  loanId: string | null;
  loanNumber: string | null;
  transactionId: string;
  businessDate: string;
  amountFen: number;
  /** The cash movement that raised the flag. */
  triggerAmountFen: number | null;
  /** Large cash: raised by one movement at or over the threshold (single), or by
   *  the day's movements adding up to it (cumulative). */
  largeCashKind: 'single' | 'cumulative' | null;
  movements: number;
  createdAt: string;
  reviewedAt: string | null;
  reviewedByName: string | null;
  reviewNote: string | null;
  decision: 'reported' | 'dismissed' | null;
}

export function flagRows(db: LocalDb, f: FlagFilter, limit = 5000): FlagRow[] {
  const threshold = readSettings(db).lending.largeCashThresholdFen;
  const where = ['f.business_date BETWEEN @from AND @to'];
  if (f.kind) where.push('f.kind = @kind');
  if (f.status === 'open') where.push('f.reviewed_at IS NULL');
  if (f.status === 'reviewed') where.push('f.reviewed_at IS NOT NULL');
  const rows = db.$client
    .prepare(
      `SELECT f.id, f.kind, f.customer_id AS customerId, cu.name AS customerName, cu.number AS customerNumber,
         f.loan_id AS loanId, l.number AS loanNumber, f.transaction_id AS transactionId, f.business_date AS businessDate,
         f.amount_fen AS amountFen, t.amount_fen AS triggerAmountFen, f.details_json AS detailsJson,
         f.created_at AS createdAt, f.reviewed_at AS reviewedAt, u.display_name AS reviewedByName,
         f.review_note AS reviewNote, f.decision
       FROM compliance_flags f
       LEFT JOIN customers cu ON cu.id = f.customer_id
       LEFT JOIN loans l ON l.id = f.loan_id
       LEFT JOIN loan_transactions t ON t.id = f.transaction_id
       LEFT JOIN users u ON u.id = f.reviewed_by
       WHERE ${where.join(' AND ')}
       ORDER BY f.business_date DESC, f.created_at DESC LIMIT @limit`,
    )
    .all({ from: f.from, to: f.to, kind: f.kind ?? null, limit }) as Array<FlagRow & { detailsJson: string }>;
  return rows.map(({ detailsJson, ...r }) => {
    const details = JSON.parse(detailsJson) as { movementIds?: string[] };
    return {
      ...r,
      movements: details.movementIds?.length ?? 1,
      largeCashKind: r.kind === 'largeCash' ? ((r.triggerAmountFen ?? 0) >= threshold ? 'single' : 'cumulative') : null,
    };
  });
}

/** The cash movements behind a flag. */
export function flagMovements(db: LocalDb, movementIds: readonly string[]) {
  if (movementIds.length === 0) return [];
  return db.$client
    .prepare(
      `SELECT t.id, t.kind, t.amount_fen AS amountFen, t.booked_on AS bookedOn, t.value_date AS valueDate,
         t.created_at AS createdAt, t.channel, t.reversed_by_id AS reversedById, l.id AS loanId, l.number AS loanNumber
       FROM loan_transactions t JOIN loans l ON l.id = t.loan_id
       WHERE t.id IN (${movementIds.map(() => '?').join(',')}) ORDER BY t.created_at`,
    )
    .all(...movementIds) as Array<{
    id: string;
    kind: string;
    amountFen: number;
    bookedOn: string;
    valueDate: string;
    createdAt: string;
    channel: string | null;
    reversedById: string | null;
    loanId: string;
    loanNumber: string;
  }>;
}
