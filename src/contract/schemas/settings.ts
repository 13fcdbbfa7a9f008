/** Settings with their defaults; shared with the renderer's settings form. */
import { z } from 'zod';
import { isValidDate, isValidTimeZone, MAX_TIME_ZONE_CHARS } from '../../core/dates';
import { isHhmm, minutesOfDay } from '../../core/tickets/calendar';
import { CN_OFFICIAL_HOLIDAYS } from '../../core/tickets/holidays';
import { DEFAULT_SLA_RULES, hasCatchAll } from '../../core/tickets/policy';
import { DEFAULT_CANNED_REPLIES } from '../../core/tickets/canned';
import { TICKET_CATEGORIES, TICKET_PRIORITIES } from '../../core/tickets/status';
import { text } from '../../core/validation/text';

const hhmm = z.string().refine(isHhmm, 'CALENDAR_HOURS_INVALID');
const day = z.string().refine(isValidDate, 'DATE_INVALID');
/** Short codes of teams and canned replies: letters, digits, - and _. */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{1,24}$/;
const code = z.string().regex(CODE_PATTERN, 'CODE_FORMAT');
export const MAX_HOLIDAY_YEARS = 20;

function unique<T>(items: readonly T[], key: (t: T) => unknown): boolean {
  return new Set(items.map(key)).size === items.length;
}

/** Working hours: each window ends after it starts, windows in order, not overlapping. */
function hoursInOrder(hours: ReadonlyArray<{ start: string; end: string }>): boolean {
  let previousEnd = -1;
  for (const w of hours) {
    if (!isHhmm(w.start) || !isHhmm(w.end)) return true; // reported by the field itself
    const start = minutesOfDay(w.start);
    const end = minutesOfDay(w.end);
    if (end <= start || start < previousEnd) return false;
    previousEnd = end;
  }
  return true;
}

export const holidayYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: z.array(day).max(80),
    workdays: z.array(day).max(20),
  })
  .refine((y) => [...y.holidays, ...y.workdays].every((d) => d.startsWith(`${y.year}-`)), {
    message: 'CALENDAR_DATE_OUTSIDE_YEAR',
    path: ['holidays'],
  })
  .refine((y) => !y.holidays.some((d) => y.workdays.includes(d)), {
    message: 'CALENDAR_DAY_BOTH',
    path: ['workdays'],
  });

export const slaRuleSchema = z.object({
  category: z.enum(['any', ...TICKET_CATEGORIES]),
  priority: z.enum(['any', ...TICKET_PRIORITIES]),
  firstResponseMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  resolutionMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90),
  calendar: z.enum(['24x7', 'business']),
});

export const teamSchema = z.object({
  code,
  name: text('name'),
  /** Escalations of the team's tickets go to the lead. */
  leadId: z.string().uuid().nullable(),
  memberIds: z.array(z.string().uuid()).max(200),
});

export const cannedReplySchema = z.object({ code, title: text('subject'), body: text('message') });

import { DEFAULT_RED_LINE } from '../../core/servicing/cost';
import { DEFAULT_VAT_RATE, FARM_EXEMPTION_THROUGH } from '../../core/accounting/vat';

