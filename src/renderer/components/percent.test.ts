import { formatPercent, fractionToPercent, isPercent, percentToFraction } from './percent';

describe('rates as percents', () => {
  it('leaves what is not a percent for the schema to refuse', () => {
    for (const bad of ['abc', '100.5', '1000', '-3', '1e2', '12.3456789', '18,5']) {
      expect(isPercent(bad), bad).toBe(false);
      expect(percentToFraction(bad)).toBe(bad);
    }
    expect(isPercent('100')).toBe(true);
    expect(isPercent(18)).toBe(false);
  });
  it('shows a fraction for editing and for reading', () => {
    expect(fractionToPercent('0.1548')).toBe('15.48');
    expect(fractionToPercent('0.185000')).toBe('18.5');
    expect(fractionToPercent(null)).toBe('');
    expect(fractionToPercent('x')).toBe('');
    expect(formatPercent('0.2345678')).toBe('23.46%');
    expect(formatPercent(0.0625, 1)).toBe('6.3%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent('NaN')).toBe('—');
    expect(formatPercent('abc')).toBe('—');
  });
});
