/** The position of one loan on a date, replayed from its contract and its
 *  transactions in value-date order. Nothing is stored or edited: a backdated
 *  repayment or a reversal simply changes the replay, so penalties, accruals and
 *  allocations after its value date are recomputed.
 *
 *  A repayment has an intent. 'installments' (the default): after what is
 *  overdue, it pays the current installment and then the next ones in advance, in
 *  full; they count as paid when they fall due, so paying early never makes a loan
 *  overdue. 'principal' (the officer's "prepay principal"): interest runs to the
 *  value date by actual days under the day count, and the rest repays principal
 *  (plus the product's disclosed prepayment fee); the installments are recomputed
 *  by the product's prepayment mode. A payment that reaches the payoff amount
 *  settles the loan: interest to the value date by actual days, interest already
 *  paid for days not yet run is returned to principal, all principal repaid.
 *  Penalty interest stops where the loan's total cost on its actual cash flows
 *  reaches the red line (36% by default). */
import { decimalFraction, decOf, Dec, type DecimalFraction, type RateInput } from '../decimal';
import { addDays, addMonths, isValidDate, toDayNumber, type BusinessDate } from '../dates';
import { yearFraction, yearFractionParts, type DayCount } from '../daycount';
import { DomainError, invariant } from '../errors';
import { assertFen, roundFen, roundRatioFen, sumFen } from '../money';
import { DEFAULT_RATE_CAP } from '../apr/ratecap';
import { scheduleUnitPeriod } from '../apr/annualized';
import type { DatedFlow } from '../apr/actuarial';
import { buildSchedule } from '../schedule/index';
import { normalizeTerms, periodInterestFen, type NormalizedTerms } from '../schedule/terms';
import type { Installment, LoanTerms, Schedule } from '../schedule/types';
import { accruedInterestThrough } from './accrual';
import {
  allocateWaterfall,
  assertAllocationOrder,
  DEFAULT_ALLOCATION_ORDER,
  type AllocationBucket,
  type BucketAmounts,
} from './allocation';
import {
  amountAtRateFen,
  annualizedCostOf,
  DEFAULT_RED_LINE,
  DiscountClock,
  flowsExceedRate,
  type AnnualizedCost,
} from './cost';
import { bucketOf, type DelinquencyBucket } from './delinquency';
import { DEFAULT_PENALTY_MULTIPLIER, penaltyInterestExact } from './penalty';
import { keptInstallmentOf, recomputeAfterPrepayment, type PrepaymentMode } from './prepayment';

/** What a repayment is for: paying installments (ahead of time when early), or
 *  prepaying principal. */
export type RepaymentIntent = 'installments' | 'principal';
export const REPAYMENT_INTENTS: readonly RepaymentIntent[] = ['installments', 'principal'];
export const DEFAULT_REPAYMENT_INTENT: RepaymentIntent = 'installments';

export interface LoanContract {
  loanId?: string;
  terms: LoanTerms;
  /** The agreed schedule; built from `terms` when absent. */
  schedule?: Schedule;
  /** Penalty rate = contract rate x multiplier (default 1.5). */
  penaltyMultiplier?: RateInput;
  allocationOrder?: readonly AllocationBucket[];
  /** What an overpayment does while principal remains (default shortenTerm). */
  prepaymentMode?: PrepaymentMode;
  /** The intent of a repayment that names none (a product setting; default
   *  'installments'). */
  repaymentIntent?: RepaymentIntent;
  /** Disclosed prepayment fee: this fraction of the principal repaid ahead of its
   *  installments (those after the current one); default 0, none. */
  prepaymentFeeRate?: RateInput;
  /** The annualized-rate cap a payoff quote is checked against (default 24%). */
  rateCapAnnual?: RateInput;
  /** Penalty stops accruing where the loan's total cost reaches it (default 36%). */
  redLineAnnual?: RateInput;
}

export type LoanTransaction =
  | { id: string; type: 'repayment'; valueDate: BusinessDate; amountFen: number; intent?: RepaymentIntent }
  | { id: string; type: 'fee'; valueDate: BusinessDate; amountFen: number; memo?: string }
  | { id: string; type: 'reversal'; valueDate: BusinessDate; reversesId: string };

export interface TransactionAllocation {
  transactionId: string;
  valueDate: BusinessDate;
  amountFen: number;
  penaltyFen: number;
  overdueInterestFen: number;
  overduePrincipalFen: number;
  /** Fees, the prepayment fee included. */
  feesFen: number;
  /** Interest of the current installment and of installments paid ahead. */
  currentInterestFen: number;
  /** Principal of the current installment and of installments paid ahead. */
  currentPrincipalFen: number;
  /** Principal repaid ahead of schedule; the remaining installments were recomputed. */
  prepaymentFen: number;
  /** Money left after the loan is repaid: a payable to the customer (2241). */
  overpaymentFen: number;
  installments: { n: number; interestFen: number; principalFen: number }[];
  /** The intent the repayment was applied with. */
  intent: RepaymentIntent;
  /** This repayment settled the loan (it reached the payoff amount). */
  settled: boolean;
  /** Of feesFen: the prepayment fee. */
  prepaymentFeeFen: number;
  /** Of currentInterestFen + currentPrincipalFen: what paid installments after the
   *  current one, in advance. */
  paidAheadFen: number;
  /** Interest this repayment paid for days that a later settlement did not run,
   *  returned to principal (already moved from currentInterestFen). */
  refundedInterestFen: number;
}

export type InstallmentStatus = 'paid' | 'overdue' | 'due' | 'notDue';

export interface InstallmentPosition extends Installment {
  paidPrincipalFen: number;
  paidInterestFen: number;
  status: InstallmentStatus;
  /** Value date of the repayment that completed it. */
  paidOffDate?: BusinessDate;
  daysOverdue: number;
}

export interface LoanPosition {
  asOfDate: BusinessDate;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  /** Unpaid interest of installments due on or before asOfDate. */
  interestDueFen: number;
  /** Interest of the running period accrued through asOfDate, less what was paid on it. */
  accruedNotDueInterestFen: number;
  /** interestDueFen + accruedNotDueInterestFen: the interest receivable. */
  accruedInterestFen: number;
  /** Interest earned through asOfDate: all interest of installments due on or
   *  before it and the running period's accrued part (paid or not). */
  interestEarnedFen: number;
  /** Interest paid for days not yet run (预收利息): on the running period beyond
   *  its accrued part and on installments paid ahead. Paid + receivable - this =
   *  earned. */
  interestAdvanceFen: number;
  /** Unpaid penalty interest (accrued total rounded, less paid). */
  penaltyFen: number;
  penaltyAccruedFen: number;
  feesFen: number;
  dpd: number;
  bucket: DelinquencyBucket;
  installments: InstallmentPosition[];
  allocations: TransactionAllocation[];
  reversedTransactionIds: string[];
  prepaidPrincipalFen: number;
  /** Total payable to the customer from overpayments. */
  overpaymentFen: number;
  closed: boolean;
  /** What repays everything on asOfDate (see payoffQuote). */
  payoffFen: number;
  /** Paid on installments due after asOfDate (paid ahead). */
  paidAheadFen: number;
  /** Penalty interest stopped at the red line: the loan's total cost on its
   *  actual cash flows reached it. */
  penaltyBounded: boolean;
  /** The first date the bound stopped the penalty. */
  penaltyBoundReachedOn?: BusinessDate;
  /** Penalty the formula would have charged beyond the bound (rounded). */
  penaltyForgoneFen: number;
  /** The red line the penalty was bounded by. */
  redLineAnnual: string;
  /** The repayment whose allocation left nothing owed, and its value date (the
   *  loan's closed-on date); absent while something is owed. */
  closedBy?: { transactionId: string; valueDate: BusinessDate };
}

export interface PositionOptions {
  /** Overrides the contract's red line (a setting; default 36%). */
  redLineAnnual?: RateInput;
  /** Overrides the contract's rate cap (used by payoffQuote; default 24%). */
  rateCapAnnual?: RateInput;
}

interface Donation {
  allocation: TransactionAllocation;
  fen: number;
}

