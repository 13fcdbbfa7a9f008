import { configIssues, formFieldOf, NEW_PRODUCT, previewSchedule, toConfigInput, toFormValues } from './productForm';
import { productConfig } from '../../../../contract/schemas/products';

describe('product form model', () => {
  it('round-trips a product through the form', () => {
    const config = productConfig.parse(toConfigInput(NEW_PRODUCT));
    expect(productConfig.parse(toConfigInput(toFormValues({ code: 'X', name: 'x', active: true, config })))).toEqual(
      config,
    );
  });

  it('a product stored before the rounding, intent and fee settings reads their defaults; the preview follows the rounding', () => {
    const stored = productConfig.parse(toConfigInput(NEW_PRODUCT)) as Record<string, unknown>;
    delete stored.installmentRounding;
    delete stored.repaymentIntent;
    delete stored.prepaymentFeeRate;
    expect(productConfig.parse(stored)).toMatchObject({
      installmentRounding: 'nearest',
      repaymentIntent: 'installments',
      prepaymentFeeRate: '0',
    });
    expect(toConfigInput({ ...NEW_PRODUCT, prepaymentFeePercent: '2' }).prepaymentFeeRate).toBe('0.02');
    // 10 000.00 at 15% over 12: A = 902.58 -> 903.00 nearest, 902.00 down.
    const sample = { amountFen: 10_000_00, periods: 12, startDate: '2026-03-02' };
    const nearest = previewSchedule({ ...NEW_PRODUCT, installmentMultipleFen: 100 }, sample);
    const down = previewSchedule({ ...NEW_PRODUCT, installmentMultipleFen: 100, installmentRounding: 'down' }, sample);
    expect(nearest.ok && nearest.schedule.installments[0]!.paymentFen).toBe(90300);
    expect(down.ok && down.schedule.installments[0]!.paymentFen).toBe(90200);
  });

  it('puts cross-field refusals on the form field that holds them', () => {
    const issues = configIssues({
      ...NEW_PRODUCT,
      minAmountFen: 5_000_00,
      maxAmountFen: 1_000_00,
      minRatePercent: '10',
      maxRatePercent: '20',
      defaultRatePercent: '25',
      precheck: { ...NEW_PRODUCT.precheck, maxDtiPercent: 'x' },
    });
    expect(issues.get('maxAmountFen')?.message).toBe('RANGE_INVERTED');
    expect(issues.get('defaultRatePercent')?.message).toBe('RATE_OUT_OF_RANGE');
    expect(issues.has('precheck.maxDtiPercent')).toBe(true);
    expect(formFieldOf(['rateCapAnnual'])).toEqual(['rateCapPercent']);
  });

  it('previews the schedule and flags an annualized rate over the cap', () => {
    const ok = previewSchedule(NEW_PRODUCT, { amountFen: 10_000_00, periods: 12, startDate: '2026-03-02' });
    expect(ok.ok && ok.schedule.totalPrincipalFen).toBe(10_000_00);
    expect(ok.ok && ok.overCap).toBe(false);
    const high = previewSchedule(
      { ...NEW_PRODUCT, maxRatePercent: '30', defaultRatePercent: '22', feeRatePercent: '3' },
      { amountFen: 10_000_00, periods: 12, startDate: '2026-03-02' },
    );
    expect(high.ok && high.overCap).toBe(true);
    expect(
      previewSchedule(
        { ...NEW_PRODUCT, maxAmountFen: 1 },
        { amountFen: 10_000_00, periods: 12, startDate: '2026-03-02' },
      ).ok,
    ).toBe(false);
  });
});
