/** The window comes back where the user left it: size, position and maximised state
 *  per profile, put on a visible display when the remembered one is gone (a laptop
 *  away from its second monitor). */
import type { BrowserWindow, Rectangle } from 'electron';
import { readDesktopState, updateDesktopState, type WindowState } from './desktopState';

export const DEFAULT_WINDOW_SIZE = { width: 1366, height: 768 } as const;
export const MIN_WINDOW_SIZE = { width: 1100, height: 640 } as const;
/** A remembered window counts as on screen when this much of its top edge (where
 *  the title bar is) lies inside one display's work area. */
const VISIBLE_TITLE_BAR = { width: 120, height: 24 } as const;

export interface DisplayArea {
  workArea: Rectangle;
}

export interface WindowPlacement {
  bounds: Rectangle;
  maximized: boolean;
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function titleBarVisible(bounds: Rectangle, area: Rectangle): boolean {
  const o = overlap({ ...bounds, height: VISIBLE_TITLE_BAR.height }, area);
  return o.width >= Math.min(VISIBLE_TITLE_BAR.width, bounds.width) && o.height >= VISIBLE_TITLE_BAR.height;
}

function centred(size: { width: number; height: number }, area: Rectangle): Rectangle {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.floor((area.width - width) / 2),
    y: area.y + Math.floor((area.height - height) / 2),
    width,
    height,
  };
}

/** Where to open the window: the remembered bounds when their title bar is on some
 *  display (no larger than that display), else centred on the primary display. */
export function placeWindow(
  saved: WindowState | undefined,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
): WindowPlacement {
  if (!saved) return { bounds: centred(DEFAULT_WINDOW_SIZE, primary.workArea), maximized: false };
  const bounds = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  const home = displays.find((d) => titleBarVisible(bounds, d.workArea));
  if (!home) return { bounds: centred(bounds, primary.workArea), maximized: saved.maximized };
  const area = home.workArea;
  return {
    bounds: { ...bounds, width: Math.min(bounds.width, area.width), height: Math.min(bounds.height, area.height) },
    maximized: saved.maximized,
  };
}

/** The placement for this profile's next window. */
export function restoredPlacement(
  home: string,
  displays: readonly DisplayArea[],
  primary: DisplayArea,
): WindowPlacement {
  return placeWindow(readDesktopState(home).window, displays, primary);
}

type TrackedWindow = Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'> & {
  on: (event: 'close', listener: () => void) => unknown;
};

/** Remembers the window's normal (unmaximised) bounds and maximised state when it closes. */
export function trackWindowState(win: TrackedWindow, home: string): void {
  win.on('close', () => {
    const b = win.getNormalBounds();
    updateDesktopState(home, {
      window: {
        x: Math.round(b.x),
        y: Math.round(b.y),
        width: Math.round(b.width),
        height: Math.round(b.height),
        maximized: win.isMaximized(),
      },
    });
  });
}
