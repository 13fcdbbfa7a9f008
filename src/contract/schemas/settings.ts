/** Settings with their defaults; shared with the renderer's settings form. */
import { z } from 'zod';
import { isValidTimeZone, MAX_TIME_ZONE_CHARS } from '../../core/dates';

export const settingsSchema = z.object({
  security: z
    .object({
      idleLockMinutes: z.number().int().min(1).max(240).default(15),
      maxFailedLogins: z.number().int().min(3).max(20).default(5),
      lockoutMinutes: z.number().int().min(1).max(1440).default(15),
    })
    .prefault({}),
  lending: z
    .object({
      writeOffMinDpd: z.number().int().min(30).max(3650).default(180),
      largeCashThresholdFen: z.number().int().min(100).default(5_000_000),
    })
    .prefault({}),
  locale: z
    .object({
      defaultLanguage: z.enum(['zh-CN', 'en']).default('zh-CN'),
      timeZone: z
        .string()
        .max(MAX_TIME_ZONE_CHARS, { abort: true })
        .refine(isValidTimeZone, 'TIME_ZONE_UNKNOWN')
        .default('Asia/Shanghai'),
    })
    .prefault({}),
});
export type Settings = z.output<typeof settingsSchema>;
export type SettingsSection = keyof Settings;

/** Scheduled backups of this desktop (features/backup): every `intervalHours` into
 *  `folder`, keeping the newest `keep` generations. A setting of the desktop, not
 *  of the company: kept in its local state, never synced. */
export const backupSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    folder: z.string().max(1000).default(''),
    intervalHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    keep: z.number().int().min(1).max(365).default(7),
  })
  .prefault({});
export type BackupSettings = z.output<typeof backupSettingsSchema>;
