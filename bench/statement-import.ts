/** Scale scenario (issue 12, scenario 2): a bank-statement import of N repayments
 *  (BENCH_STATEMENT_LINES, default 100,000 on the full book, 10,000 with --quick,
 *  never more than the officer's active loans of the scale book: one line per
 *  loan, named on the line as the officer's choice) through `statements.import`
 *  (parse, the loan checked, idempotency by reference, the repayment domain path, events, projections,
 *  journal, one audit record per chunk), against its floor: in a transaction per
 *  chunk as the import did, each line's loan rows read (of other loans, as cold) and
 *  written back, and the rows the import inserted written again raw into copies of
 *  their tables with the same indexes (scale.ts rawWritesOf). Target ≤ 3× floor. */
import { randomUUID } from 'node:crypto';
import { DEFAULT_CHUNK_LINES } from '../src/main/features/statements/handlers';
import { registerScenario } from './registry';
import { marks, openDay, rawWritesOf, theBook } from './scale';

const TABLES = [
  'events',
  'loan_transactions',
  'journal_entries',
  'journal_lines',
  'loan_posted',
  'loan_tax',
  'receipts',
  'audit_log',
];

function linesWanted(quick: boolean): number {
  if (process.env.BENCH_STATEMENT_LINES) return Number(process.env.BENCH_STATEMENT_LINES);
  return quick ? 10_000 : 100_000;
}

registerScenario({
  name: 'scale: bank-statement import',
  run: async (out, options) => {
    const { t } = await theBook(options.scale, out);
    const db = t.app.db();
    const day = openDay(t);
    const officer = db.$client.prepare("SELECT branch_id AS b FROM users WHERE username = 'officer'").get() as {
      b: string;
    };
    // One line per loan, the loans the earlier runs of the day paid least first (a
    // loan paid again on the same day has a larger journal block to rewrite). A
    // copy's number (L000003-5) reads in a memo as its base loan's (L000003), so
    // each line names its loan as the officer's choice, as for an unmatched line.
    const loans = db.$client
      .prepare(
        `SELECT id, number FROM loans l WHERE status = 'active' AND branch_id = ? AND outstanding_principal_fen > 100000
         ORDER BY (SELECT count(*) FROM loan_transactions t WHERE t.loan_id = l.id AND t.booked_on = ?), id LIMIT ?`,
      )
      .all(officer.b, day, linesWanted(options.quick)) as Array<{ id: string; number: string }>;
    const run = randomUUID().slice(0, 8);
    const text = [
      '交易日期,贷方金额,交易流水号,对方户名,对方账号,摘要',
      ...loans.map((l, i) => `${day},1.00,BENCH-${run}-${i + 1},客户,,还款 ${l.number}`),
    ].join('\r\n');
    const contentBase64 = Buffer.from(text, 'utf8').toString('base64');
    const lines = loans.map((l, i) => ({ line: i + 2, loanId: l.id }));
    const chosen = loans.map((l, i) => ({ line: i + 2, loanNumber: l.number }));
    const previewStarted = performance.now();
    const preview = await t.call('statements.preview', { fileName: 'bench.csv', contentBase64, chosen }, 'officer');
    const previewMs = performance.now() - previewStarted;
    if (preview.counts.matched !== loans.length)
      throw new Error(`statement bench: ${preview.counts.matched} of ${loans.length} lines matched`);
    const before = marks(db, TABLES);
    const started = performance.now();
    const result = await t.call('statements.import', { fileName: 'bench.csv', contentBase64, lines }, 'officer');
    const ms = performance.now() - started;
    if (result.imported !== loans.length)
      throw new Error(
        `statement bench: ${result.imported} of ${loans.length} imported (${JSON.stringify(result.refused.slice(0, 3))})`,
      );
    const chunks = Math.ceil(loans.length / DEFAULT_CHUNK_LINES);
    const cold = db.$client
      .prepare("SELECT id FROM loans WHERE status = 'active' ORDER BY id DESC LIMIT ?")
      .pluck()
      .all(loans.length) as string[];
    const raw = rawWritesOf(db, before, chunks, cold, Math.ceil(loans.length / chunks));
    out.note(
      `${loans.length.toLocaleString('en-US')} statement lines of ¥1.00, one per loan, chunks of ${DEFAULT_CHUNK_LINES}: preview ${(previewMs / 1000).toFixed(1)} s, import ${(ms / 1000).toFixed(1)} s (${(ms / loans.length).toFixed(2)} ms a line); their ${raw.rows.toLocaleString('en-US')} rows read and written raw (each line's loan read, the rows added inserted again) in ${chunks} transactions: ${(raw.ms / 1000).toFixed(2)} s`,
    );
    out.result({
      name: `bank-statement import of ${loans.length.toLocaleString('en-US')} repayments`,
      value: (loans.length * 1000) / ms,
      unit: 'repayments/s',
      floor: (loans.length * 1000) / raw.ms,
      kind: 'rate',
      target: '≤ 3× floor',
      met: ms <= 3 * raw.ms,
    });
  },
});
