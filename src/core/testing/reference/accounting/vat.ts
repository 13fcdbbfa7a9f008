// The implementation before issue 12's speed-up (commit d6f0ccf), kept unchanged
// for the equivalence tests only (core/testing/equivalence.test.ts); imports of
// modules the speed-up did not change point at the live ones.
/** VAT on lending income (增值税): interest, penalty interest and fees are taxable
 *  financial services, charged inclusive of VAT, so the tax of a gross amount G is
 *  G x r / (1 + r), rounded half-up to the fen once, on the cumulative amount (the
 *  day's tax is a difference, so it never drifts). The 90-day rule of 财税〔2016〕36号
 *  (attachment 3, article 4) and the farm-household small-loan exemption of 财政部
 *  税务总局公告2023年第54号 decide which interest bears it and when. */
import { Dec } from '../decimal';
import { DomainError } from '../../../errors';
import { assertFen, roundFen } from '../money';
import type { BusinessDate } from '../dates';

/** 6 % for a general taxpayer (一般纳税人), 3 % for a small-scale one (小规模纳税人). */
export const DEFAULT_VAT_RATE = '0.06';
export const SMALL_SCALE_VAT_RATE = '0.03';
/** Interest receivable more than this many days after its settlement date bears VAT
 *  only when received (财税〔2016〕36号, attachment 3, article 4). */
export const VAT_DEFERRAL_DAYS = 90;
/** The farm-household exemption runs through this day (公告2023年第54号). */
export const FARM_EXEMPTION_THROUGH: BusinessDate = '2027-12-31';
/** A farm-household small loan: the loan and the household's loan balance each at
 *  most 100,000 yuan. */
export const FARM_LOAN_LIMIT_FEN = 10_000_000;

/** How a loan's income is taxed, fixed into its contract at disbursement. */
export interface VatTreatment {
  /** The VAT rate as a decimal fraction ("0.06"). */
  rate: string;
  /** The 90-day rule: interest accrued while the loan is over 90 days past due bears
   *  VAT only when received (otherwise all interest bears it as it accrues). */
  deferral: boolean;
  /** A farm-household small loan exempt from VAT on its interest through this day. */
  exemptThrough: BusinessDate | null;
}

export function vatRate(rate: string): Dec {
  let r: Dec;
  try {
    r = new Dec(rate);
  } catch {
    throw new DomainError('VAT_RATE_INVALID', { rate });
  }
  if (!r.isFinite() || r.isNegative() || r.greaterThanOrEqualTo(1)) throw new DomainError('VAT_RATE_INVALID', { rate });
  return r;
}

/** The VAT inside a gross (tax-inclusive) amount: G x r / (1 + r), half-up to fen. */
export function vatOf(grossFen: number, rate: string): number {
  assertFen(grossFen, 'grossFen');
  const r = vatRate(rate);
  if (r.isZero() || grossFen === 0) return 0;
  return roundFen(new Dec(grossFen).times(r).div(r.plus(1)));
}

/** A surcharge on the VAT paid (城市维护建设税 7 %, 教育费附加 3 %, 地方教育附加 2 %). */
export interface Surcharge {
  key: 'urbanMaintenance' | 'education' | 'localEducation';
  rate: string;
  /** The liability account it is payable on (2221.02 .. 2221.04). */
  accountCode: string;
}

export const SURCHARGE_ACCOUNTS: Record<Surcharge['key'], string> = {
  urbanMaintenance: '2221.02',
  education: '2221.03',
  localEducation: '2221.04',
};

/** Each surcharge of a period's output VAT, half-up to fen (negative when the
 *  period's VAT was negative: a correction of the period before). */
export function surchargesOf(
  outputVatFen: number,
  surcharges: readonly Surcharge[],
): Array<Surcharge & { amountFen: number }> {
  assertFen(outputVatFen, 'outputVatFen');
  return surcharges.map((s) => ({ ...s, amountFen: roundFen(new Dec(outputVatFen).times(vatRate(s.rate))) }));
}

/** Whether a loan is a VAT-exempt farm-household small loan (农户小额贷款, 公告2023年第54号):
 *  the company is approved by its provincial regulator (a setting), the product is
 *  set up for farm-household loans, the customer is a farm household, and both the
 *  loan and the household's loan balance with it are at most 100,000 yuan. */
export function farmExemption(input: {
  companyApproved: boolean;
  productFarmLoans: boolean;
  customerFarmHousehold: boolean;
  principalFen: number;
  /** The household's other outstanding loan principal with the company. */
  otherBalanceFen: number;
  disbursedOn: BusinessDate;
  exemptThrough?: BusinessDate;
}): BusinessDate | null {
  const through = input.exemptThrough ?? FARM_EXEMPTION_THROUGH;
  if (!input.companyApproved || !input.productFarmLoans || !input.customerFarmHousehold) return null;
  if (input.disbursedOn > through) return null;
  if (input.principalFen > FARM_LOAN_LIMIT_FEN) return null;
  if (input.principalFen + input.otherBalanceFen > FARM_LOAN_LIMIT_FEN) return null;
  return through;
}
