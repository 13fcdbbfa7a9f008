/** Checks of the general ledger. The journal is a projection of the event log (see
 *  src/main/projectors/journal.ts): `rebuild --verify` proves it follows from the
 *  log; this proves it is internally whole: every entry balances, and each loan's
 *  lines add up to what the loan is recorded to hold. */
import type { LocalDb } from '../../db/connection';

import { DAILY_CATEGORIES } from '../../projectors/journal';

export { closedThrough } from '../../projectors/journal';

export interface JournalCheck {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; id: string; reason: 'unbalanced' | 'loanTotals' | 'dailyTotals' | 'loanBook' };
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
  // The branches' daily accrual entries hold what the loans record they hold.
  const daily = [...DAILY_CATEGORIES].map((k) => `'${k}'`).join(', ');
  const dailyDrift = c
    .prepare(
      `SELECT coalesce(l.b, p.b) AS b, coalesce(l.category, p.category) AS category FROM
         (SELECT coalesce(branch_id, '') AS b, category, account_code AS a, sum(debit_fen - credit_fen) AS n FROM journal_lines
          WHERE loan_id IS NULL AND category IN (${daily}) GROUP BY 1, 2, 3) l
         FULL OUTER JOIN
         (SELECT coalesce(x.branch_id, '') AS b, j.key AS category, a.key AS a, sum(a.value) AS n
          FROM loans x, json_each(x.accrual_posted_json) j, json_each(j.value) a GROUP BY 1, 2, 3) p
         ON p.b = l.b AND p.category = l.category AND p.a = l.a
       WHERE coalesce(l.n, 0) != coalesce(p.n, 0) LIMIT 1`,
    )
    .get() as { b: string; category: string } | undefined;
  if (dailyDrift)
    return {
      ok: false,
      checked,
      firstBroken: { seq: 0, id: `${dailyDrift.b || '-'}/${dailyDrift.category}`, reason: 'dailyTotals' },
    };
  const group = loanBookDrift(db);
  if (group) return { ok: false, checked, firstBroken: { seq: 0, id: group, reason: 'loanBook' } };
  return { ok: true, checked };
}

const BOOK_SUMS = [
  'principal_fen',
  'outstanding_principal_fen',
  'overdue_principal_fen',
  'accrued_interest_fen',
  'penalty_fen',
  'off_balance_interest_fen',
  'provision_fen',
  'overpayment_fen',
  'interest_advance_fen',
  'written_off_principal_fen',
];
const BOOK_GROUPS: Record<string, Array<[column: string, of: string]>> = {
  loan_book_totals: [
    ['branch_id', "coalesce(branch_id, '')"],
    ['product_id', 'product_id'],
    ['officer_id', "coalesce(officer_id, '')"],
    ['status', 'status'],
    ['bucket', 'bucket'],
    ['classification', 'classification'],
    ['non_accrual', '(non_accrual_since IS NOT NULL)'],
    ['overdue', '(dpd > 0)'],
  ],
  loan_book_by_disbursement: [
    ['disbursed_on', "coalesce(disbursed_on, '')"],
    ['status', 'status'],
  ],
};

/** The first group of the loan book's maintained totals that differs from the
 *  loans themselves ("table: key|key..."), or null when every group agrees. */
export function loanBookDrift(db: LocalDb): string | null {
  for (const [table, keys] of Object.entries(BOOK_GROUPS)) {
    const cols = keys.map(([k]) => k);
    const figures = ['loans', ...BOOK_SUMS];
    const fromLoans = `SELECT ${keys.map(([k, of]) => `${of} AS ${k}`).join(', ')}, count(*) AS loans,
      ${BOOK_SUMS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM loans GROUP BY ${cols.map((_, i) => i + 1).join(', ')}`;
    // Groups no loan is in any more stay with zero sums; they agree with no row.
    const kept = `SELECT ${[...cols, ...figures].join(', ')} FROM ${table} WHERE ${figures.map((f) => `${f} != 0`).join(' OR ')}`;
    const row = db.$client
      .prepare(
        `SELECT * FROM (SELECT * FROM (${fromLoans} EXCEPT ${kept}) UNION ALL SELECT * FROM (${kept} EXCEPT ${fromLoans})) LIMIT 1`,
      )
      .get() as Record<string, unknown> | undefined;
    if (row) return `${table}: ${cols.map((c) => String(row[c])).join('|')}`;
  }
  return null;
}
