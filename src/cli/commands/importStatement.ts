/** `loandesk import-statement --profile DIR --user NAME FILE`: imports a bank
 *  statement of incoming transfers (CSV) as repayments, through the same API as
 *  the window (permission, validation, events, journal, audit) under the named
 *  user's login (password in LOANDESK_PASSWORD, never on the command line). Every
 *  line is offered; lines already imported are skipped as duplicates, so a rerun
 *  after an interruption imports only what is missing. --dry-run previews only.
 *  Exit 0 when every importable line was imported (dry run: every line can be),
 *  1 when some lines were refused (listed), 2 on bad usage, 130 when stopped. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagValue, parseArgs, requiredFlag } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../types';
import { intFlag } from './format';
import { withInterrupt } from './eod';
import { createApp, type AppCore } from '../../main/app';
import { openKeychain } from '../../main/security/keychain';
import { profileHome } from '../../main/paths';
import { DomainError } from '../../core/errors';
import { formatFen } from '../../core/money';
import { decodeStatement, parseStatement } from '../../core/statements/parse';
import type { Api, Method } from '../../main/api/registry';

const EXIT_CANCELLED = 130;

async function call<M extends Method>(
  app: AppCore,
  method: M,
  input: Api[M]['input'],
  session: string | null,
): Promise<{ value: Api[M]['output']; issued?: string }> {
  const r = await app.dispatch(method, input, session);
  if (!r.ok) throw new DomainError(r.error.code, r.error.details);
  return {
    value: r.value as Api[M]['output'],
    issued: r.session && 'issued' in r.session ? r.session.issued : undefined,
  };
}

const detailsText = (d: Record<string, unknown>) => {
  const keys = Object.keys(d);
  return keys.length === 0 ? '' : ` ${JSON.stringify(d)}`;
};

function readStatement(file: string): { bytes: Buffer; fileName: string } {
  try {
    return { bytes: readFileSync(resolve(file)), fileName: file.split(/[\\/]/).pop() ?? file };
  } catch {
    throw new UsageError(`cannot read the statement file "${file}"`);
  }
}

async function withLogin<T>(io: CliIo, home: string, user: string, fn: (app: AppCore, session: string) => Promise<T>) {
  const password = io.env.LOANDESK_PASSWORD;
  if (!password) throw new UsageError('set LOANDESK_PASSWORD to the password of --user');
  const app = await createApp({
    home,
    keychain: await openKeychain(io.env),
    passphrase: io.env.LOANDESK_PASSPHRASE,
    processKind: 'cli',
  });
  try {
    const vault = app.vault();
    if (vault.kind === 'needsNewPassphrase') throw new DomainError('PROFILE_NOT_FOUND', { home });
    if (vault.kind === 'needsPassphrase') throw new DomainError(vault.error ?? 'PASSPHRASE_REQUIRED');
    if (vault.kind === 'error') throw new DomainError(vault.code, vault.details ?? {});
    const login = await call(app, 'auth.login', { username: user, password }, null);
    const session = login.issued!;
    try {
      return await fn(app, session);
    } finally {
      await app.dispatch('auth.logout', {}, session);
    }
  } finally {
    app.close();
  }
}

export const importStatementCommand: CliCommand = {
  name: 'import-statement',
  summary: 'import a bank statement (CSV of incoming transfers) as repayments, or preview it with --dry-run',
  usage:
    'loandesk import-statement [--profile DIR] --user NAME FILE [--dry-run] [--chunk-lines N] [--json]\nThe password of --user comes from LOANDESK_PASSWORD. Lines are matched by the loan number in the memo, else by the payer account of one active loan; a bank reference already imported is skipped. Exit 0: every importable line imported; 1: some lines refused (listed); 2: bad usage; 130: stopped by Ctrl+C (run again to resume).',
  async run(argv, io) {
    const args = parseArgs(argv, ['profile', 'user', 'chunk-lines'], ['dry-run']);
    if (args.positional.length !== 1) throw new UsageError('give exactly one statement FILE');
    const user = requiredFlag(args, 'user');
    const chunkText = flagValue(args, 'chunk-lines');
    const chunkLines = chunkText === undefined ? undefined : intFlag(chunkText, 'chunk-lines');
    if (chunkLines !== undefined && (chunkLines < 1 || chunkLines > 5000))
      throw new UsageError(`--chunk-lines must be between 1 and 5000, got "${chunkText}"`);
    const profile = flagValue(args, 'profile');
    const home = profile ? resolve(profile) : profileHome(io.env);
    const json = args.switches.has('json');
    const dryRun = args.switches.has('dry-run');
    const { bytes, fileName } = readStatement(args.positional[0]!);
    const contentBase64 = bytes.toString('base64');
    return withLogin(io, home, user, async (app, session) => {
      if (dryRun) {
        const { value: preview } = await call(app, 'statements.preview', { fileName, contentBase64 }, session);
        const refused = preview.lines.filter((l) => l.status === 'invalid' || l.status === 'unmatched');
        if (json) io.out(JSON.stringify(preview));
        else {
          for (const l of preview.lines)
            io.out(
              `line ${l.line}: ${l.status}${l.loanNumber ? ` ${l.loanNumber}` : ''} ${l.amountFen === null ? '-' : formatFen(l.amountFen)}${l.error ? ` ${l.error.code}${detailsText(l.error.details)}` : ''}`,
            );
          io.out(
            `${preview.lineCount} lines: ${preview.counts.matched} matched (${formatFen(preview.totalsFen.matched)}), ${preview.counts.unmatched} unmatched, ${preview.counts.duplicate} duplicate, ${preview.counts.invalid} refused`,
          );
        }
        return refused.length > 0 ? 1 : 0;
      }
      let shown = -1;
      const off = app.onPush((e) => {
        if (e.topic !== 'statements.progress') return;
        const p = e.payload;
        const percent = p.total > 0 ? Math.floor((p.done * 100) / p.total) : 100;
        if (percent !== shown || p.status !== 'running')
          io.err(`import ${fileName}: ${p.done}/${p.total} lines (${percent}%), ${p.imported} recorded ${p.status}`);
        shown = percent;
      });
      try {
        const result = await withInterrupt(async (stopRequested) => {
          const stopper = setInterval(() => {
            if (stopRequested()) void app.dispatch('statements.cancel', {}, session);
          }, 200);
          try {
            return (
              await call(
                app,
                'statements.import',
                {
                  fileName,
                  contentBase64,
                  lines: parseStatement(decodeStatement(bytes)).lines.map((l) => ({ line: l.line })),
                  chunkLines,
                },
                session,
              )
            ).value;
          } finally {
            clearInterval(stopper);
          }
        });
        if (json) io.out(JSON.stringify(result));
        else {
          for (const r of result.refused) io.out(`line ${r.line}: refused ${r.code}${detailsText(r.details)}`);
          io.out(
            `${fileName}: ${result.imported} repayments recorded (${formatFen(result.importedFen)}), ${result.duplicates.length} already imported, ${result.refused.length} refused${result.status === 'cancelled' ? '; stopped: run the same command again to resume' : ''}`,
          );
        }
        if (result.status === 'cancelled') return EXIT_CANCELLED;
        return result.refused.length > 0 ? 1 : 0;
      } finally {
        off();
      }
    });
  },
};
