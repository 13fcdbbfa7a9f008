/** Which loan a statement line pays: a loan number written in the memo names the
 *  loan; otherwise the payer's account, when it is the account of exactly one
 *  active loan's bank payee (the account its disbursement went to); otherwise the
 *  line is unmatched and waits for the officer to choose. Also the per-line status
 *  and the counts and totals a preview shows. Pure: the lookups are handed in. */
import type { LineError, StatementLine } from './parse';

export interface LoanRef {
  id: string;
  number: string;
  status: string;
}

export interface MatchLookup {
  /** A loan by its number (any status). */
  byNumber: (number: string) => LoanRef | undefined;
  /** The active loans whose bank payee account is `account` (normalized). */
  activeByAccount: (account: string) => LoanRef[];
}

export type Match =
  | { by: 'memo' | 'account'; loan: LoanRef }
  | { by: null; loan: null; reason: 'STATEMENT_NO_MATCH' | 'STATEMENT_ACCOUNT_AMBIGUOUS'; candidates: number };

/** Loan numbers as the desktop issues them: L000123, or L02000123 on device 2. */
const LOAN_NUMBER = /(?<![A-Za-z0-9])L\d{6,12}(?![0-9])/gi;

export function loanNumbersIn(memo: string): string[] {
  return [...new Set([...memo.matchAll(LOAN_NUMBER)].map((m) => m[0].toUpperCase()))];
}

/** A bank account as digits and letters only (banks print spaces and dashes). */
export function normalizeAccount(account: string): string {
  return account.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

export function matchLine(line: Pick<StatementLine, 'memo' | 'payerAccount'>, lookup: MatchLookup): Match {
  for (const number of loanNumbersIn(line.memo)) {
    const loan = lookup.byNumber(number);
    if (loan) return { by: 'memo', loan };
  }
  const account = normalizeAccount(line.payerAccount);
  if (account !== '') {
    const loans = lookup.activeByAccount(account);
    if (loans.length === 1) return { by: 'account', loan: loans[0]! };
    if (loans.length > 1)
      return { by: null, loan: null, reason: 'STATEMENT_ACCOUNT_AMBIGUOUS', candidates: loans.length };
  }
  return { by: null, loan: null, reason: 'STATEMENT_NO_MATCH', candidates: 0 };
}

export type LineStatus = 'matched' | 'unmatched' | 'duplicate' | 'invalid';

export interface CheckedLine {
  line: number;
  status: LineStatus;
  amountFen: number | null;
  error: LineError | null;
}

export interface StatementTotals {
  lineCount: number;
  counts: Record<LineStatus, number>;
  /** Sum of the amounts per status, in fen (lines without a readable amount count 0). */
  totalsFen: Record<LineStatus, number>;
}

export function statementTotals(lines: readonly CheckedLine[]): StatementTotals {
  const counts = { matched: 0, unmatched: 0, duplicate: 0, invalid: 0 };
  const totalsFen = { matched: 0, unmatched: 0, duplicate: 0, invalid: 0 };
  for (const l of lines) {
    counts[l.status]++;
    totalsFen[l.status] += l.amountFen ?? 0;
  }
  return { lineCount: lines.length, counts, totalsFen };
}

/** Line numbers as short ranges ("2-501, 503"), at most `max` characters. */
export function lineRanges(lines: readonly number[], max = 400): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  const text = parts.join(', ');
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
