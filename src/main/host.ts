/** Browser mode: the app core without Electron, served on loopback HTTP. Used by
 *  `npm start` where no Electron binary exists, and by the e2e tests. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createApp, type AppCore } from './app';
import { createHttpTransport } from './transports/http';
import { openKeychain } from './security/keychain';
import { appRoot, profileHome } from './paths';
import { startBackupScheduler } from './features/backup/schedule';
import { startSyncScheduler } from './features/sync/scheduler';

export interface Host {
  url: string;
  app: AppCore;
  close: () => Promise<void>;
}

/** The system clock, or, when LOANDESK_CLOCK_OFFSET_FILE names a file, the
 *  system clock moved by the milliseconds written in it (read on every call): the
 *  end-to-end journeys move the business clock forward this way. */
export function hostClock(env: NodeJS.ProcessEnv): (() => Date) | undefined {
  const file = env.LOANDESK_CLOCK_OFFSET_FILE;
  if (!file) return undefined;
  const offsetMs = (): number => {
    try {
      return Number(readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      return 0;
    }
  };
  return () => new Date(Date.now() + offsetMs());
}

export async function startHost(env: NodeJS.ProcessEnv = process.env): Promise<Host> {
  const home = profileHome(env);
  const app = await createApp({
    home,
    keychain: await openKeychain(env),
    passphrase: env.LOANDESK_PASSPHRASE,
    processKind: 'browser',
    now: hostClock(env),
    schedulerIntervalMs: Number(env.LOANDESK_SCHEDULER_MS ?? 60_000),
  });
  const token = env.LOANDESK_HTTP_TOKEN ?? randomBytes(24).toString('base64url');
  const staticDir = join(appRoot(), 'out', 'renderer');
  const server = createHttpTransport({ app, token, port: Number(env.LOANDESK_PORT ?? 0), staticDir });
  await new Promise<void>((resolve) => server.listen(Number(env.LOANDESK_PORT ?? 0), '127.0.0.1', resolve));
  const stopBackups = startBackupScheduler(app);
  const stopSync =
    env.LOANDESK_SYNC_EVERY_MS === '0'
      ? () => undefined
      : startSyncScheduler(app, Number(env.LOANDESK_SYNC_EVERY_MS ?? 0) || undefined);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    app,
    close: () =>
      new Promise((resolve) => {
        stopBackups();
        stopSync();
        server.closeAllConnections();
        server.close(() => {
          app.close();
          resolve();
        });
      }),
  };
}

function openBrowser(url: string): void {
  const candidates =
    process.platform === 'darwin' ? ['open'] : process.platform === 'win32' ? ['explorer'] : ['xdg-open'];
  for (const cmd of candidates) {
    const child = spawn(cmd, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const host = await startHost();
  console.log(`LoanDesk (browser mode) is running. Open this address in your browser:\n\n  ${host.url}\n`);
  console.log(`Profile: ${profileHome()}  ·  Ctrl+C to stop`);
  const vault = host.app.vault();
  if (vault.kind === 'error' && vault.code === 'PROFILE_IN_USE') {
    const { kind, pid, since } = vault.details ?? {};
    console.log(
      `\nThis profile is open in another LoanDesk (${String(kind)}, pid ${String(pid)}, since ${String(since)}): the window says so and nothing is written.\n此配置文件正被另一个 LoanDesk 使用：窗口中会显示原因，不会写入任何数据。`,
    );
  }
  const hasDesktop = process.platform !== 'linux' || Boolean(process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY);
  if (!process.env.CI && !process.env.LOANDESK_NO_BROWSER && hasDesktop) openBrowser(host.url);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
