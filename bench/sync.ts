/** Sync push and pull (issue 14) on the real server in this process
 *  (tests/support/syncServer.ts), on embedded PGlite (the default) and on
 *  PostgreSQL 15 (a throwaway cluster, tests/support/postgres.ts; skipped with a
 *  note where none can be started), each desktop behind its loopback TCP line.
 *  Push: a copy of the seeded demo profile (BENCH_SYNC_PERSONS, default 500
 *  persons; every event pending) attaches the company and uploads its log, in
 *  events accepted per second up to the first pull request. Pull: a fresh desktop
 *  joins with an enrollment code (head office: every branch) and applies the log
 *  through the projectors, in events applied per second from its first pull
 *  request. Both against the raw INSERT of the same event rows into a plain table of
 *  the pushing desktop's SQLite database and of the server's database, measured in
 *  the same run; the joined desktop is then compared with the first table by table
 *  (it must be equal). */
import { count } from 'drizzle-orm';
import { startSyncServer, joinedDesktop, SETUP_CODE, type SyncServer } from '../tests/support/syncServer';
import { postgresAvailable, startPostgres, type TestPostgres } from '../tests/support/postgres';
import { Line } from '../tests/support/line';
import { events as serverEvents } from '../src/server/schema';
import { compareTable } from '../src/main/events/rebuild';
import { PROJECTION_TABLES } from '../src/main/projectors/index';
import { company, openCopy, tempFolder } from './company';
import { rawInsertOfEvents, rawServerInsertOfEvents } from './raw';
import { trackHttp } from './http-timing';
import { registerScenario, type ScenarioOut } from './registry';

const PERSONS = Number(process.env.BENCH_SYNC_PERSONS ?? 500);

const pct = (part: number, whole: number) => `${((part * 100) / whole).toFixed(0)}%`;
const fmt = (n: number) => n.toLocaleString('en-US');

async function pushAndPull(out: ScenarioOut, server: SyncServer, serverDb: string): Promise<void> {
  const c = await company(PERSONS);
  const ports = () => [server.port];
  const a = await openCopy(c.seeded);
  const line = await Line.open(ports);
  const http = trackHttp();
  const cleanups: Array<() => unknown> = [() => http.stop(), () => a.cleanup(), () => line.close()];
  try {
    const rawSqlite = rawInsertOfEvents(a.app.db());
    await a.call('auth.login', { username: 'admin', password: 'demo1234' }, 'admin');

    const t0 = performance.now();
    const attached = await a.call('sync.attach', { serverUrl: line.url, setupCode: SETUP_CODE }, 'admin');
    const t1 = performance.now();
    const pushEnd = http.firstStart('/v1/sync/pull', t0) ?? t1;
    const pushServerMs = http.serverMs('/v1/sync/push', t0, pushEnd);
    const onServer = (await server.opened.db.select({ n: count() }).from(serverEvents))[0]!.n;
    if (onServer !== attached.pushed) throw new Error(`pushed ${attached.pushed}, the server holds ${onServer}`);
    const rawServer = await rawServerInsertOfEvents(server.opened.db);

    const t2 = performance.now();
    const b = await joinedDesktop(a, ports, null, []);
    const t3 = performance.now();
    cleanups.push(
      () => b.t.cleanup(),
      () => b.line.close(),
    );
    const pullStart = http.firstStart('/v1/sync/pull', t2) ?? t2;
    const pulled = (
      b.t.app.db().$client.prepare("SELECT count(*) AS n FROM events WHERE status = 'confirmed'").get() as { n: number }
    ).n;
    const differing = PROJECTION_TABLES.filter(
      (table) => compareTable(a.app.db(), b.t.app.db(), table).differences > 0,
    ).map((table) => table.name);

    out.baseline('raw SQLite', {
      name: `INSERT the ${fmt(rawSqlite.rows)} event rows`,
      unit: 'rows',
      count: rawSqlite.rows,
      ms: rawSqlite.ms,
    });
    out.baseline(`raw ${serverDb}`, {
      name: `INSERT the ${fmt(rawServer.rows)} event rows`,
      unit: 'rows',
      count: rawServer.rows,
      ms: rawServer.ms,
    });
    out.row({
      name: 'push: attach uploads the pending log (accepted)',
      unit: 'events',
      count: attached.pushed,
      ms: pushEnd - t0,
    });
    out.row({
      name: 'pull: a new desktop joins and applies the log',
      unit: 'events',
      count: pulled,
      ms: t3 - pullStart,
    });
    out.note(
      `push: the server's share ${pct(pushServerMs, pushEnd - t0)}; attach as a whole (push, then pull back its own ${fmt(attached.pushed)} as confirmed) ${((t1 - t0) / 1000).toFixed(1)} s`,
    );
    out.note(
      `pull: the server's share ${pct(http.serverMs('/v1/sync/pull', pullStart, t3), t3 - pullStart)}; ${differing.length === 0 ? 'the joined desktop equals the first' : `DIFFERS: ${differing.join(', ')}`}`,
    );
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

registerScenario({
  name: `sync push and pull on PGlite (${PERSONS.toLocaleString('en-US')}-person demo)`,
  run: async (out) => {
    const server = await startSyncServer({ dataDir: tempFolder('pglite') });
    try {
      await pushAndPull(out, server, 'PGlite');
    } finally {
      await server.close();
    }
  },
});

registerScenario({
  name: `sync push and pull on PostgreSQL 15 (${PERSONS.toLocaleString('en-US')}-person demo)`,
  run: async (out) => {
    if (!postgresAvailable()) {
      out.note('skipped: no PostgreSQL (set LOANDESK_TEST_PG_URL or install postgresql-15)');
      return;
    }
    let pg: TestPostgres | undefined;
    let server: SyncServer | undefined;
    try {
      pg = await startPostgres();
      server = await startSyncServer({ databaseUrl: pg.url });
      await pushAndPull(out, server, 'PostgreSQL');
    } finally {
      await server?.close();
      await pg?.stop();
    }
  },
});
