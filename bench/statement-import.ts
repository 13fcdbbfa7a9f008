/** Scale scenario (issue 12, scenario 2): a bank-statement import of N repayments
 *  (BENCH_STATEMENT_LINES, default 100,000 on the full book, 10,000 with --quick,
 *  never more than the officer's active loans of the scale book: one line per
 *  loan) through `statements.import` (parse, match by the loan number in the
 *  memo, idempotency by reference, the repayment domain path, events, projections,
 *  journal, one audit record per chunk), against its floor: the rows the import
 *  inserted, written again raw into plain copies of their tables with prepared
 *  statements, one transaction per chunk as the import did. Target ≤ 3× floor. */
import { randomUUID } from 'node:crypto';
import type { LocalDb } from '../src/main/db/connection';
import { DEFAULT_CHUNK_LINES } from '../src/main/features/statements/handlers';
import { registerScenario } from './registry';
import { openDay, theBook } from './scale';

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

const marks = (db: LocalDb) =>
  new Map(
    TABLES.map((t) => [
      t,
      (db.$client.prepare(`SELECT coalesce(max(rowid), 0) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

/** The rows inserted since `before`, inserted again into plain tables (no index,
 *  no constraint), `chunks` transactions in all, each table's rows shared evenly. */
function rawChunkedInserts(db: LocalDb, before: Map<string, number>, chunks: number): { ms: number; rows: number } {
  const c = db.$client;
  const added = [...before].map(([table, mark]) => {
    c.exec(
      `DROP TABLE IF EXISTS bench_raw_${table}; CREATE TABLE bench_raw_${table} AS SELECT * FROM ${table} WHERE 0`,
    );
    const rows = c.prepare(`SELECT * FROM ${table} WHERE rowid > ?`).raw(true).all(mark) as unknown[][];
    const width = rows[0]?.length ?? 1;
    const insert = c.prepare(
      `INSERT INTO bench_raw_${table} VALUES (${Array.from({ length: width }, () => '?').join(', ')})`,
    );
    return { table, insert, rows };
  });
  let rows = 0;
  const started = performance.now();
  for (let k = 0; k < chunks; k++)
    c.transaction(() => {
      for (const a of added) {
        const share = Math.ceil(a.rows.length / chunks);
        for (const r of a.rows.slice(k * share, (k + 1) * share)) {
          a.insert.run(r);
          rows++;
        }
      }
    })();
  const ms = performance.now() - started;
  for (const a of added) c.exec(`DROP TABLE bench_raw_${a.table}`);
  return { ms, rows };
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
    const loans = db.$client
      .prepare(
        "SELECT number FROM loans WHERE status = 'active' AND branch_id = ? AND outstanding_principal_fen > 100000 ORDER BY id LIMIT ?",
      )
      .pluck()
      .all(officer.b, linesWanted(options.quick)) as string[];
    const run = randomUUID().slice(0, 8);
    const text = [
      '交易日期,贷方金额,交易流水号,对方户名,对方账号,摘要',
      ...loans.map((n, i) => `${day},1.00,BENCH-${run}-${i + 1},客户,,还款 ${n}`),
    ].join('\r\n');
    const contentBase64 = Buffer.from(text, 'utf8').toString('base64');
    const lines = loans.map((_, i) => ({ line: i + 2 }));
    const previewStarted = performance.now();
    const preview = await t.call('statements.preview', { fileName: 'bench.csv', contentBase64 }, 'officer');
    const previewMs = performance.now() - previewStarted;
    if (preview.counts.matched !== loans.length)
      throw new Error(`statement bench: ${preview.counts.matched} of ${loans.length} lines matched`);
    const before = marks(db);
    const started = performance.now();
    const result = await t.call('statements.import', { fileName: 'bench.csv', contentBase64, lines }, 'officer');
    const ms = performance.now() - started;
    if (result.imported !== loans.length)
      throw new Error(
        `statement bench: ${result.imported} of ${loans.length} imported (${JSON.stringify(result.refused.slice(0, 3))})`,
      );
    const chunks = Math.ceil(loans.length / DEFAULT_CHUNK_LINES);
    const raw = rawChunkedInserts(db, before, chunks);
    out.note(
      `${loans.length.toLocaleString('en-US')} statement lines of ¥1.00, one per loan, chunks of ${DEFAULT_CHUNK_LINES}: preview ${(previewMs / 1000).toFixed(1)} s, import ${(ms / 1000).toFixed(1)} s (${(ms / loans.length).toFixed(2)} ms a line); their ${raw.rows.toLocaleString('en-US')} rows inserted raw in ${chunks} transactions: ${(raw.ms / 1000).toFixed(2)} s`,
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
