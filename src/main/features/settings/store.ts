/** Typed settings with defaults; stored as JSON rows, validated on read and write. */
import { settingsSchema, type Settings, type SettingsSection } from './schema';
import { settings } from '../../db/schema';
import type { LocalDb } from '../../db/connection';

export function readSettings(db: LocalDb): Settings {
  const rows = db.select().from(settings).all();
  const raw: Record<string, unknown> = {};
  for (const row of rows) raw[row.key] = JSON.parse(row.valueJson);
  return settingsSchema.parse(raw);
}

export function writeSettingsSection<K extends SettingsSection>(
  db: LocalDb,
  key: K,
  value: Settings[K],
  at: string,
): void {
  const parsed = settingsSchema.shape[key].parse(value);
  db.insert(settings)
    .values({ key, valueJson: JSON.stringify(parsed), updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { valueJson: JSON.stringify(parsed), updatedAt: at } })
    .run();
}
