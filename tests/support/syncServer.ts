/** The sync server in the test process: the real server (src/server) on PGlite in
 *  a folder or on a PostgreSQL database, listening on loopback, with a known setup
 *  code; and the company's desktops around it (tests/support/app.ts), each behind a
 *  Line so tests can take it offline or break its answers. */
import type { FastifyInstance } from 'fastify';
import { openServerDb, type OpenedDb } from '../../src/server/db';
import { buildServer } from '../../src/server/app';
import { sha256Hex } from '../../src/server/auth';
import { serverMeta } from '../../src/server/schema';
import { join as joinCompany } from '../../src/main/features/sync/engine';
import { startApp, type TestApp } from './app';
import { Line } from './line';

export const SETUP_CODE = 'TEST-SETUP-CODE-0001';

export interface SyncServer {
  opened: OpenedDb;
  app: FastifyInstance;
  port: number;
  url: string;
  close: () => Promise<void>;
}

/** One server instance on `databaseUrl` (PostgreSQL) or `dataDir` (PGlite). */
export async function startSyncServer(
  where: { databaseUrl: string } | { dataDir: string },
  port = 0,
): Promise<SyncServer> {
  const opened = await openServerDb(where);
  await opened.db
    .insert(serverMeta)
    .values({ key: 'setup', value: { hash: sha256Hex(SETUP_CODE) } })
    .onConflictDoNothing();
  const app = await buildServer({ db: opened.db, setupCode: SETUP_CODE });
  const address = await app.listen({ port, host: '127.0.0.1' });
  const bound = Number(new URL(address).port);
  return {
    opened,
    app,
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    close: async () => {
      await app.close();
      await opened.close();
    },
  };
}

export interface SyncedDesktop {
  t: TestApp;
  line: Line;
}

/** A desktop with the demo company's users and branches (no generated history),
 *  attached to the server behind its own line after `before` ran; `users` logged
 *  in under their names. */
export async function attachedDesktop(
  backends: () => number[],
  users: string[],
  before?: (t: TestApp) => Promise<void>,
): Promise<SyncedDesktop> {
  const t = await startApp();
  const saved = process.env.LOANDESK_DEMO_CUSTOMERS;
  process.env.LOANDESK_DEMO_CUSTOMERS = '0';
  try {
    await t.call('setup.createDemo', {});
  } finally {
    if (saved === undefined) delete process.env.LOANDESK_DEMO_CUSTOMERS;
    else process.env.LOANDESK_DEMO_CUSTOMERS = saved;
  }
  for (const u of new Set(['admin', ...users])) await t.call('auth.login', { username: u, password: 'demo1234' }, u);
  await before?.(t);
  const line = await Line.open(backends);
  await t.call('sync.attach', { serverUrl: line.url, setupCode: SETUP_CODE }, 'admin');
  return { t, line };
}

/** A new desktop joined with an enrollment code made on `admin` (for `branchIds`,
 *  or head office), `users` logged in. */
export async function joinedDesktop(
  admin: TestApp,
  backends: () => number[],
  branchIds: string[] | null,
  users: string[],
): Promise<SyncedDesktop> {
  const { code } = await admin.call('sync.enrollCode', { branchIds }, 'admin');
  const line = await Line.open(backends);
  const t = await startApp();
  await joinCompany(t.app.db(), t.app.deviceId(), { serverUrl: line.url, code });
  for (const u of users) await t.call('auth.login', { username: u, password: 'demo1234' }, u);
  return { t, line };
}
