/** One LoanDesk window per profile: a second start hands over to the running one,
 *  which comes to the front, and quits. Electron's single-instance lock is per
 *  userData folder, which index.ts points at the profile folder. */
import type { App, BrowserWindow } from 'electron';

type FocusableWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>;

/** Brings `win` to the front: restored if minimised, shown if hidden. */
export function focusWindow(win: FocusableWindow | null): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}

/** True when this process is the profile's first instance; it then focuses its
 *  window whenever another start on the same profile is attempted. */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock'> & { on: (event: 'second-instance', listener: () => void) => unknown },
  mainWindow: () => FocusableWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => focusWindow(mainWindow()));
  return true;
}
