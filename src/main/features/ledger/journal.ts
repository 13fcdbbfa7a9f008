/** Checks of the general ledger. The journal is a projection of the event log (see
 *  src/main/projectors/journal.ts): `rebuild --verify` proves it follows from the
 *  log; this proves it is internally whole: every entry balances, and each loan's
 *  lines add up to what the loan is recorded to hold. */
import type { LocalDb } from '../../db/connection';

export { closedThrough } from '../../projectors/journal';

export interface JournalCheck {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; id: string; reason: 'unbalanced' | 'loanTotals' };
}

export function verifyJournal(db: LocalDb): JournalCheck {
  const c = db.$client;
  const checked = (c.prepare('SELECT count(*) AS n FROM journal_entries').get() as { n: number }).n;
  const unbalanced = c
    .prepare(
      `SELECT e.id FROM journal_entries e LEFT JOIN journal_lines l ON l.entry_id = e.id
       GROUP BY e.id HAVING coalesce(sum(l.debit_fen), 0) != coalesce(sum(l.credit_fen), 0) OR count(l.entry_id) = 0
       ORDER BY e.posting_date, e.id LIMIT 1`,
    )
    .get() as { id: string } | undefined;
  if (unbalanced) return { ok: false, checked, firstBroken: { seq: 0, id: unbalanced.id, reason: 'unbalanced' } };
  const drift = c
    .prepare(
      `SELECT coalesce(l.loan_id, p.loan_id) AS id FROM
         (SELECT loan_id, category, account_code, sum(debit_fen - credit_fen) AS n FROM journal_lines WHERE loan_id IS NOT NULL GROUP BY 1, 2, 3) l
         FULL OUTER JOIN loan_posted p ON p.loan_id = l.loan_id AND p.category = l.category AND p.account_code = l.account_code
       WHERE coalesce(l.n, 0) != coalesce(p.net_fen, 0) LIMIT 1`,
    )
    .get() as { id: string } | undefined;
  if (drift) return { ok: false, checked, firstBroken: { seq: 0, id: drift.id, reason: 'loanTotals' } };
  return { ok: true, checked };
}
