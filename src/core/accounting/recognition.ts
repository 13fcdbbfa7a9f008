/** Income recognition of one loan as of a date, cumulative since disbursement: how
 *  much of its interest and penalty stands in income, how much is kept off the
 *  balance sheet (表外), how much was received before it was earned (预收利息), and
 *  the VAT on it. A pure function of the loan's replayed position, so the journal
 *  rule can post the difference from what it posted before.
 *
 *  - Non-accrual (非应计): from the first day the loan is more than the threshold
 *    (90 by default) days past due until the day it is brought current (no
 *    installment overdue), income is recognised when received only: the receivable
 *    then stands off the balance sheet, so income = what was paid of the earned
 *    interest. A written-off loan is treated the same way.
 *  - VAT (财税〔2016〕36号 attachment 3 article 4): interest earned on a day the loan
 *    is at most 90 days past due bears VAT as it accrues, whether or not it is later
 *    reversed out of income; interest earned on a day it is over 90 days past due
 *    bears VAT when received. Payments cover earned interest oldest first. Interest
 *    of a farm-household small loan earned through the exemption's end is exempt.
 *    Penalty interest follows the same rules; fees bear VAT when received. */
import { addDays, daysBetween, maxDate, type BusinessDate } from '../dates';
import { vatOf, VAT_DEFERRAL_DAYS, type VatTreatment } from './vat';

export interface DatedInstallment {
  dueDate: BusinessDate;
  /** The value date of the repayment that completed it. */
  paidOffDate?: BusinessDate;
}

/** Days (start..end, inclusive) on which the oldest overdue installment fell due on
 *  `oldestDue` (null: nothing overdue, days past due 0). */
export interface OverdueStretch {
  start: BusinessDate;
  end: BusinessDate;
  oldestDue: BusinessDate | null;
}

/** An installment is overdue from the day after its due date until the day it is
 *  paid off (a repayment on a day counts that day). */
function oldestOverdueOn(installments: readonly DatedInstallment[], day: BusinessDate): BusinessDate | null {
  let oldest: BusinessDate | null = null;
  for (const i of installments)
    if (i.dueDate < day && !(i.paidOffDate !== undefined && i.paidOffDate <= day))
      if (oldest === null || i.dueDate < oldest) oldest = i.dueDate;
  return oldest;
}

/** oldestOverdueOn for days asked in increasing order, in one pass: an
 *  installment overdue on a day is overdue from the day after its due date until
 *  the day before it is paid off, so once paid off by a day it stays so on every
 *  later day; the first installment by due date not yet paid off is the oldest
 *  overdue one if it is past due, and otherwise none is. */
function oldestOverdueSweep(installments: readonly DatedInstallment[]): (day: BusinessDate) => BusinessDate | null {
  const byDue = [...installments].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  let first = 0;
  let lastDay: BusinessDate | undefined;
  return (day) => {
    if (lastDay !== undefined && day < lastDay) return oldestOverdueOn(installments, day);
    lastDay = day;
    while (first < byDue.length) {
      const paidOff = byDue[first]!.paidOffDate;
      if (paidOff === undefined || paidOff > day) break;
      first++;
    }
    const oldest = byDue[first];
    return oldest !== undefined && oldest.dueDate < day ? oldest.dueDate : null;
  };
}

/** The days after `from` through `to`, cut where the oldest overdue installment
 *  changes (a due date passes, an installment is paid off). */
export function overdueStretches(
  installments: readonly DatedInstallment[],
  from: BusinessDate,
  to: BusinessDate,
): OverdueStretch[] {
  if (to <= from) return [];
  const first = addDays(from, 1);
  const points = new Set<BusinessDate>([first]);
  for (const i of installments) {
    const overdueFrom = addDays(i.dueDate, 1);
    if (overdueFrom > first && overdueFrom <= to) points.add(overdueFrom);
    if (i.paidOffDate !== undefined && i.paidOffDate > first && i.paidOffDate <= to) points.add(i.paidOffDate);
  }
  const sorted = [...points].sort();
  const oldestOn = oldestOverdueSweep(installments);
  const out: OverdueStretch[] = [];
  for (const [k, start] of sorted.entries()) {
    const end = k + 1 < sorted.length ? addDays(sorted[k + 1]!, -1) : to;
    const oldestDue = oldestOn(start);
    const last = out.at(-1);
    if (last && last.oldestDue === oldestDue) last.end = end;
    else out.push({ start, end, oldestDue });
  }
  return out;
}

