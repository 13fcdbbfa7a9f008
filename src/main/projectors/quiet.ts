/** A loan's quiet days: the end of day's fast path. Most days of a loan change
 *  nothing but what runs by the day: no installment falls due, no payment comes
 *  in, nothing was paid ahead, its class and the way its income is recognised
 *  (accruing or not, its VAT class) stay as they are. On such a day the full
 *  refresh (planStep: the contract replayed with every transaction) moves only the
 *  running period's accrued interest, the penalty interest on what is overdue
 *  (while the bound does not cut it), the days past due and their bucket, the
 *  income, VAT, deferred and off-balance figures that follow, and the loan's share
 *  of the daily entries, each by a formula of the day. When a full refresh finds
 *  the loan in such a stretch it keeps that formula's constants on the row
 *  (`quiet_json`, the same whichever day of the stretch computed them); the end of
 *  day then computes the loan's day from its row alone, without reading its
 *  contract or its transactions. Anything else (an event on the loan, a due date,
 *  the stretch's end, a settings change) goes back to the full refresh, which the
 *  fast path must equal field by field (quiet.test.ts, on random loans). */
import { accruedInterestThrough } from '../../core/servicing/accrual';
import { addDays, daysBetween, type BusinessDate } from '../../core/dates';
import {
  lastVatChunk,
  type KindFigures,
  type KindRecognition,
  type Recognition,
  type RecognitionInput,
} from '../../core/accounting/recognition';
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

/** A figure of a stretch as a function of what was earned, e: slope x e + constant,
 *  the slope 1 (it grows with every fen earned) or 0 (it stays). */
export type Linear = readonly [slope: 0 | 1, constant: number];

/** How the income recognition of interest or penalty runs through a stretch
 *  (recognize's figures of the stretch's VAT chunk): while the loan accrues, every
 *  fen earned is recognised; in non-accrual only what was received, which does not
 *  move, and the rest stands off the balance sheet. A taxed chunk's VAT base is
 *  what was earned; a deferred one's is what was received, the rest deferred; an
 *  exempt one's exempt income is what was recognised. */
export interface KindLines {
  recognized: Linear;
  vatBase: Linear;
  exempt: Linear;
  deferred: Linear;
  offBalance: Linear;
}

/** The constants of a quiet stretch. Through `until`, on day D, with the running
 *  period's accrual a = accruedInterestThrough(interest, periodStart, dueDate, D)
 *  (0 when no period runs) and the penalty p = round(penaltyRunExact(penalty, D)):
 *  earned interest = earnedBefore + a, receivable interest = interestDue + a - paid,
 *  days past due = D - oldestDue; the income figures of interest and penalty are
 *  their lines (`interestLines`, `penaltyLines`) on what each earned; every other
 *  figure stays as it is. */
export interface QuietState {
  v: 3;
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
  vatClass: 'taxed' | 'deferred' | 'exempt';
  interestLines: KindLines;
  penaltyLines: KindLines;
  rate: string;
  /** The settings the stretch read (quietSettingsKey; null: none, its VAT from the contract and nothing overdue). */
  settingsKey: string | null;
  fees: { grossFen: number; vatFen: number };
}

/** The stretch as its row keeps it: its fields by position, not by name (a JSON
 *  object's names were two thirds of the text, and of the loan's row, which the end
 *  of day reads and writes for every loan every day). */
type StoredLines = [number, number, number, number, number, number, number, number, number, number];
type StoredQuiet = [
  v: 3,
  until: BusinessDate,
  running: [interestFen: number, periodStart: BusinessDate, dueDate: BusinessDate, paidFen: number] | null,
  earnedBeforeFen: number,
  interestDueFen: number,
  oldestDue: BusinessDate | null,
  penalty: [
    from: BusinessDate,
    exactBefore: string,
    overdueFen: number,
    rateAnnual: string,
    multiplier: string,
    dayCount: PenaltyRun['dayCount'],
    paidFen: number,
    through: BusinessDate,
  ],
  vatClass: QuietState['vatClass'],
  interestLines: StoredLines,
  penaltyLines: StoredLines,
  rate: string,
  settingsKey: string | null,
  fees: [grossFen: number, vatFen: number],
];

