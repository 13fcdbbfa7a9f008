/** Who a disbursement paid: for a bank transfer the receiving account, checked
 *  for the customer's kind (a person's bank card passes its check digit), and the
 *  bank's transfer reference, kept so the disbursement ledger can be matched to
 *  the bank statement; cash has neither. Kept apart from the disburse handler so
 *  the handler only asks for it. */
import type { LocalDb } from '../../db/connection';
import { DomainError } from '../../../core/errors';
import { validateReceivingAccount } from '../../../core/validation/identity';

export interface Payee {
  receivingAccount: string | null;
  transferRef: string | null;
}

export function disbursementPayee(
  db: LocalDb,
  customerId: string,
  input: { channel: 'bank' | 'cash'; receivingAccount?: string; transferRef?: string },
): Payee {
  if (input.channel !== 'bank') return { receivingAccount: null, transferRef: null };
  let receivingAccount: string | null = null;
  if (input.receivingAccount) {
    const row = db.$client.prepare('SELECT kind FROM customers WHERE id = ?').get(customerId) as
      { kind: 'person' | 'business' } | undefined;
    const checked = validateReceivingAccount(input.receivingAccount, row?.kind ?? 'person');
    if (!checked.valid) throw new DomainError(checked.code, { field: 'receivingAccount' });
    receivingAccount = checked.account;
  }
  return { receivingAccount, transferRef: input.transferRef || null };
}
