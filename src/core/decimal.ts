/** The Decimal constructor used by core: 40 significant digits, half-up rounding.
 *  A private clone, so nothing else in the process can change its settings. */
import DecimalJs from 'decimal.js';

export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
/** Anything a rate can be given as: a decimal string ("0.12"), a number or a Decimal. */
export type RateInput = string | number | DecimalJs;

/** A decimal as an exact fraction numerator / 10^k, both below 10^15 (so integer
 *  arithmetic on them with fen amounts stays exact); undefined for one with more
 *  digits, or not finite. */
export interface DecimalFraction {
  numerator: number;
  denominator: number;
}

const FRACTION_DIGITS_MAX = 15;
const FRACTION_CACHE = new Map<string, DecimalFraction | null>();
const FRACTION_CACHE_LIMIT = 1000;

function fractionOfText(plain: string): DecimalFraction | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(plain);
  if (!match) return null;
  const fraction = match[3] ?? '';
  const digits = `${match[2]}${fraction}`.replace(/^0+(?=\d)/, '');
  if (fraction.length > FRACTION_DIGITS_MAX || digits.length > FRACTION_DIGITS_MAX) return null;
  const numerator = Number(digits);
  return {
    numerator: match[1] === '-' && numerator !== 0 ? -numerator : numerator,
    denominator: 10 ** fraction.length,
  };
}

export function decimalFraction(value: Dec): DecimalFraction | undefined {
  if (!value.isFinite()) return undefined;
  return fractionOfText(value.toFixed()) ?? undefined;
}

/** decimalFraction of a rate as given (a string is parsed once and remembered);
 *  undefined where decimal.js would refuse it. */
export function rateFraction(value: RateInput): DecimalFraction | undefined {
  if (typeof value !== 'string') {
    try {
      return decimalFraction(new Dec(value));
    } catch {
      return undefined;
    }
  }
  let cached = FRACTION_CACHE.get(value);
  if (cached === undefined) {
    let parsed: Dec | undefined;
    try {
      parsed = new Dec(value);
    } catch {
      parsed = undefined;
    }
    cached = (parsed && decimalFraction(parsed)) ?? null;
    if (FRACTION_CACHE.size >= FRACTION_CACHE_LIMIT) FRACTION_CACHE.clear();
    FRACTION_CACHE.set(value, cached);
  }
  return cached ?? undefined;
}

const PARSED = new Map<string, Dec>();
const PARSED_LIMIT = 1000;

/** new Dec(value), with a rate given as a string parsed once and remembered (a
 *  Decimal is immutable, so sharing one is safe); throws as new Dec does. */
export function decOf(value: RateInput): Dec {
  if (typeof value !== 'string') return new Dec(value);
  let parsed = PARSED.get(value);
  if (parsed === undefined) {
    parsed = new Dec(value);
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    PARSED.set(value, parsed);
  }
  return parsed;
}
