/** The end of day survives a crash: a `loandesk eod` process killed (SIGKILL) in the
 *  middle of its batches, then run again, leaves the same loans, installments and
 *  journal as an uninterrupted run of the same day on a copy of the same profile,
 *  and the result is what a replay of the event log gives (the end of day's writes
 *  are the log's function, not a second path). The crashed run plans its batches in
 *  a worker thread, the uninterrupted one in its own thread: the two paths agree. */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/index';
import type { CliIo } from '../../src/cli/types';
import { openHeadless } from '../../src/main/headless';
import { compareTable, verifyRebuild } from '../../src/main/events/rebuild';
import { PROJECTION_TABLES } from '../../src/main/projectors';
import { businessDateOf } from '../../src/core/dates';

const ENV = { LOANDESK_PASSPHRASE: 'correct horse battery', LOANDESK_NO_KEYCHAIN: '1' };
const BATCH = '2';
const EOD_TABLES = [
  'loans',
  'installments',
  'loan_transactions',
  'loan_posted',
  'journal_entries',
  'journal_lines',
  'loan_tax',
];

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'loandesk-eod-crash-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cli(home: string): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      readStdin: async () => '',
      env: { ...ENV, LOANDESK_HOME: home },
    },
    out,
    err,
  };
}

/** Runs `loandesk eod` in its own process and kills it hard once `killAfter` of
 *  its batches are committed; resolves with the loans it reported done. */
function eodKilledAfter(home: string, date: string, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['bin/loandesk.mjs', 'eod', '--date', date, '--batch-loans', BATCH, '--workers', '1'],
      {
        env: { ...process.env, ...ENV, LOANDESK_HOME: home },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let seen = 0;
    let done = 0;
    let buffer = '';
    child.stderr.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (;;) {
        const nl = buffer.indexOf('\n');
        if (nl < 0) break;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = / (\d+)\/(\d+) loans .* running$/.exec(line);
        if (!m) continue;
        done = Number(m[1]);
        // Frozen at once (the run goes on while the line travels), then killed.
        if (++seen === killAfter) {
          child.kill('SIGSTOP');
          child.kill('SIGKILL');
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(done) : reject(new Error(`eod ended by itself (${code}) before it was killed`)),
    );
  });
}

describe('end of day after a crash', () => {
  it('resumes from its last committed batch and ends equal to an uninterrupted run and to a replay of the log', async () => {
    const crashed = join(root, 'crashed');
    const clean = join(root, 'clean');
    const seed = cli(crashed);
    expect(await main(['seed', '--demo', '--customers', '60', '--seed', '11', '--json'], seed.io)).toBe(0);
    cpSync(crashed, clean, { recursive: true });
    const today = businessDateOf(new Date(), 'Asia/Shanghai');

    const doneBeforeKill = await eodKilledAfter(crashed, today, 1);
    expect(doneBeforeKill).toBeGreaterThan(0);
    const resumed = cli(crashed);
    expect(await main(['eod', '--date', today, '--batch-loans', BATCH, '--workers', '1', '--json'], resumed.io)).toBe(
      0,
    );
    const result = JSON.parse(resumed.out.join(''));
    expect(result).toMatchObject({ status: 'done', date: today, alreadyClosed: false, workers: 1 });
    expect(result.done).toBeGreaterThan(doneBeforeKill);

    const uninterrupted = cli(clean);
    expect(
      await main(['eod', '--date', today, '--batch-loans', BATCH, '--workers', '0', '--json'], uninterrupted.io),
    ).toBe(0);
    expect(JSON.parse(uninterrupted.out.join(''))).toMatchObject({ status: 'done', done: result.done, workers: 0 });

    const a = await openHeadless({ ...ENV, LOANDESK_HOME: crashed }, 'read');
    const b = await openHeadless({ ...ENV, LOANDESK_HOME: clean }, 'read');
    try {
      const loansBroughtToToday = a.db.$client
        .prepare("SELECT count(*) AS n FROM loans WHERE status = 'active' AND position_as_of = ?")
        .get(today) as { n: number };
      expect(loansBroughtToToday.n).toBeGreaterThan(Number(BATCH) * 2);
      for (const name of EOD_TABLES) {
        const table = PROJECTION_TABLES.find((t) => t.name === name)!;
        expect({ name, ...compareTable(a.db, b.db, table) }).toMatchObject({ name, differences: 0 });
      }
      const replayed = verifyRebuild(a.db);
      const unequal = Object.entries(replayed.tables).filter(([, t]) => t.differences > 0);
      expect(unequal).toEqual([]);
    } finally {
      a.close();
      b.close();
    }
  });
});
