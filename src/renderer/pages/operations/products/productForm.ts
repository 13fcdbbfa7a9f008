/** The product editor's model: the form holds rates as percents ("15.48") and
 *  amounts as fen; the product stores rates as fraction strings ("0.1548"). Pure,
 *  so the form, the preview and the tests share it. */
import { Dec } from '../../../../core/decimal';
import { annualizedRate } from '../../../../core/apr/annualized';
import { buildSchedule } from '../../../../core/schedule/index';
import type { LoanTerms, Schedule } from '../../../../core/schedule/types';
import { DEFAULT_ALLOCATION_ORDER } from '../../../../core/servicing/allocation';
import { productConfig, type ProductConfig } from '../../../../contract/schemas/products';
import { fractionToPercent, percentToFraction } from '../../../components/percent';
import type { IssueLike } from '../../../components/zodRule';

export const PERCENT_FIELDS = {
  minRatePercent: 'minRateAnnual',
  maxRatePercent: 'maxRateAnnual',
  defaultRatePercent: 'defaultRateAnnual',
  feeRatePercent: 'upfrontFeeRate',
  rateCapPercent: 'rateCapAnnual',
  prepaymentFeePercent: 'prepaymentFeeRate',
} as const;
export type PercentField = keyof typeof PERCENT_FIELDS;

export interface ProductFormValues {
  code: string;
  name: string;
  active: boolean;
  method: ProductConfig['method'];
  frequency: ProductConfig['frequency'];
  minAmountFen?: number;
  maxAmountFen?: number;
  minPeriods?: number;
  maxPeriods?: number;
  minRatePercent: string;
  maxRatePercent: string;
  defaultRatePercent: string;
  dayCount: ProductConfig['dayCount'];
  feeRatePercent: string;
  penaltyMultiplier: string;
  allocationOrder: ProductConfig['allocationOrder'];
  prepaymentMode: ProductConfig['prepaymentMode'];
  repaymentIntent: ProductConfig['repaymentIntent'];
  prepaymentFeePercent: string;
  gracePrincipalPeriods?: number;
  graceInterestPeriods?: number;
  installmentMultipleFen?: number;
  installmentRounding: ProductConfig['installmentRounding'];
  autoApproveLimitFen?: number;
  rateCapPercent: string;
  precheck: {
    minAge?: number;
    maxAge?: number;
    maxDtiPercent: string;
    refuseWatchlist: boolean;
    refuseOverdue: boolean;
  };
}

export const NEW_PRODUCT: ProductFormValues = {
  code: '',
  name: '',
  active: true,
  method: 'annuity',
  frequency: 'monthly',
  minAmountFen: 1_000_00,
  maxAmountFen: 100_000_00,
  minPeriods: 3,
  maxPeriods: 24,
  minRatePercent: '8',
  maxRatePercent: '18',
  defaultRatePercent: '15',
  dayCount: 'ACT/360',
  feeRatePercent: '0',
  penaltyMultiplier: '1.5',
  allocationOrder: [...DEFAULT_ALLOCATION_ORDER],
  prepaymentMode: 'shortenTerm',
  repaymentIntent: 'installments',
  prepaymentFeePercent: '0',
  gracePrincipalPeriods: 0,
  graceInterestPeriods: 0,
  installmentMultipleFen: 1,
  installmentRounding: 'nearest',
  autoApproveLimitFen: 0,
  rateCapPercent: '24',
  precheck: { minAge: 18, maxAge: 60, maxDtiPercent: '50', refuseWatchlist: true, refuseOverdue: true },
};

export function toFormValues(p: {
  code: string;
  name: string;
  active: boolean;
  config: ProductConfig;
}): ProductFormValues {
  const c = p.config;
  return {
    code: p.code,
    name: p.name,
    active: p.active,
    method: c.method,
    frequency: c.frequency,
    minAmountFen: c.minAmountFen,
    maxAmountFen: c.maxAmountFen,
    minPeriods: c.minPeriods,
    maxPeriods: c.maxPeriods,
    minRatePercent: fractionToPercent(c.minRateAnnual),
    maxRatePercent: fractionToPercent(c.maxRateAnnual),
    defaultRatePercent: fractionToPercent(c.defaultRateAnnual),
    dayCount: c.dayCount,
    feeRatePercent: fractionToPercent(c.upfrontFeeRate),
    penaltyMultiplier: c.penaltyMultiplier,
    allocationOrder: [...c.allocationOrder],
    prepaymentMode: c.prepaymentMode,
    repaymentIntent: c.repaymentIntent,
    prepaymentFeePercent: fractionToPercent(c.prepaymentFeeRate),
    gracePrincipalPeriods: c.gracePrincipalPeriods,
    graceInterestPeriods: c.graceInterestPeriods,
    installmentMultipleFen: c.installmentMultipleFen,
    installmentRounding: c.installmentRounding,
    autoApproveLimitFen: c.autoApproveLimitFen,
    rateCapPercent: fractionToPercent(c.rateCapAnnual),
    precheck: {
      minAge: c.precheck.minAge,
      maxAge: c.precheck.maxAge,
      maxDtiPercent: fractionToPercent(c.precheck.maxDebtToIncome),
      refuseWatchlist: c.precheck.refuseWatchlist,
      refuseOverdue: c.precheck.refuseOverdue,
    },
  };
}