/** Days past due on a day inside the stretches. */
export function dpdIn(stretch: OverdueStretch, day: BusinessDate): number {
  return stretch.oldestDue === null ? 0 : daysBetween(stretch.oldestDue, day);
}

/** The day the loan's current non-accrual spell began (null: it accrues): it began
 *  on the first day more than `thresholdDpd` days past due and ends on a day with
 *  nothing overdue. */
export function nonAccrualSince(stretches: readonly OverdueStretch[], thresholdDpd: number): BusinessDate | null {
  let since: BusinessDate | null = null;
  for (const s of stretches) {
    if (s.oldestDue === null) {
      since = null;
      continue;
    }
    if (since !== null) continue;
    const crossing = addDays(s.oldestDue, thresholdDpd + 1);
    if (crossing <= s.end) since = maxDate(s.start, crossing);
  }
  return since;
}

export type VatClass = 'taxed' | 'deferred' | 'exempt';

/** Days (start..end) whose earned interest is taxed one way. */
export interface VatChunk {
  start: BusinessDate;
  end: BusinessDate;
  vatClass: VatClass;
}

/** The days after `from` through `to`, cut where the VAT class of the interest
 *  earned on a day changes. */
export function vatChunks(stretches: readonly OverdueStretch[], vat: VatTreatment, to: BusinessDate): VatChunk[] {
  const points = new Set<BusinessDate>();
  for (const s of stretches) {
    points.add(s.start);
    if (s.oldestDue !== null) {
      const deferredFrom = addDays(s.oldestDue, VAT_DEFERRAL_DAYS + 1);
      if (deferredFrom > s.start && deferredFrom <= s.end) points.add(deferredFrom);
    }
  }
  if (vat.exemptThrough) {
    const after = addDays(vat.exemptThrough, 1);
    if (stretches.length > 0 && after > stretches[0]!.start && after <= to) points.add(after);
  }
  const classOf = (day: BusinessDate): VatClass => {
    if (vat.exemptThrough && day <= vat.exemptThrough) return 'exempt';
    if (!vat.deferral) return 'taxed';
    const stretch = stretches.find((s) => s.start <= day && day <= s.end);
    return stretch && dpdIn(stretch, day) > VAT_DEFERRAL_DAYS ? 'deferred' : 'taxed';
  };
  const sorted = [...points].sort();
  const out: VatChunk[] = [];
  for (const [k, start] of sorted.entries()) {
    const end = k + 1 < sorted.length ? addDays(sorted[k + 1]!, -1) : to;
    const vatClass = classOf(start);
    const last = out.at(-1);
    if (last && last.vatClass === vatClass) last.end = end;
    else out.push({ start, end, vatClass });
  }
  return out;
}

/** One kind of income (interest or penalty) as of the date. */
export interface KindFigures {
  /** Paid by the customer (for interest: including what was paid in advance). */
  paidFen: number;
  /** Owed by the customer and not yet paid. */
  receivableFen: number;
  /** Earned through the date (paid + receivable - advance). */
  earnedFen: number;
  /** Paid for days not yet run (interest only). */
  advanceFen: number;
}

export interface RecognitionInput {
  /** The disbursement date: interest is earned from the day after. */
  from: BusinessDate;
  asOf: BusinessDate;
  installments: readonly DatedInstallment[];
  interest: KindFigures;
  penalty: KindFigures;
  /** Fees received (upfront and in repayments). */
  feesReceivedFen: number;
  /** Written off: everything unpaid stands off the balance sheet. */
  writtenOff: boolean;
  /** The non-accrual threshold in days past due (null: none). */
  nonAccrualDpd: number | null;
  vat: VatTreatment;
  /** Interest and penalty earned through a day before asOf (a replay on that day). */
  earnedThrough: (day: BusinessDate) => { interestFen: number; penaltyFen: number };
}

export interface KindRecognition {
  /** Recognised in income, gross of VAT. */
  recognizedFen: number;
  /** The amount VAT is due on so far, gross. */
  vatBaseFen: number;
  vatFen: number;
  /** Recognised exempt income (farm-household loans). */
  exemptFen: number;
  /** Earned on deferred days and not yet received: bears VAT when received. */
  deferredFen: number;
  /** Earned and not in income (non-accrual or written off). */
  offBalanceFen: number;
}

