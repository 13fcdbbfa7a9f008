import { checkPayoffCap, PAYOFF_CAP_OVERRIDE } from './lending';
import { isDomainError } from '../errors';

const over = {
  closes: true,
  exceedsCap: true,
  annualizedCost: '0.85714286',
  rateCapAnnual: '0.24',
  payoffFen: 1_003_333,
  maxTotalWithinCapFen: 986_533,
};

function codeOf(fn: () => unknown): { code: string; details: unknown } | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { code: e.code, details: e.details };
  }
}

describe('a payoff above the cap (issue 11 item 8)', () => {
  it('is refused with the figures the dialog shows, unless a permitted role gives a reason', () => {
    expect(codeOf(() => checkPayoffCap(over, { allowed: true, reason: null }))).toEqual({
      code: 'PAYOFF_OVER_CAP',
      details: {
        annualizedCost: '0.85714286',
        rateCapAnnual: '0.24',
        payoffFen: 1_003_333,
        maxTotalWithinCapFen: 986_533,
      },
    });
    expect(codeOf(() => checkPayoffCap(over, { allowed: false, reason: '客户要求' }))).toEqual({
      code: 'PERMISSION_DENIED',
      details: { permission: PAYOFF_CAP_OVERRIDE },
    });
    expect(checkPayoffCap(over, { allowed: true, reason: '客户要求' })).toEqual({ reason: '客户要求' });
  });
  it('needs nothing when the repayment leaves the loan open or its cost within the cap', () => {
    expect(checkPayoffCap({ ...over, closes: false, exceedsCap: false }, { allowed: false, reason: null })).toBeNull();
    expect(checkPayoffCap({ ...over, exceedsCap: false }, { allowed: false, reason: null })).toBeNull();
    // A reason given where none is needed is not recorded as an override.
    expect(checkPayoffCap({ ...over, exceedsCap: false }, { allowed: true, reason: '多余' })).toBeNull();
  });
});
