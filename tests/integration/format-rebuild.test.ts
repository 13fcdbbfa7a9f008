/** A profile whose tables an earlier format of the log made, opened by the app:
 *  the tables are rebuilt from the log without holding the event loop (the window
 *  reads the progress from app.status, every other call waits behind APP_LOCKED),
 *  then the app opens as usual; closed halfway, nothing of the rebuild stays and
 *  the next start does it again. And what a release may change without one: a
 *  loan's quiet stretch, a cache the comparison leaves out. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoAppOf, startApp, TEST_PASSPHRASE, type TestApp } from '../support/app';
import { openProfile } from '../../src/main/security/profile';
import { openHeadless } from '../../src/main/headless';
import { verifyRebuild } from '../../src/main/events/rebuild';
import { decodeQuietState, encodeQuietState } from '../../src/main/projectors/quiet';
import { EVENTLOG_FORMAT } from '../../src/main/events/upgrade';
import type { LocalDb } from '../../src/main/db/connection';

let made: string;
let loanId: string;
let accrued: number;
const folders: string[] = [];
let t: TestApp | undefined;

const formatOf = (db: LocalDb) =>
  (db.$client.prepare("SELECT value_json AS v FROM local_state WHERE key = 'eventlog.format'").get() as { v: string })
    .v;
const accruedOf = (db: LocalDb) =>
  (db.$client.prepare('SELECT accrued_interest_fen AS a FROM loans WHERE id = ?').get(loanId) as { a: number }).a;

/** A copy of the old-format profile (each test changes its own). */
function copy(): string {
  const home = join(mkdtempSync(join(tmpdir(), 'loandesk-format-')), 'profile');
  folders.push(home);
  cpSync(made, home, { recursive: true });
  return home;
}

beforeAll(async () => {
  // More than one page of the log (2,000 events), so the progress moves.
  const seeded = await demoAppOf(300);
  const db = seeded.app.db();
  const loan = db.$client
    .prepare(
      "SELECT id, accrued_interest_fen AS a FROM loans WHERE status = 'active' AND accrued_interest_fen > 0 LIMIT 1",
    )
    .get() as { id: string; a: number };
  loanId = loan.id;
  accrued = loan.a;
  // What an earlier format left: a figure its rules computed otherwise.
  db.$client.prepare('UPDATE loans SET accrued_interest_fen = accrued_interest_fen + 1 WHERE id = ?').run(loanId);
  db.$client.prepare("UPDATE local_state SET value_json = '6' WHERE key = 'eventlog.format'").run();
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  made = join(mkdtempSync(join(tmpdir(), 'loandesk-format-')), 'profile');
  folders.push(made);
  seeded.app.close();
  cpSync(seeded.home, made, { recursive: true });
  rmSync(seeded.home, { recursive: true, force: true });
}, 120_000);

afterEach(() => {
  t?.app.close();
  t = undefined;
});
afterAll(() => {
  for (const f of folders) rmSync(join(f, '..'), { recursive: true, force: true });
});

it('rebuilds the tables with its progress on app.status, the API locked meanwhile, then opens', async () => {
  t = await startApp({ home: copy(), settle: false });
  const first = await t.call('app.status', {});
  expect(first.vault).toBe('upgrading');
  expect(first.organisation).toBeNull();
  const total = first.upgrade!.total;
  expect(total).toBeGreaterThan(2000);
  // The first page is applied before the event loop is let go.
  expect(first.upgrade!.done).toBeGreaterThan(0);
  expect(first.upgrade!.done).toBeLessThan(total);
  expect((await t.fail('auth.login', { username: 'officer', password: 'demo1234' })).code).toBe('APP_LOCKED');

  // The event loop runs between pages: the status answers while the rebuild goes on.
  const seen = new Set<number>();
  while (t.app.vault().kind === 'upgrading') {
    const s = await t.call('app.status', {});
    if (s.upgrade) seen.add(s.upgrade.done);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await t.app.settled();
  expect([...seen].some((done) => done > first.upgrade!.done)).toBe(true);

  const ready = await t.call('app.status', {});
  expect(ready).toMatchObject({ vault: 'ready', upgrade: null, organisation: { isDemo: true } });
  const db = t.app.db();
  expect(formatOf(db)).toBe(String(EVENTLOG_FORMAT));
  expect(accruedOf(db)).toBe(accrued);
  expect(verifyRebuild(db).equal).toBe(true);
  await t.call('auth.login', { username: 'officer', password: 'demo1234' }, 'officer');
}, 120_000);

it('closed halfway, keeps the tables as they were; the next start rebuilds them', async () => {
  const home = copy();
  t = await startApp({ home, settle: false });
  expect((await t.call('app.status', {})).upgrade!.done).toBeGreaterThan(0);
  t.app.close();
  await t.app.settled();
  t = undefined;

  // Nothing of the stopped rebuild stayed: the old format and its figure.
  const before = await openProfile(home, null, TEST_PASSPHRASE, 'read');
  if (before.kind !== 'ready') throw new Error(before.kind);
  expect(formatOf(before.db)).toBe('6');
  expect(accruedOf(before.db)).toBe(accrued + 1);
  before.db.$client.close();

  const again = await startApp({ home, settle: false });
  t = again;
  expect(again.app.vault().kind).toBe('upgrading');
  await again.app.settled();
  const db = again.app.db();
  expect(formatOf(db)).toBe(String(EVENTLOG_FORMAT));
  expect(accruedOf(db)).toBe(accrued);
}, 120_000);

it('is rebuilt before a command of the command line that writes', async () => {
  const home = copy();
  const env = { LOANDESK_HOME: home, LOANDESK_PASSPHRASE: TEST_PASSPHRASE, LOANDESK_NO_KEYCHAIN: '1' };
  // Reading beside a running app leaves the tables to whoever writes.
  const read = await openHeadless(env, 'read');
  expect(formatOf(read.db)).toBe('6');
  read.close();
  const profile = await openHeadless(env, 'write');
  try {
    expect(formatOf(profile.db)).toBe(String(EVENTLOG_FORMAT));
    expect(accruedOf(profile.db)).toBe(accrued);
  } finally {
    profile.close();
  }
}, 120_000);

it("leaves a loan's quiet stretch out of the comparison: an earlier release's shorter one is still valid", async () => {
  t = await startApp({ home: copy() });
  const db = t.app.db();
  const row = db.$client
    .prepare("SELECT id, quiet_json AS q FROM loans WHERE status = 'active' AND quiet_json IS NOT NULL LIMIT 1")
    .get() as { id: string; q: string };
  const state = decodeQuietState(row.q)!;
  const positionAsOf = (
    db.$client.prepare('SELECT position_as_of AS p FROM loans WHERE id = ?').get(row.id) as { p: string }
  ).p;
  // The stretch as a release that stopped it at the position's own day kept it.
  db.$client
    .prepare('UPDATE loans SET quiet_json = ? WHERE id = ?')
    .run(encodeQuietState({ ...state, until: positionAsOf }), row.id);
  expect(verifyRebuild(db).equal).toBe(true);
  // A figure is still compared.
  db.$client.prepare('UPDATE loans SET dpd = dpd + 1 WHERE id = ?').run(row.id);
  const report = verifyRebuild(db);
  expect(report.equal).toBe(false);
  expect(report.tables.loans!.differences).toBe(1);
}, 120_000);