/** A tax rate as a decimal fraction string from 0 to below 1 ("0.06"). */
const vatRateText = z.string().regex(/^0(\.\d{1,6})?$/, 'RATE_FORMAT');

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
  /** What the documents a branch hands out say and how they print: the receipts'
   *  paper (A4, or the 241 mm continuous forms of a dot-matrix printer: 241 x 140 mm),
   *  and on an overdue notice how and where to pay and the days given to pay. */
  documents: z
    .object({
      receiptPaper: z.enum(['a4', 'continuous241']).default('a4'),
      payeeName: text('name', { min: 0 }).default(''),
      payeeAccount: z
        .string()
        .trim()
        .max(40)
        .regex(/^[0-9 -]*$/, 'ACCOUNT_NUMBER_FORMAT')
        .default(''),
      payeeBank: text('name', { min: 0 }).default(''),
      counterAddress: text('address', { min: 0 }).default(''),
      servicePhone: z
        .string()
        .trim()
        .max(40)
        .regex(/^[0-9 +()-]*$/, 'PHONE_FORMAT')
        .default(''),
      noticePayWithinDays: z.number().int().min(1).max(60).default(7),
    })
    .prefault({}),
  /** The business calendar SLA clocks on business hours run on (the time zone is
   *  locale.timeZone): working weekdays, working hours, and per year the official
   *  holidays and make-up working days (the 2026 State Council list by default). */
  calendar: z
    .object({
      workdays: z
        .array(z.number().int().min(1).max(7))
        .min(1)
        .max(7)
        .refine((d) => unique(d, (x) => x), 'CALENDAR_DAY_DUPLICATE')
        .default([1, 2, 3, 4, 5]),
      hours: z
        .array(z.object({ start: hhmm, end: hhmm }))
        .min(1)
        .max(4)
        .refine(hoursInOrder, 'CALENDAR_HOURS_INVALID')
        .default([
          { start: '09:00', end: '12:00' },
          { start: '13:00', end: '18:00' },
        ]),
      years: z
        .array(holidayYearSchema)
        .max(MAX_HOLIDAY_YEARS)
        .refine((ys) => unique(ys, (y) => y.year), 'CALENDAR_YEAR_DUPLICATE')
        .default(() =>
          CN_OFFICIAL_HOLIDAYS.map((y) => ({ ...y, holidays: [...y.holidays], workdays: [...y.workdays] })),
        ),
    })
    .prefault({}),
  /** Customer service: teams, SLA policies (first match wins, the last matches all),
   *  canned replies, and the days after which a resolved ticket closes by itself. */
  service: z
    .object({
      autoCloseDays: z.number().int().min(1).max(90).default(7),
      teams: z
        .array(teamSchema)
        .max(50)
        .refine((ts) => unique(ts, (t) => t.code), 'TEAM_CODE_DUPLICATE')
        .default([{ code: 'CS', name: '客服中心', leadId: null, memberIds: [] }]),
      policies: z
        .array(slaRuleSchema)
        .min(1)
        .max(60)
        .refine(hasCatchAll, 'SLA_POLICY_CATCH_ALL')
        .default(() => DEFAULT_SLA_RULES.map((r) => ({ ...r }))),
      cannedReplies: z
        .array(cannedReplySchema)
        .max(100)
        .refine((cs) => unique(cs, (c) => c.code), 'CANNED_CODE_DUPLICATE')
        .default(() => DEFAULT_CANNED_REPLIES.map((c) => ({ ...c }))),
    })
    .prefault({}),
  /** The books: when a loan stops accruing, and how its income is taxed (DOMAIN.md
   *  "VAT on lending income"; docs/calculations.md). */
  accounting: z
    .object({
      /** A loan more than this many days past due stops accruing (非应计) until it is
       *  brought current (Chinese lenders' practice: 90). */
      nonAccrualDpd: z.number().int().min(1).max(3650).default(90),
      /** 6 % general taxpayer, 3 % small-scale taxpayer. */
      vatRate: vatRateText.default(DEFAULT_VAT_RATE),
      /** 财税〔2016〕36号 attachment 3 article 4: interest accrued more than 90 days
       *  after its settlement date bears VAT when received. */
      vatDeferral90: z.boolean().default(true),
      /** Surcharges on the VAT (accrued at each month-end close). */
      surchargesEnabled: z.boolean().default(false),
      urbanMaintenanceRate: vatRateText.default('0.07'),
      educationRate: vatRateText.default('0.03'),
      localEducationRate: vatRateText.default('0.02'),
      /** The company is a microloan company approved by its provincial regulator, so
       *  its farm-household small loans are VAT-exempt (公告2023年第54号) through: */
      farmExemptionApproved: z.boolean().default(false),
      farmExemptionThrough: day.default(FARM_EXEMPTION_THROUGH),
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
