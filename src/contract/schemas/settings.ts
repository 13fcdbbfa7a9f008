/** Settings with their defaults; shared with the renderer's settings form. */
import { z } from 'zod';
import { isValidTimeZone, MAX_TIME_ZONE_CHARS } from '../../core/dates';
import { DEFAULT_RED_LINE } from '../../core/servicing/cost';

/** An annual rate as a decimal fraction string above 0 and at most 1 ("0.36"). */
const positiveRate = z
  .string()
  .regex(/^(0(\.\d{1,8})?|1(\.0{1,8})?)$/, 'RATE_FORMAT')
  .refine((v) => Number(v) > 0, 'RATE_FORMAT');

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
      /** Penalty interest stops where a loan's total cost on its actual cash flows
       *  reaches this annual rate; fixed into each contract at approval. */
      redLineAnnual: positiveRate.default(DEFAULT_RED_LINE),
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
