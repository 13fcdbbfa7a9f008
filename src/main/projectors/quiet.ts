/** A loan's quiet days: the end of day's fast path. Most days of a performing
 *  loan change nothing but its accrual: no installment falls due, nothing is
 *  overdue, nothing was paid ahead, no payment comes in. On such a day the full
 *  refresh (planStep: the contract replayed with every transaction) moves only the
 *  running period's accrued interest, the income and VAT that follow it, and the
 *  loan's share of the daily entries, each by a formula of the day. When a full
 *  refresh finds the loan in such a stretch it keeps that formula's constants on
 *  the row (`quiet_json`, the same whichever day of the stretch computed them);
 *  the end of day then computes the loan's day from its row alone, without reading
 *  its contract or its transactions. Anything else (an event on the loan, a due
 *  date, the stretch's end, a settings change) goes back to the full refresh,
 *  which the fast path must equal field by field (quiet.test.ts, on random loans). */
import { accruedInterestThrough } from '../../core/servicing/accrual';
import { addDays, type BusinessDate } from '../../core/dates';
import { lastVatChunk, type Recognition, type RecognitionInput } from '../../core/accounting/recognition';
import { vatOf } from '../../core/accounting/vat';
import { monthEndsBetween } from '../../core/accounting/closing';
import type { LoanPosition } from '../../core/servicing/position';
import { postInterestAccrual, postOutputVat, postPenaltyAccrual } from '../../core/posting/rules';
import type { Settings } from '../../contract/schemas/settings';
import { dailyDelta, dailyNetsOf, type DailyNets, type Postings } from './journal';
import type { LoanRow, RefreshStep } from './loans';

/** The constants of a quiet stretch. Through `until`, on day D:
 *  earned = earnedBefore + accruedInterestThrough(interest, periodStart, dueDate, D),
 *  all of it recognised and all but what was paid on the running period receivable,
 *  and the interest's VAT base (taxed) or exempt income (exempt) is earned + offset;
 *  every other figure stays as it is. */
export interface QuietState {
  /** The last day of the stretch (the day before the running installment falls
   *  due, or the farm-household exemption's last day). */
  until: BusinessDate;
  interestFen: number;
  periodStart: BusinessDate;
  dueDate: BusinessDate;
  /** Interest of the installments due before the running one (all paid). */
  earnedBeforeFen: number;
  /** Paid on the running period's interest (at most what it had accrued). */
  paidFen: number;
  vatClass: 'taxed' | 'exempt';
  offsetFen: number;
  /** The interest's figure of the other class (constant): exempt income when taxed, VAT base when exempt. */
  otherFen: number;
  rate: string;
  /** The settings the VAT treatment came from (null: the contract's own). */
  settingsKey: string | null;
  penalty: { recognizedFen: number; vatBaseFen: number; vatFen: number; exemptFen: number };
  fees: { grossFen: number; vatFen: number };
  deferredFen: number;
  offBalanceFen: number;
}

/** The accounting settings a loan's VAT treatment reads when its contract has none. */
export function quietSettingsKey(settings: Settings['accounting']): string {
  return `${settings.vatRate}|${settings.vatDeferral90}`;
}

/** The quiet stretch the loan stands in after a full refresh on `position.asOfDate`
 *  (JSON for its row), or null when its next day may change more than its accrual. */
