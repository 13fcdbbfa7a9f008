/** Manual journal entries (手工凭证): what happens outside lending (capital paid in, a
 *  bank loan drawn or repaid, expenses paid, VAT paid) and the opening balances of a
 *  company that starts using LoanDesk mid-life. Maker-checker: an entry is proposed,
 *  then approved by a second person, and only then posted; a posted entry is never
 *  changed: a correction is its reversal (debits and credits swapped), proposed and
 *  approved in turn. */
import { DomainError } from '../errors';
import { assertFen } from '../money';
import { postable, type ChartAccount } from './chart';

export interface EntryLine {
  accountId: string;
  debitFen: number;
  creditFen: number;
  memo: string | null;
}

export type EntryKind = 'manual' | 'opening' | 'reversal';
export type EntryStatus = 'proposed' | 'approved' | 'rejected';

export const MAX_ENTRY_LINES = 50;

/** Throws unless the lines make a postable entry: at least two, each one-sided and
 *  positive, on accounts a manual entry may post to (not checked without a chart:
 *  the sync server has none), debits equal to credits. */
export function checkEntryLines(lines: readonly EntryLine[], chart: readonly ChartAccount[] | null): void {
  if (lines.length < 2) throw new DomainError('ENTRY_TOO_FEW_LINES', { field: 'lines' });
  if (lines.length > MAX_ENTRY_LINES) throw new DomainError('ENTRY_TOO_MANY_LINES', { max: MAX_ENTRY_LINES });
  let debitFen = 0;
  let creditFen = 0;
  for (const [index, l] of lines.entries()) {
    assertFen(l.debitFen, 'debitFen');
    assertFen(l.creditFen, 'creditFen');
    const oneSided = (l.debitFen > 0 && l.creditFen === 0) || (l.creditFen > 0 && l.debitFen === 0);
    if (!oneSided) throw new DomainError('ENTRY_LINE_INVALID', { field: `lines.${index}`, index });
    const ok = chart ? postable(chart, l.accountId) : 'ok';
    if (ok === 'unknown')
      throw new DomainError('ACCOUNT_UNKNOWN', { field: `lines.${index}.accountId`, accountId: l.accountId });
    if (ok === 'inactive')
      throw new DomainError('ACCOUNT_INACTIVE', { field: `lines.${index}.accountId`, accountId: l.accountId });
    if (ok === 'notLeaf')
      throw new DomainError('ACCOUNT_NOT_LEAF', { field: `lines.${index}.accountId`, accountId: l.accountId });
    debitFen += l.debitFen;
    creditFen += l.creditFen;
  }
  if (debitFen !== creditFen) throw new DomainError('POSTING_UNBALANCED', { debitFen, creditFen });
}

/** The lines of a reversal (冲销): the same accounts and amounts, sides swapped. */
export function reversalLines(lines: readonly EntryLine[]): EntryLine[] {
  return lines.map((l) => ({ accountId: l.accountId, debitFen: l.creditFen, creditFen: l.debitFen, memo: l.memo }));
}

export interface EntryState {
  status: EntryStatus;
  kind: EntryKind;
  proposedBy: string | null;
  reversedBy: string | null;
}

/** Maker-checker: only a proposed entry is decided, and never by its maker. */
export function checkEntryDecision(entry: EntryState | undefined, deciderId: string): void {
  if (!entry) throw new DomainError('ENTRY_UNKNOWN');
  if (entry.status !== 'proposed') throw new DomainError('ENTRY_NOT_PROPOSED', { status: entry.status });
  if (entry.proposedBy === deciderId) throw new DomainError('APPROVER_IS_MAKER');
}

/** Only a posted entry not yet reversed (nor being reversed), and not a reversal
 *  itself, can be reversed. */
export function checkReversible(entry: EntryState | undefined, reversalPending: boolean): void {
  if (!entry) throw new DomainError('ENTRY_UNKNOWN');
  if (entry.status !== 'approved' || entry.kind === 'reversal' || entry.reversedBy !== null || reversalPending)
    throw new DomainError('ENTRY_NOT_REVERSIBLE');
}

/** The date an approved entry posts on: an opening entry on its opening date (on
 *  or before the first posting of the books), any other on the day it is approved;
 *  never in a closed period. */
export function entryPostingDate(input: {
  kind: EntryKind;
  valueDate: string;
  approvedOn: string;
  closedThrough: string | null;
  firstPostingDate: string | null;
  openingExists: boolean;
}): string {
  let date = input.approvedOn;
  if (input.kind === 'opening') {
    if (input.openingExists) throw new DomainError('OPENING_EXISTS');
    if (input.firstPostingDate !== null && input.valueDate >= input.firstPostingDate)
      throw new DomainError('OPENING_AFTER_POSTINGS', { field: 'valueDate', firstPostingDate: input.firstPostingDate });
    date = input.valueDate;
  } else if (input.valueDate > input.approvedOn)
    throw new DomainError('ENTRY_DATE_FUTURE', { field: 'valueDate', businessDate: input.approvedOn });
  if (input.closedThrough && date <= input.closedThrough)
    throw new DomainError('PERIOD_CLOSED', { closedThrough: input.closedThrough, postingDate: date });
  return date;
}

/** Disbursing more than the cash or bank account holds needs a confirmation: the
 *  books would show the asset in credit. */
export function checkFunds(input: {
  accountCode: string;
  balanceFen: number;
  neededFen: number;
  confirmed: boolean;
}): void {
  if (input.neededFen > 0 && input.balanceFen < input.neededFen && !input.confirmed)
    throw new DomainError('FUNDS_INSUFFICIENT', {
      accountCode: input.accountCode,
      balanceFen: input.balanceFen,
      neededFen: input.neededFen,
    });
}