interface Line {
  n: number;
  dueDate: BusinessDate;
  periodStart: BusinessDate;
  principalFen: number;
  interestFen: number;
  ownInterestFen: number;
  paidPrincipalFen: number;
  paidInterestFen: number;
  paidOffDate?: BusinessDate;
  /** Principal the own interest is charged on (balance at the period start; the
   *  flat base for flat loans). */
  baseFen: number;
  /** Start of the part of the period still accruing on baseFen. */
  accrualFrom: BusinessDate;
  /** Own interest fixed for the days before accrualFrom. */
  accruedBeforeFen: number;
  /** Interest paid on the line, by repayment (for the return at settlement). */
  donors: Donation[];
}

interface FeeCharge {
  id: string;
  valueDate: BusinessDate;
  amountFen: number;
  paidFen: number;
}

/** The amounts that settle the loan on a date. */
interface Settlement {
  penaltyFen: number;
  feesFen: number;
  overdueInterestFen: number;
  currentInterestFen: number;
  /** Principal to pay, after the returned interest. */
  principalFen: number;
  /** All principal outstanding. */
  principalBeforeFen: number;
  prepaymentFeeFen: number;
  /** Interest paid for days the settlement does not run, returned to principal. */
  interestRefundFen: number;
  totalFen: number;
}

const MAX_TRANSACTIONS = 100_000;
/** A fen amount has at most 16 digits; decimal.js keeps 40. */
const EXACT_PENALTY_RATE_DIGITS = 24;
/** Bound checkpoints after maturity: monthly for up to 50 years. */
const MAX_MONTHS_AFTER_MATURITY = 600;

function unpaidPrincipal(line: Line): number {
  return line.principalFen - line.paidPrincipalFen;
}
function unpaidInterest(line: Line): number {
  return line.interestFen - line.paidInterestFen;
}
function isPaid(line: Line): boolean {
  return unpaidInterest(line) === 0 && unpaidPrincipal(line) === 0;
}

function initialLines(nt: NormalizedTerms, schedule: Schedule): Line[] {
  const gi = schedule.installments.length > 1 ? nt.graceInterestPeriods : 0;
  let deferredFen = 0;
  let balanceFen = schedule.installments.reduce((s, i) => s + i.principalFen, 0);
  let previousDue = nt.startDate;
  return schedule.installments.map((inst) => {
    let ownInterestFen = inst.interestFen;
    if (inst.n <= gi) {
      ownInterestFen = periodInterestFen(nt, inst.n, nt.principalFen);
      deferredFen += ownInterestFen;
    } else if (inst.n === gi + 1 && gi > 0) ownInterestFen = inst.interestFen - deferredFen;
    const baseFen = nt.method === 'flat' ? nt.principalFen : balanceFen;
    balanceFen -= inst.principalFen;
    const line: Line = {
      n: inst.n,
      dueDate: inst.dueDate,
      periodStart: previousDue,
      principalFen: inst.principalFen,
      interestFen: inst.interestFen,
      ownInterestFen,
      paidPrincipalFen: 0,
      paidInterestFen: 0,
      baseFen,
      accrualFrom: previousDue,
      accruedBeforeFen: 0,
      donors: [],
    };
    previousDue = inst.dueDate;
    return line;
  });
}

/** Checks the transactions; returns them by id (the ids are unique). */
function checkTransactions(
  transactions: readonly LoanTransaction[],
  startDate: BusinessDate,
): Map<string, LoanTransaction> {
  if (transactions.length > MAX_TRANSACTIONS)
    throw new DomainError('POSITION_TOO_MANY_TRANSACTIONS', { max: MAX_TRANSACTIONS });
  const byId = new Map<string, LoanTransaction>();
  for (const tx of transactions) {
    if (byId.has(tx.id)) throw new DomainError('POSITION_DUPLICATE_TRANSACTION', { id: tx.id });
    byId.set(tx.id, tx);
    if (!isValidDate(tx.valueDate) || tx.valueDate < startDate)
      throw new DomainError('POSITION_INVALID_VALUE_DATE', { id: tx.id, field: 'valueDate', value: tx.valueDate });
    if (tx.type !== 'reversal') {
      assertFen(tx.amountFen, 'amountFen');
      if (tx.amountFen <= 0)
        throw new DomainError('POSITION_INVALID_AMOUNT', { id: tx.id, field: 'amountFen', value: tx.amountFen });
    }
    if (tx.type === 'repayment' && tx.intent !== undefined && !REPAYMENT_INTENTS.includes(tx.intent))
      throw new DomainError('POSITION_INVALID_INTENT', { id: tx.id, field: 'intent', value: tx.intent });
  }
  for (const tx of transactions) {
    if (tx.type !== 'reversal') continue;
    const target = byId.get(tx.reversesId);
    if (!target || target.type === 'reversal')
      throw new DomainError('POSITION_INVALID_REVERSAL', { id: tx.id, reversesId: tx.reversesId });
  }
  return byId;
}

function rateOf(value: RateInput | undefined, fallback: string, field: string): Dec {
  let rate: Dec;
  try {
    rate = decOf(value ?? fallback);
  } catch {
    throw new DomainError('POSITION_INVALID_RATE', { field });
  }
  if (!rate.isFinite() || rate.isNegative()) throw new DomainError('POSITION_INVALID_RATE', { field });
  return rate;
}

function emptyAllocation(
  tx: { id: string; valueDate: BusinessDate; amountFen: number },
  intent: RepaymentIntent,
): TransactionAllocation {
  return {
    transactionId: tx.id,
    valueDate: tx.valueDate,
    amountFen: tx.amountFen,
    penaltyFen: 0,
    overdueInterestFen: 0,
    overduePrincipalFen: 0,
    feesFen: 0,
    currentInterestFen: 0,
    currentPrincipalFen: 0,
    prepaymentFen: 0,
    overpaymentFen: 0,
    installments: [],
    intent,
    settled: false,
    prepaymentFeeFen: 0,
    paidAheadFen: 0,
    refundedInterestFen: 0,
  };
}

/** Adds interest and principal of line n to an allocation's per-installment list. */
function addToInstallment(allocation: TransactionAllocation, n: number, interestFen: number, principalFen: number) {
  let entry = allocation.installments.find((e) => e.n === n);
  if (!entry) {
    entry = { n, interestFen: 0, principalFen: 0 };
    allocation.installments.push(entry);
    allocation.installments.sort((a, b) => a.n - b.n);
  }
  entry.interestFen += interestFen;
  entry.principalFen += principalFen;
}

/** round(rest x newBase / base): in integers where exact, the fen decimal.js's
 *  exact product and one rounded division give (see roundRatioFen). */
function restOnNewBaseFen(restFen: number, newBaseFen: number, baseFen: number): number {
  return roundRatioFen(restFen * newBaseFen, baseFen) ?? roundFen(new Dec(restFen).times(newBaseFen).div(baseFen));
}

/** The replay: one loan's state moved forward through its transactions. */
class Replay {
  lines: Line[];
  readonly fees: FeeCharge[] = [];
  readonly allocations: TransactionAllocation[] = [];
  penaltyExact = new Dec(0);
  penaltyPaidFen = 0;
  penaltyForgone = new Dec(0);
  penaltyBoundReachedOn: BusinessDate | undefined;
  cursor: BusinessDate;
  overpaymentFen = 0;
  prepaidPrincipalFen = 0;
  private readonly deferralCount: number;
  private readonly boundClock: DiscountClock;
  /** The annual rate and the prepayment fee rate as exact fractions (undefined:
   *  too many digits for integer arithmetic, decimal.js computes). */
  private readonly rateFraction: DecimalFraction | undefined;
  private readonly feeFraction: DecimalFraction | undefined;
  /** The annual rate x the penalty multiplier, exact (undefined: see penaltyOn). */
  private readonly penaltyRate: Dec | undefined;
  /** roundFen(penaltyExact), for the penaltyExact it was computed from. */
  private roundedPenalty: { exact: Dec; fen: number } | undefined;

