/** One writer per profile, with real processes: LoanDesk in browser mode runs in a
 *  child process; a second app core, the CLI's write commands (in this process and
 *  as their own process) are refused naming it, the read-only commands run beside it,
 *  and a lock left by a killed process is taken over. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { main } from '../../src/cli/index';
import type { CliIo } from '../../src/cli/types';
import { EXIT_PROFILE_IN_USE } from '../../src/cli/profileInUse';
import { LOCK_FILE, acquireProfileLock } from '../../src/main/security/profileLock';
import { errorText } from '../../src/renderer/i18n/i18n';
import { businessDateOf } from '../../src/core/dates';
import { startApp, tempHome, TEST_PASSPHRASE } from '../support/app';

const REPO = join(import.meta.dirname, '..', '..');
const URL_LINE = /http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]+)/;

let home: string;
let children: ChildProcess[] = [];

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    LOANDESK_HOME: home,
    LOANDESK_PASSPHRASE: TEST_PASSPHRASE,
    LOANDESK_NO_KEYCHAIN: '1',
    LOANDESK_NO_BROWSER: '1',
    LOANDESK_PORT: '0',
    LOANDESK_DEMO_CUSTOMERS: '0',
  };
}

function capture(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readStdin: async () => '',
    env: env(),
  };
  return { io, out, err };
}

/** Browser mode in its own process; resolves once it serves (it has taken the profile). */
async function startBrowserHost(): Promise<{
  proc: ChildProcess;
  invoke: (m: string, i?: unknown) => Promise<unknown>;
}> {
  const token = randomBytes(24).toString('base64url');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main/host.ts'], {
    cwd: REPO,
    env: { ...env(), LOANDESK_HTTP_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(proc);
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const m = output.match(URL_LINE);
      if (m) resolve(Number(m[1]));
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    proc.once('exit', (code) => reject(new Error(`host exited (${code}):\n${output}`)));
  });
  const invoke = async (method: string, input: unknown = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/invoke`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ method, input }),
    });
    return response.json();
  };
  return { proc, invoke };
}

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

beforeEach(async () => {
  home = tempHome();
  const t = await startApp({ home });
  await t.call('setup.createDemo', {});
  t.app.close();
});

afterEach(async () => {
  for (const proc of children) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    await exited(proc);
  }
  children = [];
  rmSync(home, { recursive: true, force: true });
});

const today = () => businessDateOf(new Date(), 'Asia/Shanghai');

describe('the profile lock across processes', () => {
  it('refuses a second writer beside browser mode, naming it, and lets read-only commands run', async () => {
    const host = await startBrowserHost();
    const holder = JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(holder).toMatchObject({ pid: host.proc.pid, kind: 'browser' });

    // A second app core (another browser mode or window) opens nothing and says who has it.
    const second = await startApp({ home });
    const status = await second.call('app.status');
    expect(status).toMatchObject({
      vault: 'error',
      vaultError: 'PROFILE_IN_USE',
      vaultErrorDetails: { kind: 'browser', pid: host.proc.pid },
    });
    expect(errorText('zh-CN', status.vaultError!, status.vaultErrorDetails)).toContain(
      `浏览器模式，进程 ${host.proc.pid}`,
    );
    expect(errorText('en', status.vaultError!, status.vaultErrorDetails)).toContain(
      `browser mode, process ${host.proc.pid}`,
    );
    second.app.close();
    expect(JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8'))).toEqual(holder);

    // Write commands: refused with both languages and a stable status, in this process …
    const eod = capture();
    expect(await main(['eod', '--date', today()], eod.io)).toBe(EXIT_PROFILE_IN_USE);
    expect(eod.err[0]).toMatch(
      new RegExp(
        `^loandesk eod: PROFILE_IN_USE: the profile is open in LoanDesk in browser mode \\(pid ${host.proc.pid},`,
      ),
    );
    expect(eod.err[1]).toContain(`配置文件正被 LoanDesk（浏览器模式）使用（进程 ${host.proc.pid}`);
    const seed = capture();
    expect(await main(['seed', '--demo'], seed.io)).toBe(EXIT_PROFILE_IN_USE);

    // … and as a process of their own.
    const cli = spawnSync(process.execPath, ['bin/loandesk.mjs', 'eod', '--date', today()], {
      cwd: REPO,
      env: env(),
      encoding: 'utf8',
    });
    expect(cli.status).toBe(EXIT_PROFILE_IN_USE);
    expect(cli.stderr).toContain(`(pid ${host.proc.pid},`);
    expect(cli.stderr).toContain('请先关闭它');

    // Read-only commands run beside it, and see what it writes meanwhile.
    const verify = capture();
    expect(await main(['verify', '--json'], verify.io)).toBe(0);
    const before = JSON.parse(verify.out[0]!) as { ok: boolean; audit: { checked: number } };
    expect(before.ok).toBe(true);
    expect(await host.invoke('auth.login', { username: 'admin', password: 'demo1234' })).toMatchObject({ ok: true });
    const after = capture();
    expect(await main(['verify', '--json'], after.io)).toBe(0);
    expect(JSON.parse(after.out[0]!).audit.checked).toBeGreaterThan(before.audit.checked);
    const tb = capture();
    expect(await main(['trial-balance', '--date', today(), '--json'], tb.io)).toBe(0);
    const out = join(home, 'loans.csv');
    const exp = capture();
    expect(
      await main(
        ['export', 'ledger', '--kind', 'loans', '--from', today(), '--to', today(), '--format', 'csv', '--out', out],
        exp.io,
      ),
    ).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('贷款编号');
    expect(exp.err.join('\n')).toContain('read-only, not recorded in the audit log');
    expect(JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8'))).toEqual(holder);

    // Closed cleanly, it leaves the profile free: the same command now runs.
    host.proc.kill('SIGTERM');
    await exited(host.proc);
    expect(existsSync(join(home, LOCK_FILE))).toBe(false);
    const free = capture();
    expect(await main(['eod', '--date', today()], free.io)).toBe(0);
    expect(existsSync(join(home, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process that was killed', async () => {
    const host = await startBrowserHost();
    const pid = host.proc.pid!;
    host.proc.kill('SIGKILL');
    await exited(host.proc);
    expect(JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8'))).toMatchObject({ pid, kind: 'browser' });

    const t = await startApp({ home });
    expect((await t.call('app.status')).vault).toBe('ready');
    expect(JSON.parse(readFileSync(join(home, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    t.app.close();
    expect(existsSync(join(home, LOCK_FILE))).toBe(false);
    // Free again: anyone may take it.
    acquireProfileLock(home, 'cli').release();
  });
});
