/** The log's reads that run once per page or per cross-cutting event stay index
 *  reads however long the log grows (the first-sync benchmark found them visiting
 *  every confirmed event): a page of the confirmed log is a range of the global_seq
 *  index, read in order with no sort, and the cross-cutting check of a pulled page
 *  is two index seeks. The canonical order itself is unchanged. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDb } from '../db/connection';
import { ANY_LATER_OWN_SQL } from '../features/sync/engine';
import { canonicalEvents, CONFIRMED_PAGE_SQL } from './store';

let dir: string;
let db: LocalDb;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'loandesk-store-'));
  db = openDatabase(join(dir, 'store.db'), randomBytes(32), { mustExist: false });
});
afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(sql: string, ...params: unknown[]): string[] {
  return (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map(
    (r) => r.detail,
  );
}

/** `n` confirmed events the server ordered in reverse of their arrival, then pending ones. */
function fill(confirmed: number, pending: number): void {
  const insert = db.$client.prepare(
    `INSERT INTO events (id, aggregate, aggregate_id, version, kind, type, schema_version, payload_json, device_id, business_date, occurred_at, status, global_seq)
     VALUES (?, 'branch', ?, 1, 'transition', 'BranchCreated', 1, ?, 'device', NULL, '2026-03-02T02:00:00.000Z', ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < confirmed + pending; i++) {
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      const payload = JSON.stringify({ code: `B${i}`, name: `branch ${i}`, openedOn: '2026-03-02' });
      if (i < confirmed) insert.run(id, `b${i}`, payload, 'confirmed', confirmed - i);
      else insert.run(id, `b${i}`, payload, 'pending', null);
    }
  });
}

it('reads a page of the confirmed log as a range of the global_seq index, in order, with no sort', () => {
  fill(50, 5);
  expect(plan(CONFIRMED_PAGE_SQL, 10, 40, 2000)).toEqual([
    'SEARCH events USING INDEX events_global_seq (global_seq>? AND global_seq<?)',
  ]);
});

it('checks for a later event of its own with two index seeks', () => {
  fill(50, 5);
  expect(plan(ANY_LATER_OWN_SQL, 10)).toEqual([
    'MULTI-INDEX OR',
    'INDEX 1',
    'SEARCH events USING INDEX events_status (status=?)',
    'INDEX 2',
    'SEARCH events USING INDEX events_global_seq (global_seq>?)',
  ]);
});

it('gives the confirmed events in the server order, then the pending ones in their order, page by page', () => {
  fill(25, 7);
  const pages = [...canonicalEvents(db, 10)];
  expect(pages.map((p) => p.length)).toEqual([10, 10, 5, 7]);
  const all = pages.flat();
  expect(all.slice(0, 25).map((e) => e.globalSeq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  expect(all.slice(0, 25).map((e) => e.aggregateId)).toEqual(Array.from({ length: 25 }, (_, i) => `b${24 - i}`));
  expect(all.slice(25).map((e) => e.aggregateId)).toEqual(Array.from({ length: 7 }, (_, i) => `b${25 + i}`));
});
