/** Electron's transport: one invoke channel and one push channel. */
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
  ipcMain.handle(INVOKE_CHANNEL, async (event, method: unknown, input: unknown) => {
    const trusted = new Set(windows().map((w) => w.id));
    if (!isTrustedSender(event, rendererUrl, trusted))
      return { ok: false, error: { code: 'SENDER_UNTRUSTED', details: {} } };
    if (typeof method !== 'string') return { ok: false, error: { code: 'METHOD_UNKNOWN', details: {} } };
    return app.dispatch(method, input, `ipc:${event.sender.id}`);
  });
  const off = app.onPush((message) => {
    for (const contents of windows()) contents.send(PUSH_CHANNEL, message);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    off();
  };
}
