// The implementation before issue 12's speed-up (commit d6f0ccf), kept unchanged
// for the equivalence tests only (core/testing/equivalence.test.ts); imports of
// modules the speed-up did not change point at the live ones.
/** The Decimal constructor used by core: 40 significant digits, half-up rounding.
 *  A private clone, so nothing else in the process can change its settings. */
import DecimalJs from 'decimal.js';

export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;
/** Anything a rate can be given as: a decimal string ("0.12"), a number or a Decimal. */
export type RateInput = string | number | DecimalJs;