const storedLines = (l: KindLines): StoredLines => [
  ...l.recognized,
  ...l.vatBase,
  ...l.exempt,
  ...l.deferred,
  ...l.offBalance,
];

const kindLinesOf = (l: StoredLines): KindLines => {
  const slope = (i: number) => l[i] as 0 | 1;
  return {
    recognized: [slope(0), l[1]],
    vatBase: [slope(2), l[3]],
    exempt: [slope(4), l[5]],
    deferred: [slope(6), l[7]],
    offBalance: [slope(8), l[9]],
  };
};

export function encodeQuietState(q: QuietState): string {
  const p = q.penalty;
  const stored: StoredQuiet = [
    q.v,
    q.until,
    q.running && [q.running.interestFen, q.running.periodStart, q.running.dueDate, q.running.paidFen],
    q.earnedBeforeFen,
    q.interestDueFen,
    q.oldestDue,
    [p.from, p.exactBefore, p.overdueFen, p.rateAnnual, p.multiplier, p.dayCount, p.paidFen, p.through],
    q.vatClass,
    storedLines(q.interestLines),
    storedLines(q.penaltyLines),
    q.rate,
    q.settingsKey,
    [q.fees.grossFen, q.fees.vatFen],
  ];
  return JSON.stringify(stored);
}

/** The stretch of a row: its stored form, or the named form of the releases before
 *  it (still valid: the state is the same); null for a state of another version. */
export function decodeQuietState(text: string): QuietState | null {
  const parsed = JSON.parse(text) as StoredQuiet | QuietState;
  if (!Array.isArray(parsed)) return parsed.v === 3 ? parsed : null;
  const [v, until, running, earnedBeforeFen, interestDueFen, oldestDue, p, vatClass, il, pl, rate, settingsKey, fees] =
    parsed;
  if (v !== 3) return null;
  return {
    v,
    until,
    running: running && { interestFen: running[0], periodStart: running[1], dueDate: running[2], paidFen: running[3] },
    earnedBeforeFen,
    interestDueFen,
    oldestDue,
    penalty: {
      from: p[0],
      exactBefore: p[1],
      overdueFen: p[2],
      rateAnnual: p[3],
      multiplier: p[4],
      dayCount: p[5],
      paidFen: p[6],
      through: p[7],
    },
    vatClass,
    interestLines: kindLinesOf(il),
    penaltyLines: kindLinesOf(pl),
    rate,
    settingsKey,
    fees: { grossFen: fees[0], vatFen: fees[1] },
  };
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
  offBalanceFen: number;
  desired: Postings;
  tax: number[];
}

const at = (line: Linear, earnedFen: number): number => line[0] * earnedFen + line[1];

