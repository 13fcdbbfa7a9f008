/** A loan's quiet days: the end of day's fast path. Most days of a loan change
 *  nothing but what runs by the day: no installment falls due, no payment comes
 *  in, nothing was paid ahead, its class and its income recognition stay as they
 *  are. On such a day the full refresh (planStep: the contract replayed with every
 *  transaction) moves only the running period's accrued interest, the penalty
 *  interest on what is overdue (while the red line is far), the days past due and
 *  their bucket, the income and VAT that follow, and the loan's share of the daily
 *  entries, each by a formula of the day. When a full refresh finds the loan in
 *  such a stretch it keeps that formula's constants on the row (`quiet_json`, the
 *  same whichever day of the stretch computed them); the end of day then computes
 *  the loan's day from its row alone, without reading its contract or its
 *  transactions. Anything else (an event on the loan, a due date, the stretch's
 *  end, a settings change) goes back to the full refresh, which the fast path must
 *  equal field by field (quiet.test.ts, on random loans). */
import { accruedInterestThrough } from '../../core/servicing/accrual';
import { addDays, daysBetween, type BusinessDate } from '../../core/dates';
import { lastVatChunk, type Recognition, type RecognitionInput } from '../../core/accounting/recognition';
import { vatOf, VAT_DEFERRAL_DAYS } from '../../core/accounting/vat';
import { monthEndsBetween } from '../../core/accounting/closing';
import { penaltyRunExact, type LoanPosition, type PenaltyRun } from '../../core/servicing/position';
import { bucketOf, classify, type ClassificationOverride } from '../../core/servicing/delinquency';
import { roundFen } from '../../core/money';
import { postInterestAccrual, postOutputVat, postPenaltyAccrual } from '../../core/posting/rules';
import type { Settings } from '../../contract/schemas/settings';
import { dailyDelta, dailyNetsOf, type DailyNets, type Postings } from './journal';
import type { LoanRow, RefreshStep } from './loans';

/** How far a stretch is looked for. Every stretch ends on a day fixed by the loan
 *  (a due date, a checkpoint, a threshold of its days past due, the red line), so
 *  the full refresh of any day inside it finds the same state; one that would run
 *  to the horizon is not started. */
const HORIZON_DAYS = 400;

/** The constants of a quiet stretch. Through `until`, on day D, with the running
 *  period's accrual a = accruedInterestThrough(interest, periodStart, dueDate, D)
 *  (0 when no period runs) and the penalty p = round(penaltyRunExact(penalty, D)):
 *  earned interest = earnedBefore + a, receivable interest = interestDue + a - paid,
 *  days past due = D - oldestDue; every fen of interest and penalty earned is
 *  recognised, and the VAT base (taxed) or exempt income (exempt) of each is what
 *  was earned + its offset; every other figure stays as it is. */
export interface QuietState {
  v: 2;
  /** The last day of the stretch. */
  until: BusinessDate;
  /** The running installment (null: none runs, the loan is past its maturity). */
  running: { interestFen: number; periodStart: BusinessDate; dueDate: BusinessDate; paidFen: number } | null;
  /** Interest of the installments due by the stretch (paid or not). */
  earnedBeforeFen: number;
  /** Their interest unpaid. */
  interestDueFen: number;
  /** The oldest unpaid installment's due date (null: nothing overdue). */
  oldestDue: BusinessDate | null;
  penalty: PenaltyRun;
  vatClass: 'taxed' | 'exempt';
  offsetFen: number;
  /** The interest's figure of the other class (constant): exempt income when taxed, VAT base when exempt. */
  otherFen: number;
  penaltyOffsetFen: number;
  penaltyOtherFen: number;
  rate: string;
  /** The settings the stretch read (quietSettingsKey; null: none, its VAT from the contract and nothing overdue). */
  settingsKey: string | null;
  fees: { grossFen: number; vatFen: number };
  deferredFen: number;
  offBalanceFen: number;
}

/** The settings a stretch may read: the VAT treatment of a loan whose contract has
 *  none, and the non-accrual threshold an overdue loan runs towards. */
export function quietSettingsKey(settings: Settings['accounting']): string {
  return `${settings.vatRate}|${settings.vatDeferral90}|${settings.nonAccrualDpd}`;
}

/** What a day of the stretch gives: the loan's figures that move, its daily postings
 *  and its tax figures (the same order as loan_tax's). */
interface QuietDay {
  accruedInterestFen: number;
  penaltyFen: number;
  dpd: number;
  desired: Postings;
  tax: number[];
}

