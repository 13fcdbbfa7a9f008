/** The facts a statement's lines are checked against: which loan each line pays
 *  (core matchLine over lookups read here once per call), whether its bank
 *  reference was imported before (the import's idempotency), and, for the preview,
 *  the rules a repayment is recorded by (active loan, value date in the loan's
 *  range, amount within the payoff). Reads only. */
import type { LocalDb } from '../../db/connection';
import { isDomainError } from '../../../core/errors';
import { checkValueDate, requireActive, REPAYMENT_GUARD_EXTRA_FEN } from '../../../core/rules/lending';
import { payoffQuote } from '../../../core/servicing/position';
import { maskAccount } from '../../../core/validation/identity';
import {
  matchLine,
  normalizeAccount,
  type LineStatus,
  type LoanRef,
  type MatchLookup,
} from '../../../core/statements/match';
import type { LineError, StatementLine } from '../../../core/statements/parse';
import { contractOf, getLoanRow, servicingTransactions, transactionsOf, type LoanRow } from '../../projectors/loans';
import { currentBusinessDate } from '../eod/businessDate';

/** A line as read (its payer account masked, as every account shown) with its status
 *  and the loan it pays. */
export interface CheckedStatementLine extends StatementLine {
  status: LineStatus;
  loanId: string | null;
  loanNumber: string | null;
  customerName: string | null;
  matchedBy: 'memo' | 'account' | 'officer' | null;
  /** The refusal is an amount above the payoff, which the officer may accept. */
  overpayable: boolean;
}

/** Lookups of one call: loans by number and active payee accounts, read once. */
export function lookupsOf(db: LocalDb): MatchLookup & { loanById: (id: string) => LoanRef | undefined } {
  const c = db.$client;
  const byNumber = c.prepare('SELECT id, number, status FROM loans WHERE number = ?');
  const byId = c.prepare('SELECT id, number, status FROM loans WHERE id = ?');
  const numbers = new Map<string, LoanRef | undefined>();
  let accounts: Map<string, LoanRef[]> | null = null;
  return {
    byNumber: (n) => {
      if (!numbers.has(n)) numbers.set(n, byNumber.get(n) as LoanRef | undefined);
      return numbers.get(n);
    },
    loanById: (id) => byId.get(id) as LoanRef | undefined,
    activeByAccount: (account) => {
      if (!accounts) {
        accounts = new Map();
        const rows = c
          .prepare(
            `SELECT t.counterparty_account AS account, l.id, l.number, l.status FROM loans l
             JOIN loan_transactions t ON t.loan_id = l.id AND t.kind = 'disbursement'
             WHERE l.status = 'active' AND t.counterparty_account IS NOT NULL`,
          )
          .all() as Array<LoanRef & { account: string }>;
        for (const { account: a, ...loan } of rows) {
          const key = normalizeAccount(a);
          const list = accounts.get(key) ?? [];
          if (!list.some((l) => l.id === loan.id)) list.push(loan);
          accounts.set(key, list);
        }
      }
      return accounts.get(account) ?? [];
    },
  };
}

/** The bank references of `refs` already recorded as repayments. */
export function importedRefs(db: LocalDb): (ref: string) => boolean {
  const stmt = db.$client
    .prepare("SELECT 1 FROM loan_transactions WHERE transfer_ref = ? AND kind = 'repayment' LIMIT 1")
    .pluck();
  return (ref) => stmt.get(ref) !== undefined;
}

const errorOf = (e: unknown): LineError => {
  if (isDomainError(e)) return { code: e.code, details: e.details };
  throw e;
};

/** Every line's status for the preview; `chosen` gives the officer's loan (by its
 *  number) for a line. */
export function checkLines(
  db: LocalDb,
  now: Date,
  lines: readonly StatementLine[],
  chosen: ReadonlyMap<number, string> = new Map(),
): CheckedStatementLine[] {
  const lookup = lookupsOf(db);
  const imported = importedRefs(db);
  const c = db.$client;
  const customerOf = c
    .prepare('SELECT c.name FROM loans l JOIN customers c ON c.id = l.customer_id WHERE l.id = ?')
    .pluck();
  const loans = new Map<string, { row: LoanRow; customer: string | null; today: string }>();
  const payoffs = new Map<string, number>();
  const earlier = new Map<string, number>();
  const loanOf = (id: string) => {
    let l = loans.get(id);
    if (!l) {
      const row = getLoanRow(db, id)!;
      l = {
        row,
        customer: (customerOf.get(id) as string | undefined) ?? null,
        today: currentBusinessDate(db, now, row.branchId),
      };
      loans.set(id, l);
    }
    return l;
  };
  const payoffOf = (loan: LoanRow, date: string) => {
    const key = `${loan.id}/${date}`;
    if (!payoffs.has(key))
      payoffs.set(
        key,
        payoffQuote(contractOf(loan), servicingTransactions(transactionsOf(db, loan.id)), date).totalFen,
      );
    return payoffs.get(key)!;
  };
  return lines.map((l): CheckedStatementLine => {
    const base = {
      line: l.line,
      valueDate: l.valueDate,
      amountFen: l.amountFen,
      reference: l.reference,
      payerName: l.payerName,
      payerAccount: l.payerAccount ? maskAccount(l.payerAccount) : '',
      memo: l.memo,
      overpayable: false,
    };
    const none = { loanId: null, loanNumber: null, customerName: null, matchedBy: null };
    if (l.error)
      return {
        ...base,
        ...none,
        status: l.error.code === 'STATEMENT_REF_REPEATED' ? 'duplicate' : 'invalid',
        error: l.error,
      };
    if (imported(l.reference))
      return { ...base, ...none, status: 'duplicate', error: { code: 'STATEMENT_REF_IMPORTED', details: {} } };
    const officer = chosen.get(l.line);
    const picked = officer ? lookup.byNumber(officer) : undefined;
    if (officer && !picked)
      return { ...base, ...none, status: 'unmatched', error: { code: 'LOAN_UNKNOWN', details: { number: officer } } };
    const match = picked ? { by: 'officer' as const, loan: picked } : matchLine(l, lookup);
    if (!match.loan) {
      const reason = 'reason' in match ? match.reason : 'STATEMENT_NO_MATCH';
      return {
        ...base,
        ...none,
        status: 'unmatched',
        error: { code: reason, details: { candidates: 'candidates' in match ? match.candidates : 0 } },
      };
    }
    const { row, customer, today } = loanOf(match.loan.id);
    const found = { loanId: row.id, loanNumber: row.number, customerName: customer, matchedBy: match.by };
    try {
      requireActive(row.status);
      checkValueDate(l.valueDate!, today, row.disbursedOn);
      const left = payoffOf(row, l.valueDate!) - (earlier.get(row.id) ?? 0);
      if (l.amountFen! > Math.max(0, left) * 2 + REPAYMENT_GUARD_EXTRA_FEN)
        return {
          ...base,
          ...found,
          status: 'invalid',
          error: { code: 'REPAYMENT_TOO_LARGE', details: { payoffFen: left } },
        };
      earlier.set(row.id, (earlier.get(row.id) ?? 0) + l.amountFen!);
      if (l.amountFen! > left)
        return {
          ...base,
          ...found,
          status: 'invalid',
          overpayable: true,
          error: { code: 'REPAYMENT_OVER_PAYOFF', details: { payoffFen: left, overpaymentFen: l.amountFen! - left } },
        };
    } catch (e) {
      return { ...base, ...found, status: 'invalid', error: errorOf(e) };
    }
    return { ...base, ...found, status: 'matched', error: null };
  });
}