export interface Recognition {
  nonAccrualSince: BusinessDate | null;
  onBalance: boolean;
  interest: KindRecognition;
  penalty: KindRecognition;
  /** Interest received in advance (预收利息), a liability. */
  advanceFen: number;
  fees: { grossFen: number; vatFen: number };
}

const clamp = (v: number, hi: number) => Math.max(0, Math.min(v, hi));

function recognizeKind(
  chunks: readonly VatChunk[],
  earnedAtEnd: readonly number[],
  kind: KindFigures,
  onBalance: boolean,
  rate: string,
): KindRecognition {
  const earnedPaid = Math.max(0, kind.paidFen - kind.advanceFen);
  const recognizedFen = onBalance ? kind.earnedFen : Math.min(earnedPaid, kind.earnedFen);
  let before = 0;
  let vatBaseFen = 0;
  let exemptFen = 0;
  let deferredFen = 0;
  for (const [j, chunk] of chunks.entries()) {
    const end = Math.max(before, j === chunks.length - 1 ? kind.earnedFen : earnedAtEnd[j]!);
    const size = end - before;
    const recognized = clamp(recognizedFen - before, size);
    const received = clamp(earnedPaid - before, size);
    if (chunk.vatClass === 'taxed') vatBaseFen += size;
    else if (chunk.vatClass === 'deferred') {
      vatBaseFen += received;
      deferredFen += size - received;
    } else exemptFen += recognized;
    before = end;
  }
  return {
    recognizedFen,
    vatBaseFen,
    vatFen: vatOf(vatBaseFen, rate),
    exemptFen,
    deferredFen,
    offBalanceFen: kind.earnedFen - recognizedFen,
  };
}

/** The VAT chunks of (from, asOf] (vatChunks; the disbursement day, with nothing
 *  earned yet, one empty chunk carrying the class). */
function chunksOf(input: RecognitionInput, stretches: readonly OverdueStretch[]): VatChunk[] {
  const chunks = vatChunks(stretches, input.vat, input.asOf);
  if (chunks.length === 0)
    chunks.push({
      start: input.asOf,
      end: input.asOf,
      vatClass: input.vat.exemptThrough && input.asOf <= input.vat.exemptThrough ? 'exempt' : 'taxed',
    });
  return chunks;
}

/** The last chunk of recognize's days (the one asOf falls in): its class and the
 *  interest and penalty earned before its first day. While the days after asOf
 *  stay in that chunk and the loan accrues on balance, recognize counts every fen
 *  of interest and penalty they earn in that class (the end of day's quiet days,
 *  projectors/quiet.ts). */
export function lastVatChunk(
  input: RecognitionInput,
): VatChunk & { interestBeforeFen: number; penaltyBeforeFen: number } {
  const chunks = chunksOf(input, overdueStretches(input.installments, input.from, input.asOf));
  const before = chunks.length > 1 ? input.earnedThrough(chunks.at(-2)!.end) : { interestFen: 0, penaltyFen: 0 };
  return { ...chunks.at(-1)!, interestBeforeFen: before.interestFen, penaltyBeforeFen: before.penaltyFen };
}

export function recognize(input: RecognitionInput): Recognition {
  const stretches = overdueStretches(input.installments, input.from, input.asOf);
  const since = input.nonAccrualDpd === null ? null : nonAccrualSince(stretches, input.nonAccrualDpd);
  const onBalance = !input.writtenOff && since === null;
  const chunks = chunksOf(input, stretches);
  const interestEnds: number[] = [];
  const penaltyEnds: number[] = [];
  for (const chunk of chunks.slice(0, -1)) {
    const earned = input.earnedThrough(chunk.end);
    interestEnds.push(earned.interestFen);
    penaltyEnds.push(earned.penaltyFen);
  }
  return {
    nonAccrualSince: input.writtenOff ? null : since,
    onBalance,
    interest: recognizeKind(chunks, interestEnds, input.interest, onBalance, input.vat.rate),
    penalty: recognizeKind(chunks, penaltyEnds, input.penalty, onBalance, input.vat.rate),
    advanceFen: input.interest.advanceFen,
    fees: { grossFen: input.feesReceivedFen, vatFen: vatOf(input.feesReceivedFen, input.vat.rate) },
  };
}
