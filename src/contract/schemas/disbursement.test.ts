/** The disbursement's receiving account and transfer reference: what the dialog and
 *  the main process accept, and how an account is listed. */
import { maskAccount, validateReceivingAccount } from '../../core/validation/identity';
import { receivingAccountField, transferRef } from './disbursement';

describe('receiving account', () => {
  it('is a person’s bank card passing its check digit, separators dropped', () => {
    expect(validateReceivingAccount('6222 0202-0011 2233 446', 'person')).toEqual({
      valid: true,
      account: '6222020200112233446',
    });
    expect(validateReceivingAccount('6222020200112233447', 'person')).toMatchObject({ code: 'CARD_CHECKSUM' });
    expect(validateReceivingAccount('1234567', 'person')).toMatchObject({ code: 'ACCOUNT_FORMAT' });
  });

  it('is a business’s account of 8 to 32 digits, with no check digit', () => {
    expect(validateReceivingAccount('1100 1234 5678 9012', 'business')).toEqual({
      valid: true,
      account: '1100123456789012',
    });
    expect(validateReceivingAccount('1234567', 'business')).toMatchObject({ code: 'ACCOUNT_FORMAT' });
    expect(validateReceivingAccount('11001234ABCD', 'business')).toMatchObject({ code: 'ACCOUNT_FORMAT' });
  });

  it('is refused by the form with our code, and listed with only its ends', () => {
    const person = receivingAccountField('person').safeParse('6222020200112233447');
    expect(person.success).toBe(false);
    expect(person.error?.issues[0]?.message).toBe('CARD_CHECKSUM');
    expect(receivingAccountField('business').safeParse(' 11001234567 ').success).toBe(true);
    expect(maskAccount('6222020200112233446')).toBe('6222 **** 3446');
    expect(maskAccount('1234')).toBe('****');
  });
});

describe('transfer reference', () => {
  it('takes a bank’s reference and refuses words and spaces', () => {
    expect(transferRef.parse(' ICBC-20260302/0001 ')).toBe('ICBC-20260302/0001');
    for (const bad of ['转账', 'AB', 'ICBC 0001', '-ABCD'])
      expect(transferRef.safeParse(bad).error?.issues[0]?.message).toBe('TRANSFER_REF_FORMAT');
  });
});
