/** Rates on screen: typed and shown as percents, stored and sent as fraction
 *  strings ("0.1548"). Exact (decimal arithmetic, never a float), one behaviour for
 *  every form and table. */
import { Dec } from '../../core/decimal';

const PERCENT_TEXT = /^\s*(\d{1,3}(?:\.\d{0,6})?|\.\d{1,6})\s*%?\s*$/;

/** Whether text is a percent a rate field takes: 0 to 100, at most 6 decimals, "%" optional. */
export function isPercent(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const match = PERCENT_TEXT.exec(text);
  return !!match && new Dec(match[1]!).lte(100);
}

/** "18" / "18.5%" -> "0.18" / "0.185"; empty -> undefined; anything else comes
 *  back unchanged, so the rate schema refuses it with its own sentence. */
export function percentToFraction(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  if (!isPercent(text)) return text;
  return new Dec(PERCENT_TEXT.exec(text)![1]!).div(100).toFixed();
}

/** "0.185" -> "18.5" (exact, no trailing zeros, for a field being edited); not a number -> "". */
export function fractionToPercent(fraction: string | number | undefined | null): string {
  if (fraction === undefined || fraction === null || fraction === '') return '';
  try {
    return new Dec(fraction).times(100).toDecimalPlaces(6).toFixed();
  } catch {
    return '';
  }
}

/** A fraction shown as a percent with fixed decimals: "0.2345678" -> "23.46%"; none -> "—". */
export function formatPercent(fraction: string | number | null | undefined, decimals = 2): string {
  if (fraction === undefined || fraction === null || fraction === '') return '—';
  try {
    const d = new Dec(fraction);
    return d.isFinite() ? `${d.times(100).toFixed(decimals)}%` : '—';
  } catch {
    return '—';
  }
}
