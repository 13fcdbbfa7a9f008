export { accruedInterestThrough, dailyAccruals, type DailyAccrual } from './accrual';
export {
  allocateWaterfall,
  assertAllocationOrder,
  DEFAULT_ALLOCATION_ORDER,
  emptyBuckets,
  type AllocationBucket,
  type BucketAmounts,
  type WaterfallResult,
} from './allocation';
export * from './delinquency';
export { DEFAULT_PENALTY_MULTIPLIER, penaltyInterestExact } from './penalty';
export {
  keptInstallmentOf,
  recomputeAfterPrepayment,
  type PrepaymentMode,
  type RemainingInstallment,
} from './prepayment';
export {
  amountAtRateFen,
  annualizedCostOf,
  DEFAULT_RED_LINE,
  DiscountClock,
  exceedsRate,
  flowsExceedRate,
  type AnnualizedCost,
} from './cost';
export {
  actualCostOf,
  DEFAULT_REPAYMENT_INTENT,
  earnedThrough,
  loanPosition,
  payoffQuote,
  repaymentEffect,
  REPAYMENT_INTENTS,
  type InstallmentPosition,
  type InstallmentStatus,
  type LoanContract,
  type LoanPosition,
  type LoanTransaction,
  type PayoffQuote,
  type PositionOptions,
  type RepaymentCapCheck,
  type RepaymentIntent,
  type TransactionAllocation,
} from './position';
