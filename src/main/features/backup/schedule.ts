/** Scheduled backups: while the app runs, a backup is made into the admin's
 *  folder whenever the last successful one is older than the interval. A failed
 *  attempt is recorded (the health page shows it) and retried after a pause. */
import type { AppCore } from '../../app';
import { appendAudit } from '../../security/audit';
import { DomainError } from '../../../core/errors';
import { backupIntoFolder } from './backup';
import { readBackupSettings } from './settings';
import type { BackupSettings } from '../../../contract/schemas/settings';

export const CHECK_EVERY_MS = 60_000;
/** After a failure, the next attempt waits this long (not every minute). */
export const RETRY_AFTER_MS = 30 * 60_000;

export interface BackupRuns {
  lastOkAt: string | null;
  lastAttemptAt: string | null;
}

/** Whether a scheduled backup is due now. */
export function backupDue(settings: BackupSettings, runs: BackupRuns, nowMs: number): boolean {
  if (!settings.enabled || !settings.folder) return false;
  if (
    runs.lastAttemptAt &&
    nowMs - Date.parse(runs.lastAttemptAt) < RETRY_AFTER_MS &&
    runs.lastAttemptAt !== runs.lastOkAt
  )
    return false;
  return !runs.lastOkAt || nowMs - Date.parse(runs.lastOkAt) >= settings.intervalHours * 3_600_000;
}

export function backupRunsOf(app: AppCore): BackupRuns {
  const row = app
    .db()
    .$client.prepare(
      "SELECT max(CASE WHEN outcome = 'ok' THEN at END) AS lastOkAt, max(at) AS lastAttemptAt FROM backup_runs",
    )
    .get() as BackupRuns;
  return row;
}

/** Makes the scheduled backup if one is due; answers what it did. */
export function runDueBackup(app: AppCore): { file: string } | { error: string } | null {
  const vault = app.vault();
  if (vault.kind !== 'ready') return null;
  const settings = readBackupSettings(vault.db);
  const now = app.now();
  if (!backupDue(settings, backupRunsOf(app), now.getTime())) return null;
  const audit = (outcome: 'ok' | 'failed', summary: unknown) =>
    vault.db.transaction(() =>
      appendAudit(vault.db, {
        userId: null,
        username: 'system',
        deviceId: vault.profile.deviceId,
        action: 'backup.scheduled',
        summary,
        outcome,
        at: now.toISOString(),
      }),
    );
  try {
    const result = backupIntoFolder(
      { db: vault.db, profile: vault.profile, home: app.home, now },
      { folder: settings.folder, keep: settings.keep, kind: 'scheduled', actorId: null },
    );
    audit('ok', { file: result.file, bytes: result.bytes, sha256: result.sha256, pruned: result.pruned.length });
    return { file: result.file };
  } catch (e) {
    const code = e instanceof DomainError ? e.code : 'INTERNAL';
    audit('failed', { folder: settings.folder, error: code });
    return { error: code };
  }
}

/** Checks every minute; the timer does not keep the process alive. */
export function startBackupScheduler(app: AppCore, everyMs = CHECK_EVERY_MS): () => void {
  const timer = setInterval(() => {
    try {
      runDueBackup(app);
    } catch (e) {
      console.error('[loandesk] scheduled backup', e);
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
