/** Backup and restore for the administrator: the schedule (folder, interval,
 *  generations kept), the backup passphrase, a backup now, checking a file, and
 *  restoring one into a new profile folder after verification. */
import { z } from 'zod';
import { text } from '../../../core/validation/text';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { handler, type Ctx } from '../../api/handler';
import { DomainError } from '../../../core/errors';
import { MIN_PASSPHRASE_LENGTH } from '../../security/keywrap';
import { backupIntoFolder, listBackups, readBackupKey, setBackupPassphrase, verifyBackupFile } from './backup';
import { restoreBackup } from './restore';
import { backupRunsOf } from './schedule';
import { readBackupSettings, writeBackupSettings } from './settings';
import { backupSettingsSchema } from '../../../contract/schemas/settings';

const path = text('path');

/** A path on this computer must be absolute (a relative one depends on where the app runs). */
function requireAbsolute(value: string, field: string): string {
  if (!isAbsolute(value)) throw new DomainError('PATH_NOT_ABSOLUTE', { field, folder: value });
  return value;
}

function requireBackupFile(value: string, field = 'file'): string {
  requireAbsolute(value, field);
  if (!value.endsWith('.ldbackup')) throw new DomainError('BACKUP_PATH_INVALID', { field });
  return value;
}

function ready(ctx: Ctx) {
  const vault = ctx.app.vault();
  if (vault.kind !== 'ready') throw new DomainError('APP_LOCKED');
  return vault;
}

/** The folder exists (or is created) and a file can be written in it. */
function checkFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true });
    const probe = join(folder, `.loandesk-probe-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, '');
    rmSync(probe);
    accessSync(folder, constants.W_OK);
  } catch {
    throw new DomainError('BACKUP_FOLDER_UNWRITABLE', { field: 'folder', folder });
  }
}

export const backupHandlers = {
  'backup.status': handler({
    input: z.object({}).optional(),
    access: 'backup.manage',
    kind: 'read',
    run: (ctx) => {
      const settings = readBackupSettings(ctx.db);
      const runs = ctx.db.$client.prepare('SELECT * FROM backup_runs ORDER BY at DESC LIMIT 20').all() as Array<{
        id: string;
        at: string;
        kind: string;
        file: string;
        bytes: number;
        sha256: string;
        duration_ms: number;
        outcome: string;
        error: string | null;
      }>;
      const last = backupRunsOf(ctx.app);
      return {
        settings,
        passphraseSet: readBackupKey(ctx.app.home) !== null,
        runs: runs.map((r) => ({
          id: r.id,
          at: r.at,
          kind: r.kind,
          file: r.file,
          bytes: r.bytes,
          sha256: r.sha256,
          durationMs: r.duration_ms,
          outcome: r.outcome,
          error: r.error,
        })),
        files: settings.folder ? listBackups(settings.folder) : [],
        lastOkAt: last.lastOkAt,
        nextDueAt:
          settings.enabled && settings.folder
            ? last.lastOkAt
              ? new Date(Date.parse(last.lastOkAt) + settings.intervalHours * 3_600_000).toISOString()
              : ctx.now().toISOString()
            : null,
      };
    },
  }),
  'backup.configure': handler({
    input: backupSettingsSchema.unwrap().extend({ folder: text('path', { min: 0 }) }),
    access: 'backup.manage',
    kind: 'write',
    run: (ctx, input) => {
      if (input.folder && !isAbsolute(input.folder))
        throw new DomainError('PATH_NOT_ABSOLUTE', { field: 'folder', folder: input.folder });
      if (input.enabled && !input.folder) throw new DomainError('BACKUP_FOLDER_UNSET', { field: 'folder' });
      if (input.folder) checkFolder(input.folder);
      ctx.write((db) => writeBackupSettings(db, input, ctx.now().toISOString()));
      return readBackupSettings(ctx.db);
    },
  }),
  'backup.setPassphrase': handler({
    input: z
      .object({ passphrase: z.string().min(MIN_PASSPHRASE_LENGTH).max(200), confirm: z.string().max(200) })
      .refine((v) => v.passphrase === v.confirm, { path: ['confirm'], message: 'PASSPHRASE_MISMATCH' }),
    access: 'backup.manage',
    kind: 'write',
    run: async (ctx, input) => {
      const vault = ready(ctx);
      await setBackupPassphrase(ctx.app.home, vault.key, input.passphrase);
      ctx.write(() => undefined, { summary: { set: true } });
      return { passphraseSet: true };
    },
  }),
  'backup.run': handler({
    input: z.object({}).optional(),
    access: 'backup.manage',
    kind: 'write',
    run: (ctx) => {
      const vault = ready(ctx);
      const session = ctx.requireSession();
      const settings = readBackupSettings(ctx.db);
      const result = backupIntoFolder(
        { db: vault.db, profile: vault.profile, home: ctx.app.home, now: ctx.now() },
        { folder: settings.folder, keep: settings.keep, kind: 'manual', actorId: session.userId },
      );
      ctx.write(() => undefined, {
        summary: { file: result.file, bytes: result.bytes, sha256: result.sha256, pruned: result.pruned.length },
      });
      return result;
    },
  }),
  'backup.verify': handler({
    input: z.object({ file: path }),
    access: 'backup.manage',
    kind: 'read',
    run: (_ctx, input) => {
      const manifest = verifyBackupFile(requireBackupFile(input.file));
      return {
        ok: true,
        createdAt: manifest.createdAt,
        profileId: manifest.profileId,
        organisation: manifest.organisation,
        businessDate: manifest.businessDate,
        migrations: manifest.schema.migrations,
        databaseBytes: manifest.database.bytes,
        hasPassphraseKey: manifest.wrappedKey !== null,
      };
    },
  }),
  'backup.restore': handler({
    input: z.object({
      file: path,
      into: path,
      backupPassphrase: z.string().max(200).optional(),
      newPassphrase: z.string().min(MIN_PASSPHRASE_LENGTH).max(200).optional(),
    }),
    access: 'backup.manage',
    kind: 'write',
    run: async (ctx, input) => {
      const vault = ready(ctx);
      const report = await restoreBackup({
        file: requireBackupFile(input.file),
        into: requireAbsolute(input.into, 'into'),
        currentKey: vault.key,
        backupPassphrase: input.backupPassphrase || undefined,
        newPassphrase: input.newPassphrase,
        keychain: ctx.app.keychain,
        now: ctx.now(),
      });
      ctx.write(() => undefined, {
        summary: { file: input.file, into: input.into, profileId: report.profileId, checks: report.checks },
      });
      return report;
    },
  }),
};
