/** Electron's transport: one invoke channel and one push channel. The session id
 *  the main process issues at login is kept here, per window, and never reaches
 *  the renderer: a window is its own credential. */
import type { IpcMain, WebContents } from 'electron';
import type { AppCore } from '../app';
import { isTrustedSender } from './window';

export const INVOKE_CHANNEL = 'loandesk:invoke';
export const PUSH_CHANNEL = 'loandesk:push';

export function registerIpc(
  ipcMain: IpcMain,
  app: AppCore,
  rendererUrl: string,
  windows: () => WebContents[],
): () => void {
  const sessionOf = new Map<number, string>();
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    const trusted = new Set(windows().map((w) => w.id));
    if (!isTrustedSender(event, rendererUrl, trusted))
      return { ok: false, error: { code: 'SENDER_UNTRUSTED', details: {} } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'METHOD_UNKNOWN', details: {} } };
    const sender = event.sender;
    const { session, ...result } = await app.dispatch(method, input, sessionOf.get(sender.id) ?? null);
    if (session && 'issued' in session) {
      if (!sessionOf.has(sender.id)) sender.once('destroyed', () => forget(sender.id));
      sessionOf.set(sender.id, session.issued);
    } else if (session) sessionOf.delete(sender.id);
    return result;
  });
  /** A closed window's session ends with it. */
  const forget = (id: number) => {
    const sessionId = sessionOf.get(id);
    if (sessionId) app.sessions.delete(sessionId);
    sessionOf.delete(id);
  };
  const off = app.onPush((message) => {
    for (const contents of windows()) contents.send(PUSH_CHANNEL, message);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    off();
  };
}
