/** Pure formatting for the application and review screens: how long an
 *  application has waited. (Rates: components/percent.) */
import type { Translate } from '../../i18n/i18n';

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

/** "3 小时" / "3 h" for an elapsed time. */
export function elapsedText(elapsed: Elapsed, t: Translate): string {
  return t(`review.elapsed.${elapsed.unit}`, { n: elapsed.n });
}
