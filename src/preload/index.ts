/** The renderer's only door to the main process: `invoke` and `subscribe`. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('loandesk', {
  invoke: (method: string, input: unknown) => ipcRenderer.invoke('loandesk:invoke', method, input),
  subscribe: (listener: (event: unknown) => void) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on('loandesk:push', wrapped);
    return () => ipcRenderer.removeListener('loandesk:push', wrapped);
  },
});
