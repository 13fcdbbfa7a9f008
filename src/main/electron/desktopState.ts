/** What the desktop remembers per profile, beside the database: the window's place
 *  and the folder the last file was saved to (desktop-state.json in the profile
 *  folder). A missing or damaged file is an empty state, never an error. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const DESKTOP_STATE_FILE = 'desktop-state.json';

const pixels = z.number().int().min(-100_000).max(100_000);
const windowStateSchema = z.object({
  x: pixels,
  y: pixels,
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean(),
});
const desktopStateSchema = z.object({
  window: windowStateSchema.optional().catch(undefined),
  saveFolder: z.string().min(1).max(4096).optional().catch(undefined),
});

export type WindowState = z.infer<typeof windowStateSchema>;
export type DesktopState = z.infer<typeof desktopStateSchema>;

export function readDesktopState(home: string): DesktopState {
  try {
    const parsed = desktopStateSchema.safeParse(JSON.parse(readFileSync(join(home, DESKTOP_STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Merges `patch` into the stored state (written aside, then renamed into place). */
export function updateDesktopState(home: string, patch: Partial<DesktopState>): void {
  const next = { ...readDesktopState(home), ...patch };
  mkdirSync(home, { recursive: true });
  const file = join(home, DESKTOP_STATE_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
