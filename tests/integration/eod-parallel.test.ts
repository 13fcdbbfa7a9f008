/** The end of day with its batches planned in a worker thread: the same rows as the
 *  end of day planned in its own thread, and, when a repayment is recorded between
 *  two batches (the window's calls run between them), the batch planned before it
 *  is not written as planned: the day still ends equal to a replay of the log. */
import { cpSync } from 'node:fs';
import { basename, join } from 'node:path';
import { demoAppOf, startApp, tempHome, type TestApp } from '../support/app';
import { nextEodDate, runEod } from '../../src/main/features/eod/run';
import { BOOK_WALK_SQL, BRANCH_WALK_SQL, everyBranchAmong, loansToRefresh } from '../../src/main/projectors/loans';
import { compareTable, verifyRebuild } from '../../src/main/events/rebuild';
import { BRANCH_SNAPSHOT_SQL } from '../../src/main/features/monitoring/summaries';
import { PROJECTION_TABLES } from '../../src/main/projectors';
import { LOCK_FILE } from '../../src/main/security/profileLock';

const apps: TestApp[] = [];
afterEach(() => {
  for (const t of apps.splice(0)) t.cleanup();
});

async function copyOf(t: TestApp): Promise<TestApp> {
  t.app.db().$client.pragma('wal_checkpoint(TRUNCATE)');
  const home = join(tempHome(), 'profile');
  cpSync(t.home, home, { recursive: true, filter: (src) => basename(src) !== LOCK_FILE });
  const copy = await startApp({ home });
  apps.push(copy);
  return copy;
}

function eodOf(t: TestApp, workers: number, between?: (date: string) => Promise<void>) {
  const now = new Date(t.clock.ms);
  const date = nextEodDate(t.app.db(), now);
  return runEod(t.app.db(), date, {
    meta: { actorId: null, deviceId: t.app.deviceId(), branchId: null, occurredAt: now.toISOString() },
    now,
    batchLoans: 3,
    workers,
    yieldBetweenBatches: between && (() => between(date)),
  });
}

function differing(a: TestApp, b: TestApp): string[] {
  return PROJECTION_TABLES.filter((table) => compareTable(a.app.db(), b.app.db(), table).differences > 0).map(
    (table) => table.name,
  );
}

function unequalToReplay(t: TestApp): string[] {
  return Object.entries(verifyRebuild(t.app.db()).tables)
    .filter(([, c]) => c.differences > 0)
    .map(([name]) => name);
}

