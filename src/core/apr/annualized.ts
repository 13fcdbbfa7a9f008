/** The annualized rate (年化利率) of a loan: IRR of the net amount received (principal
 *  minus upfront fees) against every scheduled payment, times periods per year. */
import { DomainError } from '../errors';
import type { Schedule } from '../schedule/types';
import { actuarialRate, toAnnualizedRate, type AnnualizedRate, type DatedFlow } from './actuarial';
import { irr } from './irr';
import type { UnitPeriod } from './unitPeriod';

/** Cash flows of a schedule, borrower's side: -(principal - fee) at the start,
 *  each payment at its due date. */
export function scheduleCashFlows(schedule: Schedule): DatedFlow[] {
  return [
    { date: schedule.terms.startDate, amountFen: -schedule.netDisbursedFen },
    ...schedule.installments.filter((i) => i.paymentFen > 0).map((i) => ({ date: i.dueDate, amountFen: i.paymentFen })),
  ];
}

export function scheduleUnitPeriod(schedule: Schedule): UnitPeriod {
  switch (schedule.terms.frequency ?? 'monthly') {
    case 'monthly':
      return { kind: 'month', count: 1 };
    case 'biweekly':
      return { kind: 'week', count: 2 };
    case 'weekly':
      return { kind: 'week', count: 1 };
    case 'days':
      return { kind: 'day', count: schedule.terms.periods };
  }
}

/** Annualized rate of a schedule (dated flows, actuarial method with the
 *  schedule's own period as unit: month, 2 weeks, week, or the whole term for a
 *  days loan), or of amounts per whole period 0..n with `periodsPerYear`. */
export function annualizedRate(source: Schedule | readonly number[], periodsPerYear?: number): AnnualizedRate {
  if (Array.isArray(source)) {
    const amounts = source as readonly number[];
    if (periodsPerYear === undefined || !(periodsPerYear > 0))
      throw new DomainError('APR_INVALID_UNIT', { field: 'periodsPerYear', value: periodsPerYear });
    return toAnnualizedRate(irr(amounts), periodsPerYear);
  }
  const schedule = source as Schedule;
  const { unit: _unit, ...rate } = actuarialRate(scheduleCashFlows(schedule), scheduleUnitPeriod(schedule));
  return rate;
}
