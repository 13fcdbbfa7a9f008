/** The `loandesk` command line. Every command accepts `--json` for machine output;
 *  bad usage exits with status 2 and one line naming the flag. */
import { commands } from './commands/index';
import { UsageError, type CliIo } from './types';
import { DomainError } from '../core/errors';
import { EXIT_PROFILE_IN_USE, profileInUseLines } from './profileInUse';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'loandesk — LoanDesk (小贷台账) command line',
    '',
    'Usage: loandesk <command> [flags] [--json]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `loandesk <command> --help` for the flags of one command.',
    'Commands that open the local database use the profile in LOANDESK_HOME and the',
    'passphrase in LOANDESK_PASSPHRASE when no OS keychain is reachable. Commands that',
    'write (eod, seed) refuse with exit status 75 while another LoanDesk has the profile',
    'open; verify, trial-balance and export read beside it.',
  ].join('\n');
}

export function defaultIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
  };
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`loandesk: unknown command "${name}" (see loandesk --help)`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`loandesk ${name}: ${e.message}`);
      return 2;
    }
    if (e instanceof DomainError && e.code === 'PROFILE_IN_USE') {
      for (const line of profileInUseLines(name, e.details)) io.err(line);
      return EXIT_PROFILE_IN_USE;
    }
    if (e instanceof DomainError) {
      io.err(`loandesk ${name}: ${e.code}${e.message !== e.code ? ` (${e.message})` : ''}`);
      return 1;
    }
    throw e;
  }
}
