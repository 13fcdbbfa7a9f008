/** Projectors of the books outside lending: the chart of accounts, manual journal
 *  entries (posted when approved), and closing a period (surcharges on its VAT, the
 *  income and expense accounts into current-year profit, at a year end that profit
 *  into retained earnings) and reopening it (its closing entries undone). */
import type { EventEnvelope } from '../../contract/events';
import type { LocalDb } from '../db/connection';
import { closedThrough, postOtherEntry, removeOtherEntries } from './journal';
import { refreshBranchLoans } from './loans';
import { readChart, knownIn } from '../features/books/chart';
import { readSettings } from '../features/settings/store';
import { closingLines, closingSteps, isMonthEnd, surchargeLines, yearEndLines } from '../../core/accounting/closing';
import { SURCHARGE_ACCOUNTS, type Surcharge } from '../../core/accounting/vat';
import type { EntryLine } from '../../core/accounting/entries';
import type { JournalLine } from '../../core/posting/rules';

type Projector<T extends EventEnvelope['type']> = (db: LocalDb, e: EventEnvelope<T>) => void;

/** The kinds of entry a period close posts (undone when it is reopened). */
export const CLOSING_KINDS = ['surcharges', 'closing', 'yearEnd'] as const;

export function manualEntryJournalId(entryId: string): string {
  return `manual/${entryId}`;
}

function netThrough(db: LocalDb, date: string): Map<string, number> {
  const rows = db.$client
    .prepare(
      'SELECT account_code AS a, sum(debit_fen) - sum(credit_fen) AS n FROM journal_lines WHERE posting_date <= ? GROUP BY account_code',
    )
    .all(date) as Array<{ a: string; n: number }>;
  return new Map(rows.map((r) => [r.a, r.n]));
}

/** Output VAT booked on the loans in (after, through]. */
function outputVatBetween(db: LocalDb, after: string | null, through: string): number {
  const row = db.$client
    .prepare(
      "SELECT coalesce(sum(credit_fen) - sum(debit_fen), 0) AS n FROM journal_lines WHERE account_code = '2221.01' AND category = 'vat' AND posting_date > ? AND posting_date <= ?",
    )
    .get(after ?? '0000-00-00', through) as { n: number };
  return row.n;
}

/** Closes the books through `through` (a month end) after the close before. */
export function closeBooks(db: LocalDb, through: string): void {
  // A close of a day that is not a month end (recorded before closing entries
  // existed) only locks the period.
  if (!isMonthEnd(through)) return;
  const previous = closedThrough(db);
  // Every open loan is brought to the period's end first (a no-op after the ends of
  // day, which already did; the demo's history closes its months this way).
  const branches = db.$client.prepare('SELECT DISTINCT branch_id AS b FROM loans').all() as Array<{
    b: string | null;
  }>;
  for (const { b } of branches) refreshBranchLoans(db, b as string, through);
  const first = db.$client.prepare('SELECT min(posting_date) AS d FROM journal_lines').get() as { d: string | null };
  const chart = readChart(db);
  const known = knownIn(chart);
  const typeOf = new Map(chart.map((a) => [a.id, a.type]));
  const s = readSettings(db).accounting;
  const surcharges: Surcharge[] = s.surchargesEnabled
    ? [
        { key: 'urbanMaintenance', rate: s.urbanMaintenanceRate, accountCode: SURCHARGE_ACCOUNTS.urbanMaintenance },
        { key: 'education', rate: s.educationRate, accountCode: SURCHARGE_ACCOUNTS.education },
        { key: 'localEducation', rate: s.localEducationRate, accountCode: SURCHARGE_ACCOUNTS.localEducation },
      ]
    : [];
  let after = previous;
  for (const step of closingSteps(previous, through, first.d)) {
    const entry = (kind: (typeof CLOSING_KINDS)[number]) => ({
      id: `close:${through}/${step.date}/${kind}`,
      postingDate: step.date,
      valueDate: step.date,
      branchId: null,
      category: kind,
      kind,
      ref: through,
    });
    if (surcharges.length > 0)
      postOtherEntry(
        db,
        entry('surcharges'),
        surchargeLines(outputVatBetween(db, after, step.date), surcharges),
        known,
        {
          closing: true,
        },
      );
    const balances = [...netThrough(db, step.date)].map(([accountId, netFen]) => ({
      accountId,
      netFen,
      type: typeOf.get(accountId) ?? 'asset',
    }));
    postOtherEntry(db, entry('closing'), closingLines(balances, known), known, { closing: true });
    if (step.yearEnd)
      postOtherEntry(db, entry('yearEnd'), yearEndLines(netThrough(db, step.date).get('4103') ?? 0), known, {
        closing: true,
      });
    after = step.date;
  }
}

