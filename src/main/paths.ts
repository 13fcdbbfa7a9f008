/** Where LoanDesk finds its own files and keeps each profile's data. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder that holds package.json and drizzle/ (the repo in development, the
 *  app folder when packaged), found by walking up from this module. */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    if (existsSync(join(dir, 'drizzle', 'local'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('LoanDesk: cannot find the app folder (drizzle/local missing)');
}

/** The profile folder: LOANDESK_HOME, else the OS per-user data folder. */
export function profileHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOANDESK_HOME) return resolve(env.LOANDESK_HOME);
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'LoanDesk');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'LoanDesk');
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'loandesk');
  }
}