function quietDay(q: QuietState, day: BusinessDate): QuietDay {
  const r = q.running;
  const a = r ? accruedInterestThrough(r.interestFen, r.periodStart, r.dueDate, day) : 0;
  const earned = q.earnedBeforeFen + a;
  const penaltyEarned = roundFen(penaltyRunExact(q.penalty, day));
  const taxed = q.vatClass === 'taxed';
  const vatBaseFen = taxed ? earned + q.offsetFen : q.otherFen;
  const exemptFen = taxed ? q.otherFen : earned + q.offsetFen;
  const penaltyBaseFen = taxed ? penaltyEarned + q.penaltyOffsetFen : q.penaltyOtherFen;
  const penaltyExemptFen = taxed ? q.penaltyOtherFen : penaltyEarned + q.penaltyOffsetFen;
  const vatFen = vatOf(vatBaseFen, q.rate);
  const penaltyVatFen = vatOf(penaltyBaseFen, q.rate);
  const desired: Postings = new Map();
  if (earned > 0) desired.set('interestAccrual', postInterestAccrual(earned));
  if (penaltyEarned > 0) desired.set('penaltyAccrual', postPenaltyAccrual(penaltyEarned));
  if (vatFen !== 0 || penaltyVatFen !== 0 || q.fees.vatFen !== 0)
    desired.set('vat', postOutputVat({ interestFen: vatFen, penaltyFen: penaltyVatFen, feesFen: q.fees.vatFen }));
  return {
    accruedInterestFen: q.interestDueFen + (r ? a - r.paidFen : 0),
    penaltyFen: penaltyEarned - q.penalty.paidFen,
    dpd: q.oldestDue === null ? 0 : daysBetween(q.oldestDue, day),
    desired,
    tax: [
      vatBaseFen,
      penaltyBaseFen,
      q.fees.grossFen,
      vatFen + penaltyVatFen + q.fees.vatFen,
      exemptFen + penaltyExemptFen,
      q.deferredFen,
      q.offBalanceFen,
    ],
  };
}

/** What a full refresh on `position.asOfDate` computed beside the position. */
export interface RefreshFigures {
  live: boolean;
  position: LoanPosition;
  recognition: Recognition;
  input: RecognitionInput;
  startDate: BusinessDate;
  vatFromSettings: boolean;
  settings: Settings['accounting'];
  /** The penalty's run after the position's date, through at most a day (core). */
  penaltyRun: (horizon: BusinessDate) => PenaltyRun | null;
  override: ClassificationOverride | undefined;
  classification: string;
  /** The refresh's own tax figures and daily nets (JSON), which the stretch's formula must give today. */
  tax: readonly number[];
  dailyJson: string;
}

/** The quiet stretch the loan stands in after a full refresh on `position.asOfDate`
 *  (JSON for its row), or null when its next day may change more than the formula. */
export function quietStateOf(f: RefreshFigures): string | null {
  const { position, recognition, input } = f;
  const asOf = position.asOfDate;
  if (
    !f.live ||
    position.outstandingPrincipalFen <= 0 ||
    position.interestAdvanceFen !== 0 ||
    !recognition.onBalance ||
    recognition.nonAccrualSince !== null ||
    recognition.advanceFen !== 0
  )
    return null;
  // An installment due today is overdue tomorrow (its status changes).
  if (position.installments.some((i) => i.dueDate === asOf && i.status !== 'paid')) return null;
  const k = position.installments.findIndex((i) => i.dueDate > asOf);
  const line = k < 0 ? undefined : position.installments[k]!;
  let earnedBeforeFen = 0;
  for (const i of position.installments) if (i.dueDate <= asOf) earnedBeforeFen += i.interestFen;
  const horizon = addDays(asOf, HORIZON_DAYS);
  let until = horizon;
  let running: QuietState['running'] = null;
  if (line) {
    const periodStart = k > 0 ? position.installments[k - 1]!.dueDate : f.startDate;
    if (periodStart >= line.dueDate) return null;
    running = { interestFen: line.interestFen, periodStart, dueDate: line.dueDate, paidFen: line.paidInterestFen };
    // Nothing was paid for days not yet run (what was paid on the running period is
    // at most what it accrued), so nothing is: its accrual only grows.
    if (accruedInterestThrough(line.interestFen, periodStart, line.dueDate, asOf) < line.paidInterestFen) return null;
    until = minDay(until, addDays(line.dueDate, -1));
  }
  const oldestDue = position.dpd > 0 ? addDays(asOf, -position.dpd) : null;
  if (oldestDue !== null) {
    if (f.settings.nonAccrualDpd !== null) until = minDay(until, addDays(oldestDue, f.settings.nonAccrualDpd));
    if (input.vat.deferral) until = minDay(until, addDays(oldestDue, VAT_DEFERRAL_DAYS));
  }
  const chunk = lastVatChunk(input);
  if (
    chunk.vatClass === 'deferred' ||
    chunk.interestBeforeFen > position.interestEarnedFen ||
    chunk.penaltyBeforeFen > position.penaltyAccruedFen
  )
    return null;
  if (chunk.vatClass === 'exempt') {
    const through = input.vat.exemptThrough;
    if (!through) return null;
    until = minDay(until, through);
  }
  // The class (and so the provision) stays as it is.
  if (oldestDue !== null)
    for (let d = addDays(asOf, 1); d <= until; d = addDays(d, 1))
      if (classify(daysBetween(oldestDue, d), f.override).classification !== f.classification) {
        until = addDays(d, -1);
        break;
      }
  if (until <= asOf) return null;
  const penalty = f.penaltyRun(until);
  if (!penalty || penalty.through <= asOf || penalty.through >= horizon) return null;
  until = penalty.through;
  const i = recognition.interest;
  const p = recognition.penalty;
  const taxed = chunk.vatClass === 'taxed';
  const state: QuietState = {
    v: 2,
    until,
    running,
    earnedBeforeFen,
    interestDueFen: position.interestDueFen,
    oldestDue,
    penalty,
    vatClass: chunk.vatClass,
    offsetFen: (taxed ? i.vatBaseFen : i.exemptFen) - position.interestEarnedFen,
    otherFen: taxed ? i.exemptFen : i.vatBaseFen,
    penaltyOffsetFen: (taxed ? p.vatBaseFen : p.exemptFen) - position.penaltyAccruedFen,
    penaltyOtherFen: taxed ? p.exemptFen : p.vatBaseFen,
    rate: input.vat.rate,
    settingsKey: f.vatFromSettings || oldestDue !== null ? quietSettingsKey(f.settings) : null,
    fees: recognition.fees,
    deferredFen: i.deferredFen + p.deferredFen,
    offBalanceFen: i.offBalanceFen + p.offBalanceFen,
  };
  // The formula must give the refresh's own figures today.
  const today = quietDay(state, asOf);
  if (
    today.accruedInterestFen !== position.accruedInterestFen ||
    today.penaltyFen !== position.penaltyFen ||
    today.dpd !== position.dpd ||
    today.tax.some((v, j) => v !== f.tax[j]) ||
    JSON.stringify(dailyNetsOf(today.desired)) !== f.dailyJson
  )
    return null;
  return JSON.stringify(state);
}