function entryLinesOf(json: string): JournalLine[] {
  return (JSON.parse(json) as EntryLine[]).map((l) => ({
    accountCode: l.accountId,
    debitFen: l.debitFen,
    creditFen: l.creditFen,
  }));
}

export const bookProjectors: {
  AccountDefined: Projector<'AccountDefined'>;
  AccountChanged: Projector<'AccountChanged'>;
  ManualEntryProposed: Projector<'ManualEntryProposed'>;
  ManualEntryApproved: Projector<'ManualEntryApproved'>;
  ManualEntryRejected: Projector<'ManualEntryRejected'>;
  PeriodReopened: Projector<'PeriodReopened'>;
} = {
  AccountDefined(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        'INSERT INTO accounts (id, code, name_zh, name_en, type, parent_id, system, active, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?)',
      )
      .run(e.aggregateId, p.code, p.nameZh, p.nameEn, p.type, p.parentId, e.version, e.occurredAt);
  },
  AccountChanged(db, e) {
    const account = readChart(db).find((a) => a.id === e.aggregateId);
    if (!account) throw new Error(`projector: account ${e.aggregateId} missing`);
    const p = e.payload;
    db.$client
      .prepare(
        `INSERT INTO accounts (id, code, name_zh, name_en, type, parent_id, system, active, version, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET code = excluded.code, name_zh = excluded.name_zh, name_en = excluded.name_en,
           active = excluded.active, version = excluded.version, updated_at = excluded.updated_at`,
      )
      .run(
        account.id,
        p.code ?? account.code,
        p.nameZh ?? account.nameZh,
        p.nameEn ?? account.nameEn,
        account.type,
        account.parentId,
        account.system ? 1 : 0,
        (p.active ?? account.active) ? 1 : 0,
        e.version,
        e.occurredAt,
      );
  },
  ManualEntryProposed(db, e) {
    const p = e.payload;
    db.$client
      .prepare(
        `INSERT INTO manual_entries (id, number, kind, status, value_date, posting_date, memo, lines_json, debit_fen, reverses_id,
          reversed_by_id, branch_id, proposed_by, proposed_at, decided_by, decided_at, decision_note, version)
          VALUES (?, ?, ?, 'proposed', ?, NULL, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, NULL, ?)`,
      )
      .run(
        e.aggregateId,
        p.number,
        p.kind,
        p.valueDate,
        p.memo,
        JSON.stringify(p.lines),
        p.lines.reduce((t, l) => t + l.debitFen, 0),
        p.reversesId,
        e.branchId,
        e.actorId,
        e.occurredAt,
        e.version,
      );
  },
  ManualEntryApproved(db, e) {
    const c = db.$client;
    const entry = c
      .prepare(
        'SELECT kind, value_date AS v, lines_json AS l, reverses_id AS r, branch_id AS b FROM manual_entries WHERE id = ?',
      )
      .get(e.aggregateId) as { kind: string; v: string; l: string; r: string | null; b: string | null } | undefined;
    if (!entry) throw new Error(`projector: manual entry ${e.aggregateId} missing`);
    c.prepare(
      "UPDATE manual_entries SET status = 'approved', posting_date = ?, decided_by = ?, decided_at = ?, decision_note = ?, version = ? WHERE id = ?",
    ).run(e.payload.postingDate, e.actorId, e.occurredAt, e.payload.note, e.version, e.aggregateId);
    if (entry.r) c.prepare('UPDATE manual_entries SET reversed_by_id = ? WHERE id = ?').run(e.aggregateId, entry.r);
    postOtherEntry(
      db,
      {
        id: manualEntryJournalId(e.aggregateId),
        postingDate: e.payload.postingDate,
        valueDate: entry.v,
        branchId: entry.b,
        category: `${entry.kind}:${e.aggregateId}`,
        kind: entry.kind,
        ref: e.aggregateId,
      },
      entryLinesOf(entry.l),
      knownIn(readChart(db)),
    );
  },
  ManualEntryRejected(db, e) {
    db.$client
      .prepare(
        "UPDATE manual_entries SET status = 'rejected', decided_by = ?, decided_at = ?, decision_note = ?, version = ? WHERE id = ?",
      )
      .run(e.actorId, e.occurredAt, e.payload.reason, e.version, e.aggregateId);
  },
  PeriodReopened(db, e) {
    const ids = db.$client
      .prepare(
        `SELECT id FROM journal_entries WHERE loan_id IS NULL AND ref = ? AND kind IN (${CLOSING_KINDS.map(() => '?').join(', ')})`,
      )
      .all(e.payload.through, ...CLOSING_KINDS) as Array<{ id: string }>;
    removeOtherEntries(
      db,
      ids.map((r) => r.id),
    );
    db.$client.prepare('DELETE FROM period_closes WHERE through = ?').run(e.payload.through);
  },
};
