/** Automatic pre-checks (预审) and the scorecard for an application, and the route
 *  they lead to: declined, approved automatically, or manual review. A pure function
 *  of explicit facts: the desktop gathers them with SQL, the sync server re-runs the
 *  same function on the facts recorded in the event. */
import { Dec } from '../decimal';
import { ageOn } from '../validation/identity';
import { buildSchedule } from '../schedule/index';
import type { DayCount } from '../daycount';
import type { Frequency, LoanTerms, RepaymentMethod, Schedule } from '../schedule/types';
import type { InstallmentRounding } from '../money';
import { annualizedRate } from '../apr/annualized';
import { personalisedOffer, scoreApplicant, type Offer, type ScoreResult } from '../scoring/scorecard';

export type PrecheckCode =
  | 'AGE'
  | 'WATCHLIST'
  | 'OVERDUE'
  | 'DEBT_TO_INCOME'
  | 'AMOUNT_RANGE'
  | 'TERM_RANGE'
  | 'RATE_RANGE'
  | 'RATE_CAP'
  | 'CUSTOMER_KIND';

export interface Precheck {
  code: PrecheckCode;
  passed: boolean;
  /** Values the UI shows beside the rule (limits and actuals). */
  values: Record<string, string | number>;
}

/** Checks of the terms themselves: an approver may never override these. */
export const TERMS_CHECKS: readonly PrecheckCode[] = ['AMOUNT_RANGE', 'TERM_RANGE', 'RATE_RANGE', 'RATE_CAP'];

export interface Assessment {
  prechecks: Precheck[];
  score: ScoreResult | null;
  offer: Offer | null;
  annualizedRate: { nominal: string; effective: string };
  firstInstallmentFen: number;
  /** The facts the assessment was made on, kept with it. */
  facts?: { monthlyDebtFen: number; companyInstallmentsFen: number; overdueLoans: number; repaidLoans: number };
  decision: 'autoDeclined' | 'autoApproved' | 'review';
}

/** The product settings an assessment and a schedule need (a ProductConfig). */
export interface ProductRules {
  method: RepaymentMethod;
  frequency: Frequency;
  minAmountFen: number;
  maxAmountFen: number;
  minPeriods: number;
  maxPeriods: number;
  minRateAnnual: string;
  maxRateAnnual: string;
  dayCount: DayCount;
  upfrontFeeRate: string;
  gracePrincipalPeriods: number;
  graceInterestPeriods: number;
  installmentMultipleFen: number;
  installmentRounding?: InstallmentRounding;
  autoApproveLimitFen: number;
  rateCapAnnual: string;
  precheck: {
    minAge: number;
    maxAge: number;
    maxDebtToIncome: string;
    refuseWatchlist: boolean;
    refuseOverdue: boolean;
  };
}

export interface ApplicationTerms {
  amountFen: number;
  periods: number;
  rateAnnual: string;
  startDate: string;
}

export interface CustomerFacts {
  kind: 'person' | 'business';
  birthDate: string | null;
  monthlyIncomeFen: number | null;
  /** Debt payments the customer declared at other lenders. */
  monthlyDebtFen: number | null;
  employmentYears: number | null;
  watchlist: ReadonlyArray<{ match: string }>;
}

/** The customer's loans with this company. */
export interface LendingHistory {
  overdueLoans: number;
  repaidLoans: number;
  /** The monthly installments of this company's open loans (approved or active). */
  companyInstallmentsFen: number;
}

export function termsFor(product: ProductRules, input: ApplicationTerms): LoanTerms {
  return {
    principalFen: input.amountFen,
    rateAnnual: input.rateAnnual,
    periods: input.periods,
    method: product.method,
    frequency: product.frequency,
    startDate: input.startDate,
    dayCount: product.dayCount,
    gracePrincipalPeriods: product.gracePrincipalPeriods,
    graceInterestPeriods: product.graceInterestPeriods,
    installmentMultipleFen: product.installmentMultipleFen,
    installmentRounding: product.installmentRounding,
    upfrontFeeFen: new Dec(product.upfrontFeeRate)
      .times(input.amountFen)
      .toDecimalPlaces(0, Dec.ROUND_HALF_UP)
      .toNumber(),
  };
}

export function scheduleFor(
  product: ProductRules,
  input: ApplicationTerms,
): { terms: LoanTerms; schedule: Schedule; rate: { nominal: string; effective: string } } {
  const terms = termsFor(product, input);
  const schedule = buildSchedule(terms);
  const apr = annualizedRate(schedule);
  return { terms, schedule, rate: { nominal: apr.nominal.toFixed(8), effective: apr.effective.toFixed(8) } };
}

