/** `npm run server`: the LoanDesk sync server. Storage: PostgreSQL when DATABASE_URL
 *  is set, else embedded PGlite in LOANDESK_SERVER_DATA (default: a folder in the
 *  user's data folder). PORT (default 8787; 0 for any free port). With
 *  LOANDESK_SERVER_TLS_CERT and LOANDESK_SERVER_TLS_KEY (PEM files) it serves https;
 *  plain http is for loopback. Until a desktop attaches the company it prints a
 *  one-time setup code (or takes LOANDESK_SERVER_SETUP_CODE). */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { openServerDb } from './db';
import { buildServer, isAttached } from './app';
import { sha256Hex } from './auth';
import { serverMeta } from './schema';

function dataFolder(env: NodeJS.ProcessEnv): string {
  if (env.LOANDESK_SERVER_DATA) return resolve(env.LOANDESK_SERVER_DATA);
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'));
  return join(base, 'loandesk-server');
}

/** A setup code people can read aloud: 4 groups of 5 base32 characters (100 bits). */
export function newSetupCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return chars.match(/.{5}/g)!.join('-');
}

export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const opened = await openServerDb({ databaseUrl: env.DATABASE_URL, dataDir: dataFolder(env) });
  let setupCode: string | null = null;
  if (!(await isAttached(opened.db))) {
    setupCode = env.LOANDESK_SERVER_SETUP_CODE ?? newSetupCode();
    await opened.db
      .insert(serverMeta)
      .values({ key: 'setup', value: { hash: sha256Hex(setupCode) } })
      .onConflictDoUpdate({ target: serverMeta.key, set: { value: { hash: sha256Hex(setupCode) } } });
  }
  const tls =
    env.LOANDESK_SERVER_TLS_CERT && env.LOANDESK_SERVER_TLS_KEY
      ? {
          cert: readFileSync(env.LOANDESK_SERVER_TLS_CERT, 'utf8'),
          key: readFileSync(env.LOANDESK_SERVER_TLS_KEY, 'utf8'),
        }
      : undefined;
  const app = await buildServer({ db: opened.db, setupCode: setupCode ?? '', https: tls });
  const host = env.LOANDESK_SERVER_HOST ?? (tls ? '0.0.0.0' : '127.0.0.1');
  const address = await app.listen({ port: Number(env.PORT ?? 8787), host });
  const port = new URL(address).port;
  const url = `${tls ? 'https' : 'http'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    url,
    setupCode,
    storage: opened.kind,
    close: async () => {
      await app.close();
      await opened.close();
    },
  };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  startServer()
    .then((s) => {
      if (s.setupCode) console.log(`LoanDesk server setup code: ${s.setupCode} (attach the company's desktop with it)`);
      console.log(`LoanDesk server listening on ${s.url} (${s.storage})`);
      const stop = () => void s.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e) => {
      console.error('LoanDesk server failed to start:', e);
      process.exit(1);
    });
}
