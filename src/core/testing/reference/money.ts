// The implementation before issue 12's speed-up (commit d6f0ccf), kept unchanged
// for the equivalence tests only (core/testing/equivalence.test.ts); imports of
// modules the speed-up did not change point at the live ones.
/** Money is an integer number of fen (0.01 CNY), checked with Number.isSafeInteger.
 *  Yuan strings are parsed and printed digit by digit, never through a float. */
import { Dec, type RateInput } from './decimal';
import { DomainError } from '../../errors';

/** Throws MONEY_INVALID_AMOUNT unless `amountFen` is a safe integer. */
export function assertFen(amountFen: number, field = 'amountFen'): number {
  if (!Number.isSafeInteger(amountFen)) {
    throw new DomainError('MONEY_INVALID_AMOUNT', { field, value: amountFen });
  }
  return amountFen;
}

export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

const YUAN_PATTERN = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

/** Parses a yuan amount like "5000", "5000.5" or "-12.34" to fen exactly; more than
 *  two decimals, separators or exponents are MONEY_INVALID_AMOUNT. */
export function parseYuanToFen(text: string, field = 'amount'): number {
  const match = YUAN_PATTERN.exec(text.trim());
  if (!match) throw new DomainError('MONEY_INVALID_AMOUNT', { field, value: text });
  const sign = match[1] === '-' ? -1 : 1;
  const yuanDigits = match[2] ?? '0';
  const fenDigits = (match[3] ?? '').padEnd(2, '0');
  const fen = BigInt(yuanDigits) * 100n + BigInt(fenDigits);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) throw new DomainError('MONEY_INVALID_AMOUNT', { field, value: text });
  const amountFen = sign * Number(fen);
  return amountFen === 0 ? 0 : amountFen;
}

/** Formats fen as a yuan string with two decimals: 27778 -> "277.78", -5 -> "-0.05". */
export function formatFen(amountFen: number): string {
  assertFen(amountFen);
  const negative = amountFen < 0;
  const abs = Math.abs(amountFen);
  const yuan = Math.floor(abs / 100);
  const fen = abs % 100;
  return `${negative ? '-' : ''}${yuan}.${fen.toString().padStart(2, '0')}`;
}

/** Formats fen with thousands separators: 123456789 -> "1,234,567.89". */
export function formatFenGrouped(amountFen: number): string {
  const plain = formatFen(amountFen);
  const [whole = '0', frac = '00'] = plain.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${frac}`;
}

/** Exact sum of fen amounts; throws if any term or the total is not a safe integer. */
export function sumFen(amountsFen: readonly number[]): number {
  let total = 0;
  for (const amountFen of amountsFen) {
    assertFen(amountFen);
    total += amountFen;
  }
  return assertFen(total, 'sum');
}

/** The one rounding step from a decimal amount in fen to integer fen: half-up (ties
 *  away from zero, so -0.5 -> -1). Every computed amount passes here exactly once. */
export function roundFen(amountFenExact: Dec | RateInput): number {
  const rounded = new Dec(amountFenExact as Dec).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
  return assertFen(rounded === 0 ? 0 : rounded, 'rounded');
}

/** Rounds up (towards +infinity) to a multiple of `multipleFen`. */
export function ceilToMultipleFen(amountFen: number, multipleFen: number): number {
  assertFen(amountFen);
  assertFen(multipleFen, 'multipleFen');
  if (multipleFen <= 1) return amountFen;
  return Math.ceil(amountFen / multipleFen) * multipleFen;
}

/** How an installment is rounded to a multiple (a product setting): to the nearest
 *  multiple (half-up, the default), up, or down. */
export type InstallmentRounding = 'nearest' | 'up' | 'down';
export const INSTALLMENT_ROUNDINGS: readonly InstallmentRounding[] = ['nearest', 'up', 'down'];
export const DEFAULT_INSTALLMENT_ROUNDING: InstallmentRounding = 'nearest';

/** Rounds a positive installment to a multiple of `multipleFen` in `direction`:
 *  444.24 to whole yuan is 444.00 nearest, 445.00 up, 444.00 down. A multiple of
 *  0 or 1 leaves the amount; an installment never rounds to nothing (an amount
 *  below one multiple that would round to 0 stays as it is). */
export function roundToMultipleFen(
  amountFen: number,
  multipleFen: number,
  direction: InstallmentRounding = DEFAULT_INSTALLMENT_ROUNDING,
): number {
  assertFen(amountFen);
  assertFen(multipleFen, 'multipleFen');
  if (multipleFen <= 1) return amountFen;
  const units =
    direction === 'up'
      ? Math.ceil(amountFen / multipleFen)
      : direction === 'down'
        ? Math.floor(amountFen / multipleFen)
        : Math.floor((2 * amountFen + multipleFen) / (2 * multipleFen));
  const rounded = units * multipleFen;
  return rounded <= 0 && amountFen > 0 ? amountFen : rounded;
}

/** Splits `totalFen` into parts proportional to `weights`, largest remainder first,
 *  so the parts sum to the total exactly. */
export function allocateProportionally(totalFen: number, weights: readonly number[]): number[] {
  assertFen(totalFen, 'totalFen');
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (weightSum <= 0) {
    const parts = weights.map(() => 0);
    parts[parts.length - 1] = totalFen;
    return parts;
  }
  const exact = weights.map((w) => new Dec(totalFen).times(w).div(weightSum));
  const parts = exact.map((e) => e.floor().toNumber());
  let rest = totalFen - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, frac: e.minus(e.floor()) }))
    .sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) {
    const idx = order[k]!.i;
    parts[idx] = parts[idx]! + 1;
  }
  return parts;
}
