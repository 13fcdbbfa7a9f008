/** The Electron layer with electron itself mocked: the window's security settings,
 *  navigation and window-open denial, the CSP, and the IPC sender check. */
import { mkdtempSync } from 'node:fs';
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
  }> = [];
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  return {
    handlers,
    windows,
    appEvents,
    onHeadersReceived: vi.fn(),
    setPermissionRequestHandler: vi.fn(),
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => electron.windows;
    webContents = { id: 1, send: vi.fn() };
    loadURL = vi.fn(async () => undefined);
    constructor(public options: Record<string, unknown>) {
      electron.windows.push(this as never);
    }
    once(_event: string, fn: () => void) {
      fn();
    }
    show() {}
  }
  return {
    app: {
      on: (event: string, fn: (...args: unknown[]) => void) => electron.appEvents.set(event, fn),
      whenReady: async () => undefined,
      getPath: () => '/unused',
      quit: vi.fn(),
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => electron.handlers.set(channel, fn),
      removeHandler: vi.fn(),
    },
    Menu: { setApplicationMenu: vi.fn() },
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
  it('opens one hardened window and answers IPC through the registry', async () => {
    process.env.LOANDESK_HOME = mkdtempSync(join(tmpdir(), 'loandesk-electron-'));
    process.env.LOANDESK_PASSPHRASE = 'electron test passphrase';
    process.env.LOANDESK_NO_KEYCHAIN = '1';
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
    await import('../index');
    await vi.waitFor(() => expect(electron.windows.length).toBe(1));
    const win = electron.windows[0]!;
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(String((win.options.webPreferences as Record<string, unknown>).preload)).toMatch(/preload\/index\.cjs$/);
    expect(electron.onHeadersReceived).toHaveBeenCalled();
    await vi.waitFor(() => expect(win.loadURL).toHaveBeenCalledWith('http://localhost:5173/'));
    const invoke = electron.handlers.get('loandesk:invoke')!;
    const trusted = { sender: { id: 1 }, senderFrame: { url: 'http://localhost:5173/', parent: null } };
    expect(await invoke(trusted, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'ready' } });
    const foreign = { sender: { id: 9 }, senderFrame: { url: 'http://localhost:5173/', parent: null } };
    expect(await invoke(foreign, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'SENDER_UNTRUSTED' } });
    electron.appEvents.get('before-quit')?.();
  });
});
