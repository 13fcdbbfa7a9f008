/** The desktop conventions' Electron-side pieces, each with its Electron objects
 *  faked: the menu template, window placement and its memory, the single-instance
 *  hand-over, and the native save dialog. The entry that wires them is tested in
 *  electron.test.ts. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions, SaveDialogOptions } from 'electron';
import { EDIT_ROLES, menuLanguage, menuTemplate } from './menu';
import { DEFAULT_WINDOW_SIZE, placeWindow, trackWindowState } from './windowState';
import { DESKTOP_STATE_FILE, readDesktopState, updateDesktopState } from './desktopState';
import { claimSingleInstance, focusWindow } from './singleInstance';
import { nativeSaveFile } from './saveDialog';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'loandesk-desktop-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const roles = (item: MenuItemConstructorOptions | undefined) =>
  (item?.submenu as MenuItemConstructorOptions[] | undefined)?.filter((i) => i.role).map((i) => i.role);

describe('the application menu', () => {
  it('has the standard Edit roles on every platform, the app and Window menus on macOS', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const menu = menuTemplate({ platform, isDev: false, language: 'en', appName: 'LoanDesk' });
      const edit = menu.find((m) => m.label === 'Edit');
      expect(roles(edit)).toEqual([...EDIT_ROLES]);
      expect(menu.some((m) => m.label === 'View')).toBe(false);
      expect(menu.some((m) => m.role === 'appMenu')).toBe(platform === 'darwin');
      expect(menu.some((m) => m.role === 'windowMenu')).toBe(platform === 'darwin');
    }
    const mac = menuTemplate({ platform: 'darwin', isDev: false, language: 'zh-CN', appName: 'LoanDesk' });
    expect(mac.map((m) => m.label)).toEqual(['LoanDesk', '编辑', '窗口']);
    expect((mac[1]!.submenu as MenuItemConstructorOptions[]).find((i) => i.role === 'paste')?.label).toBe('粘贴');
  });

  it('offers View → Reload in development only', () => {
    const dev = menuTemplate({ platform: 'linux', isDev: true, language: 'en', appName: 'LoanDesk' });
    expect(roles(dev.find((m) => m.label === 'View'))).toEqual(['reload']);
    expect(menuLanguage('zh-TW')).toBe('zh-CN');
    expect(menuLanguage('en-GB')).toBe('en');
  });
});

const primary = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const right = { workArea: { x: 1920, y: 0, width: 1280, height: 984 } };

describe('window placement', () => {
  it('opens at 1366x768 centred on the primary display the first time', () => {
    expect(placeWindow(undefined, [primary], primary)).toEqual({
      bounds: { x: 277, y: 136, ...DEFAULT_WINDOW_SIZE },
      maximized: false,
    });
    const small = { workArea: { x: 0, y: 0, width: 1280, height: 680 } };
    expect(placeWindow(undefined, [small], small).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 680 });
  });

  it('restores the remembered place on the display that shows it, no larger than that display', () => {
    const saved = { x: 2000, y: 40, width: 1500, height: 900, maximized: true };
    expect(placeWindow(saved, [primary, right], primary)).toEqual({
      bounds: { x: 2000, y: 40, width: 1280, height: 900 },
      maximized: true,
    });
    // Partly off the left edge, title bar still reachable: left where the user put it.
    const left = { x: -600, y: 100, width: 1200, height: 700, maximized: false };
    expect(placeWindow(left, [primary], primary).bounds).toEqual({ x: -600, y: 100, width: 1200, height: 700 });
  });

  it('moves a window whose display is gone back onto the primary display', () => {
    const saved = { x: 2000, y: 40, width: 1500, height: 900, maximized: false };
    expect(placeWindow(saved, [primary], primary)).toEqual({
      bounds: { x: 210, y: 70, width: 1500, height: 900 },
      maximized: false,
    });
    // Above the top of every display: the title bar cannot be grabbed.
    const above = { x: 100, y: -500, width: 1200, height: 700, maximized: false };
    expect(placeWindow(above, [primary, right], primary).bounds).toEqual({ x: 360, y: 170, width: 1200, height: 700 });
  });

  it('saves the normal bounds and maximised state when the window closes', () => {
    let onClose: (() => void) | undefined;
    const win = {
      on: (_event: 'close', fn: () => void) => (onClose = fn),
      getNormalBounds: () => ({ x: 10.4, y: 20, width: 1400, height: 800 }),
      isMaximized: () => true,
    };
    updateDesktopState(home, { saveFolder: '/kept' });
    trackWindowState(win, home);
    expect(readDesktopState(home).window).toBeUndefined();
    onClose!();
    expect(readDesktopState(home)).toEqual({
      window: { x: 10, y: 20, width: 1400, height: 800, maximized: true },
      saveFolder: '/kept',
    });
  });

  it('reads a damaged or foreign state file as empty', () => {
    writeFileSync(join(home, DESKTOP_STATE_FILE), '{"window": {"x": "left"}, "saveFolder": 7}');
    expect(readDesktopState(home)).toEqual({});
    writeFileSync(join(home, DESKTOP_STATE_FILE), 'not json');
    expect(readDesktopState(home)).toEqual({});
  });
});

function fakeWindow(state: { minimized: boolean; visible: boolean }) {
  const calls: string[] = [];
  return {
    calls,
    win: {
      isMinimized: () => state.minimized,
      restore: () => void calls.push('restore'),
      isVisible: () => state.visible,
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    },
  };
}

describe('one instance per profile', () => {
  it('focuses the running window, restoring it, when a second start is attempted', () => {
    const listeners = new Map<string, () => void>();
    const app = { requestSingleInstanceLock: () => true, on: (e: string, fn: () => void) => listeners.set(e, fn) };
    const w = fakeWindow({ minimized: true, visible: true });
    expect(claimSingleInstance(app, () => w.win)).toBe(true);
    listeners.get('second-instance')!();
    expect(w.calls).toEqual(['restore', 'focus']);
    const hidden = fakeWindow({ minimized: false, visible: false });
    focusWindow(hidden.win);
    expect(hidden.calls).toEqual(['show', 'focus']);
    focusWindow(null);
  });

  it('tells the second start to quit without listening for others', () => {
    const on = vi.fn();
    expect(claimSingleInstance({ requestSingleInstanceLock: () => false, on }, () => null)).toBe(false);
    expect(on).not.toHaveBeenCalled();
  });
});

describe('the native save dialog', () => {
  it('suggests Documents first, then the folder last saved to, and writes the bytes there', async () => {
    const documents = join(home, 'Documents');
    const reports = join(home, 'reports');
    mkdirSync(documents);
    mkdirSync(reports);
    const asked: SaveDialogOptions[] = [];
    let answer = join(reports, '台账-贷款-2026-12-01.xlsx');
    const save = nativeSaveFile({
      home,
      documentsFolder: documents,
      showSaveDialog: async (options) => {
        asked.push(options);
        return { canceled: false, filePath: answer };
      },
    });
    const data = Buffer.from('xlsx bytes');
    expect(await save({ fileName: '台账-贷款-2026-12-01.xlsx', data })).toEqual({ saved: true, path: answer });
    expect(asked[0]).toMatchObject({
      defaultPath: join(documents, '台账-贷款-2026-12-01.xlsx'),
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
    });
    expect(readFileSync(answer).equals(data)).toBe(true);
    expect(readDesktopState(home).saveFolder).toBe(reports);

    answer = join(reports, 'ledger-loans-2026-12-01.csv');
    await save({ fileName: 'ledger-loans-2026-12-01.csv', data });
    expect(asked[1]!.defaultPath).toBe(join(reports, 'ledger-loans-2026-12-01.csv'));

    // The remembered folder was deleted: back to Documents.
    rmSync(reports, { recursive: true });
    answer = join(documents, 'x.pdf');
    await save({ fileName: 'x.pdf', data });
    expect(asked[2]!.defaultPath).toBe(join(documents, 'x.pdf'));
  });

  it('writes nothing and remembers nothing when the user cancels', async () => {
    const save = nativeSaveFile({
      home,
      documentsFolder: home,
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
    });
    expect(await save({ fileName: 'a.csv', data: Buffer.from('a') })).toEqual({ saved: false });
    expect(existsSync(join(home, DESKTOP_STATE_FILE))).toBe(false);
  });
});