describe('the end of day walk', () => {
  it('walks the whole book once, in rowid order through the status index, when every branch closes its day', async () => {
    const t = await demoAppOf(40, 'manager');
    apps.push(t);
    const c = t.app.db().$client;
    const plan = (c.prepare(`EXPLAIN QUERY PLAN ${BOOK_WALK_SQL}`).all('d', 'd', 0, 10) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('; ');
    expect(plan).toContain('USING INDEX loans_status (status=? AND rowid>?)');
    expect(plan).not.toContain('TEMP B-TREE');
    const branches = c
      .prepare("SELECT DISTINCT branch_id FROM loans WHERE status = 'active'")
      .pluck()
      .all() as string[];
    // The demo's loans lie in two branches or more, interleaved in the table.
    expect(branches.length).toBeGreaterThan(1);
    expect(everyBranchAmong(t.app.db(), branches)).toBe(true);
    expect(everyBranchAmong(t.app.db(), branches.slice(1))).toBe(false);
    // The day's batches follow one another in the table's order across the branches
    // (walked branch by branch, the rowids start again at each branch).
    const rowidOf = c.prepare('SELECT rowid FROM loans WHERE id = ?').pluck();
    const cursors: number[] = [];
    const now = new Date(t.clock.ms);
    const date = nextEodDate(t.app.db(), now);
    const result = await runEod(t.app.db(), date, {
      meta: { actorId: null, deviceId: t.app.deviceId(), branchId: null, occurredAt: now.toISOString() },
      now,
      batchLoans: 5,
      workers: 0,
      onProgress: (p) => {
        if (p.status !== 'running') return;
        const cursor = c.prepare('SELECT cursor FROM eod_runs WHERE business_date = ?').pluck().get(date) as string;
        cursors.push(rowidOf.get(cursor) as number);
      },
    });
    expect(result.status).toBe('done');
    expect(cursors.length).toBeGreaterThan(branches.length);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(unequalToReplay(t)).toEqual([]);
  });

  it("snapshots a closed branch's loan book through the (status, branch) index, not a scan of the book", async () => {
    const t = await demoAppOf(40, 'manager');
    apps.push(t);
    const c = t.app.db().$client;
    for (const sql of BRANCH_SNAPSHOT_SQL) {
      const plan = (
        c
          .prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .all({ date: '2026-03-02', month: '2026-03', start: '2026-03-01', branch: 'b' }) as Array<{ detail: string }>
      ).map((r) => r.detail);
      const loans = plan.filter((d) => /\bloans\b/.test(d) && !d.includes('summary_loan_month'));
      expect(loans.length, plan.join('; ')).toBeGreaterThan(0);
      for (const d of loans)
        expect(d).toMatch(/USING (COVERING )?INDEX loans_status_branch \(status=\? AND branch_id=\?\)/);
    }
  });

  it("reads a branch's loans in rowid order through the (status, branch) index, rows and all", async () => {
    const t = await demoAppOf(40, 'manager');
    apps.push(t);
    const c = t.app.db().$client;
    const plan = (
      c.prepare(`EXPLAIN QUERY PLAN ${BRANCH_WALK_SQL}`).all('b', 'd', 'd', 0, 10) as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join('; ');
    // One range of the index, in the table's order: no sort, no scan, no lookup by id.
    expect(plan).toContain('USING INDEX loans_status_branch (status=? AND branch_id=? AND rowid>?)');
    expect(plan).not.toContain('TEMP B-TREE');
    const { branchId } = c.prepare("SELECT branch_id AS branchId FROM loans WHERE status = 'active' LIMIT 1").get() as {
      branchId: string;
    };
    const date = nextEodDate(t.app.db(), new Date(t.clock.ms));
    const first = loansToRefresh(t.app.db(), branchId, date, { limit: 3 });
    const rest = loansToRefresh(t.app.db(), branchId, date, { afterRowid: first.lastRowid });
    const walked = [...first.loans, ...rest.loans].map((l) => l.id);
    const inOrder = c
      .prepare(
        "SELECT id FROM loans WHERE status = 'active' AND branch_id = ? AND disbursed_on <= ? AND (position_as_of IS NULL OR position_as_of < ?) ORDER BY rowid",
      )
      .pluck()
      .all(branchId, date, date);
    expect(first.loans).toHaveLength(3);
    expect(walked).toEqual(inOrder);
    expect(first.loans[0]).toMatchObject({ id: walked[0], status: 'active', branchId });
    expect(first.loans[0]).toHaveProperty('quietJson');
  });
});

describe('end of day planned in worker threads', () => {
  it('writes what the end of day planned in its own thread writes', async () => {
    const a = await demoAppOf(40, 'manager');
    apps.push(a);
    const b = await copyOf(a);
    const parallel = await eodOf(a, 1);
    const inThread = await eodOf(b, 0);
    expect(parallel).toMatchObject({ status: 'done', workers: 1 });
    expect(inThread).toMatchObject({ status: 'done', workers: 0, done: parallel.done });
    expect(parallel.done).toBeGreaterThan(6);
    expect(differing(a, b)).toEqual([]);
  });

  it('does not write a batch planned before a repayment recorded between batches', async () => {
    const t = await demoAppOf(40, 'manager');
    apps.push(t);
    const c = t.app.db().$client;
    let repaid: string | null = null;
    const result = await eodOf(t, 1, async (date) => {
      if (repaid) return;
      // The next loan of the branch being closed: its batch is being planned now.
      const branch = c
        .prepare("SELECT branch_id FROM loans WHERE status = 'active' AND position_as_of = ? LIMIT 1")
        .pluck()
        .get(date) as string;
      repaid = c
        .prepare(
          "SELECT id FROM loans WHERE status = 'active' AND branch_id = ? AND position_as_of < ? AND outstanding_principal_fen > 100000 ORDER BY id LIMIT 1",
        )
        .pluck()
        .get(branch, date) as string;
      await t.call(
        'repayments.record',
        { loanId: repaid, amountFen: 500_00, valueDate: date, channel: 'bank' },
        'manager',
      );
    });
    expect(result).toMatchObject({ status: 'done', workers: 1 });
    expect(repaid).not.toBeNull();
    expect(
      c
        .prepare(
          "SELECT count(*) FROM loan_transactions WHERE loan_id = ? AND kind = 'repayment' AND amount_fen = 50000",
        )
        .pluck()
        .get(repaid),
    ).toBe(1);
    expect(unequalToReplay(t)).toEqual([]);
  });
});
