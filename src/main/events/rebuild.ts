/** Rebuilding the projections from the event log: into a fresh database (to prove
 *  the live tables follow from the log, `loandesk rebuild --verify`), or in place
 *  (`loandesk rebuild`, after a copy of the database is kept beside it). */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type LocalDb } from '../db/connection';
import { applyEvent, PROJECTION_TABLES } from '../projectors/index';
import { canonicalEvents, companyPrefix, countLiveEvents, onTop, type StoredEvent } from './store';
import { resetSummaries } from '../features/monitoring/summaries';

export interface RebuildProgress {
  done: number;
  total: number;
}

/** Applies one event of the canonical order. An event on top of the company's
 *  prefix (this desktop's own work) that no longer applies, because what it was
 *  decided on was refused or is ordered after it by the server, is left out (in a
 *  savepoint, so nothing of it stays): the server decides it, and the next pull
 *  rebuilds with its answer. The prefix itself always applies. */
function applyInOrder(db: LocalDb, e: StoredEvent, prefix: number): void {
  if (!onTop(e, prefix)) {
    applyEvent(db, e);
    return;
  }
  try {
    // A savepoint of the page's transaction (the driver's own: drizzle's builds a
    // transaction object per call).
    db.$client.transaction(() => applyEvent(db, e))();
  } catch {
    // Left out of the projections until the server's answer arrives.
  }
}

/** Applies every live event of `source`, in the canonical order, to `target`'s
 *  (empty) projection tables, a page per transaction. */
export function replay(source: LocalDb, target: LocalDb, onProgress?: (p: RebuildProgress) => void): number {
  const total = countLiveEvents(source);
  const prefix = companyPrefix(source);
  let done = 0;
  for (const page of canonicalEvents(source)) {
    target.transaction(() => {
      for (const e of page) applyInOrder(target, e, prefix);
    });
    done += page.length;
    onProgress?.({ done, total });
  }
  return done;
}

export interface TableComparison {
  rows: number;
  differences: number;
  /** The first rows that differ: their key and which side holds them. */
  examples: Array<{ key: string; side: 'live' | 'rebuilt' }>;
}

export interface VerifyReport {
  equal: boolean;
  events: number;
  tables: Record<string, TableComparison>;
}

const MAX_EXAMPLES = 5;

function columnsOf(db: LocalDb, table: string): string[] {
  return (db.$client.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
}

/** Compares a table of two databases row by row, in key order (its cache columns left out). */
export function compareTable(
  live: LocalDb,
  rebuilt: LocalDb,
  table: (typeof PROJECTION_TABLES)[number],
): TableComparison {
  const columns = columnsOf(live, table.name).filter((c) => !table.cache?.includes(c));
  const keys = table.key.split(',').map((k) => k.trim());
  const sql = `SELECT ${columns.join(', ')} FROM ${table.name} ORDER BY ${keys.join(', ')}`;
  const a = live.$client.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>;
  const b = rebuilt.$client.prepare(sql).raw(true).iterate() as IterableIterator<unknown[]>;
  const keyIdx = keys.map((k) => columns.indexOf(k));
  const keyOf = (row: unknown[]) => keyIdx.map((i) => String(row[i])).join('|');
  const cmp = (x: unknown[], y: unknown[]) => {
    for (const i of keyIdx) {
      const p = x[i] as string | number;
      const q = y[i] as string | number;
      if (p < q) return -1;
      if (p > q) return 1;
    }
    return 0;
  };
  const out: TableComparison = { rows: 0, differences: 0, examples: [] };
  const note = (row: unknown[], side: 'live' | 'rebuilt') => {
    out.differences++;
    if (out.examples.length < MAX_EXAMPLES) out.examples.push({ key: keyOf(row), side });
  };
  let x = a.next();
  let y = b.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && cmp(x.value, y.value) < 0)) {
      out.rows++;
      note(x.value as unknown[], 'live');
      x = a.next();
    } else if (x.done || cmp(x.value, y.value) > 0) {
      note(y.value, 'rebuilt');
      y = b.next();
    } else {
      out.rows++;
      if (JSON.stringify(x.value) !== JSON.stringify(y.value)) note(x.value, 'live');
      x = a.next();
      y = b.next();
    }
  }
  return out;
}

/** Replays the whole log into a temporary encrypted database and compares every
 *  projection table with the live one. */
export function verifyRebuild(live: LocalDb, onProgress?: (p: RebuildProgress) => void): VerifyReport {
  const dir = mkdtempSync(join(tmpdir(), 'loandesk-rebuild-'));
  const rebuilt = openDatabase(join(dir, 'rebuilt.db'), randomBytes(32), { mustExist: false });
  try {
    const events = replay(live, rebuilt, onProgress);
    const tables: Record<string, TableComparison> = {};
    for (const t of PROJECTION_TABLES) tables[t.name] = compareTable(live, rebuilt, t);
    return { equal: Object.values(tables).every((t) => t.differences === 0), events, tables };
  } finally {
    rebuilt.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A consistent copy of the (encrypted) database file beside it, before a rebuild. */
export function backupBeside(db: LocalDb, file: string, stamp: string): string {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const copy = `${file}.before-rebuild-${stamp.replace(/[:.]/g, '-')}`;
  copyFileSync(file, copy);
  return copy;
}

/** How long the rebuild works between two reports of its progress (the app lets
 *  its event loop run at each). */
const PROGRESS_EVERY_MS = 50;

/** The in-place rebuild inside a transaction its caller holds: the projection
 *  tables emptied, then the log replayed into them; its progress yielded every
 *  PROGRESS_EVERY_MS and at the end. */
function* rebuildSteps(db: LocalDb): Generator<RebuildProgress, number> {
  const c = db.$client;
  const total = countLiveEvents(db);
  c.pragma('defer_foreign_keys = ON');
  for (const t of [...PROJECTION_TABLES].reverse()) c.prepare(`DELETE FROM ${t.name}`).run();
  resetSummaries(db);
  const prefix = companyPrefix(db);
  let done = 0;
  let reported = performance.now();
  for (const page of canonicalEvents(db))
    for (const e of page) {
      applyInOrder(db, e, prefix);
      done++;
      if (performance.now() - reported >= PROGRESS_EVERY_MS) {
        yield { done, total };
        reported = performance.now();
      }
    }
  yield { done, total };
  return done;
}

/** Empties the projection tables and replays the log into them, in one transaction. */
export function rebuildInPlace(db: LocalDb, onProgress?: (p: RebuildProgress) => void): number {
  return db.transaction(() => {
    const steps = rebuildSteps(db);
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      onProgress?.(next.value);
    }
  });
}

/** The same rebuild with the event loop let go at each report, so the app answers
 *  (its status, the progress it shows) while a long one runs. Still one
 *  transaction, which `options.last` joins before it commits: stopped by
 *  `options.signal` (the app closing) or failed, nothing of it stays and the
 *  tables are as they were. */
export async function rebuildInPlaceAsync(
  db: LocalDb,
  options: { onProgress?: (p: RebuildProgress) => void; signal?: AbortSignal; last?: () => void } = {},
): Promise<number> {
  const c = db.$client;
  c.exec('BEGIN IMMEDIATE');
  try {
    const steps = rebuildSteps(db);
    for (;;) {
      const next = steps.next();
      if (next.done) {
        options.last?.();
        c.exec('COMMIT');
        return next.value;
      }
      options.onProgress?.(next.value);
      await new Promise((resolve) => setImmediate(resolve));
      options.signal?.throwIfAborted();
    }
  } catch (e) {
    if (c.open && c.inTransaction) c.exec('ROLLBACK');
    throw e;
  }
}
