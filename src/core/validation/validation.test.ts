import {
  maskBankCard,
  maskPhone,
  maskResidentId,
  luhnValid,
  residentIdCheckChar,
  validateBankCard,
  validateCreditCode,
  validateMobile,
  validateResidentId,
} from './identity';

describe('resident ID (GB 11643)', () => {
  it('accepts the standard sample 11010519491231002X (born 1949-12-31, female)', () => {
    // Source: GB 11643-1999, the sample number given in the standard.
    expect(validateResidentId('11010519491231002X')).toMatchObject({
      valid: true,
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(validateResidentId('11010519491231002x')).toMatchObject({ valid: true });
  });
  it('upgrades 15-digit numbers (19YY) and computes the check digit', () => {
    expect(validateResidentId('110105491231002')).toMatchObject({
      valid: true,
      residentId: '11010519491231002X',
      upgradedFrom15: true,
    });
  });
  it('checks the province code (GB/T 2260) of 18- and 15-digit numbers alike (issue 11 item 5)', () => {
    // Source: GB/T 2260 province-level codes; 01 and 16 are not provinces. The 15-digit legacy form
    // is the 18-digit one without the century and the check digit, so it gets the same check.
    expect(validateResidentId('010105491231002')).toEqual({ valid: false, code: 'ID_REGION' });
    expect(validateResidentId('160105491231002')).toEqual({ valid: false, code: 'ID_REGION' });
    const first17 = '01010519491231002';
    expect(validateResidentId(first17 + residentIdCheckChar(first17))).toEqual({ valid: false, code: 'ID_REGION' });
    for (const province of ['11', '44', '65', '81', '82', '83'])
      expect(validateResidentId(`${province}0105491231002`)).toMatchObject({ valid: true, upgradedFrom15: true });
    expect(validateResidentId('440305491231002')).toMatchObject({ valid: true, regionCode: '440305' });
  });
  it('stable codes for the three kinds of failure', () => {
    expect(validateResidentId('1101051949123100')).toEqual({ valid: false, code: 'ID_FORMAT' });
    expect(validateResidentId('990105194912310021')).toEqual({ valid: false, code: 'ID_REGION' });
    expect(validateResidentId('110105194902301234')).toEqual({ valid: false, code: 'ID_BIRTH_DATE' }); // Feb 30
    expect(validateResidentId('110105194912310021')).toEqual({ valid: false, code: 'ID_CHECK_DIGIT' });
  });
});

describe('mobile, bank card, credit code', () => {
  it('mobile: 11 digits 1[3-9]', () => {
    expect(validateMobile('13812345678')).toEqual({ valid: true, phone: '13812345678' });
    expect(validateMobile('+86 138-1234-5678')).toMatchObject({ valid: true });
    expect(validateMobile('12812345678')).toEqual({ valid: false, code: 'PHONE_FORMAT' });
  });
  it('bank card: Luhn (Wikipedia example 79927398713; test card 4111 1111 1111 1111)', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(validateBankCard('4111 1111 1111 1111')).toMatchObject({ valid: true, last4: '1111' });
    expect(validateBankCard('4111111111111112')).toEqual({ valid: false, code: 'CARD_CHECKSUM' });
    expect(validateBankCard('12345')).toEqual({ valid: false, code: 'CARD_FORMAT' });
  });
  it('bank card typed with hyphens is normalised like spaces (issue 11 item 6)', () => {
    expect(validateBankCard('4111-1111-1111-1111')).toEqual({
      valid: true,
      cardNumber: '4111111111111111',
      last4: '1111',
    });
    expect(validateBankCard(' 4111 - 1111-1111 1111 ')).toMatchObject({ valid: true, cardNumber: '4111111111111111' });
    expect(validateBankCard('4111－1111－1111－1111')).toMatchObject({ valid: true }); // full-width hyphen
    expect(validateBankCard('4111-1111-1111-1112')).toEqual({ valid: false, code: 'CARD_CHECKSUM' });
    expect(validateBankCard('4111_1111_1111_1111')).toEqual({ valid: false, code: 'CARD_FORMAT' });
    expect(maskBankCard('6222-0212-3456-7890-123')).toBe('**** **** **** 0123');
  });
  it('unified social credit code (GB 32100 sample 91350100M000100Y43)', () => {
    // Source: GB 32100-2015, the example code in the standard.
    expect(validateCreditCode('91350100M000100Y43')).toMatchObject({ valid: true, regionCode: '350100' });
    expect(validateCreditCode('91350100M000100Y44')).toEqual({ valid: false, code: 'CREDIT_CODE_CHECK' });
    expect(validateCreditCode('91350100M000100Y4')).toEqual({ valid: false, code: 'CREDIT_CODE_FORMAT' });
    expect(validateCreditCode('91350100M000100I43')).toEqual({ valid: false, code: 'CREDIT_CODE_FORMAT' }); // I is not in the set
  });
  it('masks', () => {
    expect(maskResidentId('110105194912311234')).toBe('1101**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskBankCard('6222021234567890123')).toBe('**** **** **** 0123');
  });
});
