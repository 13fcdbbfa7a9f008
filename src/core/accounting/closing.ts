/** Month-end and year-end closing (结账): every income and expense account's balance
 *  is carried into current-year profit (4103, 结转本年利润), so the income accounts
 *  start each period at zero; at the year end current-year profit is carried into
 *  profit distribution (4104, retained earnings). Surcharges on the period's output
 *  VAT are accrued first (Dr 6403 / Cr 2221.0x). */
import { addDays, dateParts, daysInMonth, formatDate, type BusinessDate } from '../dates';
import { DomainError } from '../errors';
import type { AccountType } from '../posting/accounts';
import { assertBalanced, type JournalLine } from '../posting/rules';
import { surchargesOf, type Surcharge } from './vat';

export const CURRENT_PROFIT = '4103';
export const RETAINED_EARNINGS = '4104';
export const TAXES_AND_SURCHARGES = '6403';

export interface AccountBalance {
  accountId: string;
  type: AccountType;
  /** Debit-positive balance. */
  netFen: number;
}

/** Every account is known to assertBalanced through the chart of the company. */
type Known = (accountId: string) => boolean;

/** Income and expense balances carried into 4103: each account back to zero. */
export function closingLines(balances: readonly AccountBalance[], known?: Known): JournalLine[] {
  const lines: JournalLine[] = [];
  let profitFen = 0;
  for (const b of [...balances].sort((x, y) => (x.accountId < y.accountId ? -1 : 1))) {
    if ((b.type !== 'income' && b.type !== 'expense') || b.netFen === 0) continue;
    lines.push(
      b.netFen > 0
        ? { accountCode: b.accountId, debitFen: 0, creditFen: b.netFen }
        : { accountCode: b.accountId, debitFen: -b.netFen, creditFen: 0 },
    );
    profitFen -= b.netFen;
  }
  if (profitFen > 0) lines.push({ accountCode: CURRENT_PROFIT, debitFen: 0, creditFen: profitFen });
  else if (profitFen < 0) lines.push({ accountCode: CURRENT_PROFIT, debitFen: -profitFen, creditFen: 0 });
  return lines.length === 0 ? [] : assertBalanced(lines, known);
}

/** The year's profit (4103's balance, debit-positive) carried into 4104. */
export function yearEndLines(currentProfitNetFen: number): JournalLine[] {
  if (currentProfitNetFen === 0) return [];
  const fen = Math.abs(currentProfitNetFen);
  return assertBalanced(
    currentProfitNetFen < 0
      ? [
          { accountCode: CURRENT_PROFIT, debitFen: fen, creditFen: 0 },
          { accountCode: RETAINED_EARNINGS, debitFen: 0, creditFen: fen },
        ]
      : [
          { accountCode: RETAINED_EARNINGS, debitFen: fen, creditFen: 0 },
          { accountCode: CURRENT_PROFIT, debitFen: 0, creditFen: fen },
        ],
  );
}

/** Surcharges accrued on a period's output VAT: Dr 6403 / Cr each surcharge's
 *  account (reversed sides when the period's VAT was negative). */
export function surchargeLines(outputVatFen: number, surcharges: readonly Surcharge[]): JournalLine[] {
  const lines: JournalLine[] = [];
  let totalFen = 0;
  for (const s of surchargesOf(outputVatFen, surcharges)) {
    if (s.amountFen === 0) continue;
    totalFen += s.amountFen;
    lines.push(
      s.amountFen > 0
        ? { accountCode: s.accountCode, debitFen: 0, creditFen: s.amountFen }
        : { accountCode: s.accountCode, debitFen: -s.amountFen, creditFen: 0 },
    );
  }
  if (totalFen > 0) lines.unshift({ accountCode: TAXES_AND_SURCHARGES, debitFen: totalFen, creditFen: 0 });
  else if (totalFen < 0) lines.unshift({ accountCode: TAXES_AND_SURCHARGES, debitFen: 0, creditFen: -totalFen });
  return lines.length === 0 ? [] : assertBalanced(lines);
}

export function monthEnd(date: BusinessDate): BusinessDate {
  const p = dateParts(date);
  return formatDate({ year: p.year, month: p.month, day: daysInMonth(p.year, p.month) });
}

export function isMonthEnd(date: BusinessDate): boolean {
  return monthEnd(date) === date;
}

export function monthStart(date: BusinessDate): BusinessDate {
  const p = dateParts(date);
  return formatDate({ year: p.year, month: p.month, day: 1 });
}

/** The last day of the month before the one `date` is in. */
export function previousMonthEnd(date: BusinessDate): BusinessDate {
  return addDays(monthStart(date), -1);
}

export function yearStart(date: BusinessDate): BusinessDate {
  return `${date.slice(0, 4)}-01-01`;
}

/** The month ends after `after` up to and including `through`. */
export function monthEndsBetween(after: BusinessDate, through: BusinessDate): BusinessDate[] {
  const out: BusinessDate[] = [];
  let m = monthEnd(addDays(after, 1));
  while (m <= through && out.length < 1200) {
    out.push(m);
    m = monthEnd(addDays(m, 1));
  }
  return out;
}

/** The steps of closing (after, through]: each year end crossed (from the year the
 *  books begin in, for the first close), then `through`. */
export function closingSteps(
  after: BusinessDate | null,
  through: BusinessDate,
  booksFrom: BusinessDate | null = null,
): Array<{ date: BusinessDate; yearEnd: boolean }> {
  if (!isMonthEnd(through)) throw new DomainError('PERIOD_NOT_MONTH_END', { field: 'through', through });
  if (after !== null && through <= after) throw new DomainError('PERIOD_ALREADY_CLOSED', { closedThrough: after });
  const steps: Array<{ date: BusinessDate; yearEnd: boolean }> = [];
  const from = after ?? booksFrom ?? through;
  const firstYear = Number((from < through ? from : through).slice(0, 4));
  for (let y = firstYear; y < Number(through.slice(0, 4)); y++) {
    const ye = `${y}-12-31`;
    if (after === null || ye > after) steps.push({ date: ye, yearEnd: true });
  }
  steps.push({ date: through, yearEnd: through.endsWith('-12-31') });
  return steps;
}
