/** Typed settings with defaults; stored as JSON rows, validated on write and read
 *  defensively: a stored value that no longer passes the schema (an older version
 *  wrote it, or someone edited the file) falls back to its default, with a warning,
 *  so no setting can make status, login or any other call fail. */
import { settingsSchema, type Settings, type SettingsSection } from '../../../contract/schemas/settings';
import type { LocalDb } from '../../db/connection';
import { draft, emit, type EventMeta } from '../../events/store';

const SECTIONS = Object.keys(settingsSchema.shape) as SettingsSection[];
/** Each bad stored value is reported once per process, not on every call. */
const reported = new Set<string>();

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One section from its stored value: the valid fields kept, the others defaulted. */
function readSection<K extends SettingsSection>(key: K, stored: unknown): Settings[K] {
  const schema = settingsSchema.shape[key];
  const first = schema.safeParse(stored);
  if (first.success) return first.data as Settings[K];
  const fields =
    stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...(stored as Record<string, unknown>) } : {};
  for (const issue of first.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string') delete fields[field];
  }
  const second = schema.safeParse(fields);
  const report = `${key}:${JSON.stringify(stored)}`;
  if (!reported.has(report)) {
    reported.add(report);
    console.warn(`[loandesk] stored setting ${key} is not valid; its bad fields fall back to their defaults`);
  }
  return (second.success ? second.data : schema.parse(undefined)) as Settings[K];
}

/** Every section (each validated once per stored text, then shared frozen, as
 *  `readSettingsSection` does: a repayment reads the time zone several times). */
export function readSettings(db: LocalDb): Settings {
  const stored = new Map(
    (db.$client.prepare('SELECT key, value_json AS v FROM settings').all() as Array<{ key: string; v: string }>).map(
      (row) => [row.key, row.v],
    ),
  );
  const out: Partial<Record<SettingsSection, unknown>> = {};
  for (const key of SECTIONS) out[key] = sectionOf(key, stored.get(key));
  return out as Settings;
}

/** One section, read alone (the projectors read the accounting section on every
 *  loan refresh). */
export function readSettingsSection<K extends SettingsSection>(db: LocalDb, key: K): Settings[K] {
  const row = db.$client.prepare('SELECT value_json AS v FROM settings WHERE key = ?').get(key) as
    { v: string } | undefined;
  return sectionOf(key, row?.v);
}

/** The same stored text gives the same value: validated once, then shared (frozen
 *  through, so no caller can change what the next one reads). */
function sectionOf<K extends SettingsSection>(key: K, text: string | undefined): Settings[K] {
  const hit = lastRead.get(key);
  if (hit && hit.text === text) return hit.value as Settings[K];
  const value = frozen(readSection(key, text === undefined ? undefined : parseJson(text)));
  lastRead.set(key, { text, value });
  return value;
}

function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

const lastRead = new Map<SettingsSection, { text: string | undefined; value: unknown }>();

/** Records a section's new value (SettingsChanged; its projector writes the row). */
export function writeSettingsSection<K extends SettingsSection>(
  db: LocalDb,
  key: K,
  value: Settings[K],
  meta: EventMeta,
): void {
  const parsed = settingsSchema.shape[key].parse(value) as Record<string, unknown>;
  emit(db, meta, [draft('SettingsChanged', key, { section: key, value: parsed })]);
}
