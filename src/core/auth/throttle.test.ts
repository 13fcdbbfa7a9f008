import { afterFailure, FREE_ATTEMPTS, MAX_DELAY_MS, NO_FAILURES, retryAfterMs, throttleDelayMs } from './throttle';

describe('the secret-entry throttle', () => {
  it('allows a few free tries, then doubles the delay up to the ceiling', () => {
    expect([0, 1, 2].map(throttleDelayMs)).toEqual([0, 0, 0]);
    expect(throttleDelayMs(FREE_ATTEMPTS)).toBe(1_000);
    expect(throttleDelayMs(FREE_ATTEMPTS + 1)).toBe(2_000);
    expect(throttleDelayMs(FREE_ATTEMPTS + 4)).toBe(16_000);
    expect(throttleDelayMs(100)).toBe(MAX_DELAY_MS);
  });
  it('counts failures and says how long is left', () => {
    let state = NO_FAILURES;
    for (let i = 0; i < FREE_ATTEMPTS; i++) state = afterFailure(state, 10_000);
    expect(state.failures).toBe(FREE_ATTEMPTS);
    expect(retryAfterMs(state, 10_000)).toBe(1_000);
    expect(retryAfterMs(state, 10_600)).toBe(400);
    expect(retryAfterMs(state, 11_000)).toBe(0);
  });
});
