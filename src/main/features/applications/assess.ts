/** Automatic pre-checks (预审) and the scorecard for an application, and the
 *  decision they lead to: declined, approved automatically, or manual review. */
import { and, eq, gt, inArray } from 'drizzle-orm';
import { customers, loans } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import { Dec } from '../../../core/decimal';
import { ageOn } from '../../../core/validation/identity';
import { buildSchedule } from '../../../core/schedule/index';
import type { LoanTerms, Schedule } from '../../../core/schedule/types';
import { annualizedRate } from '../../../core/apr/annualized';
import { personalisedOffer, scoreApplicant, type Offer, type ScoreResult } from '../../../core/scoring/scorecard';
import { DomainError } from '../../../core/errors';
import type { ProductView } from '../products/handlers';

export interface Precheck {
  code:
    | 'AGE'
    | 'WATCHLIST'
    | 'OVERDUE'
    | 'DEBT_TO_INCOME'
    | 'AMOUNT_RANGE'
    | 'TERM_RANGE'
    | 'RATE_RANGE'
    | 'RATE_CAP'
    | 'CUSTOMER_KIND';
  passed: boolean;
  /** Values the UI shows beside the rule (limits and actuals). */
  values: Record<string, string | number>;
}

export interface Assessment {
  prechecks: Precheck[];
  score: ScoreResult | null;
  offer: Offer | null;
  annualizedRate: { nominal: string; effective: string };
  firstInstallmentFen: number;
  decision: 'autoDeclined' | 'autoApproved' | 'review';
}

export interface ApplicationTermsInput {
  amountFen: number;
  periods: number;
  rateAnnual: string;
  startDate: string;
}

export function termsFor(product: ProductView, input: ApplicationTermsInput): LoanTerms {
  const c = product.config;
  return {
    principalFen: input.amountFen,
    rateAnnual: input.rateAnnual,
    periods: input.periods,
    method: c.method,
    frequency: c.frequency,
    startDate: input.startDate,
    dayCount: c.dayCount,
    gracePrincipalPeriods: c.gracePrincipalPeriods,
    graceInterestPeriods: c.graceInterestPeriods,
    installmentMultipleFen: c.installmentMultipleFen,
    installmentRounding: c.installmentRounding,
    upfrontFeeFen: new Dec(c.upfrontFeeRate).times(input.amountFen).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber(),
  };
}

export function scheduleFor(
  product: ProductView,
  input: ApplicationTermsInput,
): { terms: LoanTerms; schedule: Schedule; rate: { nominal: string; effective: string } } {
  const terms = termsFor(product, input);
  const schedule = buildSchedule(terms);
  const apr = annualizedRate(schedule);
  return { terms, schedule, rate: { nominal: apr.nominal.toFixed(8), effective: apr.effective.toFixed(8) } };
}

/** Runs every pre-check (each a product setting) and the scorecard. */
export function assess(
  db: LocalDb,
  customerId: string,
  product: ProductView,
  input: ApplicationTermsInput,
): Assessment {
  const customer = db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!customer) throw new DomainError('CUSTOMER_UNKNOWN', { field: 'customerId' });
  const c = product.config;
  const { schedule, rate } = scheduleFor(product, input);
  const firstInstallmentFen = schedule.installments[0]!.paymentFen;
  const overdueLoans = db
    .select({ id: loans.id })
    .from(loans)
    .where(and(eq(loans.customerId, customerId), gt(loans.dpd, 0), inArray(loans.status, ['active', 'written_off'])))
    .all().length;
  const repaidLoans = db
    .select({ id: loans.id })
    .from(loans)
    .where(and(eq(loans.customerId, customerId), eq(loans.status, 'closed')))
    .all().length;
  const watch = customer.watchlistJson ? (JSON.parse(customer.watchlistJson) as Array<{ match: string }>) : [];
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
      passed: !watch.some((w) => w.match === 'residentId' || w.match === 'creditCode'),
      values: { hits: watch.length },
    });
  if (c.precheck.refuseOverdue)
    prechecks.push({ code: 'OVERDUE', passed: overdueLoans === 0, values: { overdueLoans } });
  const incomeFen = customer.monthlyIncomeFen ?? 0;
  const monthlyDebtFen = (customer.monthlyDebtFen ?? 0) + firstInstallmentFen;
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
      existingOverdueCount: overdueLoans,
      repaidLoanCount: repaidLoans,
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
  return { prechecks, score, offer, annualizedRate: rate, firstInstallmentFen, decision };
}
