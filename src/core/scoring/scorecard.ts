/** Transparent scorecard (评分卡): points per attribute band, a score, a grade,
 *  an estimated probability of default, the top reasons and a personalised offer.
 *  PD mapping (documented in docs/calculations.md): score = offset + factor x ln(odds),
 *  odds = good:bad; factor = PDO / ln 2, offset = anchorScore - factor x ln(anchorOdds);
 *  PD = 1 / (1 + odds). Default: 600 points at odds 50:1, 20 points to double the odds. */
import { Dec, type RateInput } from '../decimal';
import { DomainError } from '../errors';
import { assertFen } from '../money';

export type ApplicantAttribute =
  'age' | 'monthlyIncomeFen' | 'debtToIncome' | 'employmentYears' | 'existingOverdueCount' | 'repaidLoanCount';

export interface Applicant {
  age: number;
  monthlyIncomeFen: number;
  /** Monthly debt payments incl. the requested loan's, in fen. */
  monthlyDebtPaymentFen: number;
  employmentYears: number;
  existingOverdueCount: number;
  /** Loans repaid on time before (loan history). */
  repaidLoanCount: number;
}

/** A band matches min <= value < max (either end open when absent). */
export interface Band {
  min?: number;
  max?: number;
  points: number;
  label: string;
}

