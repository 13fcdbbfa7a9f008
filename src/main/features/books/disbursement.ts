/** What the books add to a disbursement (issue 10), kept apart from the disburse
 *  handler so it stays two calls there: the funds check (the cash or bank account
 *  must hold the money, or the disburser confirms it is there) and the VAT
 *  treatment fixed into the contract. */
import type { LocalDb } from '../../db/connection';
import { checkFunds } from '../../../core/accounting/entries';
import type { VatTreatment } from '../../../core/accounting/vat';
import type { LoanRow } from '../../projectors/loans';
import { accountBalanceFen, vatTreatmentAt } from './queries';

/** Throws FUNDS_INSUFFICIENT unless the channel's account (1001 cash, 1002 bank)
 *  holds `neededFen` on `date`, or the disburser confirmed. */
export function checkDisbursementFunds(
  db: LocalDb,
  input: { channel: string; neededFen: number; date: string; confirmed: boolean },
): void {
  const accountCode = input.channel === 'cash' ? '1001' : '1002';
  checkFunds({
    accountCode,
    balanceFen: accountBalanceFen(db, accountCode, input.date),
    neededFen: input.neededFen,
    confirmed: input.confirmed,
  });
}

/** The VAT treatment of a loan disbursed on `date` (rate, 90-day rule, exemption). */
export function disbursementVat(db: LocalDb, loan: LoanRow, date: string): VatTreatment {
  return vatTreatmentAt(db, loan, date);
}
