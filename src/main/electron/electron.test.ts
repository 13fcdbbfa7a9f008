/** The Electron layer with electron itself mocked: the window's security settings,
 *  navigation and window-open denial, the CSP, the IPC sender check, and the entry's
 *  wiring of the menu, window placement, single instance and native save. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { hardenWebContents, installCsp, isAppUrl, isTrustedSender, secureWebPreferences } from './window';
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: Array<{
    options: Record<string, unknown>;
    webContents: { id: number; send: ReturnType<typeof vi.fn> };
    loadURL: ReturnType<typeof vi.fn>;
    maximize: ReturnType<typeof vi.fn>;
    focus: ReturnType<typeof vi.fn>;
    listeners: Map<string, () => void>;
  }> = [];
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  return {
    handlers,
    windows,
    appEvents,
    onHeadersReceived: vi.fn(),
    setPermissionRequestHandler: vi.fn(),
    setApplicationMenu: vi.fn(),
    setPath: vi.fn(),
    documents: '',
    showSaveDialog: vi.fn(),
    printToPDF: vi.fn(),
    displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => electron.windows;
    webContents = { id: 1, send: vi.fn(), printToPDF: electron.printToPDF };
    loadURL = vi.fn(async () => undefined);
    maximize = vi.fn();
    focus = vi.fn();
    listeners = new Map<string, () => void>();
    constructor(public options: Record<string, unknown>) {
      electron.windows.push(this as never);
    }
    on(event: string, fn: () => void) {
      this.listeners.set(event, fn);
    }
    once(_event: string, fn: () => void) {
      fn();
    }
    show() {}
    isMinimized = () => false;
    isVisible = () => true;
    isMaximized = () => false;
    getNormalBounds = () => ({ x: 100, y: 50, width: 1400, height: 820 });
  }
  return {
    app: {
      on: (event: string, fn: (...args: unknown[]) => void) => electron.appEvents.set(event, fn),
      whenReady: async () => undefined,
      getPath: (name: string) => (name === 'documents' ? electron.documents : '/unused'),
      setPath: electron.setPath,
      requestSingleInstanceLock: () => true,
      getLocale: () => 'zh-CN',
      getName: () => 'LoanDesk',
      isPackaged: true,
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => electron.handlers.set(channel, fn),
      removeHandler: vi.fn(),
    },
    Menu: {
      setApplicationMenu: electron.setApplicationMenu,
      buildFromTemplate: (template: unknown) => ({ template }),
    },
    screen: { getAllDisplays: () => electron.displays, getPrimaryDisplay: () => electron.displays[0] },
    dialog: { showSaveDialog: electron.showSaveDialog },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: electron.onHeadersReceived },
        setPermissionRequestHandler: electron.setPermissionRequestHandler,
      },
    },
  };
});

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: (() => { action: string }) | undefined;
  return {
    emitter,
    contents: {
      on: (e: string, fn: (...a: unknown[]) => void) => emitter.on(e, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    } as unknown as WebContents,
    open: () => openHandler?.(),
  };
}

describe('window hardening', () => {
  it('isolates and sandboxes the renderer without Node', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });
  it('denies new windows and navigation away from the app', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, 'file:///app/out/renderer/index.html');
    expect(f.open()).toEqual({ action: 'deny' });
    const away = { preventDefault: vi.fn() };
    f.emitter.emit('will-navigate', away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    f.emitter.emit('will-navigate', inside, 'file:///app/out/renderer/index.html#/admin/users');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    f.emitter.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
  it('sets the CSP on every response and refuses permission requests', () => {
    const onHeaders = vi.fn();
    const permissions = vi.fn();
    installCsp({
      webRequest: { onHeadersReceived: onHeaders },
      setPermissionRequestHandler: permissions,
    } as unknown as Session);
    const callback = vi.fn();
    (onHeaders.mock.calls[0]![0] as (d: unknown, cb: unknown) => void)({ responseHeaders: { a: ['b'] } }, callback);
    expect(callback.mock.calls[0]![0].responseHeaders['Content-Security-Policy'][0]).toContain("default-src 'self'");
    const answer = vi.fn();
    (permissions.mock.calls[0]![0] as (...a: unknown[]) => void)({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });
  it('trusts IPC only from the main frame of our own window showing our page', () => {
    const url = 'http://localhost:5173/';
    const event = (id: number, frameUrl: string, parent: unknown = null) =>
      ({ sender: { id }, senderFrame: { url: frameUrl, parent } }) as unknown as IpcMainInvokeEvent;
    expect(isTrustedSender(event(1, 'http://localhost:5173/#/x'), url, new Set([1]))).toBe(true);
    expect(isTrustedSender(event(2, 'http://localhost:5173/'), url, new Set([1]))).toBe(false);
    expect(isTrustedSender(event(1, 'https://evil.example/'), url, new Set([1]))).toBe(false);
    expect(isTrustedSender(event(1, 'http://localhost:5173/', {}), url, new Set([1]))).toBe(false);
    expect(isAppUrl('not a url', url)).toBe(false);
  });
});

describe('the Electron entry', () => {
  it('opens one hardened window per profile with the Edit menu, placed, saving natively', async () => {
    const home = mkdtempSync(join(tmpdir(), 'loandesk-electron-'));
    electron.documents = join(home, 'Documents');
    mkdirSync(electron.documents);
    // Last time the window was maximised on a second monitor that is gone now.
    writeFileSync(
      join(home, 'desktop-state.json'),
      JSON.stringify({ window: { x: 2100, y: 60, width: 1500, height: 900, maximized: true } }),
    );
    process.env.LOANDESK_HOME = home;
    process.env.LOANDESK_PASSPHRASE = 'electron test passphrase';
    process.env.LOANDESK_NO_KEYCHAIN = '1';
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    await import('../index');
    await vi.waitFor(() => expect(electron.windows.length).toBe(1));
    const win = electron.windows[0]!;
    expect(electron.setPath).toHaveBeenCalledWith('userData', home);
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(String((win.options.webPreferences as Record<string, unknown>).preload)).toMatch(/preload\/index\.cjs$/);
    expect(electron.onHeadersReceived).toHaveBeenCalled();
    await vi.waitFor(() => expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/'));

    // The menu: Edit with the standard roles, no View in a packaged app.
    const menu = electron.setApplicationMenu.mock.calls[0]![0] as { template: Array<Record<string, unknown>> };
    const edit = menu.template.find((m) => m.label === '编辑')!;
    expect((edit.submenu as Array<{ role?: string }>).flatMap((i) => (i.role ? [i.role] : []))).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    expect(menu.template.some((m) => m.label === '视图')).toBe(false);

    // Placed back on the display that exists, still maximised; saved again on close.
    expect(win.options).toMatchObject({ x: 210, y: 70, width: 1500, height: 900, minWidth: 1100 });
    expect(win.maximize).toHaveBeenCalled();
    win.listeners.get('close')!();
    expect(JSON.parse(readFileSync(join(home, 'desktop-state.json'), 'utf8')).window).toEqual({
      x: 100,
      y: 50,
      width: 1400,
      height: 820,
      maximized: false,
    });

    // A second start on this profile brings this window to the front.
    electron.appEvents.get('second-instance')!();
    expect(win.focus).toHaveBeenCalled();

    // The profile is this process's while the app runs.
    expect(JSON.parse(readFileSync(join(home, 'profile.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
      kind: 'electron',
    });

    const invoke = electron.handlers.get('loandesk:invoke')!;
    const trusted = {
      sender: { id: 1, once: () => undefined },
      senderFrame: { url: 'http://localhost:5173/', parent: null },
    };
    expect(await invoke(trusted, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'ready' } });
    const foreign = { sender: { id: 9 }, senderFrame: { url: 'http://localhost:5173/', parent: null } };
    expect(await invoke(foreign, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'SENDER_UNTRUSTED' } });

    // Exports go through the native save dialog, attached to the window.
    expect(await invoke(trusted, 'files.capabilities', {})).toEqual({ ok: true, value: { nativeSave: true } });
    await invoke(trusted, 'setup.createDemo', {});
    expect(await invoke(trusted, 'auth.login', { username: 'auditor', password: 'demo1234' })).toMatchObject({
      ok: true,
    });
    const target = join(electron.documents, '台账-贷款-2026-12-01.csv');
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const saved = await invoke(trusted, 'files.save', {
      fileName: '台账-贷款-2026-12-01.csv',
      base64: Buffer.from('贷款编号').toString('base64'),
    });
    expect(saved).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(electron.showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ defaultPath: target, filters: [{ name: 'CSV', extensions: ['csv'] }] }),
    );
    expect(readFileSync(target, 'utf8')).toBe('贷款编号');

    // A printed document saved as PDF: the window printed on the sheet's paper, then the save dialog.
    expect(await invoke(trusted, 'prints.capabilities', {})).toEqual({ ok: true, value: { nativePdf: true } });
    const pdfTarget = join(electron.documents, '还款凭证-HQ-R0000001.pdf');
    electron.printToPDF.mockResolvedValueOnce(Buffer.from('%PDF-1.7 receipt'));
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: pdfTarget });
    expect(
      await invoke(trusted, 'prints.savePdf', { fileName: '还款凭证-HQ-R0000001.pdf', paper: 'continuous241' }),
    ).toEqual({ ok: true, value: { saved: true, path: pdfTarget } });
    expect(electron.printToPDF).toHaveBeenCalledWith(
      expect.objectContaining({ pageSize: { width: 9.5, height: 5.5 }, preferCSSPageSize: true }),
    );
    expect(electron.showSaveDialog).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ defaultPath: pdfTarget, filters: [{ name: 'PDF', extensions: ['pdf'] }] }),
    );
    expect(readFileSync(pdfTarget, 'utf8')).toBe('%PDF-1.7 receipt');

    electron.appEvents.get('before-quit')?.();
    expect(existsSync(join(home, 'profile.lock'))).toBe(false);
    rmSync(home, { recursive: true, force: true });
  });
});
