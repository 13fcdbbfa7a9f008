/** The position of one loan on a date, replayed from its contract and its
 *  transactions in value-date order. Nothing is stored or edited: a backdated
 *  repayment or a reversal simply changes the replay, so penalties, accruals and
 *  allocations after its value date are recomputed. */
import { Dec, type RateInput } from '../decimal';
import { daysBetween, isValidDate, type BusinessDate } from '../dates';
import { DomainError, invariant } from '../errors';
import { assertFen, roundFen, sumFen } from '../money';
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
import { bucketOf, daysPastDue, type DelinquencyBucket } from './delinquency';
import { DEFAULT_PENALTY_MULTIPLIER, penaltyInterestExact } from './penalty';
import { keptInstallmentOf, recomputeAfterPrepayment, type PrepaymentMode } from './prepayment';

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
}

export type LoanTransaction =
  | { id: string; type: 'repayment'; valueDate: BusinessDate; amountFen: number }
  | { id: string; type: 'fee'; valueDate: BusinessDate; amountFen: number; memo?: string }
  | { id: string; type: 'reversal'; valueDate: BusinessDate; reversesId: string };

export interface TransactionAllocation {
  transactionId: string;
  valueDate: BusinessDate;
  amountFen: number;
  penaltyFen: number;
  overdueInterestFen: number;
  overduePrincipalFen: number;
  feesFen: number;
  currentInterestFen: number;
  currentPrincipalFen: number;
  /** Principal repaid ahead of schedule; the remaining installments were recomputed. */
  prepaymentFen: number;
  /** Money left after the loan is repaid: a payable to the customer (2241). */
  overpaymentFen: number;
  installments: { n: number; interestFen: number; principalFen: number }[];
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
}

interface Line {
  n: number;
  dueDate: BusinessDate;
  principalFen: number;
  interestFen: number;
  ownInterestFen: number;
  paidPrincipalFen: number;
  paidInterestFen: number;
  paidOffDate?: BusinessDate;
}

interface FeeCharge {
  id: string;
  valueDate: BusinessDate;
  amountFen: number;
  paidFen: number;
}

const MAX_TRANSACTIONS = 100_000;

function unpaidPrincipal(line: Line): number {
  return line.principalFen - line.paidPrincipalFen;
}
function unpaidInterest(line: Line): number {
  return line.interestFen - line.paidInterestFen;
}

function initialLines(nt: NormalizedTerms, schedule: Schedule): Line[] {
  const gi = schedule.installments.length > 1 ? nt.graceInterestPeriods : 0;
  let deferredFen = 0;
  return schedule.installments.map((inst) => {
    let ownInterestFen = inst.interestFen;
    if (inst.n <= gi) {
      ownInterestFen = periodInterestFen(nt, inst.n, nt.principalFen);
      deferredFen += ownInterestFen;
    } else if (inst.n === gi + 1 && gi > 0) ownInterestFen = inst.interestFen - deferredFen;
    return {
      n: inst.n,
      dueDate: inst.dueDate,
      principalFen: inst.principalFen,
      interestFen: inst.interestFen,
      ownInterestFen,
      paidPrincipalFen: 0,
      paidInterestFen: 0,
    };
  });
}

function checkTransactions(transactions: readonly LoanTransaction[], startDate: BusinessDate): void {
  if (transactions.length > MAX_TRANSACTIONS)
    throw new DomainError('POSITION_TOO_MANY_TRANSACTIONS', { max: MAX_TRANSACTIONS });
  const ids = new Set<string>();
  for (const tx of transactions) {
    if (ids.has(tx.id)) throw new DomainError('POSITION_DUPLICATE_TRANSACTION', { id: tx.id });
    ids.add(tx.id);
    if (!isValidDate(tx.valueDate) || tx.valueDate < startDate)
      throw new DomainError('POSITION_INVALID_VALUE_DATE', { id: tx.id, field: 'valueDate', value: tx.valueDate });
    if (tx.type !== 'reversal') {
      assertFen(tx.amountFen, 'amountFen');
      if (tx.amountFen <= 0)
        throw new DomainError('POSITION_INVALID_AMOUNT', { id: tx.id, field: 'amountFen', value: tx.amountFen });
    }
  }
  for (const tx of transactions) {
    if (tx.type !== 'reversal') continue;
    const target = transactions.find((t) => t.id === tx.reversesId);
    if (!target || target.type === 'reversal')
      throw new DomainError('POSITION_INVALID_REVERSAL', { id: tx.id, reversesId: tx.reversesId });
  }
}