/** The config the product schema checks (before parsing). */
export function toConfigInput(v: ProductFormValues): Record<string, unknown> {
  return {
    method: v.method,
    frequency: v.frequency,
    minAmountFen: v.minAmountFen,
    maxAmountFen: v.maxAmountFen,
    minPeriods: v.minPeriods,
    maxPeriods: v.maxPeriods,
    minRateAnnual: percentToFraction(v.minRatePercent ?? ''),
    maxRateAnnual: percentToFraction(v.maxRatePercent ?? ''),
    defaultRateAnnual: percentToFraction(v.defaultRatePercent ?? ''),
    dayCount: v.dayCount,
    upfrontFeeRate: percentToFraction(v.feeRatePercent ?? ''),
    penaltyMultiplier: v.penaltyMultiplier,
    allocationOrder: v.allocationOrder,
    prepaymentMode: v.prepaymentMode,
    repaymentIntent: v.repaymentIntent,
    prepaymentFeeRate: percentToFraction(v.prepaymentFeePercent ?? ''),
    gracePrincipalPeriods: v.gracePrincipalPeriods,
    graceInterestPeriods: v.graceInterestPeriods,
    installmentMultipleFen: v.installmentMultipleFen,
    installmentRounding: v.installmentRounding,
    autoApproveLimitFen: v.autoApproveLimitFen,
    rateCapAnnual: percentToFraction(v.rateCapPercent ?? ''),
    precheck: {
      minAge: v.precheck?.minAge,
      maxAge: v.precheck?.maxAge,
      maxDebtToIncome: percentToFraction(v.precheck?.maxDtiPercent ?? ''),
      refuseWatchlist: v.precheck?.refuseWatchlist,
      refuseOverdue: v.precheck?.refuseOverdue,
    },
  };
}

/** Form field name (as antd names it) of a config path from a schema issue. */
export function formFieldOf(configPath: readonly PropertyKey[]): string[] {
  const [head, ...rest] = configPath.map(String);
  if (head === 'precheck' && rest[0] === 'maxDebtToIncome') return ['precheck', 'maxDtiPercent'];
  const percent = Object.entries(PERCENT_FIELDS).find(([, config]) => config === head)?.[0];
  return [percent ?? head!, ...rest];
}

/** Issues of the whole config, by form field ("precheck.minAge"). */
/** The first refusal of each form field (the schema's issue, for the sentence that
 *  says what to do: our code, or the kind of limit and its bound). */
export function configIssues(v: ProductFormValues): Map<string, IssueLike> {
  const issues = new Map<string, IssueLike>();
  const result = productConfig.safeParse(toConfigInput(v));
  if (result.success) return issues;
  for (const issue of result.error.issues) {
    const key = formFieldOf(issue.path).join('.');
    if (!issues.has(key)) issues.set(key, issue as IssueLike);
  }
  return issues;
}

export interface PreviewInput {
  amountFen: number;
  periods: number;
  startDate: string;
}

export type Preview =
  | { ok: true; schedule: Schedule; nominal: Dec; effective: Dec; overCap: boolean; cap: string }
  | { ok: false; reason: string };

/** The sample loan's schedule and annualized rate under the product as typed
 *  (the same mapping the main process applies when an application is made). */
export function previewSchedule(v: ProductFormValues, sample: PreviewInput): Preview {
  const parsed = productConfig.safeParse(toConfigInput(v));
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'INVALID' };
  const c = parsed.data;
  const terms: LoanTerms = {
    principalFen: sample.amountFen,
    rateAnnual: c.defaultRateAnnual,
    periods: sample.periods,
    method: c.method,
    frequency: c.frequency,
    startDate: sample.startDate,
    dayCount: c.dayCount,
    gracePrincipalPeriods: c.gracePrincipalPeriods,
    graceInterestPeriods: c.graceInterestPeriods,
    installmentMultipleFen: c.installmentMultipleFen,
    installmentRounding: c.installmentRounding,
    upfrontFeeFen: new Dec(c.upfrontFeeRate).times(sample.amountFen).toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber(),
  };
  try {
    const schedule = buildSchedule(terms);
    const apr = annualizedRate(schedule);
    return {
      ok: true,
      schedule,
      nominal: apr.nominal,
      effective: apr.effective,
      overCap: apr.nominal.gt(c.rateCapAnnual),
      cap: c.rateCapAnnual,
    };
  } catch (e) {
    return { ok: false, reason: (e as { code?: string }).code ?? String(e) };
  }
}