function quietDay(q: QuietState, day: BusinessDate): QuietDay {
  const r = q.running;
  const a = r ? accruedInterestThrough(r.interestFen, r.periodStart, r.dueDate, day) : 0;
  const earned = q.earnedBeforeFen + a;
  const penaltyEarned = roundFen(penaltyRunExact(q.penalty, day));
  const i = q.interestLines;
  const p = q.penaltyLines;
  const vatBaseFen = at(i.vatBase, earned);
  const penaltyBaseFen = at(p.vatBase, penaltyEarned);
  const vatFen = vatOf(vatBaseFen, q.rate);
  const penaltyVatFen = vatOf(penaltyBaseFen, q.rate);
  const recognizedFen = at(i.recognized, earned);
  const penaltyRecognizedFen = at(p.recognized, penaltyEarned);
  const desired: Postings = new Map();
  if (recognizedFen > 0) desired.set('interestAccrual', postInterestAccrual(recognizedFen));
  if (penaltyRecognizedFen > 0) desired.set('penaltyAccrual', postPenaltyAccrual(penaltyRecognizedFen));
  if (vatFen !== 0 || penaltyVatFen !== 0 || q.fees.vatFen !== 0)
    desired.set('vat', postOutputVat({ interestFen: vatFen, penaltyFen: penaltyVatFen, feesFen: q.fees.vatFen }));
  const offBalanceFen = at(i.offBalance, earned) + at(p.offBalance, penaltyEarned);
  return {
    accruedInterestFen: q.interestDueFen + (r ? a - r.paidFen : 0),
    penaltyFen: penaltyEarned - q.penalty.paidFen,
    dpd: q.oldestDue === null ? 0 : daysBetween(q.oldestDue, day),
    offBalanceFen,
    desired,
    tax: [
      vatBaseFen,
      penaltyBaseFen,
      q.fees.grossFen,
      vatFen + penaltyVatFen + q.fees.vatFen,
      at(i.exempt, earned) + at(p.exempt, penaltyEarned),
      at(i.deferred, earned) + at(p.deferred, penaltyEarned),
      offBalanceFen,
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
    // The last day before non-accrual and before VAT deferral (a loan already past
    // either runs on in it).
    const threshold = (days: number) => {
      const last = addDays(oldestDue, days);
      if (last >= asOf) until = minDay(until, last);
    };
    if (f.settings.nonAccrualDpd !== null && recognition.nonAccrualSince === null) threshold(f.settings.nonAccrualDpd);
    if (input.vat.deferral) threshold(VAT_DEFERRAL_DAYS);
  }
  const chunk = lastVatChunk(input);
  if (chunk.interestBeforeFen > position.interestEarnedFen || chunk.penaltyBeforeFen > position.penaltyAccruedFen)
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
  const interestLines = kindLines(
    recognition.interest,
    input.interest,
    position.interestEarnedFen,
    chunk.vatClass,
    recognition.onBalance,
  );
  const penaltyLines = kindLines(
    recognition.penalty,
    input.penalty,
    position.penaltyAccruedFen,
    chunk.vatClass,
    recognition.onBalance,
  );
  if (!interestLines || !penaltyLines) return null;
  const state: QuietState = {
    v: 3,
    until,
    running,
    earnedBeforeFen,
    interestDueFen: position.interestDueFen,
    oldestDue,
    penalty,
    vatClass: chunk.vatClass,
    interestLines,
    penaltyLines,
    rate: input.vat.rate,
    settingsKey: f.vatFromSettings || oldestDue !== null ? quietSettingsKey(f.settings) : null,
    fees: recognition.fees,
  };
  // The formula must give the refresh's own figures today.
  const today = quietDay(state, asOf);
  if (
    today.accruedInterestFen !== position.accruedInterestFen ||
    today.penaltyFen !== position.penaltyFen ||
    today.dpd !== position.dpd ||
    today.offBalanceFen !== recognition.interest.offBalanceFen + recognition.penalty.offBalanceFen ||
    today.tax.some((v, j) => v !== f.tax[j]) ||
    JSON.stringify(dailyNetsOf(today.desired)) !== f.dailyJson
  )
    return null;
  return encodeQuietState(state);
}

/** The lines of one kind through the stretch (recognizeKind's figures of its last
 *  chunk, of class `vatClass`), each through today's figure; null when a figure
 *  would not follow one: in non-accrual, or in a deferred chunk, what was received
 *  must stay below what is earned (recognised and VAT-based figures are then
 *  fixed). */
function kindLines(
  r: KindRecognition,
  figures: KindFigures,
  earnedFen: number,
  vatClass: QuietState['vatClass'],
  onBalance: boolean,
): KindLines | null {
  const receivedFen = Math.max(0, figures.paidFen - figures.advanceFen);
  if ((!onBalance || vatClass === 'deferred') && receivedFen > earnedFen) return null;
  const line = (slope: 0 | 1, fen: number): Linear => [slope, fen - slope * earnedFen];
  return {
    recognized: line(onBalance ? 1 : 0, r.recognizedFen),
    vatBase: line(vatClass === 'taxed' ? 1 : 0, r.vatBaseFen),
    exempt: line(vatClass === 'exempt' && onBalance ? 1 : 0, r.exemptFen),
    deferred: line(vatClass === 'deferred' ? 1 : 0, r.deferredFen),
    offBalance: line(onBalance ? 0 : 1, r.offBalanceFen),
  };
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
  const q = decodeQuietState(loan.quietJson);
  if (!q || asOf > q.until || (q.settingsKey !== null && q.settingsKey !== settingsKey)) return null;
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
  if (loan.offBalanceInterestFen !== day.offBalanceFen) changes.offBalanceInterestFen = day.offBalanceFen;
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
