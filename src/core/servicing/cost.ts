/** The annualized cost of a loan's actual cash flows (what the borrower received
 *  against what they paid, on the dates they paid it) and the largest amount a
 *  borrower can owe on a date without that cost passing a rate. Used to check a
 *  payoff against the rate cap and to bound penalty interest at the red line.
 *  The measure is the one the loan's annualized rate is quoted in (Regulation Z
 *  Appendix J actuarial IRR with the schedule's unit period, times unit periods a
 *  year), so a loan repaid exactly on schedule costs exactly its annualized rate;
 *  Excel's XIRR (effective annual, days / 365) is given beside it. */
import { Dec, type RateInput } from '../decimal';
import { type BusinessDate } from '../dates';
import { isDomainError } from '../errors';
import { actuarialTimedFlows, xirr, type DatedFlow } from '../apr/actuarial';
import { solveIrr } from '../apr/irr';
import { seriesDayFor, unitPeriodsPerYear, unitTime, type UnitPeriod } from '../apr/unitPeriod';

export const DEFAULT_RED_LINE = '0.36';

export interface AnnualizedCost {
  /** Unit-period IRR x unit periods a year: the figure caps are checked on. */
  nominal: Dec;
  /** Excel XIRR of the same flows (effective annual rate); null when it has no root. */
  xirr: Dec | null;
}

/** The annualized cost of dated flows (negative = to the borrower), or null
 *  when the flows have no rate (nothing repaid yet, or no sign change). */
export function annualizedCostOf(flows: readonly DatedFlow[], unit: UnitPeriod): AnnualizedCost | null {
  const nonzero = flows.filter((f) => f.amountFen !== 0);
  if (!nonzero.some((f) => f.amountFen > 0) || !nonzero.some((f) => f.amountFen < 0)) return null;
  try {
    const { timed } = actuarialTimedFlows(nonzero, unit);
    const nominal = new Dec(solveIrr(timed)).times(unitPeriodsPerYear(unit));
    let effective: Dec | null = null;
    try {
      effective = xirr(nonzero).effective;
    } catch (e) {
      if (!isDomainError(e)) throw e;
    }
    return { nominal, xirr: effective };
  } catch (e) {
    if (isDomainError(e)) return null;
    throw e;
  }
}

/** Whether a cost passes a cap (both rounded to 8 decimals, so solver noise
 *  cannot trip it). */
export function exceedsRate(cost: AnnualizedCost | null, cap: RateInput): boolean {
  return cost !== null && cost.nominal.toDecimalPlaces(8).greaterThan(new Dec(cap as string));
}

/** Whether dated flows cost more than a cap: their annualized cost passes it, or
 *  they have no rate although the borrower paid back more than was received (all
 *  on one day: a payoff on the disbursement day of a loan with an upfront fee, an
 *  unbounded cost). */
export function flowsExceedRate(flows: readonly DatedFlow[], cost: AnnualizedCost | null, cap: RateInput): boolean {
  if (cost !== null) return exceedsRate(cost, cap);
  return flows.reduce((sum, f) => sum + f.amountFen, 0) > 0 && flows.some((f) => f.amountFen < 0);
}

/** Unit-period rates by annual rate and periods a year (a clock is made per replay). */
const UNIT_RATES = new Map<string, number>();
const UNIT_RATES_LIMIT = 1000;

/** Actuarial discount factors 1 / ((1 + f i)(1 + i)^t) from `start`, at the
 *  unit-period rate of `annualRate`, with the series day of the schedule's due
 *  dates (month ends stand for the 29th-31st). */
export class DiscountClock {
  private readonly rate: number;
  constructor(
    private readonly start: BusinessDate,
    private readonly unit: UnitPeriod,
    private readonly seriesDates: readonly BusinessDate[],
    annualRate: RateInput,
  ) {
    const perYear = unitPeriodsPerYear(unit);
    const key = typeof annualRate === 'string' ? `${annualRate}/${perYear}` : undefined;
    const known = key === undefined ? undefined : UNIT_RATES.get(key);
    this.rate = known ?? new Dec(annualRate as string).div(perYear).toNumber();
    if (key !== undefined && known === undefined) {
      if (UNIT_RATES.size >= UNIT_RATES_LIMIT) UNIT_RATES.clear();
      UNIT_RATES.set(key, this.rate);
    }
  }

  private readonly cache = new Map<BusinessDate, number>();

  factor(date: BusinessDate): number {
    if (date <= this.start) return 1;
    let value = this.cache.get(date);
    if (value === undefined) {
      const { t, f } = unitTime(this.start, date, this.unit, seriesDayFor(date, this.seriesDates));
      value = 1 / ((1 + f * this.rate) * Math.pow(1 + this.rate, t));
      this.cache.set(date, value);
    }
    return value;
  }
}

/** The amount that, owed on `date` on top of `flows`, makes their annualized cost
 *  exactly the clock's rate: the flows' balance carried forward at that rate. */
export function amountAtRateFen(clock: DiscountClock, flows: readonly DatedFlow[], date: BusinessDate): Dec {
  let present = 0;
  for (const flow of flows) present += flow.amountFen * clock.factor(flow.date);
  return new Dec(-present).div(clock.factor(date));
}