function minDay(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a < b ? a : b;
}

/** A loan's row without its contract: all the fast path reads. */
export type LoanFigures = Omit<LoanRow, 'contractJson'>;

/** The loan's refresh on `asOf` computed from its row alone, when the day is one of
 *  its quiet stretch (null: it needs the full refresh). Equal to the full refresh's
 *  step in everything writeRefresh writes; it carries no installments or own
 *  postings, since neither changes on a quiet day. */
export function quietStep(loan: LoanFigures, asOf: BusinessDate, settingsKey: string): RefreshStep | null {
  if (!loan.quietJson || loan.status !== 'active' || loan.writtenOffOn) return null;
  const last = loan.positionAsOf;
  if (!last || last >= asOf || loan.postedThrough !== last) return null;
  const q = JSON.parse(loan.quietJson) as QuietState;
  if (q.v !== 2 || asOf > q.until || (q.settingsKey !== null && q.settingsKey !== settingsKey)) return null;
  // Month ends since the loan's last block get blocks of their own: the full refresh.
  if (monthEndsBetween(last, addDays(asOf, -1)).length > 0) return null;
  const day = quietDay(q, asOf);
  const override = loan.classificationOverrideJson
    ? (JSON.parse(loan.classificationOverrideJson) as ClassificationOverride)
    : undefined;
  if (classify(day.dpd, override).classification !== loan.classification) return null;
  const daily = dailyNetsOf(day.desired);
  const accrualPostedJson = JSON.stringify(daily);
  const taxFiguresJson = JSON.stringify(day.tax);
  const bucket = bucketOf(day.dpd);
  const changes: RefreshStep['changes'] = { positionAsOf: asOf };
  if (loan.accruedInterestFen !== day.accruedInterestFen) changes.accruedInterestFen = day.accruedInterestFen;
  if (loan.penaltyFen !== day.penaltyFen) changes.penaltyFen = day.penaltyFen;
  if (loan.dpd !== day.dpd) changes.dpd = day.dpd;
  if (loan.bucket !== bucket) changes.bucket = bucket;
  if (loan.accrualPostedJson !== accrualPostedJson) changes.accrualPostedJson = accrualPostedJson;
  if (loan.taxFiguresJson !== taxFiguresJson) changes.taxFiguresJson = taxFiguresJson;
  // The stretch's last day: tomorrow needs the full refresh (as that refresh would find).
  if (asOf === q.until) changes.quietJson = null;
  return {
    loanId: loan.id,
    branchId: loan.branchId,
    postedThrough: last,
    asOf,
    installments: [],
    installmentsChanged: false,
    ownChanged: false,
    allocations: [],
    desired: day.desired,
    daily: dailyDelta(daily, JSON.parse(loan.accrualPostedJson) as DailyNets),
    valueDates: new Map(),
    tax: day.tax,
    taxBefore: loan.taxFiguresJson,
    changes,
  };
}
