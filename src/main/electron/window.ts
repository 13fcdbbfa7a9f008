/** The hardened BrowserWindow: isolated, sandboxed, no Node in the renderer, a
 *  strict CSP, no navigation, no new windows, and IPC only from our own frame. */
import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../transports/http';

export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** True when `url` is the renderer we loaded (file:// build or the dev server). */
export function isAppUrl(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(rendererUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

export function hardenWebContents(contents: WebContents, rendererUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function installCsp(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

/** IPC is answered only for the main frame of a window we created. */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  rendererUrl: string,
  trustedIds: ReadonlySet<number>,
): boolean {
  const frame = event.senderFrame;
  return trustedIds.has(event.sender.id) && frame !== null && frame.parent === null && isAppUrl(frame.url, rendererUrl);
}
