/** A second Electron start on a profile whose window is already open (electron
 *  mocked: the single-instance lock is refused): it quits without opening the
 *  profile or a window; the first instance focuses its window (electron.test.ts). */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const electron = vi.hoisted(() => ({ quit: vi.fn(), whenReady: vi.fn(async () => undefined), windows: 0 }));

vi.mock('electron', () => ({
  app: {
    on: vi.fn(),
    setPath: vi.fn(),
    requestSingleInstanceLock: () => false,
    whenReady: electron.whenReady,
    quit: electron.quit,
  },
  BrowserWindow: class {
    constructor() {
      electron.windows++;
    }
  },
  ipcMain: {},
  Menu: {},
  screen: {},
  dialog: {},
  session: {},
}));

it('quits at once, touching neither the profile nor a window', async () => {
  const home = mkdtempSync(join(tmpdir(), 'loandesk-second-'));
  process.env.LOANDESK_HOME = home;
  await import('../index');
  expect(electron.quit).toHaveBeenCalled();
  expect(electron.whenReady).not.toHaveBeenCalled();
  expect(electron.windows).toBe(0);
  expect(existsSync(join(home, 'profile.lock'))).toBe(false);
  expect(readdirSync(home)).toEqual([]);
  rmSync(home, { recursive: true, force: true });
});
