/** The growing delay between wrong secrets (the lock screen's password, the
 *  database passphrase): a few free tries, then a delay that doubles with every
 *  further failure, up to a ceiling. Pure, so both the rule and its tests are here. */
export const FREE_ATTEMPTS = 3;
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;

/** How long to wait after `failures` consecutive wrong tries before the next one. */
export function throttleDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

export interface ThrottleState {
  failures: number;
  notBeforeMs: number;
}

export const NO_FAILURES: ThrottleState = { failures: 0, notBeforeMs: 0 };

/** The wait still to run at `nowMs`, 0 when a try is allowed now. */
export function retryAfterMs(state: ThrottleState, nowMs: number): number {
  return Math.max(0, state.notBeforeMs - nowMs);
}

/** The state after one more wrong try at `nowMs`. */
export function afterFailure(state: ThrottleState, nowMs: number): ThrottleState {
  const failures = state.failures + 1;
  return { failures, notBeforeMs: nowMs + throttleDelayMs(failures) };
}
