/** A CLI command: parses its own arguments, writes to the given streams, returns an
 *  exit status. Status 2 is bad usage (a one-line error naming the flag). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run: (args: string[], io: CliIo) => Promise<number>;
}

/** A usage error: the CLI prints `loandesk: <message>` and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