/** Replays the loan to `asOfDate`. Reversals with a value date on or before
 *  asOfDate remove their target from the replay; repayments and fee charges
 *  apply in value-date order (ties in the order given). */
export function loanPosition(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  asOfDate: BusinessDate,
): LoanPosition {
  if (!isValidDate(asOfDate)) throw new DomainError('DATE_INVALID', { field: 'asOfDate', value: asOfDate });
  const nt = normalizeTerms(contract.terms);
  const schedule = contract.schedule ?? buildSchedule(contract.terms);
  const multiplier = new Dec((contract.penaltyMultiplier ?? DEFAULT_PENALTY_MULTIPLIER) as string);
  if (!multiplier.isFinite() || multiplier.isNegative())
    throw new DomainError('POSITION_INVALID_MULTIPLIER', { field: 'penaltyMultiplier' });
  const order = contract.allocationOrder ?? DEFAULT_ALLOCATION_ORDER;
  assertAllocationOrder(order);
  const mode = contract.prepaymentMode ?? 'shortenTerm';
  checkTransactions(transactions, nt.startDate);

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

  let lines = initialLines(nt, schedule);
  const fees: FeeCharge[] = [];
  let penaltyExact = new Dec(0);
  let penaltyPaidFen = 0;
  let cursor = nt.startDate;
  let overpaymentFen = 0;
  let prepaidPrincipalFen = 0;
  const allocations: TransactionAllocation[] = [];

  const accruePenaltyTo = (to: BusinessDate): void => {
    if (to <= cursor) return;
    const breaks = [...new Set(lines.map((l) => l.dueDate).filter((d) => d > cursor && d < to))].sort();
    let from = cursor;
    for (const end of [...breaks, to]) {
      const overdueFen = sumFen(lines.filter((l) => l.dueDate <= from).map(unpaidPrincipal));
      penaltyExact = penaltyExact.plus(
        penaltyInterestExact(overdueFen, nt.rateAnnual, multiplier, from, end, nt.dayCount),
      );
      from = end;
    }
    cursor = to;
  };
  const penaltyDueFen = (): number => roundFen(penaltyExact) - penaltyPaidFen;
  const currentLineAt = (date: BusinessDate): Line | undefined => lines.find((l) => l.dueDate >= date);

  for (const tx of events) {
    accruePenaltyTo(tx.valueDate);
    if (tx.type === 'fee') {
      fees.push({ id: tx.id, valueDate: tx.valueDate, amountFen: tx.amountFen, paidFen: 0 });
      continue;
    }
    if (tx.type !== 'repayment') continue;
    const v = tx.valueDate;
    const overdue = lines.filter((l) => l.dueDate < v);
    const current = currentLineAt(v);
    const dues: BucketAmounts = {
      penalty: penaltyDueFen(),
      overdueInterest: sumFen(overdue.map(unpaidInterest)),
      overduePrincipal: sumFen(overdue.map(unpaidPrincipal)),
      fees: sumFen(fees.map((f) => f.amountFen - f.paidFen)),
      currentInterest: current ? unpaidInterest(current) : 0,
      currentPrincipal: current ? unpaidPrincipal(current) : 0,
    };
    const { parts, excessFen } = allocateWaterfall(tx.amountFen, dues, order);
    const perLine = new Map<number, { n: number; interestFen: number; principalFen: number }>();
    const touch = (line: Line, interestFen: number, principalFen: number): void => {
      const entry = perLine.get(line.n) ?? { n: line.n, interestFen: 0, principalFen: 0 };
      entry.interestFen += interestFen;
      entry.principalFen += principalFen;
      perLine.set(line.n, entry);
      line.paidInterestFen += interestFen;
      line.paidPrincipalFen += principalFen;
      if (unpaidInterest(line) === 0 && unpaidPrincipal(line) === 0 && line.paidOffDate === undefined)
        line.paidOffDate = v;
    };
    penaltyPaidFen += parts.penalty;
    let left = parts.overdueInterest;
    for (const line of overdue) {
      const take = Math.min(left, unpaidInterest(line));
      if (take > 0) touch(line, take, 0);
      left -= take;
    }
    invariant(left === 0, 'overdue interest fully distributed');
    left = parts.overduePrincipal;
    for (const line of overdue) {
      const take = Math.min(left, unpaidPrincipal(line));
      if (take > 0) touch(line, 0, take);
      left -= take;
    }
    invariant(left === 0, 'overdue principal fully distributed');
    left = parts.fees;
    for (const fee of fees) {
      const take = Math.min(left, fee.amountFen - fee.paidFen);
      fee.paidFen += take;
      left -= take;
    }
    invariant(left === 0, 'fees fully distributed');
    if (current && (parts.currentInterest > 0 || parts.currentPrincipal > 0))
      touch(current, parts.currentInterest, parts.currentPrincipal);

    let prepaymentFen = 0;
    let excessLeft = excessFen;
    if (excessLeft > 0) {
      const future = current ? lines.filter((l) => l.dueDate > current.dueDate) : [];
      const futurePrincipalFen = sumFen(future.map(unpaidPrincipal));
      prepaymentFen = Math.min(excessLeft, futurePrincipalFen);
      if (prepaymentFen > 0) {
        const kept = lines.filter((l) => !future.includes(l));
        const deferredBeforeFen = sumFen(
          kept.filter((l) => l.n <= nt.graceInterestPeriods && lines.length > 1).map((l) => l.ownInterestFen),
        );
        const recomputed = recomputeAfterPrepayment(
          nt,
          future,
          futurePrincipalFen - prepaymentFen,
          mode,
          deferredBeforeFen,
          keptInstallmentOf(nt, lines),
        );
        lines = [...kept, ...recomputed.map((r) => ({ ...r, paidPrincipalFen: 0, paidInterestFen: 0 }))];
        prepaidPrincipalFen += prepaymentFen;
        excessLeft -= prepaymentFen;
      }
    }
    overpaymentFen += excessLeft;
    const allocation: TransactionAllocation = {
      transactionId: tx.id,
      valueDate: v,
      amountFen: tx.amountFen,
      penaltyFen: parts.penalty,
      overdueInterestFen: parts.overdueInterest,
      overduePrincipalFen: parts.overduePrincipal,
      feesFen: parts.fees,
      currentInterestFen: parts.currentInterest,
      currentPrincipalFen: parts.currentPrincipal,
      prepaymentFen,
      overpaymentFen: excessLeft,
      installments: [...perLine.values()].sort((a, b) => a.n - b.n),
    };
    const parts9 = [
      allocation.penaltyFen,
      allocation.overdueInterestFen,
      allocation.overduePrincipalFen,
      allocation.feesFen,
      allocation.currentInterestFen,
      allocation.currentPrincipalFen,
      prepaymentFen,
      excessLeft,
    ];
    invariant(sumFen(parts9) === tx.amountFen, 'allocation neither creates nor loses a fen');
    allocations.push(allocation);
  }
  accruePenaltyTo(asOfDate);

  const previousDue = (line: Line): BusinessDate => {
    const idx = lines.indexOf(line);
    return idx > 0 ? lines[idx - 1]!.dueDate : nt.startDate;
  };
  const installments: InstallmentPosition[] = [];
  let scheduledBalanceFen = sumFen(lines.map((l) => l.principalFen));
  for (const line of lines) {
    scheduledBalanceFen -= line.principalFen;
    const paid = unpaidInterest(line) === 0 && unpaidPrincipal(line) === 0;
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
      daysOverdue: status === 'overdue' ? daysBetween(line.dueDate, asOfDate) : 0,
    });
  }

  const overdueLines = lines.filter((l) => l.dueDate < asOfDate);
  const dueLines = lines.filter((l) => l.dueDate <= asOfDate);
  const outstandingPrincipalFen = sumFen(lines.map(unpaidPrincipal));
  const interestDueFen = sumFen(dueLines.map(unpaidInterest));
  const running = lines.find((l) => l.dueDate > asOfDate);
  let accruedNotDueInterestFen = 0;
  if (running) {
    const accrued = accruedInterestThrough(running.interestFen, previousDue(running), running.dueDate, asOfDate);
    accruedNotDueInterestFen = Math.max(0, accrued - running.paidInterestFen);
  }
  const penaltyFen = penaltyDueFen();
  const feesFen = sumFen(fees.map((f) => f.amountFen - f.paidFen));
  const current = currentLineAt(asOfDate);
  const overdueInterestFen = sumFen(overdueLines.map(unpaidInterest));
  const payoffFen =
    penaltyFen + feesFen + overdueInterestFen + (current ? unpaidInterest(current) : 0) + outstandingPrincipalFen;
  const dpd = daysPastDue(
    lines.map((l) => ({ dueDate: l.dueDate, paid: unpaidInterest(l) === 0 && unpaidPrincipal(l) === 0 })),
    asOfDate,
  );
  invariant(outstandingPrincipalFen >= 0 && penaltyFen >= 0 && feesFen >= 0, 'position amounts are not negative');
  invariant(
    sumFen(allocations.map((a) => a.currentPrincipalFen + a.overduePrincipalFen + a.prepaymentFen)) +
      outstandingPrincipalFen ===
      nt.principalFen,
    'principal repaid plus outstanding equals the loan',
  );
  return {
    asOfDate,
    outstandingPrincipalFen,
    overduePrincipalFen: sumFen(overdueLines.map(unpaidPrincipal)),
    overdueInterestFen,
    interestDueFen,
    accruedNotDueInterestFen,
    accruedInterestFen: interestDueFen + accruedNotDueInterestFen,
    penaltyFen,
    penaltyAccruedFen: roundFen(penaltyExact),
    feesFen,
    dpd,
    bucket: bucketOf(dpd),
    installments,
    allocations,
    reversedTransactionIds: [...reversed].filter((id) =>
      transactions.some((t) => t.id === id && t.valueDate <= asOfDate),
    ),
    prepaidPrincipalFen,
    overpaymentFen,
    closed:
      outstandingPrincipalFen === 0 &&
      interestDueFen === 0 &&
      penaltyFen === 0 &&
      feesFen === 0 &&
      lines.every((l) => unpaidInterest(l) === 0),
    payoffFen,
  };
}

export interface PayoffQuote {
  date: BusinessDate;
  totalFen: number;
  penaltyFen: number;
  feesFen: number;
  overdueInterestFen: number;
  /** Interest of the installment running on the date, in full (the product charges
   *  the current period's interest on early settlement). */
  currentInterestFen: number;
  principalFen: number;
}

/** What settles the loan on `date`: penalty, fees, overdue interest, the current
 *  installment's interest and all outstanding principal. A repayment of exactly
 *  totalFen on that date closes the loan with nothing left over. */
export function payoffQuote(
  contract: LoanContract,
  transactions: readonly LoanTransaction[],
  date: BusinessDate,
): PayoffQuote {
  const position = loanPosition(contract, transactions, date);
  const currentInterestFen =
    position.payoffFen -
    position.penaltyFen -
    position.feesFen -
    position.overdueInterestFen -
    position.outstandingPrincipalFen;
  return {
    date,
    totalFen: position.payoffFen,
    penaltyFen: position.penaltyFen,
    feesFen: position.feesFen,
    overdueInterestFen: position.overdueInterestFen,
    currentInterestFen,
    principalFen: position.outstandingPrincipalFen,
  };
}
