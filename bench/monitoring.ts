/** Monitoring benchmark on the full-size demo company (BENCH_MONITORING_PERSONS,
 *  default 2,000 persons, on an encrypted database as in the app): the manager
 *  dashboard's data load, the four panels it shows (portfolio, risk,
 *  operations, exceptions) for the last year by month, from the summaries. The
 *  one-time backfill of the summaries is timed and printed too. */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDb } from '../src/main/db/connection';
import {
  demoPasswordHash,
  insertDemoOrganisation,
  demoOpeningMeta,
  fundDemoCompany,
} from '../src/main/features/app/demo';
import { seedDemo } from '../src/main/features/seed/demoSeed';
import { ensureSummaries } from '../src/main/features/monitoring/summaries';
import {
  exceptionsPanel,
  operationsPanel,
  portfolioPanel,
  riskPanel,
  type Env,
} from '../src/main/features/monitoring/charts';
import { addDays } from '../src/core/dates';
import { registerBenchmark } from './registry';

const OPENING_DAY = '2026-03-02';

let db: LocalDb | undefined;
let loads = 0;
let loadMs = 0;
const env: Env = { now: new Date(), businessDate: OPENING_DAY, lastClosedDay: null, timeZone: 'Asia/Shanghai' };
const filter = { from: addDays(OPENING_DAY, -364), to: OPENING_DAY, granularity: 'month' as const };

registerBenchmark({
  name: 'monitoring: manager dashboard data (4 panels, 2,000-customer demo)',
  unit: 'loads',
  setup: async () => {
    if (db) return;
    const home = mkdtempSync(join(tmpdir(), 'loandesk-bench-monitoring-'));
    process.on('exit', () => rmSync(home, { recursive: true, force: true }));
    db = openDatabase(join(home, 'bench.db'), randomBytes(32), { mustExist: false });
    const hash = await demoPasswordHash();
    const persons = Number(process.env.BENCH_MONITORING_PERSONS ?? 2000);
    const meta = demoOpeningMeta('bench', OPENING_DAY, true, new Date());
    // The company's capital and bank loan first, as `loandesk seed` does.
    db.transaction(() => {
      insertDemoOrganisation(db!, hash, meta);
      fundDemoCompany(db!, meta, persons, OPENING_DAY);
    });
    let started = performance.now();
    const seeded = await seedDemo(db, { today: OPENING_DAY, deviceId: 'bench', persons });
    console.log(
      `(seeded ${seeded.customers} customers, ${seeded.loans} loans in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    started = performance.now();
    const report = await ensureSummaries(db, OPENING_DAY);
    console.log(
      `(summaries backfilled once: ${report?.historyDates} history dates, ${report?.replays} loan replays in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  },
  run: () => {
    const started = performance.now();
    portfolioPanel(db!, filter, env);
    riskPanel(db!, filter, env);
    operationsPanel(db!, filter, env);
    exceptionsPanel(db!, filter, env);
    loadMs += performance.now() - started;
    loads++;
    return 1;
  },
  teardown: () => {
    if (loads > 0) console.log(`(manager dashboard data: ${(loadMs / loads).toFixed(0)} ms per load, ${loads} loads)`);
    loads = 0;
    loadMs = 0;
  },
});
