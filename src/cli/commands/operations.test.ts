import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../index';
import type { CliIo } from '../types';
import { addDays, businessDateOf } from '../../core/dates';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'loandesk-cli-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function capture(onErr?: (line: string) => void): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const env = { LOANDESK_HOME: home, LOANDESK_PASSPHRASE: 'correct horse battery', LOANDESK_NO_KEYCHAIN: '1' };
  return {
    io: {
      out: (t) => out.push(t),
      err: (t) => {
        err.push(t);
        onErr?.(t);
      },
      readStdin: async () => '',
      env,
    },
    out,
    err,
  };
}

const today = () => businessDateOf(new Date(), 'Asia/Shanghai');

describe('loandesk seed, trial-balance, eod, export', () => {
  it('seeds a new profile, balances, closes the day with resume after Ctrl+C, and exports', async () => {
    const seed = capture();
    expect(await main(['seed', '--demo', '--customers', '12', '--seed', '5', '--json'], seed.io)).toBe(0);
    const seeded = JSON.parse(seed.out.join(''));
    expect(seeded).toMatchObject({ status: 'done', seed: 5, today: today(), products: 5 });
    expect(seeded.loans).toBeGreaterThan(10);
    expect(seed.err.some((l) => l.startsWith('seed: loans'))).toBe(true);

    const again = capture();
    expect(await main(['seed', '--demo'], again.io)).toBe(1);
    expect(again.err.join('')).toContain('SETUP_ALREADY_DONE');

    const tb = capture();
    expect(await main(['trial-balance', '--date', today(), '--json'], tb.io)).toBe(0);
    const report = JSON.parse(tb.out.join(''));
    expect(report.totals.debit).toBe(report.totals.credit);
    expect(report.totals.debit).toMatch(/^\d+\.\d{2}$/);
    expect(report.reconciliation.loanLedgerPrincipal).toBe(report.reconciliation.controlAccount1303);
    expect(Number(report.reconciliation.controlAccount1303)).toBeGreaterThan(0);
    expect(report.accounts[0]).toEqual({
      code: expect.any(String),
      name: expect.any(String),
      debit: expect.stringMatching(/^\d+\.\d{2}$/),
      credit: expect.stringMatching(/^\d+\.\d{2}$/),
    });
    expect(report.accounts.map((a: { code: string }) => a.code)).toContain('1303');

    // Ctrl+C after the first batch: stops cleanly, exit 130, and a rerun resumes.
    const interrupted = capture((line) => {
      if (line.includes('running')) process.emit('SIGINT');
    });
    expect(await main(['eod', '--date', today(), '--json'], interrupted.io)).toBe(130);
    expect(JSON.parse(interrupted.out.join(''))).toMatchObject({ status: 'cancelled' });
    const resumed = capture();
    expect(await main(['eod', '--date', today(), '--json'], resumed.io)).toBe(0);
    expect(JSON.parse(resumed.out.join(''))).toMatchObject({ status: 'done', date: today(), alreadyClosed: false });
    const rerun = capture();
    expect(await main(['eod', '--date', today()], rerun.io)).toBe(0);
    expect(rerun.out.join('')).toContain('already closed');

    const csvFile = join(home, 'loans.csv');
    const csv = capture();
    expect(
      await main(
        [
          'export',
          'ledger',
          '--kind',
          'loans',
          '--from',
          '2020-01-01',
          '--to',
          today(),
          '--format',
          'csv',
          '--out',
          csvFile,
          '--json',
        ],
        csv.io,
      ),
    ).toBe(0);
    const exported = JSON.parse(csv.out.join(''));
    expect(exported.kind).toBe('loans');
    expect(exported.rows).toBeGreaterThanOrEqual(seeded.loans);
    const text = readFileSync(csvFile, 'utf8');
    expect(text.startsWith('\uFEFF贷款编号')).toBe(true);
    // No range: --from is the first business date of the books, --to the current business date
    // (the day after the closed one); the result is the whole history, as with a wide range.
    const run = async (extra: string[], kind: string) => {
      const c = capture();
      const file = join(home, `${kind}-${extra.length}.csv`);
      const argv = ['export', 'ledger', '--kind', kind, ...extra, '--format', 'csv', '--out', file, '--json'];
      expect(await main(argv, c.io)).toBe(0);
      return JSON.parse(c.out.join('')) as { rows: number; from: string; to: string };
    };
    const whole = await run([], 'repayments');
    expect(whole.to).toBe(addDays(today(), 1));
    expect(whole.from < today()).toBe(true);
    expect(whole.rows).toBeGreaterThan(0);
    expect((await run(['--from', '2000-01-01', '--to', whole.to], 'repayments')).rows).toBe(whole.rows);
    expect((await run(['--from', addDays(whole.from, 1), '--to', whole.to], 'repayments')).rows).toBeLessThanOrEqual(
      whole.rows,
    );
    // Snapshot ledgers need no range at all.
    expect((await run([], 'overdue')).rows).toBeGreaterThan(0);
    expect((await run([], 'loans')).rows).toBe(exported.rows);
    const xlsxFile = join(home, 'trial.xlsx');
    expect(
      await main(
        [
          'export',
          'ledger',
          '--kind',
          'trial',
          '--from',
          today(),
          '--to',
          today(),
          '--format',
          'xlsx',
          '--out',
          xlsxFile,
          '--language',
          'en',
        ],
        capture().io,
      ),
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxFile);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('Code');
  }, 180_000);

  it.each([
    [['seed'], 'demo'],
    [['seed', '--demo', '--customers', '3'], 'customers'],
    [['seed', '--demo', '--customers', 'many'], 'customers'],
    [['seed', '--demo', '--seed', '-1'], 'seed'],
    [['eod'], 'date'],
    [['eod', '--date', '2024-02-30'], 'date'],
    [['trial-balance', '--date', 'today'], 'date'],
    [['trial-balance', '--date', '2024-01-01', '--language', 'fr'], 'language'],
    [
      [
        'export',
        'ledger',
        '--kind',
        'cash',
        '--from',
        '2024-01-01',
        '--to',
        '2024-01-31',
        '--format',
        'csv',
        '--out',
        'x',
      ],
      'kind',
    ],
    [
      [
        'export',
        'ledger',
        '--kind',
        'loans',
        '--from',
        '2024-02-01',
        '--to',
        '2024-01-31',
        '--format',
        'csv',
        '--out',
        'x',
      ],
      'to',
    ],
    [
      [
        'export',
        'ledger',
        '--kind',
        'loans',
        '--from',
        '2024-01-01',
        '--to',
        '2024-01-31',
        '--format',
        'pdf',
        '--out',
        'x',
      ],
      'format',
    ],
    [['export', 'ledger', '--kind', 'loans', '--from', '2024-01-01', '--to', '2024-01-31', '--format', 'csv'], 'out'],
  ])('bad usage %j exits 2 with one line naming --%s', async (argv, flag) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toContain(`--${flag}`);
  });

  it('eod and trial-balance need a profile', async () => {
    const c = capture();
    expect(await main(['trial-balance', '--date', '2024-01-01'], c.io)).toBe(1);
    expect(c.err.join('')).toContain('PROFILE_NOT_FOUND');
  });
});