  constructor(
    readonly nt: NormalizedTerms,
    readonly schedule: Schedule,
    readonly multiplier: Dec,
    readonly order: readonly AllocationBucket[],
    readonly mode: PrepaymentMode,
    readonly feeRate: Dec,
    redLine: Dec,
  ) {
    this.lines = initialLines(nt, schedule);
    this.cursor = nt.startDate;
    this.deferralCount = schedule.installments.length > 1 ? nt.graceInterestPeriods : 0;
    this.rateFraction = decimalFraction(nt.rateAnnual);
    this.feeFraction = decimalFraction(feeRate);
    this.penaltyRate = penaltyRateOf(nt.rateAnnual, multiplier);
    this.boundClock = new DiscountClock(
      nt.startDate,
      scheduleUnitPeriod(schedule),
      schedule.installments.map((i) => i.dueDate),
      redLine.toString(),
    );
  }

  // ---- accrual ---------------------------------------------------------------

  accruePenaltyTo(to: BusinessDate): void {
    if (to <= this.cursor) return;
    // Penalty runs on the principal unpaid of installments due by each piece's
    // start, which is before `to`: with none, every piece adds nothing.
    if (!this.lines.some((l) => l.dueDate < to && l.paidPrincipalFen !== l.principalFen)) {
      this.lastPiece = { from: this.cursor, exactBefore: this.penaltyExact, overdueFen: 0 };
      this.cursor = to;
      return;
    }
    const ends: BusinessDate[] = [];
    for (const l of this.lines) if (l.dueDate > this.cursor && l.dueDate < to) ends.push(l.dueDate);
    const breaks = ends.length < 2 ? ends : [...new Set(ends)].sort();
    let from = this.cursor;
    for (const end of [...breaks, to]) {
      let overdueFen = 0;
      for (const l of this.lines) if (l.dueDate <= from) overdueFen += assertFen(unpaidPrincipal(l));
      assertFen(overdueFen, 'sum');
      if (end === to) this.lastPiece = { from, exactBefore: this.penaltyExact, overdueFen };
      if (overdueFen > 0) this.penaltyExact = this.penaltyExact.plus(this.penaltyOn(overdueFen, from, end));
      from = end;
    }
    this.cursor = to;
  }

  /** penaltyInterestExact on the contract's rate and multiplier. Where their
   *  product has at most 24 significant digits, principal x (rate x multiplier)
   *  is the exact principal x rate x multiplier decimal.js computes step by step
   *  (no product passes 40 digits), so it is multiplied once. */
  private penaltyOn(overdueFen: number, from: BusinessDate, to: BusinessDate): Dec {
    return penaltyPiece(overdueFen, this.nt.rateAnnual, this.multiplier, this.penaltyRate, from, to, this.nt.dayCount);
  }

  /** The last piece accruePenaltyTo added (or found nothing to add on): while no
   *  transaction, due date or checkpoint passes, the penalty on a later day is this
   *  piece run to that day. */
  lastPiece: { from: BusinessDate; exactBefore: Dec; overdueFen: number } | undefined;

  /** The penalty's run after `asOf` (the replay's date) through at most `horizon`:
   *  on each day D of it, a replay to D would give exactBefore + the piece from
   *  `from` to D, and its bound at D would not stop it (the bound's first test:
   *  even everything owed stays within the red line). Null when the replay to
   *  `asOf` did not end on such a piece. */
  penaltyRun(asOf: BusinessDate, horizon: BusinessDate): PenaltyRun | null {
    const piece = this.lastPiece;
    if (!piece || this.cursor !== asOf) return null;
    // A checkpoint today starts tomorrow's piece (and bounds it) today: the run starts tomorrow.
    if (this.checkpoints(addDays(asOf, -1), addDays(asOf, 1)).length > 0) return null;
    const run: PenaltyRun = {
      from: piece.from,
      exactBefore: piece.exactBefore.toString(),
      overdueFen: piece.overdueFen,
      rateAnnual: this.nt.rateAnnual.toString(),
      multiplier: this.multiplier.toString(),
      dayCount: this.nt.dayCount,
      paidFen: this.penaltyPaidFen,
      through: asOf,
    };
    // The replay's own penalty must be the piece's (the bound did not cut it today).
    if (!penaltyRunExact(run, asOf).eq(this.penaltyExact)) return null;
    let last = horizon;
    const next = this.checkpoints(asOf, addMonths(horizon, 1))[0];
    if (next !== undefined && next <= last) last = addDays(next, -1);
    // No penalty and none accruing: the bound has nothing to stop on any day.
    if (piece.overdueFen <= 0 && piece.exactBefore.isZero()) {
      if (last > asOf) run.through = last;
      return run;
    }
    const owedFen = sumFen(this.lines.map((l) => unpaidInterest(l) + unpaidPrincipal(l))) + this.feesDueFen() + 1;
    const pv = this.presentValueAtRedLine();
    for (let d = addDays(asOf, 1); d <= last; d = addDays(d, 1)) {
      const exact = penaltyRunExact(run, d);
      if (exact.isZero()) {
        run.through = d;
        continue;
      }
      const accrued = exact.toNumber();
      if (accrued - this.penaltyPaidFen >= 0.5) {
        const carried = -pv / this.boundClock.factor(d);
        // boundPenaltyAt(d)'s tests on the replay run to d: its first (everything
        // owed within the line), else its limit from the settlement on d, which
        // between due dates and transactions moves only by the running interest.
        if (carried < accrued + owedFen && accrued > this.penaltyLimitFen(carried, this.settlementAt(d))) break;
      }
      run.through = d;
    }
    return run;
  }

  penaltyDueFen(): number {
    if (this.roundedPenalty?.exact !== this.penaltyExact)
      this.roundedPenalty = { exact: this.penaltyExact, fen: roundFen(this.penaltyExact) };
    return this.roundedPenalty.fen - this.penaltyPaidFen;
  }

  feesDueFen(): number {
    return sumFen(this.fees.map((f) => f.amountFen - f.paidFen));
  }

  currentLineAt(date: BusinessDate): Line | undefined {
    return this.lines.find((l) => l.dueDate >= date);
  }

  private isDeferral(line: Line): boolean {
    return line.n <= this.deferralCount;
  }

  /** Own interest of a line accrued through `v`: what was fixed before
   *  accrualFrom plus base x rate x year fraction since, by actual days under the
   *  day count, never more than the period's own interest; all of it from the
   *  due date on. */
  accruedOwnFen(line: Line, v: BusinessDate): number {
    if (v >= line.dueDate) return line.ownInterestFen;
    if (v <= line.accrualFrom) return Math.min(line.ownInterestFen, line.accruedBeforeFen);
    const running = this.interestOnFen(line.baseFen, line.accrualFrom, v);
    return Math.min(line.ownInterestFen, line.accruedBeforeFen + running);
  }

  /** round(base x annual rate x yearFraction(from, to)). With the rate a / 10^k
   *  and the year fraction d / Y, in integers where exact: decimal.js rounds d / Y
   *  and the product to 40 digits, which moves a figure below 2^52 fen by less
   *  than 1e-23, and one not exactly halfway lies at least 1 / (2 x 10^k x Y) from
   *  halfway, so both round alike; exactly halfway, decimal.js computes it. */
  private interestOnFen(baseFen: number, from: BusinessDate, to: BusinessDate): number {
    const rate = this.rateFraction;
    const fraction = rate && yearFractionParts(from, to, this.nt.dayCount);
    const fen =
      fraction &&
      roundRatioFen(baseFen * rate.numerator * fraction.days, rate.denominator * fraction.yearDays, 'undefined');
    return fen ?? roundFen(new Dec(baseFen).times(this.nt.rateAnnual).times(yearFraction(from, to, this.nt.dayCount)));
  }

  /** Interest a line has earned by `v`. During a full deferral nothing is due
   *  until it ends, unless the loan is being settled: then the deferred interest
   *  of the periods run is due too. */
  interestToDateFen(line: Line, v: BusinessDate, settling: boolean): number {
    if (v >= line.dueDate) return line.interestFen;
    const own = this.accruedOwnFen(line, v);
    if (this.isDeferral(line)) {
      if (!settling) return 0;
      return own + sumFen(this.lines.filter((l) => this.isDeferral(l) && l.n < line.n).map((l) => l.ownInterestFen));
    }
    return own + (line.interestFen - line.ownInterestFen);
  }

