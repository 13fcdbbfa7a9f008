/** This desktop's backup schedule, kept in its local state (a folder on one
 *  desktop means nothing on another, so it is not a company setting). */
import type { LocalDb } from '../../db/connection';
import { backupSettingsSchema, type BackupSettings } from '../../../contract/schemas/settings';

const KEY = 'backup.settings';

export function readBackupSettings(db: LocalDb): BackupSettings {
  const row = db.$client.prepare('SELECT value_json AS v FROM local_state WHERE key = ?').get(KEY) as
    { v: string } | undefined;
  const parsed = backupSettingsSchema.safeParse(row ? (JSON.parse(row.v) as unknown) : undefined);
  return parsed.success ? parsed.data : backupSettingsSchema.parse(undefined);
}

export function writeBackupSettings(db: LocalDb, value: BackupSettings, at: string): void {
  db.$client
    .prepare(
      'INSERT INTO local_state (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at',
    )
    .run(KEY, JSON.stringify(backupSettingsSchema.parse(value)), at);
}