export interface AttributeRule {
  attribute: ApplicantAttribute;
  nameZh: string;
  nameEn: string;
  /** Reason code shown when this attribute costs points. */
  reasonCode: string;
  bands: Band[];
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

export interface Scorecard {
  basePoints: number;
  rules: AttributeRule[];
  /** Minimum score of each grade, highest first; below the last is E. */
  gradeFloors: { grade: Exclude<Grade, 'E'>; minScore: number }[];
  pd: { anchorScore: number; anchorOdds: number; pointsToDoubleOdds: number };
}

export const DEFAULT_SCORECARD: Scorecard = {
  basePoints: 400,
  rules: [
    {
      attribute: 'age',
      nameZh: '年龄',
      nameEn: 'Age',
      reasonCode: 'SCORE_AGE',
      bands: [
        { max: 22, points: 10, label: '<22' },
        { min: 22, max: 26, points: 25, label: '22-25' },
        { min: 26, max: 36, points: 40, label: '26-35' },
        { min: 36, max: 51, points: 45, label: '36-50' },
        { min: 51, points: 30, label: '51+' },
      ],
    },
    {
      attribute: 'monthlyIncomeFen',
      nameZh: '月收入',
      nameEn: 'Monthly income',
      reasonCode: 'SCORE_INCOME',
      bands: [
        { max: 300000, points: 5, label: '<3000' },
        { min: 300000, max: 600000, points: 25, label: '3000-5999' },
        { min: 600000, max: 1200000, points: 45, label: '6000-11999' },
        { min: 1200000, points: 60, label: '12000+' },
      ],
    },
    {
      attribute: 'debtToIncome',
      nameZh: '负债收入比',
      nameEn: 'Debt-to-income',
      reasonCode: 'SCORE_DTI',
      bands: [
        { max: 0.2, points: 60, label: '<20%' },
        { min: 0.2, max: 0.35, points: 40, label: '20-35%' },
        { min: 0.35, max: 0.5, points: 15, label: '35-50%' },
        { min: 0.5, points: -20, label: '>=50%' },
      ],
    },
    {
      attribute: 'employmentYears',
      nameZh: '工作年限',
      nameEn: 'Years employed',
      reasonCode: 'SCORE_EMPLOYMENT',
      bands: [
        { max: 1, points: 5, label: '<1' },
        { min: 1, max: 3, points: 20, label: '1-2' },
        { min: 3, max: 5, points: 35, label: '3-4' },
        { min: 5, points: 45, label: '5+' },
      ],
    },
    {
      attribute: 'existingOverdueCount',
      nameZh: '现有逾期',
      nameEn: 'Existing overdue',
      reasonCode: 'SCORE_OVERDUE',
      bands: [
        { max: 1, points: 60, label: '0' },
        { min: 1, max: 2, points: 0, label: '1' },
        { min: 2, points: -60, label: '2+' },
      ],
    },
    {
      attribute: 'repaidLoanCount',
      nameZh: '借款记录',
      nameEn: 'Loan history',
      reasonCode: 'SCORE_HISTORY',
      bands: [
        { max: 1, points: 10, label: '0' },
        { min: 1, max: 3, points: 25, label: '1-2' },
        { min: 3, points: 40, label: '3+' },
      ],
    },
  ],
  gradeFloors: [
    { grade: 'A', minScore: 660 },
    { grade: 'B', minScore: 620 },
    { grade: 'C', minScore: 580 },
    { grade: 'D', minScore: 540 },
  ],
  pd: { anchorScore: 600, anchorOdds: 50, pointsToDoubleOdds: 20 },
};

export interface AttributeScore {
  attribute: ApplicantAttribute;
  value: number;
  band: string;
  points: number;
  /** points - best points of the attribute: 0 or negative. */
  contribution: number;
}

export interface ScoreResult {
  score: number;
  grade: Grade;
  /** Estimated probability of default, decimal string with 6 places. */
  pd: string;
  attributes: AttributeScore[];
  /** Up to three attributes that cost the most points, largest first. */
  reasons: { attribute: ApplicantAttribute; reasonCode: string; pointsLost: number }[];
}

export function applicantValue(applicant: Applicant, attribute: ApplicantAttribute): number {
  if (attribute === 'debtToIncome') {
    return applicant.monthlyIncomeFen <= 0
      ? Number.POSITIVE_INFINITY
      : applicant.monthlyDebtPaymentFen / applicant.monthlyIncomeFen;
  }
  return applicant[attribute];
}

function checkApplicant(applicant: Applicant): void {
  for (const key of [
    'age',
    'monthlyIncomeFen',
    'monthlyDebtPaymentFen',
    'employmentYears',
    'existingOverdueCount',
    'repaidLoanCount',
  ] as const) {
    const v = applicant[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new DomainError('SCORE_INVALID_APPLICANT', { field: key, value: v });
  }
  assertFen(applicant.monthlyIncomeFen, 'monthlyIncomeFen');
  assertFen(applicant.monthlyDebtPaymentFen, 'monthlyDebtPaymentFen');
}

/** PD for a score under the card's logistic mapping. */
export function probabilityOfDefault(score: number, pd: Scorecard['pd'] = DEFAULT_SCORECARD.pd): Dec {
  const factor = new Dec(pd.pointsToDoubleOdds).div(Dec.ln(2));
  const offset = new Dec(pd.anchorScore).minus(factor.times(Dec.ln(pd.anchorOdds)));
  const odds = Dec.exp(new Dec(score).minus(offset).div(factor));
  return new Dec(1).div(odds.plus(1));
}

export function gradeOf(score: number, scorecard: Scorecard = DEFAULT_SCORECARD): Grade {
  for (const floor of scorecard.gradeFloors) if (score >= floor.minScore) return floor.grade;
  return 'E';
}

export function scoreApplicant(applicant: Applicant, scorecard: Scorecard = DEFAULT_SCORECARD): ScoreResult {
  checkApplicant(applicant);
  const attributes: AttributeScore[] = scorecard.rules.map((rule) => {
    const value = applicantValue(applicant, rule.attribute);
    const band = rule.bands.find(
      (b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max),
    );
    if (!band) throw new DomainError('SCORECARD_NO_BAND', { attribute: rule.attribute, value });
    const best = Math.max(...rule.bands.map((b) => b.points));
    return {
      attribute: rule.attribute,
      value,
      band: band.label,
      points: band.points,
      contribution: band.points - best,
    };
  });
  const score = scorecard.basePoints + attributes.reduce((s, a) => s + a.points, 0);
  const reasons = attributes
    .map((a, i) => ({ a, rule: scorecard.rules[i]! }))
    .filter(({ a }) => a.contribution < 0)
    .sort(
      (x, y) =>
        x.a.contribution - y.a.contribution || scorecard.rules.indexOf(x.rule) - scorecard.rules.indexOf(y.rule),
    )
    .slice(0, 3)
    .map(({ a, rule }) => ({ attribute: a.attribute, reasonCode: rule.reasonCode, pointsLost: -a.contribution }));
  return {
    score,
    grade: gradeOf(score, scorecard),
    pd: probabilityOfDefault(score, scorecard.pd).toFixed(6),
    attributes,
    reasons,
  };
}

export interface ProductLimits {
  minAmountFen: number;
  maxAmountFen: number;
  minRateAnnual: RateInput;
  maxRateAnnual: RateInput;
  minPeriods: number;
  maxPeriods: number;
}

/** Per grade: amount as a multiple of monthly income, rate, term. E is declined. */
export interface OfferPolicy {
  byGrade: Record<Exclude<Grade, 'E'>, { incomeMultiple: number; rateAnnual: RateInput; periods: number }>;
  /** Amounts are floored to this multiple (default 100 yuan). */
  amountStepFen: number;
}

export const DEFAULT_OFFER_POLICY: OfferPolicy = {
  byGrade: {
    A: { incomeMultiple: 6, rateAnnual: '0.12', periods: 36 },
    B: { incomeMultiple: 4, rateAnnual: '0.15', periods: 24 },
    C: { incomeMultiple: 3, rateAnnual: '0.18', periods: 12 },
    D: { incomeMultiple: 1.5, rateAnnual: '0.22', periods: 6 },
  },
  amountStepFen: 10_000,
};

export type Offer =
  | { eligible: true; grade: Grade; maxAmountFen: number; rateAnnual: string; periods: number }
  | { eligible: false; grade: Grade; code: 'OFFER_GRADE_DECLINED' | 'OFFER_BELOW_MIN_AMOUNT' };

/** The grade's offer clamped to the product: amount within [min, max] (declined
 *  when the grade's amount is below the product minimum), rate and term within
 *  the product's range. */
export function personalisedOffer(
  result: ScoreResult,
  applicant: Applicant,
  product: ProductLimits,
  policy: OfferPolicy = DEFAULT_OFFER_POLICY,
): Offer {
  if (result.grade === 'E') return { eligible: false, grade: 'E', code: 'OFFER_GRADE_DECLINED' };
  const rule = policy.byGrade[result.grade];
  const raw =
    Math.floor((applicant.monthlyIncomeFen * rule.incomeMultiple) / policy.amountStepFen) * policy.amountStepFen;
  const maxAmountFen = Math.min(product.maxAmountFen, raw);
  if (maxAmountFen < product.minAmountFen)
    return { eligible: false, grade: result.grade, code: 'OFFER_BELOW_MIN_AMOUNT' };
  const rate = Dec.min(
    Dec.max(new Dec(rule.rateAnnual as string), new Dec(product.minRateAnnual as string)),
    new Dec(product.maxRateAnnual as string),
  );
  const periods = Math.min(product.maxPeriods, Math.max(product.minPeriods, rule.periods));
  return { eligible: true, grade: result.grade, maxAmountFen, rateAnnual: rate.toString(), periods };
}
