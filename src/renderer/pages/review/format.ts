/** Pure formatting for the application and review screens: rates typed as percent
 *  but stored as fraction strings, and how long an application has waited. */
import { Dec } from '../../../core/decimal';
import type { Translate } from '../../i18n/i18n';

const PERCENT_TEXT = /^\s*(\d{1,3}(?:\.\d*)?|\.\d+)\s*%?\s*$/;
/** Fraction strings carry at most 8 decimals (the rate schema's limit). */
const MAX_FRACTION_DECIMALS = 8;

/** "18" / "18.5%" -> "0.18" / "0.185"; text that is not a percent with at most
 *  6 decimals comes back unchanged so the rate schema rejects it (RATE_FORMAT). */
export function percentToFraction(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const match = PERCENT_TEXT.exec(text);
  if (!match) return text;
  const fraction = new Dec(match[1]!).div(100);
  if (fraction.decimalPlaces() > MAX_FRACTION_DECIMALS) return text;
  return fraction.toFixed();
}

/** "0.185" -> "18.5" (exact, no trailing zeros); not a number -> "". */
export function fractionToPercent(fraction: string | undefined | null): string {
  if (fraction === undefined || fraction === null || fraction === '') return '';
  try {
    return new Dec(fraction).times(100).toFixed();
  } catch {
    return '';
  }
}

/** A fraction shown as a percent with fixed decimals: "0.2345678" -> "23.46%". */
export function formatPercent(fraction: string | number, decimals = 2): string {
  try {
    return `${new Dec(fraction).times(100).toFixed(decimals)}%`;
  } catch {
    return String(fraction);
  }
}

export interface Elapsed {
  unit: 'minutes' | 'hours' | 'days';
  n: number;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** How long between two instants, in the unit a reviewer reads at a glance:
 *  minutes below an hour, hours below two days, whole days after that. */
export function elapsedBetween(fromIso: string, toMs: number): Elapsed {
  const ms = Math.max(0, toMs - Date.parse(fromIso));
  if (ms < HOUR_MS) return { unit: 'minutes', n: Math.floor(ms / MINUTE_MS) };
  if (ms < 2 * DAY_MS) return { unit: 'hours', n: Math.floor(ms / HOUR_MS) };
  return { unit: 'days', n: Math.floor(ms / DAY_MS) };
}

/** Milliseconds between two ISO instants (for sorting by age). */
export function ageMs(fromIso: string, toMs: number): number {
  return Math.max(0, toMs - Date.parse(fromIso));
}

/** "3 小时" / "3 h" for an elapsed time. */
export function elapsedText(elapsed: Elapsed, t: Translate): string {
  return t(`review.elapsed.${elapsed.unit}`, { n: elapsed.n });
}
