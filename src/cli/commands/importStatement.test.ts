import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../index';
import type { CliIo } from '../types';
import { startApp } from '../../../tests/support/app';

let home: string;
let files: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'loandesk-cli-'));
  files = mkdtempSync(join(tmpdir(), 'loandesk-stmt-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

function capture(extraEnv: Record<string, string> = { LOANDESK_PASSWORD: 'demo1234' }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readStdin: async () => '',
    env: { LOANDESK_PASSPHRASE: 'correct horse battery', LOANDESK_NO_KEYCHAIN: '1', ...extraEnv },
  };
  return { io, out, err };
}

describe('loandesk import-statement', () => {
  it('previews with --dry-run, imports, lists refused lines (exit 1), and records nothing twice (exit 0)', async () => {
    expect(
      await main(['seed', '--demo', '--customers', '12', '--seed', '5'], {
        ...capture().io,
        env: { ...capture().io.env, LOANDESK_HOME: home },
      }),
    ).toBe(0);
    // An active loan and its business date, read through the API as the officer.
    const t = await startApp({ home });
    t.travel(new Date().toISOString());
    await t.call('auth.login', { username: 'officer', password: 'demo1234' }, 'officer');
    const { id, number } = t.app
      .db()
      .$client.prepare(
        "SELECT l.id, l.number FROM loans l JOIN users u ON u.username = 'officer' AND u.branch_id = l.branch_id WHERE l.status = 'active' ORDER BY l.number LIMIT 1",
      )
      .get() as { id: string; number: string };
    const { businessDate } = await t.call('loans.get', { loanId: id }, 'officer');
    t.app.close();

    const full = join(files, 'statement.csv');
    writeFileSync(
      full,
      [
        '\uFEFF交易日期,金额,交易流水号,对方户名,对方账号,摘要',
        `${businessDate},1.00,CLI-0001,王,,还款${number}`,
        `${businessDate},2.00,CLI-0002,李,,无编号`,
        `${businessDate},1.234,CLI-0003,张,,${number}`,
      ].join('\n'),
    );
    const args = ['import-statement', '--profile', home, '--user', 'officer'];
    const dry = capture();
    expect(await main([...args, full, '--dry-run', '--json'], dry.io)).toBe(1);
    const preview = JSON.parse(dry.out.join(''));
    expect(preview.counts).toEqual({ matched: 1, unmatched: 1, duplicate: 0, invalid: 1 });

    const run = capture();
    expect(await main([...args, full], run.io)).toBe(1);
    expect(run.out).toEqual([
      'line 3: refused STATEMENT_NO_MATCH',
      expect.stringMatching(/^line 4: refused STATEMENT_AMOUNT_INVALID/),
      'statement.csv: 1 repayments recorded (1.00), 0 already imported, 2 refused',
    ]);
    expect(run.err.at(-1)).toContain('3/3 lines');

    const clean = join(files, 'clean.csv');
    writeFileSync(clean, ['交易日期,金额,交易流水号,摘要', `${businessDate},1.00,CLI-0001,${number}`].join('\n'));
    const again = capture();
    expect(await main([...args, clean, '--json'], again.io)).toBe(0);
    expect(JSON.parse(again.out.join(''))).toMatchObject({ imported: 0, duplicates: [2], refused: [] });

    expect(await main([...args, clean, '--chunk-lines', '0'], capture().io)).toBe(2);
    expect(await main([...args, clean, '--wat'], capture().io)).toBe(2);
    expect(await main([...args, clean], capture({}).io)).toBe(2);
    expect(await main(['import-statement', '--profile', home, clean], capture().io)).toBe(2);
    const wrong = capture({ LOANDESK_PASSWORD: 'wrong-password' });
    expect(await main([...args, clean], wrong.io)).toBe(1);
    expect(wrong.err.join('')).toContain('LOGIN_FAILED');
  }, 120_000);
});
