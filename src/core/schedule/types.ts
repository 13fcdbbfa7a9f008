/** Loan terms and the repayment schedule (还款计划) shared by every method. */
import type { RateInput } from '../decimal';
import type { BusinessDate } from '../dates';
import type { DayCount } from '../daycount';
import type { InstallmentRounding } from '../money';

export type RepaymentMethod = 'annuity' | 'equalPrincipal' | 'flat' | 'interestOnly' | 'bullet';
export const REPAYMENT_METHODS: readonly RepaymentMethod[] = [
  'annuity',
  'equalPrincipal',
  'flat',
  'interestOnly',
  'bullet',
];

/** monthly, biweekly (every 14 days), weekly (every 7 days), or days: a single-term
 *  loan whose `periods` is its length in days, repaid in one installment. */
export type Frequency = 'monthly' | 'biweekly' | 'weekly' | 'days';
export const FREQUENCIES: readonly Frequency[] = ['monthly', 'biweekly', 'weekly', 'days'];

/** 'period': interest = balance x annual rate / periods per year (the first period
 *  by actual days when irregular); 'daily': every period by its actual days. */
export type InterestMode = 'period' | 'daily';

export interface LoanTerms {
  principalFen: number;
  /** Annual contract rate as a fraction: "0.12" is 12% a year. */
  rateAnnual: RateInput;
  /** Number of installments; for frequency 'days', the term in days. */
  periods: number;
  method: RepaymentMethod;
  frequency?: Frequency;
  startDate: BusinessDate;
  /** Makes the first period irregular (disbursed mid-month, fixed repayment day). */
  firstDueDate?: BusinessDate;
  /** Day count for actual-day interest; default ACT/360. */
  dayCount?: DayCount;
  interestMode?: InterestMode;
  /** First N installments pay interest only. */
  gracePrincipalPeriods?: number;
  /** First N installments pay nothing; their interest is deferred (not capitalised)
   *  and added to the first installment after the grace. */
  graceInterestPeriods?: number;
  /** Rounds the regular installment of annuity and flat schedules to a multiple
   *  (100 = whole yuan); the last installment absorbs the difference. */
  installmentMultipleFen?: number;
  /** Direction of that rounding: nearest (default), up or down. */
  installmentRounding?: InstallmentRounding;
  /** Deducted at disbursement; enters the annualized rate, not the installments. */
  upfrontFeeFen?: number;
}

export interface Installment {
  n: number;
  dueDate: BusinessDate;
  principalFen: number;
  interestFen: number;
  paymentFen: number;
  /** Outstanding principal after this installment. */
  balanceFen: number;
}

export interface Schedule {
  terms: LoanTerms;
  installments: Installment[];
  totalPrincipalFen: number;
  totalInterestFen: number;
  totalPaymentFen: number;
  upfrontFeeFen: number;
  /** What the borrower actually receives: principal minus upfront fee. */
  netDisbursedFen: number;
}
