/** Electron entry: one hardened window per profile over the same app core as browser
 *  mode, with the standard Edit menu, the window placed where the user left it, and
 *  native save dialogs for exports and documents, and print to PDF for the printed
 *  documents. */
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './app';
import { profileHome } from './paths';
import { openKeychain } from './security/keychain';
import { hardenWebContents, installCsp, secureWebPreferences } from './electron/window';
import { registerIpc } from './electron/ipc';
import { menuLanguage, menuTemplate } from './electron/menu';
import { claimSingleInstance } from './electron/singleInstance';
import { MIN_WINDOW_SIZE, restoredPlacement, trackWindowState } from './electron/windowState';
import { nativeSaveFile } from './electron/saveDialog';
import { nativePrintToPdf } from './electron/printPdf';
import { startBackupScheduler } from './features/backup/schedule';
import { startSyncScheduler } from './features/sync/scheduler';

const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
// The same profile folder as browser mode and the CLI. Chromium's data and the
// single-instance lock follow it, so "one instance" means one per profile.
const home = profileHome(process.env);
app.setPath('userData', home);
let mainWindow: BrowserWindow | null = null;

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, rendererUrl));
app.on('window-all-closed', () => app.quit());

async function main(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        isDev: !app.isPackaged,
        language: menuLanguage(app.getLocale()),
        appName: app.getName(),
      }),
    ),
  );
  installCsp(session.defaultSession);
  const saveFile = nativeSaveFile({
    home,
    documentsFolder: app.getPath('documents'),
    showSaveDialog: (options) =>
      mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
  });
  const printToPdf = nativePrintToPdf({
    printToPDF: (options) =>
      mainWindow ? mainWindow.webContents.printToPDF(options) : Promise.reject(new Error('no window to print')),
  });
  const core = await createApp({
    home,
    keychain: await openKeychain(),
    passphrase: process.env.LOANDESK_PASSPHRASE,
    processKind: 'electron',
    host: { saveFile, printToPdf },
    schedulerIntervalMs: 60_000,
  });
  app.on('before-quit', () => core.close());
  startBackupScheduler(core);
  startSyncScheduler(core);
  registerIpc(ipcMain, core, rendererUrl, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  const placement = restoredPlacement(home, screen.getAllDisplays(), screen.getPrimaryDisplay());
  const win = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    // Windows and Linux: the Edit menu's shortcuts work, the bar shows on Alt.
    autoHideMenuBar: process.platform !== 'darwin',
    title: 'LoanDesk 小贷台账',
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  mainWindow = win;
  if (placement.maximized) win.maximize();
  trackWindowState(win, home);
  win.on('closed', () => {
    mainWindow = null;
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(rendererUrl);
}

// A second start on this profile focuses the running window and quits.
if (claimSingleInstance(app, () => mainWindow)) void main();
else app.quit();
