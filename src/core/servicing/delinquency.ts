/** Delinquency: days past due, M buckets, five-tier classification (五级分类),
 *  loan loss provisioning and portfolio at risk. Every threshold is a setting. */
import { decOf, Dec, rateFraction, type DecimalFraction, type RateInput } from '../decimal';
import { daysBetween, type BusinessDate } from '../dates';
import { DomainError } from '../errors';
import { assertFen, roundFen, roundRatioFen } from '../money';

/** DPD: days since the oldest unpaid installment fell due; 0 when none is overdue.
 *  An installment due today is not yet past due. */
export function daysPastDue(
  installments: readonly { dueDate: BusinessDate; paid: boolean }[],
  asOfDate: BusinessDate,
): number {
  let oldest: BusinessDate | undefined;
  for (const inst of installments) {
    if (!inst.paid && inst.dueDate < asOfDate && (oldest === undefined || inst.dueDate < oldest)) oldest = inst.dueDate;
  }
  return oldest === undefined ? 0 : daysBetween(oldest, asOfDate);
}

export type DelinquencyBucket = 'M0' | 'M1' | 'M2' | 'M3' | 'M4+';

/** M0 current, M1 1-30, M2 31-60, M3 61-90, M4+ over 90 days past due. */
export function bucketOf(dpd: number): DelinquencyBucket {
  if (!Number.isSafeInteger(dpd) || dpd < 0) throw new DomainError('DPD_INVALID', { dpd });
  if (dpd === 0) return 'M0';
  if (dpd <= 30) return 'M1';
  if (dpd <= 60) return 'M2';
  if (dpd <= 90) return 'M3';
  return 'M4+';
}

export type Classification = 'normal' | 'specialMention' | 'substandard' | 'doubtful' | 'loss';
export const CLASSIFICATIONS: readonly Classification[] = [
  'normal',
  'specialMention',
  'substandard',
  'doubtful',
  'loss',
];
export const CLASSIFICATION_NAMES_ZH: Record<Classification, string> = {
  normal: '正常',
  specialMention: '关注',
  substandard: '次级',
  doubtful: '可疑',
  loss: '损失',
};

/** The highest DPD of each class below loss (a setting): normal 0,
 *  special mention 1-90, substandard 91-180, doubtful 181-360, loss above. */
export interface ClassificationSettings {
  normalMaxDpd: number;
  specialMentionMaxDpd: number;
  substandardMaxDpd: number;
  doubtfulMaxDpd: number;
}

export const DEFAULT_CLASSIFICATION_SETTINGS: ClassificationSettings = {
  normalMaxDpd: 0,
  specialMentionMaxDpd: 90,
  substandardMaxDpd: 180,
  doubtfulMaxDpd: 360,
};

export function classifyByDpd(
  dpd: number,
  settings: ClassificationSettings = DEFAULT_CLASSIFICATION_SETTINGS,
): Classification {
  if (!Number.isSafeInteger(dpd) || dpd < 0) throw new DomainError('DPD_INVALID', { dpd });
  const s = settings;
  if (!(
    s.normalMaxDpd <= s.specialMentionMaxDpd &&
    s.specialMentionMaxDpd <= s.substandardMaxDpd &&
    s.substandardMaxDpd <= s.doubtfulMaxDpd
  )) {
    throw new DomainError('CLASSIFICATION_SETTINGS_INVALID', { settings });
  }
  if (dpd <= s.normalMaxDpd) return 'normal';
  if (dpd <= s.specialMentionMaxDpd) return 'specialMention';
  if (dpd <= s.substandardMaxDpd) return 'substandard';
  if (dpd <= s.doubtfulMaxDpd) return 'doubtful';
  return 'loss';
}

export interface ClassificationOverride {
  classification: Classification;
  reason: string;
}

export interface ClassificationResult {
  classification: Classification;
  byDpd: Classification;
  overridden: boolean;
  reason?: string;
}

/** Classification by DPD unless a manual override is given; an override without
 *  a reason is CLASSIFICATION_OVERRIDE_REASON_REQUIRED. The caller audits it. */
