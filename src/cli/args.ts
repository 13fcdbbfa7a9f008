import { UsageError } from './types';

/** Parsed `--flag value` / `--flag=value` / `--switch` arguments. Repeated flags
 *  accumulate; positional arguments are kept in order. */
export interface ParsedArgs {
  flags: Map<string, string[]>;
  switches: Set<string>;
  positional: string[];
}

/** Parses argv against the known value flags and switches; an unknown flag is a
 *  usage error naming it. */
export function parseArgs(argv: string[], valueFlags: string[], switchFlags: string[] = []): ParsedArgs {
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  const positional: string[] = [];
  const known = new Set([...valueFlags, ...switchFlags, 'json']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!known.has(name)) throw new UsageError(`unknown flag --${name}`);
    if (switchFlags.includes(name) || name === 'json') {
      switches.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, switches, positional };
}

/** The single value of a flag, or undefined; given twice is a usage error. */
export function flagValue(args: ParsedArgs, name: string): string | undefined {
  const values = args.flags.get(name);
  if (!values) return undefined;
  if (values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values[0];
}

export function requiredFlag(args: ParsedArgs, name: string): string {
  const value = flagValue(args, name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}
