/** Lending-operations benchmarks on the seeded demo company (an encrypted
 *  database, as in the app): end of day (refreshLoan per active loan, one
 *  transaction per EOD batch, each pass one business day later so every loan
 *  accrues and posts) and the loan detail's position replay (loans.get's
 *  loanPosition from the stored contract and transactions). Seed size:
 *  BENCH_SEED_PERSONS (default 300 persons). */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDb } from '../src/main/db/connection';
import { demoPasswordHash, insertDemoOrganisation, demoOpeningMeta } from '../src/main/features/app/demo';
import { seedDemo } from '../src/main/features/seed/demoSeed';
import { EOD_BATCH_LOANS } from '../src/main/features/eod/run';
import { contractOf, refreshLoan, servicingTransactions, transactionsOf } from '../src/main/projectors/loans';
import { loanPosition } from '../src/core/servicing/position';
import { addDays } from '../src/core/dates';
import { registerBenchmark } from './registry';

const OPENING_DAY = '2026-03-02';
const DETAIL_BATCH = 50;

let shared: Promise<{ db: LocalDb; activeIds: string[]; allIds: string[] }> | undefined;

function seeded() {
  shared ??= (async () => {
    const home = mkdtempSync(join(tmpdir(), 'loandesk-bench-'));
    process.on('exit', () => rmSync(home, { recursive: true, force: true }));
    const db = openDatabase(join(home, 'bench.db'), randomBytes(32), { mustExist: false });
    const hash = await demoPasswordHash();
    db.transaction(() => insertDemoOrganisation(db, hash, demoOpeningMeta('bench', OPENING_DAY, true, new Date())));
    const started = performance.now();
    const result = await seedDemo(db, {
      today: OPENING_DAY,
      deviceId: 'bench',
      persons: Number(process.env.BENCH_SEED_PERSONS ?? 300),
    });
    console.log(
      `(seeded ${result.customers} customers, ${result.loans} loans, ${result.repayments} repayments in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const ids = (sql: string) => (db.$client.prepare(sql).all() as Array<{ id: string }>).map((r) => r.id);
    return {
      db,
      activeIds: ids("SELECT id FROM loans WHERE status = 'active' ORDER BY id"),
      allIds: ids('SELECT id FROM loans WHERE disbursed_on IS NOT NULL ORDER BY id'),
    };
  })();
  return shared;
}

let data: Awaited<ReturnType<typeof seeded>> | undefined;
let eodCursor = 0;
let eodDate = OPENING_DAY;
let detailCursor = 0;

registerBenchmark({
  name: 'ops: end of day (refreshLoan per active loan, seeded demo)',
  unit: 'loans',
  setup: async () => {
    data = await seeded();
  },
  run: () => {
    const { db, activeIds } = data!;
    const batch = activeIds.slice(eodCursor, eodCursor + EOD_BATCH_LOANS);
    const date = addDays(eodDate, 1);
    db.transaction(() => {
      for (const id of batch) refreshLoan(db, id, date);
    });
    eodCursor += batch.length;
    if (eodCursor >= activeIds.length) {
      eodCursor = 0;
      eodDate = date;
    }
    return batch.length;
  },
});

registerBenchmark({
  name: 'ops: loan detail (loanPosition replay, seeded demo)',
  unit: 'loans',
  setup: async () => {
    data = await seeded();
  },
  run: () => {
    const { db, allIds } = data!;
    const stmt = db.$client.prepare('SELECT * FROM loans WHERE id = ?');
    for (let i = 0; i < DETAIL_BATCH; i++) {
      const id = allIds[(detailCursor + i) % allIds.length]!;
      const row = stmt.get(id) as { contract_json: string };
      const position = loanPosition(
        contractOf({ contractJson: row.contract_json } as never),
        servicingTransactions(transactionsOf(db, id)),
        OPENING_DAY,
      );
      if (position.asOfDate !== OPENING_DAY) throw new Error('replay went wrong');
    }
    detailCursor += DETAIL_BATCH;
    return DETAIL_BATCH;
  },
});
