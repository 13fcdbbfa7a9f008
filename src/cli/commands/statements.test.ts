// `loandesk statements`: the contract of issue 10 (flags, JSON fields, yuan strings,
// exit codes) on a seeded demo profile, and assets = liabilities + equity at every
// month end of the demo's history and on the business date.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../index';
import type { CliIo } from '../types';
import { businessDateOf } from '../../core/dates';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'loandesk-cli-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const env = { LOANDESK_HOME: home, LOANDESK_PASSPHRASE: 'correct horse battery', LOANDESK_NO_KEYCHAIN: '1' };
  return { io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => '', env }, out, err };
}

const YUAN = /^-?\d+\.\d{2}$/;
const fen = (y: string) => Math.round(Number(y) * 100);

/** The last day of each of the twelve months before `date`. */
function monthEndsBefore(date: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  for (let i = 0; i < 12; i++) {
    const last = new Date(Date.UTC(y, m - 1, 0));
    out.push(last.toISOString().slice(0, 10));
    [y, m] = [last.getUTCFullYear(), last.getUTCMonth() + 1];
  }
  return out;
}

describe('loandesk statements', () => {
  it('prints both statements as yuan strings and balances on every month end of the history', async () => {
    const seed = capture();
    expect(await main(['seed', '--demo', '--customers', '12', '--seed', '7', '--json'], seed.io)).toBe(0);
    const today = businessDateOf(new Date(), 'Asia/Shanghai');

    const c = capture();
    expect(await main(['statements', '--date', today, '--json'], c.io)).toBe(0);
    const r = JSON.parse(c.out.join(''));
    expect(Object.keys(r.balanceSheet).sort()).toEqual(['assets', 'equity', 'liabilities', 'lines']);
    expect(Object.keys(r.incomeStatement).sort()).toEqual(['expenses', 'lines', 'profit', 'revenue']);
    for (const v of [r.balanceSheet.assets, r.balanceSheet.liabilities, r.balanceSheet.equity]) expect(v).toMatch(YUAN);
    for (const v of [r.incomeStatement.revenue, r.incomeStatement.expenses, r.incomeStatement.profit])
      expect(v).toMatch(YUAN);
    expect(fen(r.balanceSheet.assets)).toBeGreaterThan(0);
    expect(fen(r.balanceSheet.assets)).toBe(fen(r.balanceSheet.liabilities) + fen(r.balanceSheet.equity));
    expect(fen(r.incomeStatement.profit)).toBe(fen(r.incomeStatement.revenue) - fen(r.incomeStatement.expenses));
    const keys = r.balanceSheet.lines.map((l: { key: string }) => l.key);
    for (const k of ['cashAndBank', 'interestReceivable', 'loansNet', 'paidInCapital', 'retainedEarnings'])
      expect(keys).toContain(k);
    expect(r.balanceSheet.lines[0]).toEqual({
      key: expect.any(String),
      name: expect.any(String),
      level: expect.any(Number),
      current: expect.stringMatching(YUAN),
      prior: expect.stringMatching(YUAN),
    });
    const isKeys = r.incomeStatement.lines.map((l: { key: string }) => l.key);
    for (const k of ['interestIncome', 'interestExpense', 'feeIncome', 'taxesAndSurcharges', 'totalProfit'])
      expect(isKeys).toContain(k);
    expect(r.incomeStatement.lines[0]).toMatchObject({ ytd: expect.stringMatching(YUAN) });
    // The demo is funded: paid-in capital stands, and cash and bank are not in credit.
    const line = (k: string) => r.balanceSheet.lines.find((l: { key: string }) => l.key === k);
    expect(fen(line('paidInCapital').current)).toBeGreaterThan(0);
    expect(fen(line('cashAndBank').current)).toBeGreaterThanOrEqual(0);

    for (const d of monthEndsBefore(today)) {
      const m = capture();
      expect(await main(['statements', '--date', d, '--json'], m.io)).toBe(0);
      const bs = JSON.parse(m.out.join('')).balanceSheet;
      expect(fen(bs.assets), d).toBe(fen(bs.liabilities) + fen(bs.equity));
    }

    const text = capture();
    expect(await main(['statements', '--date', today, '--language', 'en'], text.io)).toBe(0);
    expect(text.out.join('\n')).toContain('Cash and bank');
    expect(text.out.join('\n')).toMatch(/assets .* OK$/m);
  });

  it.each([
    [['statements'], 'date'],
    [['statements', '--date', '2024-13-01'], 'date'],
    [['statements', '--date', '2024-01-31', '--language', 'fr'], 'language'],
  ])('bad usage %j exits 2 naming --%s', async (argv, flag) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toContain(`--${flag}`);
  });

  it('needs a profile', async () => {
    const c = capture();
    expect(await main(['statements', '--date', '2024-01-31'], c.io)).toBe(1);
    expect(c.err.join('')).toContain('PROFILE_NOT_FOUND');
  });
});
