import { registerPersonForm, registerPersonInput } from './customers';

describe('the register form schema (shared with the renderer)', () => {
  it('reports the core code of a bad identifier as the issue message, as typed', () => {
    const issue = (field: 'residentId' | 'phone' | 'bankCard', value: string) =>
      registerPersonForm.shape[field].safeParse(value).error?.issues[0]?.message;
    expect(issue('residentId', '11010519491231002X')).toBeUndefined();
    expect(issue('residentId', '110105194912310021')).toBe('ID_CHECK_DIGIT');
    expect(issue('residentId', '1101051949123')).toBe('ID_FORMAT');
    expect(issue('residentId', '110105194902301234')).toBe('ID_BIRTH_DATE');
    expect(issue('phone', '1381234567')).toBe('PHONE_FORMAT');
    expect(issue('bankCard', '4111111111111112')).toBe('CARD_CHECKSUM');
    expect(registerPersonForm.shape.consent.safeParse(undefined).error?.issues[0]?.message).toBe('CONSENT_REQUIRED');
  });

  it('leaves the identifier checks of the main-process input to the handler, which names the field', () => {
    expect(registerPersonInput.shape.residentId.safeParse('110105194912310021').success).toBe(true);
  });
});
