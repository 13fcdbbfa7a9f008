import { checkProductRateCap } from './products';

describe('checkProductRateCap', () => {
  it('takes a cap up to 24% without a question', () => {
    expect(checkProductRateCap('0.24', false)).toEqual({ aboveDefault: false });
  });

  it('asks for a confirmation above 24% and takes a confirmed cap up to 36%', () => {
    expect(() => checkProductRateCap('0.30', false)).toThrow(
      expect.objectContaining({ code: 'RATE_CAP_CONFIRMATION_REQUIRED' }),
    );
    expect(checkProductRateCap('0.30', true)).toEqual({ aboveDefault: true });
    expect(checkProductRateCap('0.36', true)).toEqual({ aboveDefault: true });
  });

  it('refuses a cap above the 36% red line, confirmed or not', () => {
    for (const confirmed of [false, true])
      expect(() => checkProductRateCap('0.40', confirmed)).toThrow(
        expect.objectContaining({
          code: 'RATE_CAP_ABOVE_RED_LINE',
          details: expect.objectContaining({ capAnnual: '0.40' }),
        }),
      );
    expect(() => checkProductRateCap('0.36000001', true)).toThrow(
      expect.objectContaining({ code: 'RATE_CAP_ABOVE_RED_LINE' }),
    );
  });
});
