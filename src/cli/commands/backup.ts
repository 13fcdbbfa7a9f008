/** `loandesk backup --out FILE` and `loandesk restore --from FILE --into DIR`.
 *  A backup is an encrypted, self-checking snapshot of the profile's database
 *  (features/backup). A restore builds a new profile in DIR only after every
 *  check passed; a corrupted or foreign backup (or one that fails verification)
 *  exits 2 with its code and leaves nothing behind. Keys: the profile in
 *  LOANDESK_HOME (keychain or LOANDESK_PASSPHRASE) is tried first, then the key
 *  the backup carries, with LOANDESK_BACKUP_PASSPHRASE. The new profile keeps its
 *  key in the keychain, or wrapped with LOANDESK_PASSPHRASE (else the backup
 *  passphrase). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, requiredFlag } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../types';
import { openHeadless } from '../../main/headless';
import { openForExport } from './readBeside';
import { profileHome } from '../../main/paths';
import { openKeychain } from '../../main/security/keychain';
import { DomainError } from '../../core/errors';
import { createBackup } from '../../main/features/backup/backup';
import { restoreBackup } from '../../main/features/backup/restore';
import { auditCli } from './eod';

const EXIT_REFUSED = 2;

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'encrypted backup of the local database (a consistent snapshot, safe while the app runs)',
  usage: 'loandesk backup --out FILE [--json]\nThe file is never overwritten. Output: { "file", "bytes", "sha256" }.',
  async run(argv, io) {
    const args = parseArgs(argv, ['out']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const out = resolve(requiredFlag(args, 'out'));
    const opened = await openForExport(io, 'backup');
    const { db, deviceId, profile, home } = opened;
    try {
      const result = createBackup({ db, profile, home, now: new Date() }, out);
      if (opened.access === 'write') {
        db.$client
          .prepare(
            `INSERT INTO backup_runs (id, at, kind, file, bytes, sha256, duration_ms, outcome, actor_id)
           VALUES (lower(hex(randomblob(16))), ?, 'cli', ?, ?, ?, ?, 'ok', NULL)`,
          )
          .run(result.createdAt, result.file, result.bytes, result.sha256, result.durationMs);
        auditCli(db, deviceId, 'cli.backup', { file: result.file, bytes: result.bytes, sha256: result.sha256 });
      }
      const report = { file: result.file, bytes: result.bytes, sha256: result.sha256 };
      if (args.switches.has('json')) io.out(JSON.stringify(report));
      else io.out(`${report.file}: ${report.bytes} bytes, sha256 ${report.sha256}`);
      return 0;
    } finally {
      opened.close();
    }
  },
};

/** The running profile's key, when LOANDESK_HOME holds one that opens. */
async function currentKey(env: NodeJS.ProcessEnv): Promise<Buffer | null> {
  if (!existsSync(join(profileHome(env), 'profile.json'))) return null;
  try {
    const opened = await openHeadless(env, 'read');
    const { key } = opened;
    opened.close();
    return key;
  } catch {
    return null;
  }
}

function refuse(io: CliIo, json: boolean, e: DomainError): number {
  if (json) io.out(JSON.stringify({ verified: false, error: { code: e.code, details: e.details } }));
  io.err(`loandesk restore: ${e.code}${e.message !== e.code ? ` (${e.message})` : ''}`);
  return EXIT_REFUSED;
}

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'restore a backup into a new profile folder, verified before anything is used',
  usage:
    'loandesk restore --from FILE --into DIR [--json]\n' +
    'DIR must not exist or be empty. A corrupted or foreign backup exits 2 with its code.\n' +
    'LOANDESK_BACKUP_PASSPHRASE opens a backup made under another key.',
  async run(argv, io) {
    const args = parseArgs(argv, ['from', 'into']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const file = resolve(requiredFlag(args, 'from'));
    const into = resolve(requiredFlag(args, 'into'));
    const json = args.switches.has('json');
    try {
      const report = await restoreBackup({
        file,
        into,
        currentKey: await currentKey(io.env),
        backupPassphrase: io.env.LOANDESK_BACKUP_PASSPHRASE || undefined,
        newPassphrase: io.env.LOANDESK_PASSPHRASE || undefined,
        keychain: await openKeychain(io.env),
        now: new Date(),
      });
      if (json) io.out(JSON.stringify(report, null, 2));
      else
        io.out(
          `${into}: restored and verified (integrity ok, ${report.checks.auditRecords} audit records and ${report.checks.journalEntries} journal entries chained, trial balance balanced). Open it with LOANDESK_HOME=${into}.`,
        );
      return 0;
    } catch (e) {
      if (e instanceof DomainError && /^(BACKUP|RESTORE)_/.test(e.code)) return refuse(io, json, e);
      throw e;
    }
  },
};
