/** The one way a date or a moment is written on a screen or in an export:
 *  YYYY-MM-DD (and HH:mm, HH:mm:ss) in the user's time zone, whatever the language. */

const pad = (n: number) => String(n).padStart(2, '0');

function parts(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026-12-01. A plain business date (YYYY-MM-DD) is returned as it is. */
export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = parts(value);
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : String(value);
}

/** 2026-12-01 14:05 (with seconds: 14:05:09). */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  options: { seconds?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '') return '';
  const d = parts(value);
  if (!d) return String(value);
  return `${formatDate(d)} ${formatTime(d, options)}`;
}

/** 14:05 (with seconds: 14:05:09). */
export function formatTime(value: string | number | Date, options: { seconds?: boolean } = {}): string {
  const d = parts(value);
  if (!d) return String(value);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}${options.seconds ? `:${pad(d.getSeconds())}` : ''}`;
}
