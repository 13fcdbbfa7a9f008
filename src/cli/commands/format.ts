/** Shared helpers of the lending commands: yuan and percent formatting, and
 *  turning core DomainErrors on input into usage errors naming the flag. */
import { Dec } from '../../core/decimal';
import { DomainError } from '../../core/errors';
import { parseYuanToFen } from '../../core/money';
import { UsageError } from '../types';

/** A fraction as a percent string with six decimals: 0.1268 -> "12.680000". */
export function percent(rate: Dec): string {
  return rate.times(100).toFixed(6);
}

export function yuanFlag(value: string, flag: string): number {
  try {
    return parseYuanToFen(value, flag);
  } catch {
    throw new UsageError(`--${flag} must be an amount in yuan with at most two decimals, got "${value}"`);
  }
}

export function intFlag(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--${flag} must be a whole number, got "${value}"`);
  return Number(value);
}

/** Maps a core input error to a usage error naming the flag, via details.field. */
export function asUsageError(e: unknown, fieldToFlag: Record<string, string>): never {
  if (e instanceof DomainError) {
    const field = typeof e.details.field === 'string' ? e.details.field : undefined;
    const flag = field ? fieldToFlag[field] : undefined;
    if (flag) throw new UsageError(`--${flag}: invalid value "${String(e.details.value)}" (${e.code})`);
  }
  throw e;
}

export function padTable(rows: string[][], rightAligned: boolean[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
