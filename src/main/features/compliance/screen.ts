/** Screens every cash movement of a customer against the cash rules and records
 *  the flags for the large-transaction and suspicious-transaction reports. */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray } from 'drizzle-orm';
import { complianceFlags, loans, loanTransactions } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { cashFlags, DEFAULT_CASH_RULES } from '../../../core/compliance';
import { readSettings } from '../settings/store';

const CASH_KINDS = ['disbursement', 'repayment', 'recovery'];

export function screenCash(
  db: LocalDb,
  customerId: string,
  transactionId: string,
  businessDate: string,
  at: string,
): number {
  const rules = { ...DEFAULT_CASH_RULES, largeCashThresholdFen: readSettings(db).lending.largeCashThresholdFen };
  const since = new Date(Date.parse(at) - rules.structuringWindowHours * 3_600_000).toISOString();
  // Wide enough for the window and the whole business day in any time zone.
  const lookback = new Date(Date.parse(at) - (rules.structuringWindowHours + 48) * 3_600_000).toISOString();
  const rows = db
    .select({
      id: loanTransactions.id,
      amountFen: loanTransactions.amountFen,
      at: loanTransactions.createdAt,
      bookedOn: loanTransactions.bookedOn,
      loanId: loanTransactions.loanId,
      reversedById: loanTransactions.reversedById,
    })
    .from(loanTransactions)
    .innerJoin(loans, eq(loans.id, loanTransactions.loanId))
    .where(
      and(
        eq(loans.customerId, customerId),
        eq(loanTransactions.channel, 'cash'),
        inArray(loanTransactions.kind, CASH_KINDS),
        gte(loanTransactions.createdAt, lookback),
      ),
    )
    .all()
    .filter((r) => !r.reversedById);
  const latest = rows.find((r) => r.id === transactionId);
  if (!latest) return 0;
  const flags = cashFlags(
    latest,
    rows.filter((r) => r.bookedOn === businessDate),
    rows.filter((r) => r.at >= since),
    rules,
  );
  for (const flag of flags) {
    db.insert(complianceFlags)
      .values({
        id: randomUUID(),
        kind: flag.kind,
        customerId,
        loanId: latest.loanId,
        transactionId,
        businessDate,
        amountFen: flag.kind === 'largeCash' ? flag.totalFen : latest.amountFen,
        detailsJson: JSON.stringify(flag),
        createdAt: at,
      })
      .run();
  }
  return flags.length;
}
