export { irr, npvAt, solveIrr, type IrrOptions, type TimedFlow } from './irr';
export {
  actuarialRate,
  actuarialTimedFlows,
  toAnnualizedRate,
  xirr,
  type AnnualizedRate,
  type DatedFlow,
} from './actuarial';
export { annualizedRate, scheduleCashFlows, scheduleUnitPeriod } from './annualized';
export { checkRateCap, DEFAULT_RATE_CAP } from './ratecap';
export {
  formatUnitPeriod,
  inferUnitPeriod,
  parseUnitPeriod,
  unitPeriodsPerYear,
  unitTime,
  type UnitPeriod,
  type UnitKind,
} from './unitPeriod';
