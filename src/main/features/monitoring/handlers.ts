/** The dashboards' read API, one method per panel, each with its own permission:
 *  managers see the whole book, officers their own, auditors the exceptions,
 *  administrators the system's health. Reports (annualized rate, classification)
 *  and the export of any table shown. */
import { z } from 'zod';
import { statSync } from 'node:fs';
import { handler, type Ctx } from '../../api/handler';
import type { LocalDb } from '../../db/connection';
import { DomainError } from '../../../core/errors';
import { healthChecks } from '../../../core/monitoring';
import { currentBusinessDate, lastClosedDate } from '../eod/businessDate';
import { readSettings } from '../settings/store';
import { productConfig } from '../../../contract/schemas/products';
import { tableWorkbook } from '../ledger/export';
import { ensureSummaries } from './summaries';
import {
  auditByDay,
  exceptionsPanel,
  officerPanel,
  operationsPanel,
  portfolioPanel,
  reconciliationNow,
  riskPanel,
  type Env,
} from './charts';
import { classificationReport, productCapCheck, rateCapReport } from './reports';
import { chartFilter, exportTableInput } from './schemas';
import { backupRunsOf } from '../backup/schedule';
import { readBackupSettings } from '../backup/settings';

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The summaries brought up to date, and the moment the figures are for. */
async function prepare(ctx: Ctx): Promise<{ db: LocalDb; env: Env }> {
  const db = ctx.db;
  const now = ctx.now();
  const businessDate = currentBusinessDate(db, now);
  await ensureSummaries(db, businessDate, { yieldBetweenBatches: yieldToOthers });
  return {
    db,
    env: { now, businessDate, lastClosedDay: lastClosedDate(db), timeZone: readSettings(db).locale.timeZone },
  };
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export const monitoringHandlers = {
  'monitoring.options': handler({
    input: z.object({}).optional(),
    access: 'session',
    kind: 'read',
    passive: true,
    run: (ctx) => {
      const c = ctx.db.$client;
      return {
        branches: c.prepare('SELECT id, code, name FROM branches ORDER BY code').all() as Array<{
          id: string;
          code: string;
          name: string;
        }>,
        products: c.prepare('SELECT id, code, name FROM products ORDER BY code').all() as Array<{
          id: string;
          code: string;
          name: string;
        }>,
        officers: c
          .prepare(
            "SELECT id, display_name AS name, branch_id AS branchId FROM users WHERE role IN ('loan_officer', 'manager') ORDER BY username",
          )
          .all() as Array<{ id: string; name: string; branchId: string | null }>,
      };
    },
  }),
  'monitoring.portfolio': handler({
    input: chartFilter,
    access: 'monitoring.portfolio',
    kind: 'read',
    passive: true,
    run: async (ctx, input) => {
      const { db, env } = await prepare(ctx);
      return portfolioPanel(db, input, env);
    },
  }),
  'monitoring.risk': handler({
    input: chartFilter,
    access: 'monitoring.portfolio',
    kind: 'read',
    passive: true,
    run: async (ctx, input) => {
      const { db, env } = await prepare(ctx);
      return riskPanel(db, input, env);
    },
  }),
  'monitoring.operations': handler({
    input: chartFilter,
    access: 'monitoring.portfolio',
    kind: 'read',
    passive: true,
    run: async (ctx, input) => {
      const { db, env } = await prepare(ctx);
      return operationsPanel(db, input, env);
    },
  }),
  'monitoring.officer': handler({
    input: chartFilter,
    access: 'monitoring.own',
    kind: 'read',
    passive: true,
    run: async (ctx, input) => {
      const session = ctx.requireSession();
      if (input.officerId && input.officerId !== session.userId)
        throw new DomainError('PERMISSION_DENIED', { permission: 'monitoring.portfolio' });
      const { db, env } = await prepare(ctx);
      return officerPanel(db, session.userId, input, env);
    },
  }),
  'monitoring.exceptions': handler({
    input: chartFilter,
    access: 'monitoring.exceptions',
    kind: 'read',
    passive: true,
    run: async (ctx, input) => {
      const { db, env } = await prepare(ctx);
      return exceptionsPanel(db, input, env);
    },
  }),
  'monitoring.system': handler({
    input: z.object({ days: z.number().int().min(7).max(365).default(30) }).prefault({}),
    access: 'monitoring.system',
    kind: 'read',
    passive: true,
    run: (ctx, input) => {
      const db = ctx.db;
      const c = db.$client;
      const now = ctx.now();
      const settings = readSettings(db);
      const businessDate = currentBusinessDate(db, now);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: settings.locale.timeZone }).format(now);
      const pageSize = c.pragma('page_size', { simple: true }) as number;
      const pages = c.pragma('page_count', { simple: true }) as number;
      const free = c.pragma('freelist_count', { simple: true }) as number;
      const eodRuns = (
        c
          .prepare(
            'SELECT business_date AS date, status, loans_total AS loans, started_at AS startedAt, finished_at AS finishedAt FROM eod_runs ORDER BY business_date DESC LIMIT ?',
          )
          .all(input.days) as Array<{
          date: string;
          status: string;
          loans: number;
          startedAt: string;
          finishedAt: string | null;
        }>
      )
        .map((r) => ({
          ...r,
          seconds: r.finishedAt
            ? Math.max(0, Math.round((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000))
            : null,
        }))
        .reverse();
      const from = new Date(now.getTime() - (input.days - 1) * 86_400_000);
      const fromDate = new Intl.DateTimeFormat('en-CA', { timeZone: settings.locale.timeZone }).format(from);
      const errors = auditByDay(db, fromDate, today, settings.locale.timeZone);
      const since = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
      const count = (sql: string, ...args: string[]) => (c.prepare(sql).get(...args) as { n: number }).n;
      const failedLast7 = count("SELECT count(*) AS n FROM audit_log WHERE outcome = 'failed' AND at >= ?", since(7));
      const failedPrevious7 = count(
        "SELECT count(*) AS n FROM audit_log WHERE outcome = 'failed' AND at >= ? AND at < ?",
        since(14),
        since(7),
      );
      const deniedLast7 = count("SELECT count(*) AS n FROM audit_log WHERE outcome = 'denied' AND at >= ?", since(7));
      const lastRun = c.prepare('SELECT outcome, at FROM backup_runs ORDER BY at DESC LIMIT 1').get() as
        { outcome: string; at: string } | undefined;
      const runs = backupRunsOf(ctx.app);
      const lastEod = eodRuns.filter((r) => r.seconds !== null).at(-1);
      const recon = reconciliationNow(db);
      const file = c.name;
      const database = {
        file,
        bytes: pageSize * pages,
        fileBytes: fileBytes(file),
        walBytes: fileBytes(`${file}-wal`),
        freeBytes: pageSize * free,
        tables: (
          c
            .prepare(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('loans', 'journal_lines', 'audit_log', 'events', 'customers')",
            )
            .all() as Array<{ name: string }>
        ).map((t) => ({ name: t.name, rows: count(`SELECT count(*) AS n FROM "${t.name}"`) })),
      };
      const backupSettings = readBackupSettings(db);
      const checks = healthChecks({
        today,
        businessDate,
        lastClosedDay: lastClosedDate(db),
        hasLoans: count("SELECT count(*) AS n FROM loans WHERE status = 'active'") > 0,
        databaseBytes: database.bytes,
        walBytes: database.walBytes,
        freeBytes: database.freeBytes,
        failedLast7,
        failedPrevious7,
        deniedLast7,
        lastEodMinutes: lastEod ? Math.round(lastEod.seconds! / 60) : null,
        backupFolder: backupSettings.folder || null,
        backupEnabled: backupSettings.enabled,
        lastBackupAt: runs.lastOkAt,
        lastBackupFailed: lastRun?.outcome === 'failed',
        backupIntervalHours: backupSettings.intervalHours,
        nowMs: now.getTime(),
        reconciliationDifferenceFen: recon.loanLedgerPrincipalFen - recon.control1303Fen,
        eodInterrupted: eodRuns.some((r) => r.status === 'running'),
      });
      return {
        asOf: { computedAt: now.toISOString(), businessDate, lastClosedDay: lastClosedDate(db) },
        checks,
        database,
        eodRuns,
        errors,
        backup: { ...backupSettings, lastOkAt: runs.lastOkAt, lastAttemptFailed: lastRun?.outcome === 'failed' },
      };
    },
  }),
  'reports.rateCap': handler({
    input: z.object({}).optional(),
    access: 'monitoring.exceptions',
    kind: 'read',
    run: (ctx) => ({ businessDate: currentBusinessDate(ctx.db, ctx.now()), ...rateCapReport(ctx.db) }),
  }),
  'reports.productCapCheck': handler({
    input: z.object({ productId: z.string().uuid().optional(), config: productConfig }),
    access: 'products.manage',
    kind: 'read',
    run: (ctx, input) => productCapCheck(ctx.db, input.productId, input.config, currentBusinessDate(ctx.db, ctx.now())),
  }),
  'reports.classification': handler({
    input: z.object({}).optional(),
    access: 'monitoring.exceptions',
    kind: 'read',
    run: (ctx) => ({ businessDate: currentBusinessDate(ctx.db, ctx.now()), ...classificationReport(ctx.db) }),
  }),
  'monitoring.exportTable': handler({
    input: exportTableInput,
    access: 'session',
    kind: 'write',
    run: async (ctx, input) => {
      const data = await tableWorkbook(input);
      ctx.write(() => undefined, {
        summary: { fileName: input.fileName, sheet: input.sheet, rows: input.rows.length },
      });
      return {
        fileName: `${input.fileName}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: data.toString('base64'),
        rows: input.rows.length,
      };
    },
  }),
};