  // ---- settlement ------------------------------------------------------------

  /** The installments on v: overdue (due before v), the current one (the first
   *  due on or after v) and the later ones. */
  private split(v: BusinessDate): { overdue: Line[]; current: Line | undefined; future: Line[] } {
    const current = this.currentLineAt(v);
    return {
      overdue: this.lines.filter((l) => l.dueDate < v),
      current,
      future: current ? this.lines.filter((l) => l.dueDate > current.dueDate) : [],
    };
  }

  prepaymentFeeOf(principalFen: number): number {
    if (this.feeRate.isZero()) return 0;
    // The product is exact in decimal.js too: the same fen.
    const fee =
      this.feeFraction && roundRatioFen(principalFen * this.feeFraction.numerator, this.feeFraction.denominator);
    return fee ?? roundFen(this.feeRate.times(principalFen));
  }

  /** The largest prepayment p <= limit with p + fee(p) + also(p) <= excess, where
   *  also(p) (the running period's remaining interest) falls as p grows, so the
   *  sum never decreases in p and a bisection finds it. */
  maxPrepaymentFen(excessFen: number, limitFen: number, also: (p: number) => number = () => 0): number {
    const fits = (p: number): boolean => p + this.prepaymentFeeOf(p) + also(p) <= excessFen;
    if (excessFen <= 0 || limitFen <= 0 || !fits(0)) return 0;
    let lo = 0;
    let hi = limitFen;
    if (fits(hi)) return hi;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** What settles the loan on `v` (penalty accrued to v), without changing it. */
  settlementAt(v: BusinessDate): Settlement {
    const { overdue, current, future } = this.split(v);
    let refundFen = 0;
    let currentInterestFen = 0;
    if (current) {
      const earned = this.interestToDateFen(current, v, true);
      refundFen += Math.max(0, current.paidInterestFen - earned);
      currentInterestFen = Math.max(0, earned - current.paidInterestFen);
    }
    refundFen += sumFen(future.map((l) => l.paidInterestFen));
    // The refund repays principal: the current installment's, the later ones', then overdue.
    let left = refundFen;
    const after = (line: Line): number => {
      const take = Math.min(left, unpaidPrincipal(line));
      left -= take;
      return unpaidPrincipal(line) - take;
    };
    const currentPrincipalFen = current ? after(current) : 0;
    const futurePrincipalFen = sumFen(future.map(after));
    const overduePrincipalFen = sumFen(overdue.map(after));
    const penaltyFen = this.penaltyDueFen();
    const feesFen = this.feesDueFen();
    const overdueInterestFen = sumFen(overdue.map(unpaidInterest));
    const prepaymentFeeFen = this.prepaymentFeeOf(futurePrincipalFen);
    const principalFen = currentPrincipalFen + futurePrincipalFen + overduePrincipalFen;
    return {
      principalBeforeFen: sumFen(this.lines.map(unpaidPrincipal)),
      penaltyFen,
      feesFen,
      overdueInterestFen,
      currentInterestFen,
      principalFen,
      prepaymentFeeFen,
      interestRefundFen: refundFen,
      totalFen: penaltyFen + feesFen + overdueInterestFen + currentInterestFen + principalFen + prepaymentFeeFen,
    };
  }

  /** Everything the installments still ask for (what paying them all costs). */
  /** Nothing is owed: every installment, penalty and fee paid. */
  settled(): boolean {
    return this.lines.every((l) => isPaid(l)) && this.penaltyDueFen() === 0 && this.feesDueFen() === 0;
  }

  installmentsOwedFen(): number {
    return (
      this.penaltyDueFen() + this.feesDueFen() + sumFen(this.lines.map((l) => unpaidInterest(l) + unpaidPrincipal(l)))
    );
  }

  /** Settlement on v, before the settling payment is allocated: the running
   *  installment keeps the interest earned to v, later ones none; interest paid
   *  beyond that is returned to principal in the repayments that paid it. */
  returnUnearnedInterest(v: BusinessDate): void {
    const { overdue, current, future } = this.split(v);
    if (!current) return;
    const pieces: { donation: Donation; fen: number; from: Line }[] = [];
    const cut = (line: Line, keepFen: number): void => {
      let excess = Math.max(0, line.paidInterestFen - keepFen);
      line.interestFen = keepFen;
      line.ownInterestFen = Math.min(line.ownInterestFen, keepFen);
      for (let i = line.donors.length - 1; i >= 0 && excess > 0; i--) {
        const donation = line.donors[i]!;
        const take = Math.min(excess, donation.fen);
        donation.fen -= take;
        excess -= take;
        line.paidInterestFen -= take;
        pieces.push({ donation, fen: take, from: line });
      }
      invariant(excess === 0, 'returned interest is traced to its repayments');
    };
    cut(current, this.interestToDateFen(current, v, true));
    for (const line of future) cut(line, 0);
    const targets = [current, ...future, ...overdue];
    let target = 0;
    for (const piece of pieces) {
      let fen = piece.fen;
      const a = piece.donation.allocation;
      a.currentInterestFen -= fen;
      a.refundedInterestFen += fen;
      addToInstallment(a, piece.from.n, -fen, 0);
      while (fen > 0 && target < targets.length) {
        const line = targets[target]!;
        const take = Math.min(fen, unpaidPrincipal(line));
        if (take === 0) {
          target++;
          continue;
        }
        line.paidPrincipalFen += take;
        if (line.dueDate < v) a.overduePrincipalFen += take;
        else a.currentPrincipalFen += take;
        addToInstallment(a, line.n, 0, take);
        if (isPaid(line) && line.paidOffDate === undefined) line.paidOffDate = v;
        fen -= take;
      }
      if (fen > 0) {
        a.overpaymentFen += fen;
        this.overpaymentFen += fen;
        this.pvCount = -1;
      }
    }
    for (const line of [current, ...future])
      if (isPaid(line) && line.paidOffDate === undefined && line.principalFen + line.interestFen > 0)
        line.paidOffDate = v;
  }

  // ---- allocation ------------------------------------------------------------

  private touch(allocation: TransactionAllocation, line: Line, interestFen: number, principalFen: number): void {
    addToInstallment(allocation, line.n, interestFen, principalFen);
    line.paidInterestFen += interestFen;
    line.paidPrincipalFen += principalFen;
    if (interestFen > 0) line.donors.push({ allocation, fen: interestFen });
    if (isPaid(line) && line.paidOffDate === undefined) line.paidOffDate = allocation.valueDate;
  }

  /** The interest a line would ask for after `reducedFen` of principal is repaid on
   *  v (see rebase), without changing it. */
  rebasedInterestFen(line: Line, v: BusinessDate, reducedFen: number): number {
    if (reducedFen <= 0 || v >= line.dueDate || line.baseFen <= 0) return line.interestFen;
    if (this.isDeferral(line)) return 0;
    const earned = this.accruedOwnFen(line, v);
    const newBase = Math.max(0, line.baseFen - reducedFen);
    const rest = Math.max(0, line.ownInterestFen - earned);
    const newOwn = earned + restOnNewBaseFen(rest, newBase, line.baseFen);
    return Math.max(line.paidInterestFen, newOwn + (line.interestFen - line.ownInterestFen));
  }

  /** Rebases the running installment after principal was repaid on v before its
   *  due date: the interest earned to v stays, the rest of the period accrues on
   *  the smaller balance. */
  private rebase(line: Line, v: BusinessDate, reducedFen: number): void {
    if (reducedFen <= 0 || v >= line.dueDate || line.baseFen <= 0) return;
    const earned = this.accruedOwnFen(line, v);
    const newBase = Math.max(0, line.baseFen - reducedFen);
    const rest = Math.max(0, line.ownInterestFen - earned);
    const newOwn = earned + restOnNewBaseFen(rest, newBase, line.baseFen);
    const carried = line.interestFen - line.ownInterestFen;
    line.ownInterestFen = newOwn;
    line.interestFen = this.isDeferral(line) ? 0 : Math.max(line.paidInterestFen, newOwn + carried);
    if (!this.isDeferral(line)) line.ownInterestFen = line.interestFen - carried;
    line.baseFen = newBase;
    line.accrualFrom = v;
    line.accruedBeforeFen = earned;
    if (isPaid(line) && line.paidOffDate === undefined) line.paidOffDate = v;
  }

  /** Pays lines ahead in order (interest, then principal, each in full). */
  private payAhead(allocation: TransactionAllocation, lines: readonly Line[], amountFen: number): number {
    let left = amountFen;
    for (const line of lines) {
      if (left <= 0) break;
      const interest = Math.min(left, unpaidInterest(line));
      left -= interest;
      const principal = Math.min(left, unpaidPrincipal(line));
      left -= principal;
      if (interest > 0 || principal > 0) {
        this.touch(allocation, line, interest, principal);
        allocation.currentInterestFen += interest;
        allocation.currentPrincipalFen += principal;
        allocation.paidAheadFen += interest + principal;
      }
    }
    return left;
  }

  /** Principal repaid ahead of the current installment: paid-ahead installments'
   *  principal first, then the untouched ones recomputed by the prepayment mode.
   *  Returns the principal repaid. */
  private prepay(allocation: TransactionAllocation, future: readonly Line[], prepaymentFen: number): void {
    if (prepaymentFen <= 0) return;
    let lastTouched = -1;
    future.forEach((l, i) => {
      if (l.paidInterestFen > 0 || l.paidPrincipalFen > 0) lastTouched = i;
    });
    const touched = future.slice(0, lastTouched + 1);
    const untouched = future.slice(lastTouched + 1);
    let left = prepaymentFen;
    for (const line of touched) {
      const take = Math.min(left, unpaidPrincipal(line));
      if (take > 0) this.touch(allocation, line, 0, take);
      left -= take;
    }
    if (left > 0) {
      const untouchedPrincipalFen = sumFen(untouched.map(unpaidPrincipal));
      invariant(left <= untouchedPrincipalFen, 'prepayment within the remaining principal');
      const kept = this.lines.filter((l) => !untouched.includes(l));
      const deferredBeforeFen = sumFen(kept.filter((l) => this.isDeferral(l)).map((l) => l.ownInterestFen));
      const recomputed = recomputeAfterPrepayment(
        this.nt,
        untouched,
        untouchedPrincipalFen - left,
        this.mode,
        deferredBeforeFen,
        keptInstallmentOf(this.nt, this.lines),
      );
      let previousDue = kept.at(-1)?.dueDate ?? this.nt.startDate;
      this.lines = [
        ...kept,
        ...recomputed.map((r): Line => {
          const line: Line = {
            n: r.n,
            dueDate: r.dueDate,
            periodStart: previousDue,
            principalFen: r.principalFen,
            interestFen: r.interestFen,
            ownInterestFen: r.ownInterestFen,
            paidPrincipalFen: 0,
            paidInterestFen: 0,
            baseFen: r.baseFen ?? 0,
            accrualFrom: previousDue,
            accruedBeforeFen: 0,
            donors: [],
          };
          previousDue = r.dueDate;
          return line;
        }),
      ];
    }
    allocation.prepaymentFen += prepaymentFen;
    this.prepaidPrincipalFen += prepaymentFen;
  }

  repay(tx: { id: string; valueDate: BusinessDate; amountFen: number }, intent: RepaymentIntent): void {
    const v = tx.valueDate;
    const allocation = emptyAllocation(tx, intent);
    const owedFen = this.installmentsOwedFen();
    // The payoff is at least all principal less every fen of interest paid on
    // installments not yet overdue; below that no settlement is possible.
    let principalFen = 0;
    let paidInterestNotOverdueFen = 0;
    for (const l of this.lines) {
      principalFen += assertFen(unpaidPrincipal(l));
      if (l.dueDate >= v) paidInterestNotOverdueFen += assertFen(l.paidInterestFen);
    }
    const payoffFloorFen = assertFen(principalFen, 'sum') - assertFen(paidInterestNotOverdueFen, 'sum');
    let settling = false;
    if (owedFen > 0 && tx.amountFen >= payoffFloorFen) {
      const quote = this.settlementAt(v);
      settling = tx.amountFen >= quote.totalFen && (intent === 'principal' || quote.totalFen <= owedFen);
    }
    if (settling) {
      this.returnUnearnedInterest(v);
      allocation.settled = true;
    }
    // A single-installment loan (bullet, days) has nothing to pay ahead: money
    // before its due date prepays principal with interest to date.
    const single = this.lines.length === 1 && v < this.lines[0]!.dueDate;
    const asPrincipal = settling || intent === 'principal' || single;
    if (single) allocation.intent = 'principal';
    const { overdue, current, future } = this.split(v);
    // Settling, the running installment already holds just the interest earned to v.
    const currentInterestDue = current
      ? asPrincipal && !settling
        ? Math.max(0, this.interestToDateFen(current, v, false) - current.paidInterestFen)
        : unpaidInterest(current)
      : 0;
    const dues: BucketAmounts = {
      penalty: this.penaltyDueFen(),
      overdueInterest: sumFen(overdue.map(unpaidInterest)),
      overduePrincipal: sumFen(overdue.map(unpaidPrincipal)),
      fees: this.feesDueFen(),
      currentInterest: currentInterestDue,
      currentPrincipal: current ? unpaidPrincipal(current) : 0,
    };
    const { parts, excessFen } = allocateWaterfall(tx.amountFen, dues, this.order);
    this.penaltyPaidFen += parts.penalty;
    allocation.penaltyFen = parts.penalty;
    allocation.overdueInterestFen = parts.overdueInterest;
    allocation.overduePrincipalFen = parts.overduePrincipal;
    allocation.feesFen = parts.fees;
    allocation.currentInterestFen = parts.currentInterest;
    allocation.currentPrincipalFen = parts.currentPrincipal;
    let left = parts.overdueInterest;
    for (const line of overdue) {
      const take = Math.min(left, unpaidInterest(line));
      if (take > 0) this.touch(allocation, line, take, 0);
      left -= take;
    }
    invariant(left === 0, 'overdue interest fully distributed');
    left = parts.overduePrincipal;
    for (const line of overdue) {
      const take = Math.min(left, unpaidPrincipal(line));
      if (take > 0) this.touch(allocation, line, 0, take);
      left -= take;
    }
    invariant(left === 0, 'overdue principal fully distributed');
    left = parts.fees;
    for (const fee of this.fees) {
      const take = Math.min(left, fee.amountFen - fee.paidFen);
      fee.paidFen += take;
      left -= take;
    }
    invariant(left === 0, 'fees fully distributed');
    if (current && (parts.currentInterest > 0 || parts.currentPrincipal > 0))
      this.touch(allocation, current, parts.currentInterest, parts.currentPrincipal);

    let excess = excessFen;
    const ownReduction = this.nt.method === 'flat' ? 0 : parts.currentPrincipal;
    if (excess > 0 && current) {
      if (asPrincipal) {
        const limit = sumFen(future.map(unpaidPrincipal));
        // Before the due date the running installment is closed now: interest to date
        // (paid above), its principal, and the rest of its period's interest on the
        // balance left after the prepayment; the remainder prepays principal.
        const closing = !settling && v < current.dueDate;
        const restAfter = (p: number): number =>
          closing ? this.rebasedInterestFen(current, v, ownReduction + p) - current.paidInterestFen : 0;
        const prepaymentFen = this.maxPrepaymentFen(excess, limit, restAfter);
        const feeFen = this.prepaymentFeeOf(prepaymentFen);
        if (closing) {
          this.rebase(current, v, ownReduction + prepaymentFen);
          const rest = Math.min(excess - prepaymentFen - feeFen, unpaidInterest(current));
          if (rest > 0) {
            this.touch(allocation, current, rest, 0);
            allocation.currentInterestFen += rest;
            excess -= rest;
          }
        }
        this.prepay(allocation, future, prepaymentFen);
        allocation.feesFen += feeFen;
        allocation.prepaymentFeeFen = feeFen;
        excess -= prepaymentFen + feeFen;
        // Whatever cannot prepay (installments already paid ahead) pays them.
        if (excess > 0) excess = this.payAhead(allocation, this.split(v).future, excess);
      } else excess = this.payAhead(allocation, future, excess);
    } else if (asPrincipal && !settling && current && ownReduction > 0)
      // A part payment before the due date: the rest of the period accrues on less.
      this.rebase(current, v, ownReduction);
    allocation.overpaymentFen += excess;
    this.overpaymentFen += excess;

    const total =
      allocation.penaltyFen +
      allocation.overdueInterestFen +
      allocation.overduePrincipalFen +
      allocation.feesFen +
      allocation.currentInterestFen +
      allocation.currentPrincipalFen +
      allocation.prepaymentFen +
      allocation.overpaymentFen;
    invariant(total === tx.amountFen, 'allocation neither creates nor loses a fen');
    this.allocations.push(allocation);
  }

  // ---- penalty bound ---------------------------------------------------------

  /** The loan's cash flows so far (borrower's side: what was received, minus what
   *  was paid and is not a payable back). */
  /** Present value at the red line of flows() (kept as repayments come in; a
   *  settlement that turns returned interest into a payable marks it stale). */
  private presentValueAtRedLine(): number {
    if (this.pvCount < 0) {
      this.pv = -this.schedule.netDisbursedFen;
      this.pvCount = 0;
    }
    for (; this.pvCount < this.allocations.length; this.pvCount++) {
      const a = this.allocations[this.pvCount]!;
      this.pv += (a.amountFen - a.overpaymentFen) * this.boundClock.factor(a.valueDate);
    }
    return this.pv;
  }
  private pv = 0;
  private pvCount = -1;

  flows(): DatedFlow[] {
    return [
      { date: this.nt.startDate, amountFen: -this.schedule.netDisbursedFen },
      ...this.allocations.map((a) => ({ date: a.valueDate, amountFen: a.amountFen - a.overpaymentFen })),
    ];
  }

  /** Stops penalty interest where the loan's total cost, were it settled on v
   *  (penalty included), would pass the red line. */
  boundPenaltyAt(v: BusinessDate): void {
    // Nothing accrued: nothing to bound (what follows returns too).
    if (this.penaltyExact.isZero()) return;
    const accrued = this.penaltyExact.toNumber();
    if (accrued - this.penaltyPaidFen < 0.5) return;
    // Binary floating point is ample here: amounts are far below 2^53 fen and the
    // limit is cut to whole fen.
    const carried = -this.presentValueAtRedLine() / this.boundClock.factor(v);
    if (
      carried >=
      accrued + sumFen(this.lines.map((l) => unpaidInterest(l) + unpaidPrincipal(l))) + this.feesDueFen() + 1
    )
      return; // even every installment and all penalty stay within the line
    const limitFen = this.penaltyLimitFen(carried, this.settlementAt(v));
    if (accrued > limitFen) {
      const limit = new Dec(limitFen);
      this.penaltyForgone = this.penaltyForgone.plus(this.penaltyExact.minus(limit));
      this.penaltyExact = limit;
      this.penaltyBoundReachedOn ??= v;
    }
  }

  /** The most penalty the loan may carry, settled as `s` says, with `carried` (its
   *  flows' value at the red line, carried to the settlement's day). */
  private penaltyLimitFen(carried: number, s: Settlement): number {
    const owedWithoutPenalty = s.totalFen - s.penaltyFen - s.prepaymentFeeFen;
    return Math.max(this.penaltyPaidFen, Math.floor(carried - owedWithoutPenalty + this.penaltyPaidFen));
  }

  /** Fixed dates the bound is checked on between transactions, whatever the date
   *  the position is read: every due date, then monthly after the last one. So
   *  penalty forgone at the bound stays forgone, and never grows faster than the
   *  formula. */
  private checkpoints(after: BusinessDate, before: BusinessDate): BusinessDate[] {
    const dates: BusinessDate[] = [];
    for (const l of this.lines) if (l.dueDate > after && l.dueDate < before) dates.push(l.dueDate);
    const last = this.lines.at(-1)?.dueDate;
    if (last !== undefined && before > last)
      for (let k = 1; k <= MAX_MONTHS_AFTER_MATURITY; k++) {
        const d = addMonths(last, k);
        if (d >= before) break;
        if (d > after) dates.push(d);
      }
    return dates.length < 2 ? dates : [...new Set(dates)].sort();
  }

  /** Accrues penalty to `to`, bounding it on the checkpoints on the way. */
  advanceTo(to: BusinessDate): void {
    for (const c of this.checkpoints(this.cursor, to)) {
      this.accruePenaltyTo(c);
      this.boundPenaltyAt(c);
    }
    this.accruePenaltyTo(to);
  }
}

/** A stretch of days on which a loan's penalty interest is its last piece run on
 *  (Replay.penaltyRun), kept as plain data for the end of day's fast path. */
export interface PenaltyRun {
  from: BusinessDate;
  /** The exact (unrounded) penalty before the piece, as a decimal string. */
  exactBefore: string;
  /** The overdue principal the piece runs on (0: it adds nothing). */
  overdueFen: number;
  rateAnnual: string;
  multiplier: string;
  dayCount: DayCount;
  /** Penalty paid so far. */
  paidFen: number;
  /** The last day the run holds (asOf itself when none after it does). */
  through: BusinessDate;
}

/** The penalty on `overdueFen` for (from, to]: where rate x multiplier has at most
 *  24 significant digits, principal x (rate x multiplier) is the exact principal x
 *  rate x multiplier decimal.js computes step by step (no product passes 40
 *  digits), so it is multiplied once. */
function penaltyPiece(
  overdueFen: number,
  rateAnnual: Dec,
  multiplier: Dec,
  penaltyRate: Dec | undefined,
  from: BusinessDate,
  to: BusinessDate,
  dayCount: DayCount,
): Dec {
  if (penaltyRate === undefined) return penaltyInterestExact(overdueFen, rateAnnual, multiplier, from, to, dayCount);
  if (to <= from) return new Dec(0);
  return new Dec(overdueFen).times(penaltyRate).times(yearFraction(from, to, dayCount));
}

function penaltyRateOf(rateAnnual: Dec, multiplier: Dec): Dec | undefined {
  return rateAnnual.sd() + multiplier.sd() <= EXACT_PENALTY_RATE_DIGITS ? rateAnnual.times(multiplier) : undefined;
}

const RUN_RATES = new Map<string, { rate: Dec; multiplier: Dec; penaltyRate: Dec | undefined }>();

/** The exact penalty a replay to `day` gives inside the run (day after run.from). */
export function penaltyRunExact(run: PenaltyRun, day: BusinessDate): Dec {
  const before = new Dec(run.exactBefore);
  if (run.overdueFen <= 0) return before;
  const key = `${run.rateAnnual}*${run.multiplier}`;
  let rates = RUN_RATES.get(key);
  if (!rates) {
    const rate = new Dec(run.rateAnnual);
    const multiplier = new Dec(run.multiplier);
    rates = { rate, multiplier, penaltyRate: penaltyRateOf(rate, multiplier) };
    if (RUN_RATES.size >= 1000) RUN_RATES.clear();
    RUN_RATES.set(key, rates);
  }
  return before.plus(
    penaltyPiece(run.overdueFen, rates.rate, rates.multiplier, rates.penaltyRate, run.from, day, run.dayCount),
  );
}

/** Replays the loan to `asOfDate`. Reversals with a value date on or before
 *  asOfDate remove their target from the replay; repayments and fee charges
 *  apply in value-date order (ties in the order given). */
export function loanPosition(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  asOfDate: BusinessDate,
  options: PositionOptions = {},
): LoanPosition {
  return replayTo(contract, transactions, asOfDate, options).position;
}

/** loanPosition, with the penalty's run after asOfDate (Replay.penaltyRun) for
 *  the end of day's fast path. */
export function loanPositionWithRun(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  asOfDate: BusinessDate,
  options: PositionOptions = {},
): { position: LoanPosition; penaltyRun: (horizon: BusinessDate) => PenaltyRun | null } {
  const { position, replay } = replayTo(contract, transactions, asOfDate, options);
  return { position, penaltyRun: (horizon) => replay.penaltyRun(asOfDate, horizon) };
}

/** Interest and penalty earned through `day` (loanPosition's interestEarnedFen and
 *  penaltyAccruedFen on that day), without the rest of the position. */
export function earnedThrough(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  day: BusinessDate,
  options: PositionOptions = {},
): { interestFen: number; penaltyFen: number } {
  const { r } = replayed(contract, transactions, day, options);
  const running = r.lines.find((l) => l.dueDate > day);
  const runningAccruedFen = running
    ? accruedInterestThrough(running.interestFen, running.periodStart, running.dueDate, day)
    : 0;
  return {
    interestFen: sumFen(r.lines.filter((l) => l.dueDate <= day).map((l) => l.interestFen)) + runningAccruedFen,
    penaltyFen: roundFen(r.penaltyExact),
  };
}

/** The replay to `asOfDate`, its invariants checked. */
function replayed(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  asOfDate: BusinessDate,
  options: PositionOptions,
) {
  if (!isValidDate(asOfDate)) throw new DomainError('DATE_INVALID', { field: 'asOfDate', value: asOfDate });
  const nt = normalizeTerms(contract.terms);
  const schedule = contract.schedule ?? buildSchedule(contract.terms);
  const multiplier = decOf(contract.penaltyMultiplier ?? DEFAULT_PENALTY_MULTIPLIER);
  if (!multiplier.isFinite() || multiplier.isNegative())
    throw new DomainError('POSITION_INVALID_MULTIPLIER', { field: 'penaltyMultiplier' });
  const order = contract.allocationOrder ?? DEFAULT_ALLOCATION_ORDER;
  assertAllocationOrder(order);
  const mode = contract.prepaymentMode ?? 'shortenTerm';
  const defaultIntent = contract.repaymentIntent ?? DEFAULT_REPAYMENT_INTENT;
  if (!REPAYMENT_INTENTS.includes(defaultIntent))
    throw new DomainError('POSITION_INVALID_INTENT', { field: 'repaymentIntent', value: defaultIntent });
  const feeRate = rateOf(contract.prepaymentFeeRate, '0', 'prepaymentFeeRate');
  const redLine = rateOf(options.redLineAnnual ?? contract.redLineAnnual, DEFAULT_RED_LINE, 'redLineAnnual');
  const byId = checkTransactions(transactions, nt.startDate);

  const reversed = new Set(
    transactions
      .filter((t) => t.type === 'reversal' && t.valueDate <= asOfDate)
      .map((t) => (t as { reversesId: string }).reversesId),
  );
  const events = transactions
    .map((tx, index) => ({ tx, index }))
    .filter(({ tx }) => tx.type !== 'reversal' && tx.valueDate <= asOfDate && !reversed.has(tx.id))
    .sort((a, b) => (a.tx.valueDate < b.tx.valueDate ? -1 : a.tx.valueDate > b.tx.valueDate ? 1 : a.index - b.index))
    .map(({ tx }) => tx);

  const r = new Replay(nt, schedule, multiplier, order, mode, feeRate, redLine);
  // The repayment after which nothing was owed (a later fee charge reopens the loan).
  let closedBy: { transactionId: string; valueDate: BusinessDate } | undefined;
  for (const tx of events) {
    r.advanceTo(tx.valueDate);
    if (tx.type === 'fee') {
      r.fees.push({ id: tx.id, valueDate: tx.valueDate, amountFen: tx.amountFen, paidFen: 0 });
      closedBy = undefined;
      continue;
    }
    if (tx.type !== 'repayment') continue;
    r.boundPenaltyAt(tx.valueDate);
    r.repay(tx, tx.intent ?? defaultIntent);
    closedBy = r.settled() ? (closedBy ?? { transactionId: tx.id, valueDate: tx.valueDate }) : undefined;
  }
  // The last piece is the one this final move adds (none when a transaction today
  // already brought the replay to asOfDate: then no run starts today).
  r.lastPiece = undefined;
  r.advanceTo(asOfDate);
  r.boundPenaltyAt(asOfDate);
  const outstandingPrincipalFen = sumFen(r.lines.map(unpaidPrincipal));
  invariant(
    outstandingPrincipalFen >= 0 && r.penaltyDueFen() >= 0 && r.feesDueFen() >= 0,
    'position amounts are not negative',
  );
  invariant(
    sumFen(r.allocations.map((a) => a.currentPrincipalFen + a.overduePrincipalFen + a.prepaymentFen)) +
      outstandingPrincipalFen ===
      nt.principalFen,
    'principal repaid plus outstanding equals the loan',
  );
  return { nt, r, reversed, byId, redLine, closedBy, outstandingPrincipalFen };
}

function replayTo(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  asOfDate: BusinessDate,
  options: PositionOptions,
): { position: LoanPosition; replay: Replay; settlement: Settlement } {
  const { r, reversed, byId, redLine, closedBy, outstandingPrincipalFen } = replayed(
    contract,
    transactions,
    asOfDate,
    options,
  );
  const lines = r.lines;
  const installments: InstallmentPosition[] = [];
  const asOfDay = toDayNumber(asOfDate);
  // One pass over the lines: the installments and the sums of the position (each
  // term and total a checked fen amount, as sumFen checks them).
  let overduePrincipalFen = 0;
  let overdueInterestFen = 0;
  let interestDueFen = 0;
  let dueInterestFen = 0;
  let interestAdvanceFen = 0;
  let paidAheadFen = 0;
  let allInterestPaid = true;
  let running: Line | undefined;
  let oldestUnpaidDue: BusinessDate | undefined;
  let scheduledBalanceFen = sumFen(lines.map((l) => l.principalFen));
  for (const line of lines) {
    scheduledBalanceFen -= line.principalFen;
    const paid = isPaid(line);
    const status: InstallmentStatus = paid
      ? 'paid'
      : line.dueDate < asOfDate
        ? 'overdue'
        : line.dueDate === asOfDate
          ? 'due'
          : 'notDue';
    installments.push({
      n: line.n,
      dueDate: line.dueDate,
      principalFen: line.principalFen,
      interestFen: line.interestFen,
      paymentFen: line.principalFen + line.interestFen,
      balanceFen: scheduledBalanceFen,
      paidPrincipalFen: line.paidPrincipalFen,
      paidInterestFen: line.paidInterestFen,
      status,
      ...(line.paidOffDate !== undefined ? { paidOffDate: line.paidOffDate } : {}),
      daysOverdue: status === 'overdue' ? asOfDay - toDayNumber(line.dueDate) : 0,
    });
    if (line.dueDate < asOfDate) {
      overduePrincipalFen += assertFen(unpaidPrincipal(line));
      overdueInterestFen += assertFen(unpaidInterest(line));
      if (!paid && (oldestUnpaidDue === undefined || line.dueDate < oldestUnpaidDue)) oldestUnpaidDue = line.dueDate;
    }
    if (line.dueDate <= asOfDate) {
      interestDueFen += assertFen(unpaidInterest(line));
      dueInterestFen += assertFen(line.interestFen);
    } else {
      running ??= line;
      interestAdvanceFen += assertFen(line.paidInterestFen);
      paidAheadFen += assertFen(line.paidInterestFen + line.paidPrincipalFen);
    }
    if (unpaidInterest(line) !== 0) allInterestPaid = false;
  }
  for (const total of [overduePrincipalFen, overdueInterestFen, interestDueFen, dueInterestFen, interestAdvanceFen])
    assertFen(total, 'sum');
  assertFen(paidAheadFen, 'sum');
  let accruedNotDueInterestFen = 0;
  let runningAccruedFen = 0;
  if (running) {
    runningAccruedFen = accruedInterestThrough(running.interestFen, running.periodStart, running.dueDate, asOfDate);
    accruedNotDueInterestFen = Math.max(0, runningAccruedFen - running.paidInterestFen);
    interestAdvanceFen -= Math.min(running.paidInterestFen, runningAccruedFen);
  }
  const penaltyFen = r.penaltyDueFen();
  const feesFen = r.feesDueFen();
  const settlement = r.settlementAt(asOfDate);
  // Days past due (daysPastDue): since the oldest unpaid installment fell due.
  const dpd = oldestUnpaidDue === undefined ? 0 : asOfDay - toDayNumber(oldestUnpaidDue);
  const position: LoanPosition = {
    asOfDate,
    outstandingPrincipalFen,
    overduePrincipalFen,
    overdueInterestFen,
    interestDueFen,
    accruedNotDueInterestFen,
    accruedInterestFen: interestDueFen + accruedNotDueInterestFen,
    interestEarnedFen: dueInterestFen + runningAccruedFen,
    interestAdvanceFen,
    penaltyFen,
    penaltyAccruedFen: roundFen(r.penaltyExact),
    feesFen,
    dpd,
    bucket: bucketOf(dpd),
    installments,
    allocations: r.allocations,
    reversedTransactionIds: [...reversed].filter((id) => {
      const target = byId.get(id);
      return target !== undefined && target.valueDate <= asOfDate;
    }),
    prepaidPrincipalFen: r.prepaidPrincipalFen,
    overpaymentFen: r.overpaymentFen,
    closed:
      outstandingPrincipalFen === 0 && interestDueFen === 0 && penaltyFen === 0 && feesFen === 0 && allInterestPaid,
    payoffFen: settlement.totalFen,
    paidAheadFen,
    penaltyBounded: r.penaltyBoundReachedOn !== undefined,
    ...(r.penaltyBoundReachedOn !== undefined ? { penaltyBoundReachedOn: r.penaltyBoundReachedOn } : {}),
    penaltyForgoneFen: roundFen(r.penaltyForgone),
    redLineAnnual: redLine.toString(),
  };
  if (position.closed && closedBy) position.closedBy = closedBy;
  return { position, replay: r, settlement };
}

export interface PayoffQuote {
  date: BusinessDate;
  totalFen: number;
  penaltyFen: number;
  feesFen: number;
  overdueInterestFen: number;
  /** Interest of the running installment to the date by actual days under the
   *  product's day count (the whole installment's when the date is its due date),
   *  less what was paid on it. */
  currentInterestFen: number;
  /** Outstanding principal. */
  principalFen: number;
  /** The product's disclosed prepayment fee on the principal repaid ahead of its
   *  installments (0 when the product has none). */
  prepaymentFeeFen: number;
  /** Interest already paid for days the payoff does not run (installments paid
   *  ahead, the running period's rest), returned to principal: deducted. */
  interestRefundFen: number;
  /** Annualized cost of the loan's actual cash flows with this payoff: net amount
   *  received, every repayment on its value date, the payoff on the date.
   *  `nominal` is the unit-period IRR x periods a year (the figure the cap is
   *  checked on, as at origination); `xirr` Excel's effective annual XIRR.
   *  Null when the flows have no rate. Decimal strings, 8 places. */
  annualizedCost: { nominal: string; xirr: string | null } | null;
  rateCapAnnual: string;
  /** The cost passes the cap: refuse the payoff or have a manager override it. */
  exceedsCap: boolean;
  /** The largest payoff total whose cost stays within the cap (what waiving the
   *  excess would leave), never more than totalFen. */
  maxTotalWithinCapFen: number;
}

/** What settles the loan on `date`: penalty + fees + overdue interest + the
 *  running installment's interest to the date by actual days + all outstanding
 *  principal - interest paid for days not run + the prepayment fee. A repayment
 *  of exactly totalFen on that date closes the loan with nothing left over. */
export function payoffQuote(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  date: BusinessDate,
  options: PositionOptions = {},
): PayoffQuote {
  const { replay, settlement: s } = replayTo(contract, transactions, date, options);
  const cap = rateOf(options.rateCapAnnual ?? contract.rateCapAnnual, DEFAULT_RATE_CAP, 'rateCapAnnual');
  const unit = scheduleUnitPeriod(replay.schedule);
  const flows = replay.flows();
  const withPayoff = [...flows, { date, amountFen: s.totalFen }];
  const cost = annualizedCostOf(withPayoff, unit);
  const capClock = new DiscountClock(
    replay.nt.startDate,
    unit,
    replay.schedule.installments.map((i) => i.dueDate),
    cap.toString(),
  );
  const withinCap = amountAtRateFen(capClock, flows, date).floor().toNumber();
  return {
    date,
    totalFen: s.totalFen,
    penaltyFen: s.penaltyFen,
    feesFen: s.feesFen,
    overdueInterestFen: s.overdueInterestFen,
    currentInterestFen: s.currentInterestFen,
    principalFen: s.principalBeforeFen,
    prepaymentFeeFen: s.prepaymentFeeFen,
    interestRefundFen: s.principalBeforeFen - s.principalFen,
    annualizedCost: cost ? { nominal: cost.nominal.toFixed(8), xirr: cost.xirr ? cost.xirr.toFixed(8) : null } : null,
    rateCapAnnual: cap.toString(),
    exceedsCap: flowsExceedRate(withPayoff, cost, cap),
    maxTotalWithinCapFen: Math.max(0, Math.min(s.totalFen, withinCap)),
  };
}

/** The annualized cost of the loan's actual cash flows as replayed: the net amount
 *  received on the start date, each repayment on its value date less what it left as
 *  a payable to the customer (the measure of the payoff quote). Null while the
 *  flows have no rate (nothing repaid yet). */
export function actualCostOf(
  contract: LoanContract,
  position: Pick<LoanPosition, 'allocations'>,
): AnnualizedCost | null {
  const { flows, unit } = actualFlowsOf(contract, position);
  return annualizedCostOf(flows, unit);
}

function actualFlowsOf(contract: LoanContract, position: Pick<LoanPosition, 'allocations'>) {
  const nt = normalizeTerms(contract.terms);
  const schedule = contract.schedule ?? buildSchedule(contract.terms);
  return {
    flows: [
      { date: nt.startDate, amountFen: -schedule.netDisbursedFen },
      ...position.allocations.map((a) => ({ date: a.valueDate, amountFen: a.amountFen - a.overpaymentFen })),
    ],
    unit: scheduleUnitPeriod(schedule),
  };
}

/** What a repayment does to the loan's cost: whether it leaves nothing owed and,
 *  if so, whether the annualized cost of the loan's actual cash flows passes the
 *  cap (then the payoff needs an override). */
export interface RepaymentCapCheck {
  closes: boolean;
  /** Nominal annualized cost of the actual cash flows with the repayment (8
   *  places); null when the loan stays open or the flows have no rate. */
  annualizedCost: string | null;
  rateCapAnnual: string;
  exceedsCap: boolean;
  /** The payoff quote on the repayment's value date. */
  payoffFen: number;
  /** The largest payoff total on that date whose cost stays within the cap. */
  maxTotalWithinCapFen: number;
}

/** Replays the loan with `repayment` added, as of `asOfDate`: the position it
 *  leaves, its allocation, and its cap check. */
export function repaymentEffect(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  repayment: Extract<LoanTransaction, { type: 'repayment' }>,
  asOfDate: BusinessDate,
  options: PositionOptions = {},
): { position: LoanPosition; allocation: TransactionAllocation | undefined; cap: RepaymentCapCheck } {
  const position = loanPosition(contract, [...transactions, repayment], asOfDate, options);
  const quote = payoffQuote(contract, transactions, repayment.valueDate, options);
  const actual = actualFlowsOf(contract, position);
  const cost = position.closed ? annualizedCostOf(actual.flows, actual.unit) : null;
  return {
    position,
    allocation: position.allocations.find((a) => a.transactionId === repayment.id),
    cap: {
      closes: position.closed,
      annualizedCost: cost ? cost.nominal.toFixed(8) : null,
      rateCapAnnual: quote.rateCapAnnual,
      exceedsCap: position.closed && flowsExceedRate(actual.flows, cost, quote.rateCapAnnual),
      payoffFen: quote.totalFen,
      maxTotalWithinCapFen: quote.maxTotalWithinCapFen,
    },
  };
}
