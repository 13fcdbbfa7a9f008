/** One writer per table: no module outside the projectors (and the rebuild that
 *  drives them) inserts into, updates or deletes from a projection table, through
 *  drizzle or raw SQL. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getTableName } from 'drizzle-orm';
import * as schema from '../db/schema';
import { PROJECTION_TABLES } from './index';

const ROOT = join(__dirname, '..', '..');
/** The projectors, and the rebuild that empties their tables before replaying the log. */
const OWNERS = [/^main\/projectors\//, /^main\/events\/rebuild\.ts$/];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const tableNames = new Set(PROJECTION_TABLES.map((t) => t.name));
const variables = Object.entries(schema)
  .filter(([, v]) => {
    try {
      return tableNames.has(getTableName(v as never));
    } catch {
      return false;
    }
  })
  .map(([k]) => k);
const tableAlternatives = [...tableNames].join('|');
const RAW_SQL = new RegExp(
  `\\b(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+[\`"]?(${tableAlternatives})[\`"]?\\b`,
  'i',
);
const DRIZZLE = new RegExp(`\\.(insert|update|delete)\\(\\s*(${variables.join('|')})\\s*\\)`);

it('knows every projection table', () => {
  expect(variables.length).toBe(PROJECTION_TABLES.length);
});

it('finds no write to a projection table outside the projectors', () => {
  const offenders: string[] = [];
  for (const file of sources(ROOT)) {
    const rel = relative(ROOT, file).split('\\').join('/');
    if (OWNERS.some((o) => o.test(rel))) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (RAW_SQL.test(line) || DRIZZLE.test(line)) offenders.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
  }
  expect(offenders).toEqual([]);
});

it('would notice such a write', () => {
  expect(DRIZZLE.test('db.update(loans).set({ dpd: 0 })')).toBe(true);
  expect(RAW_SQL.test("db.prepare('INSERT INTO journal_lines (entry_id) VALUES (?)')")).toBe(true);
  expect(RAW_SQL.test('DELETE FROM customers WHERE id = ?')).toBe(true);
});
