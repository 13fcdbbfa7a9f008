/** Builds the renderer once if the test runner has not already done so. */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function globalSetup(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  if (existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
  execSync('npx electron-vite build', { cwd: root, stdio: 'inherit' });
}
