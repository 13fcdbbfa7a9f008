/** Typed settings with defaults; stored as JSON rows, validated on read and write. */
import { z } from 'zod';
import { settings } from '../../db/schema';
import type { LocalDb } from '../../db/connection';

export const settingsSchema = z.object({
  security: z
    .object({
      idleLockMinutes: z.number().int().min(1).max(240).default(15),
      maxFailedLogins: z.number().int().min(3).max(20).default(5),
      lockoutMinutes: z.number().int().min(1).max(1440).default(15),
    })
    .prefault({}),
  locale: z
    .object({
      defaultLanguage: z.enum(['zh-CN', 'en']).default('zh-CN'),
      timeZone: z.string().min(1).default('Asia/Shanghai'),
    })
    .prefault({}),
});
export type Settings = z.output<typeof settingsSchema>;
export type SettingsSection = keyof Settings;

export function readSettings(db: LocalDb): Settings {
  const rows = db.select().from(settings).all();
  const raw: Record<string, unknown> = {};
  for (const row of rows) raw[row.key] = JSON.parse(row.valueJson);
  return settingsSchema.parse(raw);
}

export function writeSettingsSection<K extends SettingsSection>(db: LocalDb, key: K, value: Settings[K], at: string): void {
  const parsed = settingsSchema.shape[key].parse(value);
  db.insert(settings)
    .values({ key, valueJson: JSON.stringify(parsed), updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { valueJson: JSON.stringify(parsed), updatedAt: at } })
    .run();
}
