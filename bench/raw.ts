/** The raw limits the scenarios are compared to. The rows a replay of the log writes
 *  (every projection table's rows, and for a first sync the event rows too), read
 *  from the log and INSERTed into copies of their tables with the same keys and
 *  indexes: the floor of a rebuild and of a first sync. And the same event rows a job wrote,
 *  INSERTed into a plain table (no index, no constraint) of the same database, a
 *  page per transaction, each page read beforehand outside the timing; the table
 *  is dropped afterwards. In SQLite (a desktop's database), through one prepared
 *  statement per row; in the server's database (PGlite or PostgreSQL), one
 *  multi-row INSERT per page. */
import { asc, gt, sql } from 'drizzle-orm';
import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalDb } from '../src/main/db/connection';
import type { ServerDb } from '../src/server/db';
import { events as serverEvents } from '../src/server/schema';

export const RAW_PAGE_ROWS = 2000;

const COLUMNS = [
  'seq',
  'id',
  'aggregate',
  'aggregate_id',
  'version',
  'kind',
  'type',
  'schema_version',
  'payload_json',
  'actor_id',
  'device_id',
  'branch_id',
  'business_date',
  'request_id',
  'occurred_at',
  'status',
  'global_seq',
] as const;

type Client = LocalDb['$client'];

/** An empty copy of `table` named bench_raw_<table>, with its columns, keys and
 *  constraints (its own CREATE TABLE) and its indexes, or only its columns and indexes
 *  (`keys: false`). */
export function indexedCopy(c: Client, table: string, options: { keys?: boolean } = {}): string {
  const copy = `bench_raw_${table}`;
  c.exec(`DROP TABLE IF EXISTS ${copy}`);
  const own = c.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string;
  c.exec(
    options.keys === false
      ? `CREATE TABLE ${copy} AS SELECT * FROM ${table} WHERE 0`
      : own.replace(/^CREATE TABLE [`"]?\w+[`"]?/, `CREATE TABLE ${copy}`),
  );
  const indexes = c
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
    .all(table) as Array<{ name: string; sql: string }>;
  for (const ix of indexes)
    c.exec(
      ix.sql
        .replace(
          /^CREATE (UNIQUE )?INDEX [`"]?\w+[`"]?/,
          (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX bench_raw_${ix.name}`,
        )
        .replace(new RegExp(`ON [\`"]?${table}[\`"]?`), `ON ${copy}`),
    );
  return copy;
}

/** The floor of a replay of the log into `db`'s projections: every live event read
 *  in pages, and every row of `tables` (what the replay wrote, read beforehand
 *  outside the timing, a page at a time) INSERTed into a copy of its table with the
 *  same keys and indexes, a page per transaction. */
export function rawWritesOfReplay(
  db: LocalDb,
  tables: readonly string[],
  onProgress?: (rows: number) => void,
): { events: number; rows: number; ms: number } {
  const c = db.$client;
  const readEvents = c
    .prepare(
      `SELECT * FROM events WHERE status IN ('pending', 'confirmed') AND seq > ? ORDER BY seq LIMIT ${RAW_PAGE_ROWS}`,
    )
    .raw(true);
  let ms = 0;
  let events = 0;
  let started = performance.now();
  for (let after = 0; ;) {
    const page = readEvents.all(after) as unknown[][];
    if (page.length === 0) break;
    after = page[page.length - 1]![0] as number;
    events += page.length;
  }
  ms += performance.now() - started;
  let rows = 0;
  for (const table of tables) {
    const copy = indexedCopy(c, table);
    const read = c
      .prepare(`SELECT rowid, * FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${RAW_PAGE_ROWS}`)
      .raw(true);
    let insert: ReturnType<Client['prepare']> | null = null;
    const write = c.transaction((page: unknown[][]) => {
      for (const r of page) insert!.run(r.slice(1));
    });
    for (let after = 0; ;) {
      const page = read.all(after) as unknown[][];
      if (page.length === 0) break;
      after = page[page.length - 1]![0] as number;
      insert ??= c.prepare(
        `INSERT INTO ${copy} VALUES (${page[0]!
          .slice(1)
          .map(() => '?')
          .join(', ')})`,
      );
      started = performance.now();
      write(page);
      ms += performance.now() - started;
      rows += page.length;
      onProgress?.(rows);
    }
    c.exec(`DROP TABLE ${copy}`);
  }
  return { events, rows, ms };
}

/** Inserts every live event row of `db` (read a page at a time) into a plain table
 *  of the same database; returns the rows inserted and the milliseconds the inserts
 *  took (reading the pages is not timed). */
export function rawInsertOfEvents(db: LocalDb, onProgress?: (done: number) => void): { rows: number; ms: number } {
  const c = db.$client;
  c.exec('DROP TABLE IF EXISTS bench_raw_events');
  c.exec(`CREATE TABLE bench_raw_events (${COLUMNS.join(', ')})`);
  const read = c
    .prepare(
      `SELECT ${COLUMNS.join(', ')} FROM events WHERE status IN ('pending', 'confirmed') AND seq > ? ORDER BY seq LIMIT ${RAW_PAGE_ROWS}`,
    )
    .raw(true);
  const insert = c.prepare(`INSERT INTO bench_raw_events VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const write = c.transaction((rows: unknown[][]) => {
    for (const r of rows) insert.run(r);
  });
  let after = 0;
  let rows = 0;
  let ms = 0;
  for (;;) {
    const page = read.all(after) as unknown[][];
    if (page.length === 0) break;
    after = page[page.length - 1]![0] as number;
    const started = performance.now();
    write(page);
    ms += performance.now() - started;
    rows += page.length;
    onProgress?.(rows);
  }
  c.exec('DROP TABLE bench_raw_events');
  return { rows, ms };
}

/** The server's events table's columns, on a plain table. */
const rawServerEvents = pgTable('bench_raw_events', {
  globalSeq: bigint('global_seq', { mode: 'number' }),
  id: text('id'),
  aggregate: text('aggregate'),
  aggregateId: text('aggregate_id'),
  version: integer('version'),
  kind: text('kind'),
  type: text('type'),
  schemaVersion: integer('schema_version'),
  payloadJson: text('payload_json'),
  actorId: text('actor_id'),
  deviceId: text('device_id'),
  branchId: text('branch_id'),
  businessDate: text('business_date'),
  requestId: text('request_id'),
  occurredAt: text('occurred_at'),
  receivedAt: timestamp('received_at', { withTimezone: true }),
});

/** Inserts every row of the server's events table into a plain table of the same
 *  database; returns the rows inserted and the milliseconds the inserts took. */
export async function rawServerInsertOfEvents(db: ServerDb): Promise<{ rows: number; ms: number }> {
  await db.execute(sql`DROP TABLE IF EXISTS bench_raw_events`);
  await db.execute(sql`CREATE TABLE bench_raw_events AS SELECT * FROM events WITH NO DATA`);
  let after = 0;
  let rows = 0;
  let ms = 0;
  for (;;) {
    const page = await db
      .select()
      .from(serverEvents)
      .where(gt(serverEvents.globalSeq, after))
      .orderBy(asc(serverEvents.globalSeq))
      .limit(RAW_PAGE_ROWS);
    if (page.length === 0) break;
    after = page[page.length - 1]!.globalSeq;
    const started = performance.now();
    await db.transaction(async (tx) => {
      await tx.insert(rawServerEvents).values(page);
    });
    ms += performance.now() - started;
    rows += page.length;
  }
  await db.execute(sql`DROP TABLE bench_raw_events`);
  return { rows, ms };
}