export function classify(
  dpd: number,
  override?: ClassificationOverride,
  settings: ClassificationSettings = DEFAULT_CLASSIFICATION_SETTINGS,
): ClassificationResult {
  const byDpd = classifyByDpd(dpd, settings);
  if (!override) return { classification: byDpd, byDpd, overridden: false };
  if (!CLASSIFICATIONS.includes(override.classification))
    throw new DomainError('CLASSIFICATION_UNKNOWN', { field: 'classification', value: override.classification });
  if (typeof override.reason !== 'string' || override.reason.trim() === '')
    throw new DomainError('CLASSIFICATION_OVERRIDE_REASON_REQUIRED', { field: 'reason' });
  return { classification: override.classification, byDpd, overridden: true, reason: override.reason.trim() };
}

/** Performing loans are normal and special mention (up to 90 DPD by default). */
export function isPerforming(classification: Classification): boolean {
  return classification === 'normal' || classification === 'specialMention';
}

export interface ProvisionSettings {
  /** General provision on the performing balance (default 1%). */
  generalRate: RateInput;
  /** Specific provision by class, on top of the general one. */
  specificRates: Record<Classification, RateInput>;
}

export const DEFAULT_PROVISION_SETTINGS: ProvisionSettings = {
  generalRate: '0.01',
  specificRates: { normal: '0', specialMention: '0.02', substandard: '0.25', doubtful: '0.5', loss: '1' },
};

export interface ProvisionLoan {
  loanId?: string;
  outstandingPrincipalFen: number;
  classification: Classification;
}

export interface LoanProvision {
  loanId?: string;
  generalFen: number;
  specificFen: number;
  totalFen: number;
}

export interface ProvisionResult {
  generalFen: number;
  specificFen: number;
  totalFen: number;
  byLoan: LoanProvision[];
}

/** round(balance x rate) in integers where exact; decimal.js computes the product
 *  exactly too, so the fen are the same. */
function productFen(balanceFen: number, rate: DecimalFraction | undefined): number | undefined {
  return rate && roundRatioFen(balanceFen * rate.numerator, rate.denominator);
}

/** Required provision: per loan, general = round(balance x general rate) when
 *  performing, specific = round(balance x class rate); totals are sums of the
 *  per-loan amounts, so they reconcile with the loan ledger. */
export function requiredProvision(
  loans: readonly ProvisionLoan[],
  settings: ProvisionSettings = DEFAULT_PROVISION_SETTINGS,
): ProvisionResult {
  const generalRate = decOf(settings.generalRate);
  const generalFraction = rateFraction(settings.generalRate);
  let generalFen = 0;
  let specificFen = 0;
  const byLoan = loans.map((loan): LoanProvision => {
    assertFen(loan.outstandingPrincipalFen, 'outstandingPrincipalFen');
    const balanceFen = loan.outstandingPrincipalFen;
    const general = isPerforming(loan.classification)
      ? (productFen(balanceFen, generalFraction) ?? roundFen(generalRate.times(balanceFen)))
      : 0;
    const specificRate = settings.specificRates[loan.classification];
    const specific =
      productFen(balanceFen, rateFraction(specificRate)) ?? roundFen(decOf(specificRate).times(balanceFen));
    generalFen += general;
    specificFen += specific;
    return {
      ...(loan.loanId !== undefined ? { loanId: loan.loanId } : {}),
      generalFen: general,
      specificFen: specific,
      totalFen: general + specific,
    };
  });
  return { generalFen, specificFen, totalFen: generalFen + specificFen, byLoan };
}

export interface PortfolioAtRisk {
  totalOutstandingFen: number;
  par30Fen: number;
  par90Fen: number;
  /** Ratios as decimal strings with 6 places ("0.125000"); "0.000000" when empty. */
  par30: string;
  par90: string;
}

/** PAR30 / PAR90: outstanding principal of loans more than 30 / 90 DPD divided by
 *  all outstanding principal. */
export function portfolioAtRisk(loans: readonly { outstandingPrincipalFen: number; dpd: number }[]): PortfolioAtRisk {
  let total = 0;
  let par30Fen = 0;
  let par90Fen = 0;
  for (const loan of loans) {
    assertFen(loan.outstandingPrincipalFen, 'outstandingPrincipalFen');
    total += loan.outstandingPrincipalFen;
    if (loan.dpd > 30) par30Fen += loan.outstandingPrincipalFen;
    if (loan.dpd > 90) par90Fen += loan.outstandingPrincipalFen;
  }
  const ratio = (x: number): string => (total === 0 ? '0.000000' : new Dec(x).div(total).toFixed(6));
  return { totalOutstandingFen: total, par30Fen, par90Fen, par30: ratio(par30Fen), par90: ratio(par90Fen) };
}
