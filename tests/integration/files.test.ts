/** Files at rest: the profile folder is the owner's only, and so are the database,
 *  its WAL and SHM files, the profile and the chain anchor. */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, tempHome, type TestApp } from '../support/app';
import { DB_FILE } from '../../src/main/security/profile';
import { ANCHOR_FILE } from '../../src/main/security/chain';

let t: TestApp | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

const modeOf = (path: string) => statSync(path).mode & 0o777;
const FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, 'profile.json', ANCHOR_FILE];

describe.skipIf(process.platform === 'win32')('files at rest', () => {
  it('creates the profile folder 0700 and the database, WAL, SHM, profile and anchor 0600', async () => {
    const home = join(tempHome(), 'profile');
    mkdirSync(home, { mode: 0o755 });
    chmodSync(home, 0o755);
    t = await startApp({ home });
    await t.call('setup.createDemo', {});
    await t.call('auth.login', { username: 'admin', password: 'demo1234' }, 'admin');
    expect(modeOf(home)).toBe(0o700);
    for (const file of FILES) {
      expect(existsSync(join(home, file)), file).toBe(true);
      expect(modeOf(join(home, file)).toString(8), file).toBe('600');
    }
  });

  it('makes the files of an existing profile owner-only when it opens', async () => {
    const home = tempHome();
    t = await startApp({ home });
    await t.call('setup.createDemo', {});
    t.app.close();
    chmodSync(home, 0o755);
    for (const file of FILES) if (existsSync(join(home, file))) chmodSync(join(home, file), 0o644);
    t = await startApp({ home });
    await t.call('auth.login', { username: 'admin', password: 'demo1234' }, 'admin');
    expect(modeOf(home)).toBe(0o700);
    for (const file of FILES) expect(modeOf(join(home, file)).toString(8), file).toBe('600');
  });
});
