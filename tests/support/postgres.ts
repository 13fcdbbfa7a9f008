/** A throwaway PostgreSQL 15 for tests: a fresh database in the cluster CI started
 *  (LOANDESK_TEST_PG_URL), or else a cluster of our own made with Debian's initdb in
 *  a temp folder on 127.0.0.1 and a free port, stopped and deleted at the end. As
 *  root (CI containers) the cluster runs as the postgres user. */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env.LOANDESK_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** postgres://… of a database nobody else uses. */
  url: string;
  /** A further empty database in the same cluster. */
  newDatabase: () => Promise<string>;
  stop: () => Promise<void>;
}

export function postgresAvailable(): boolean {
  return Boolean(process.env.LOANDESK_TEST_PG_URL) || existsSync(join(PG_BIN, 'initdb'));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function asPostgresUser(): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
}

function run(cmd: string, args: string[], options: { allowFail?: boolean } = {}): void {
  const wrap = asPostgresUser();
  const [bin, ...rest] = wrap.length > 0 ? [...wrap, cmd, ...args] : [cmd, ...args];
  const result = spawnSync(bin!, rest, { encoding: 'utf8' });
  if (result.status !== 0 && !options.allowFail)
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import('pg');
  const name = `loandesk_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts (or borrows) a cluster and makes one database in it. */
export async function startPostgres(): Promise<TestPostgres> {
  const shared = process.env.LOANDESK_TEST_PG_URL;
  const drops: Array<() => Promise<void>> = [];
  if (shared) {
    const first = await createDatabase(shared);
    drops.push(first.drop);
    return {
      url: first.url,
      newDatabase: async () => {
        const db = await createDatabase(shared);
        drops.push(db.drop);
        return db.url;
      },
      stop: async () => {
        for (const drop of drops) await drop().catch(() => undefined);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'loandesk-pg-'));
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, password);
  if (process.getuid?.() === 0) {
    execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    chmodSync(dir, 0o700);
  }
  run(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'loandesk',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const port = await freePort();
  const log = join(dir, 'log');
  if (process.getuid?.() === 0) {
    writeFileSync(log, '');
    chownSync(log, ...postgresIds());
  }
  run(join(PG_BIN, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    log,
    '-w',
    '-o',
    `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    'start',
  ]);
  const adminUrl = `postgres://loandesk:${password}@127.0.0.1:${port}/postgres`;
  const stopCluster = async () => {
    for (const drop of drops) await drop().catch(() => undefined);
    run(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], { allowFail: true });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const first = await createDatabase(adminUrl);
    return {
      url: first.url,
      newDatabase: async () => (await createDatabase(adminUrl)).url,
      stop: stopCluster,
    };
  } catch (e) {
    await stopCluster();
    throw e;
  }
}

function postgresIds(): [number, number] {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return [uid, gid];
}
