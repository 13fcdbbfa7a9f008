/** Annual percentage rate of dated, irregular cash flows by the actuarial method of
 *  US Regulation Z, Appendix J: whole unit periods compound, odd days earn simple
 *  interest for their fraction of a unit period, APR = unit rate x unit periods a
 *  year. Also XIRR (Excel): effective annual rate with exponent days / 365. */
import { Dec } from '../decimal';
import { daysBetween, isValidDate, type BusinessDate } from '../dates';
import { DomainError } from '../errors';
import { solveIrr, type TimedFlow } from './irr';
import {
  inferUnitPeriod,
  parseUnitPeriod,
  seriesDayFor,
  unitPeriodsPerYear,
  unitTime,
  type UnitPeriod,
} from './unitPeriod';

/** A dated cash flow in fen; negative = money to the borrower. */
export interface DatedFlow {
  date: BusinessDate;
  amountFen: number;
}

export interface AnnualizedRate {
  /** Rate per unit period, as a fraction. */
  periodicRate: Dec;
  /** periodicRate x periodsPerYear: the 年化利率 shown to customers and capped. */
  nominal: Dec;
  /** (1 + periodicRate)^periodsPerYear - 1. */
  effective: Dec;
  periodsPerYear: number;
}

export function toAnnualizedRate(periodicRate: number, periodsPerYear: number): AnnualizedRate {
  const i = new Dec(periodicRate);
  return {
    periodicRate: i,
    nominal: i.times(periodsPerYear),
    effective: i.plus(1).pow(periodsPerYear).minus(1),
    periodsPerYear,
  };
}

function checkFlows(flows: readonly DatedFlow[]): DatedFlow[] {
  if (flows.length < 2) throw new DomainError('APR_NO_SOLUTION', { reason: 'need at least two cash flows' });
  for (const flow of flows) {
    if (!isValidDate(flow.date)) throw new DomainError('APR_INVALID_FLOW', { field: 'date', value: flow.date });
    if (!Number.isSafeInteger(flow.amountFen))
      throw new DomainError('APR_INVALID_FLOW', { field: 'amountFen', value: flow.amountFen });
  }
  return [...flows].filter((f) => f.amountFen !== 0).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Appendix J actuarial APR. The term starts at the earliest flow; `unit` is
 *  inferred from the payment dates when not given (see inferUnitPeriod). */
export function actuarialRate(
  flows: readonly DatedFlow[],
  unit?: UnitPeriod | string,
): AnnualizedRate & { unit: UnitPeriod } {
  const { timed, unit: unitPeriod } = actuarialTimedFlows(flows, unit);
  return { ...toAnnualizedRate(solveIrr(timed), unitPeriodsPerYear(unitPeriod)), unit: unitPeriod };
}

/** The flows as whole unit periods t plus fraction f from the start of the term. */
export function actuarialTimedFlows(
  flows: readonly DatedFlow[],
  unit?: UnitPeriod | string,
): { timed: TimedFlow[]; unit: UnitPeriod } {
  const sorted = checkFlows(flows);
  const start = sorted[0]!.date;
  const unitPeriod =
    typeof unit === 'string' ? parseUnitPeriod(unit) : (unit ?? inferUnitPeriod(sorted.map((f) => f.date)));
  const paymentDates = sorted.filter((f) => f.amountFen > 0).map((f) => f.date);
  const timed: TimedFlow[] = sorted.map((flow) => {
    const { t, f } = unitTime(start, flow.date, unitPeriod, seriesDayFor(flow.date, paymentDates));
    return { amount: flow.amountFen, t, f };
  });
  return { timed, unit: unitPeriod };
}

/** XIRR as Excel defines it: sum of amount / (1 + r)^(days from first flow / 365)
 *  = 0. The rate is already annual and effective; nominal = effective = r. */
export function xirr(flows: readonly DatedFlow[]): AnnualizedRate {
  const sorted = checkFlows(flows);
  const start = sorted[0]!.date;
  const rate = solveIrr(sorted.map((flow) => ({ amount: flow.amountFen, t: daysBetween(start, flow.date) / 365 })));
  const r = new Dec(rate);
  return { periodicRate: r, nominal: r, effective: r, periodsPerYear: 1 };
}
