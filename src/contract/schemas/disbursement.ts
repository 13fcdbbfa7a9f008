/** The disbursement's input, shared with its dialog: the channel, and for a bank
 *  transfer the receiving account (a person's bank card passes its check digit)
 *  and the transfer's reference, which the disbursement ledger shows so the money
 *  can be matched to the bank statement. */
import { z } from 'zod';
import { validateReceivingAccount } from '../../core/validation/identity';

/** A bank's transfer reference: letters, digits and - _ / . (4 to 40). */
export const transferRef = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z\-_/.]{3,39}$/, 'TRANSFER_REF_FORMAT');

/** The account as typed, checked for the customer's kind (the form's rule). */
export function receivingAccountField(kind: 'person' | 'business') {
  return z
    .string()
    .trim()
    .min(1)
    .max(40)
    .superRefine((value, ctx) => {
      const r = validateReceivingAccount(value, kind);
      if (!r.valid) ctx.addIssue({ code: 'custom', message: r.code });
    });
}

export const disburseInput = z.object({
  loanId: z.string().uuid(),
  expectedVersion: z.number().int().min(1),
  channel: z.enum(['bank', 'cash']),
  /** Bank transfers: the account paid to (checked by the handler for the customer's kind). */
  receivingAccount: z
    .string()
    .trim()
    .regex(/^[\d\s-]{1,40}$/, 'ACCOUNT_FORMAT')
    .optional(),
  transferRef: transferRef.optional(),
  /** Disburse although the cash or bank account does not hold the money. */
  confirmInsufficientFunds: z.boolean().optional(),
});
