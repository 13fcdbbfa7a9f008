/** Internal rate of return: the periodic rate i at which the discounted cash flows
 *  sum to zero. Bracketing first, then Newton steps kept inside the bracket
 *  (bisection whenever a step would leave it), so the solver never diverges. The
 *  search runs in binary floating point to ~1e-15 relative, far inside the 1e-9
 *  accuracy promised on the periodic rate. */
import { DomainError } from '../errors';

/** A cash flow at t whole unit periods plus a fraction f of one (Regulation Z,
 *  Appendix J: discount factor 1 / ((1 + f i)(1 + i)^t)). Negative amounts go to
 *  the borrower (advances), positive ones are payments. */
export interface TimedFlow {
  amount: number;
  t: number;
  f?: number;
}

export interface IrrOptions {
  /** Stop when the bracket is narrower than this (default 1e-13). */
  tolerance?: number;
  maxIterations?: number;
}

/** Bounds of the search: periodic rates between -100% and 10^12. */
const MAX_RATE = 1e12;
const MAX_ITERATIONS = 300;

export function npvAt(flows: readonly TimedFlow[], rate: number): number {
  let sum = 0;
  for (const flow of flows) {
    const f = flow.f ?? 0;
    sum += flow.amount / ((1 + f * rate) * Math.pow(1 + rate, flow.t));
  }
  return sum;
}

function npvAndSlope(flows: readonly TimedFlow[], rate: number): [number, number] {
  let value = 0;
  let slope = 0;
  for (const flow of flows) {
    const f = flow.f ?? 0;
    const term = flow.amount / ((1 + f * rate) * Math.pow(1 + rate, flow.t));
    value += term;
    slope -= term * (f / (1 + f * rate) + flow.t / (1 + rate));
  }
  return [value, slope];
}

function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** Finds a bracket [lo, hi] with a sign change, scanning outward from 0. */
function bracket(flows: readonly TimedFlow[]): [number, number] | undefined {
  const at0 = npvAt(flows, 0);
  let prevRate = 0;
  let prevSign = sign(at0);
  for (let rate = 1e-4; rate <= MAX_RATE; rate *= 2) {
    const s = sign(npvAt(flows, rate));
    if (s === 0) return [rate, rate];
    if (s !== prevSign && Number.isFinite(npvAt(flows, rate))) return [prevRate, rate];
    prevRate = rate;
    prevSign = s;
  }
  prevRate = 0;
  prevSign = sign(at0);
  for (let j = 1; j <= 45; j++) {
    const rate = -(1 - Math.pow(2, -j));
    const value = npvAt(flows, rate);
    if (!Number.isFinite(value)) break;
    const s = sign(value);
    if (s === 0) return [rate, rate];
    if (s !== prevSign) return [rate, prevRate];
    prevRate = rate;
    prevSign = s;
  }
  return undefined;
}

/** Solves NPV(i) = 0. Throws APR_NO_SOLUTION when the flows do not change sign or
 *  no root lies between -100% and 10^12 per period. */
export function solveIrr(flows: readonly TimedFlow[], options: IrrOptions = {}): number {
  const tolerance = options.tolerance ?? 1e-13;
  const maxIterations = options.maxIterations ?? MAX_ITERATIONS;
  const hasIn = flows.some((f) => f.amount > 0);
  const hasOut = flows.some((f) => f.amount < 0);
  if (!hasIn || !hasOut)
    throw new DomainError('APR_NO_SOLUTION', { reason: 'cash flows must include money lent and money repaid' });
  for (const flow of flows) {
    if (!Number.isFinite(flow.amount) || !Number.isFinite(flow.t) || flow.t < 0)
      throw new DomainError('APR_INVALID_FLOW', { flow });
  }
  if (npvAt(flows, 0) === 0) return 0;
  const found = bracket(flows);
  if (!found)
    throw new DomainError('APR_NO_SOLUTION', {
      reason: 'no rate between -100% and the search limit balances the flows',
    });
  let [lo, hi] = found;
  if (lo === hi) return lo;
  let fLo = npvAt(flows, lo);
  let x = (lo + hi) / 2;
  for (let iter = 0; iter < maxIterations; iter++) {
    const [fx, slope] = npvAndSlope(flows, x);
    if (fx === 0) return x;
    if (sign(fx) === sign(fLo)) {
      lo = x;
      fLo = fx;
    } else hi = x;
    if (hi - lo <= tolerance * Math.max(1, Math.abs(x))) return (lo + hi) / 2;
    let next = slope !== 0 ? x - fx / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= tolerance * 1e-3 * Math.max(1, Math.abs(x))) return next;
    x = next;
  }
  return (lo + hi) / 2;
}

/** IRR of amounts at whole periods 0, 1, 2, ... */
export function irr(amountsByPeriod: readonly number[]): number {
  return solveIrr(amountsByPeriod.map((amount, t) => ({ amount, t })).filter((f) => f.amount !== 0));
}
