import '../../testing/messages';
import { translate } from '../../i18n/i18n';
import { elapsedBetween, elapsedText } from './format';
import { formatPercent, fractionToPercent, percentToFraction } from '../../components/percent';
import { rateAnnual } from '../../../contract/schemas/applications';

describe('rates typed as percent, stored as fractions', () => {
  it('turns percent text into the fraction string the API takes', () => {
    expect(percentToFraction('18')).toBe('0.18');
    expect(percentToFraction('18.5')).toBe('0.185');
    expect(percentToFraction(' 7.25 % ')).toBe('0.0725');
    expect(percentToFraction('0')).toBe('0');
    expect(percentToFraction('.5')).toBe('0.005');
    expect(percentToFraction('23.999999')).toBe('0.23999999');
    expect(percentToFraction('')).toBeUndefined();
  });

  it('passes text that is no percent through, so the rate schema refuses it', () => {
    for (const bad of ['abc', '18.1234567', '1e2', '-5']) {
      const out = percentToFraction(bad)!;
      expect(out).toBe(bad);
      expect(rateAnnual.safeParse(out).success).toBe(false);
    }
    // 100% and more is no contract rate the application schema allows
    expect(rateAnnual.safeParse(percentToFraction('150')).success).toBe(false);
  });

  it('shows fractions as exact percent, and round-trips', () => {
    expect(fractionToPercent('0.18')).toBe('18');
    expect(fractionToPercent('0.185')).toBe('18.5');
    expect(fractionToPercent('0.0725')).toBe('7.25');
    expect(fractionToPercent('0.23999999')).toBe('23.999999');
    expect(fractionToPercent(undefined)).toBe('');
    expect(fractionToPercent('x')).toBe('');
    for (const f of ['0.18', '0.185', '0.0001', '0.35999999', '0'])
      expect(percentToFraction(fractionToPercent(f))).toBe(f);
  });

  it('formats an annualized rate with fixed decimals, half-up', () => {
    expect(formatPercent('0.2345678')).toBe('23.46%');
    expect(formatPercent('0.24')).toBe('24.00%');
    expect(formatPercent('0.123449')).toBe('12.34%');
  });
});

describe('the age of an application', () => {
  const submitted = '2026-03-02T08:00:00.000Z';
  const at = (iso: string) => Date.parse(iso);

  it('reads minutes under an hour, hours under two days, days after that', () => {
    expect(elapsedBetween(submitted, at('2026-03-02T08:00:59Z'))).toEqual({ unit: 'minutes', n: 0 });
    expect(elapsedBetween(submitted, at('2026-03-02T08:59:00Z'))).toEqual({ unit: 'minutes', n: 59 });
    expect(elapsedBetween(submitted, at('2026-03-02T09:00:00Z'))).toEqual({ unit: 'hours', n: 1 });
    expect(elapsedBetween(submitted, at('2026-03-04T07:59:00Z'))).toEqual({ unit: 'hours', n: 47 });
    expect(elapsedBetween(submitted, at('2026-03-04T08:00:00Z'))).toEqual({ unit: 'days', n: 2 });
    expect(elapsedBetween(submitted, at('2026-03-12T20:00:00Z'))).toEqual({ unit: 'days', n: 10 });
  });

  it('never goes negative when the clock is behind', () => {
    expect(elapsedBetween(submitted, at('2026-03-01T00:00:00Z'))).toEqual({ unit: 'minutes', n: 0 });
  });

  it('is translated', () => {
    const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, unknown>) => translate('zh-CN', key, vars);
    const en = (key: Parameters<typeof translate>[1], vars?: Record<string, unknown>) => translate('en', key, vars);
    expect(elapsedText({ unit: 'hours', n: 5 }, zh)).toBe('5 小时');
    expect(elapsedText({ unit: 'days', n: 3 }, zh)).toBe('3 天');
    expect(elapsedText({ unit: 'minutes', n: 12 }, en)).toBe('12 min');
  });
});