export function quietStateOf(
  live: boolean,
  position: LoanPosition,
  recognition: Recognition,
  input: RecognitionInput,
  startDate: () => BusinessDate,
  vatFromSettings: boolean,
  settings: Settings['accounting'],
): string | null {
  const asOf = position.asOfDate;
  if (
    !live ||
    position.dpd !== 0 ||
    position.outstandingPrincipalFen <= 0 ||
    position.interestDueFen !== 0 ||
    position.penaltyFen !== 0 ||
    position.feesFen !== 0 ||
    position.interestAdvanceFen !== 0 ||
    !recognition.onBalance ||
    recognition.nonAccrualSince !== null ||
    recognition.advanceFen !== 0
  )
    return null;
  const k = position.installments.findIndex((i) => i.dueDate > asOf);
  if (k < 0) return null;
  const running = position.installments[k]!;
  let earnedBeforeFen = 0;
  for (const i of position.installments.slice(0, k)) {
    if (i.status !== 'paid') return null;
    earnedBeforeFen += i.interestFen;
  }
  const periodStart = k > 0 ? position.installments[k - 1]!.dueDate : startDate();
  if (periodStart >= running.dueDate) return null;
  // The formula must give the replay's figures today. Nothing was paid for days not
  // yet run (what was paid on the running period is at most what it accrued), so
  // nothing is: its accrual only grows.
  const accrued = accruedInterestThrough(running.interestFen, periodStart, running.dueDate, asOf);
  if (
    accrued < running.paidInterestFen ||
    accrued - running.paidInterestFen !== position.accruedInterestFen ||
    earnedBeforeFen + accrued !== position.interestEarnedFen
  )
    return null;
  const chunk = lastVatChunk(input);
  if (chunk.vatClass === 'deferred' || chunk.interestBeforeFen > position.interestEarnedFen) return null;
  let until = addDays(running.dueDate, -1);
  if (chunk.vatClass === 'exempt') {
    const through = input.vat.exemptThrough;
    if (!through) return null;
    if (through < until) until = through;
  }
  if (until <= asOf) return null;
  const i = recognition.interest;
  const p = recognition.penalty;
  const taxed = chunk.vatClass === 'taxed';
  const state: QuietState = {
    until,
    interestFen: running.interestFen,
    periodStart,
    dueDate: running.dueDate,
    earnedBeforeFen,
    paidFen: running.paidInterestFen,
    vatClass: chunk.vatClass,
    offsetFen: (taxed ? i.vatBaseFen : i.exemptFen) - position.interestEarnedFen,
    otherFen: taxed ? i.exemptFen : i.vatBaseFen,
    rate: input.vat.rate,
    settingsKey: vatFromSettings ? quietSettingsKey(settings) : null,
    penalty: { recognizedFen: p.recognizedFen, vatBaseFen: p.vatBaseFen, vatFen: p.vatFen, exemptFen: p.exemptFen },
    fees: recognition.fees,
    deferredFen: i.deferredFen + p.deferredFen,
    offBalanceFen: i.offBalanceFen + p.offBalanceFen,
  };
  return JSON.stringify(state);
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
  if (asOf > q.until || (q.settingsKey !== null && q.settingsKey !== settingsKey)) return null;
  // Month ends since the loan's last block get blocks of their own: the full refresh.
  if (monthEndsBetween(last, addDays(asOf, -1)).length > 0) return null;
  const running = accruedInterestThrough(q.interestFen, q.periodStart, q.dueDate, asOf);
  const accrued = running - q.paidFen;
  const earned = q.earnedBeforeFen + running;
  const taxed = q.vatClass === 'taxed';
  const vatBaseFen = taxed ? earned + q.offsetFen : q.otherFen;
  const exemptFen = taxed ? q.otherFen : earned + q.offsetFen;
  const vatFen = vatOf(vatBaseFen, q.rate);
  const desired: Postings = new Map();
  if (earned > 0) desired.set('interestAccrual', postInterestAccrual(earned));
  if (q.penalty.recognizedFen > 0) desired.set('penaltyAccrual', postPenaltyAccrual(q.penalty.recognizedFen));
  if (vatFen !== 0 || q.penalty.vatFen !== 0 || q.fees.vatFen !== 0)
    desired.set('vat', postOutputVat({ interestFen: vatFen, penaltyFen: q.penalty.vatFen, feesFen: q.fees.vatFen }));
  const daily = dailyNetsOf(desired);
  const tax = [
    vatBaseFen,
    q.penalty.vatBaseFen,
    q.fees.grossFen,
    vatFen + q.penalty.vatFen + q.fees.vatFen,
    exemptFen + q.penalty.exemptFen,
    q.deferredFen,
    q.offBalanceFen,
  ];
  const accrualPostedJson = JSON.stringify(daily);
  const taxFiguresJson = JSON.stringify(tax);
  const changes: RefreshStep['changes'] = { positionAsOf: asOf };
  if (loan.accruedInterestFen !== accrued) changes.accruedInterestFen = accrued;
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
    desired,
    daily: dailyDelta(daily, JSON.parse(loan.accrualPostedJson) as DailyNets),
    valueDates: new Map(),
    tax,
    taxBefore: loan.taxFiguresJson,
    changes,
  };
}
