/** Where the server finds its migrations: the folder holding drizzle/server, found
 *  by walking up from this module (the repository, or the packaged app). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function serverMigrations(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(dir, 'drizzle', 'server');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('LoanDesk server: cannot find drizzle/server');
}