/** Runs every pre-check (each a product setting) and the scorecard. */
export function assessApplication(
  customer: CustomerFacts,
  history: LendingHistory,
  product: ProductRules,
  input: ApplicationTerms,
): Assessment {
  const c = product;
  const { schedule, rate } = scheduleFor(product, input);
  const firstInstallmentFen = schedule.installments[0]!.paymentFen;
  const prechecks: Precheck[] = [];
  const isPerson = customer.kind === 'person';
  const age = isPerson && customer.birthDate ? ageOn(customer.birthDate, input.startDate) : null;
  if (isPerson) {
    prechecks.push({
      code: 'AGE',
      passed: age !== null && age >= c.precheck.minAge && age <= c.precheck.maxAge,
      values: { age: age ?? '—', min: c.precheck.minAge, max: c.precheck.maxAge },
    });
  }
  if (c.precheck.refuseWatchlist)
    prechecks.push({
      code: 'WATCHLIST',
      passed: !customer.watchlist.some((w) => w.match === 'residentId' || w.match === 'creditCode'),
      values: { hits: customer.watchlist.length },
    });
  if (c.precheck.refuseOverdue)
    prechecks.push({
      code: 'OVERDUE',
      passed: history.overdueLoans === 0,
      values: { overdueLoans: history.overdueLoans },
    });
  const incomeFen = customer.monthlyIncomeFen ?? 0;
  const monthlyDebtFen = (customer.monthlyDebtFen ?? 0) + history.companyInstallmentsFen + firstInstallmentFen;
  const dti = incomeFen > 0 ? new Dec(monthlyDebtFen).div(incomeFen) : new Dec(1);
  if (isPerson) {
    prechecks.push({
      code: 'DEBT_TO_INCOME',
      passed: incomeFen > 0 && dti.lte(c.precheck.maxDebtToIncome),
      values: { dti: dti.toFixed(4), max: c.precheck.maxDebtToIncome },
    });
  }
  prechecks.push({
    code: 'AMOUNT_RANGE',
    passed: input.amountFen >= c.minAmountFen && input.amountFen <= c.maxAmountFen,
    values: { amountFen: input.amountFen, minFen: c.minAmountFen, maxFen: c.maxAmountFen },
  });
  prechecks.push({
    code: 'TERM_RANGE',
    passed: input.periods >= c.minPeriods && input.periods <= c.maxPeriods,
    values: { periods: input.periods, min: c.minPeriods, max: c.maxPeriods },
  });
  prechecks.push({
    code: 'RATE_RANGE',
    passed: new Dec(input.rateAnnual).gte(c.minRateAnnual) && new Dec(input.rateAnnual).lte(c.maxRateAnnual),
    values: { rate: input.rateAnnual, min: c.minRateAnnual, max: c.maxRateAnnual },
  });
  prechecks.push({
    code: 'RATE_CAP',
    passed: new Dec(rate.nominal).lte(c.rateCapAnnual),
    values: { annualized: rate.nominal, cap: c.rateCapAnnual },
  });

  let score: ScoreResult | null = null;
  let offer: Offer | null = null;
  if (isPerson) {
    const applicant = {
      age: age ?? 0,
      monthlyIncomeFen: incomeFen,
      monthlyDebtPaymentFen: monthlyDebtFen,
      employmentYears: customer.employmentYears ?? 0,
      existingOverdueCount: history.overdueLoans,
      repaidLoanCount: history.repaidLoans,
    };
    score = scoreApplicant(applicant);
    offer = personalisedOffer(score, applicant, {
      minAmountFen: c.minAmountFen,
      maxAmountFen: c.maxAmountFen,
      minRateAnnual: c.minRateAnnual,
      maxRateAnnual: c.maxRateAnnual,
      minPeriods: c.minPeriods,
      maxPeriods: c.maxPeriods,
    });
  }
  const hardFail = prechecks.some((p) => !p.passed) || score?.grade === 'E';
  const autoGrade = score !== null && (score.grade === 'A' || score.grade === 'B');
  const decision = hardFail
    ? 'autoDeclined'
    : autoGrade && input.amountFen <= c.autoApproveLimitFen
      ? 'autoApproved'
      : 'review';
  return {
    prechecks,
    score,
    offer,
    annualizedRate: rate,
    firstInstallmentFen,
    facts: {
      monthlyDebtFen,
      companyInstallmentsFen: history.companyInstallmentsFen,
      overdueLoans: history.overdueLoans,
      repaidLoans: history.repaidLoans,
    },
    decision,
  };
}
