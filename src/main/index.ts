/** Electron entry: one hardened window over the same app core as browser mode. */
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './app';
import { openKeychain } from './security/keychain';
import { hardenWebContents, installCsp, secureWebPreferences } from './electron/window';
import { registerIpc } from './electron/ipc';
import { startBackupScheduler } from './features/backup/schedule';

const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererUrl));
app.on('window-all-closed', () => app.quit());

async function main(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  installCsp(session.defaultSession);
  const home = process.env.LOANDESK_HOME ?? app.getPath('userData');
  const core = await createApp({ home, keychain: await openKeychain(), passphrase: process.env.LOANDESK_PASSPHRASE });
  startBackupScheduler(core);
  registerIpc(ipcMain, core, rendererUrl, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1100,
    minHeight: 640,
    title: 'LoanDesk 小贷台账',
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(rendererUrl);
  app.on('before-quit', () => core.close());
}

void main();
