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
  loanPosition,
  payoffQuote,
  type InstallmentPosition,
  type InstallmentStatus,
  type LoanContract,
  type LoanPosition,
  type LoanTransaction,
  type PayoffQuote,
  type TransactionAllocation,
} from './position';
