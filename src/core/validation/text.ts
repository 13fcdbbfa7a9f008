/** The one free-text rule for every name, address, note, reason, subject, file
 *  name and display name that crosses the API: NFC-normalised, trimmed, bounded
 *  per kind, and free of what can hide or disguise text (control characters,
 *  bidi overrides, zero-width and other invisible format characters, lone
 *  surrogates). Renderer forms, the main process and the sync server share it. */
import { z } from 'zod';

export const TEXT_KINDS = [
  'name',
  'username',
  'displayName',
  'address',
  'note',
  'reason',
  'subject',
  'message',
  'fileName',
  /** A folder or file path on this computer. */
  'path',
  'search',
] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** Longest text of each kind, in characters (code points) after normalisation. */
export const TEXT_MAX_CHARS: Record<TextKind, number> = {
  name: 100,
  username: 64,
  displayName: 60,
  address: 200,
  note: 500,
  reason: 500,
  subject: 200,
  /** A ticket's description, a reply, a note, a satisfaction comment. */
  message: 4000,
  fileName: 200,
  path: 1000,
  search: 60,
};

/** Kinds that may span lines (line feeds kept, CR LF folded to LF). */
const MULTILINE: ReadonlySet<TextKind> = new Set(['note', 'reason', 'message']);

/** Anything longer than this (in UTF-16 units) is refused before any work is done on it. */
const RAW_FACTOR = 4;

const LONE_SURROGATE = /\p{Cs}/u;
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Other format characters: zero-width space/joiners, word joiner, BOM, soft hyphen, tags … */
const INVISIBLE = /\p{Cf}/u;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const FILE_NAME_FORBIDDEN = /[/\\:*?"<>|]/;

export type TextCode =
  | 'TEXT_LONE_SURROGATE'
  | 'TEXT_BIDI_CONTROL'
  | 'TEXT_INVISIBLE_CHAR'
  | 'TEXT_CONTROL_CHAR'
  | 'TEXT_FILE_NAME_CHAR'
  | 'TEXT_TOO_SHORT'
  | 'TEXT_TOO_LONG';

export type TextCheck =
  { ok: true; value: string } | { ok: false; code: TextCode; params: { kind: TextKind; min?: number; max?: number } };

/** The clean value of `raw` as text of `kind`, or why it is refused. */
export function cleanText(raw: string, kind: TextKind, min = 1): TextCheck {
  const max = TEXT_MAX_CHARS[kind];
  const refuse = (code: TextCode, extra: { min?: number; max?: number } = {}): TextCheck => ({
    ok: false,
    code,
    params: { kind, ...extra },
  });
  if (raw.length > max * RAW_FACTOR) return refuse('TEXT_TOO_LONG', { max });
  if (LONE_SURROGATE.test(raw)) return refuse('TEXT_LONE_SURROGATE');
  let value = raw.normalize('NFC');
  if (MULTILINE.has(kind)) value = value.replace(/\r\n?/g, '\n');
  value = value.trim();
  if (BIDI_CONTROL.test(value)) return refuse('TEXT_BIDI_CONTROL');
  if (INVISIBLE.test(value)) return refuse('TEXT_INVISIBLE_CHAR');
  if (CONTROL.test(MULTILINE.has(kind) ? value.replaceAll('\n', '') : value)) return refuse('TEXT_CONTROL_CHAR');
  if (kind === 'fileName' && (FILE_NAME_FORBIDDEN.test(value) || value.startsWith('.'))) {
    return refuse('TEXT_FILE_NAME_CHAR');
  }
  const chars = [...value].length;
  if (chars < min) return refuse('TEXT_TOO_SHORT', { min });
  if (chars > max) return refuse('TEXT_TOO_LONG', { max });
  return { ok: true, value };
}

/** Which schemas are free text, and of what kind (for the hostile-input tests). */
export const textRegistry = z.registry<{ textKind: TextKind }>();

/** A free-text field of `kind`, at least `min` characters (1: required; 0 allows '').
 *  A refusal is a zod issue whose message is the code (TEXT_BIDI_CONTROL …) and whose
 *  path names the field. */
export function text(kind: TextKind, options: { min?: number } = {}) {
  const min = options.min ?? 1;
  const schema = z.string().transform((raw, ctx) => {
    const checked = cleanText(raw, kind, min);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: 'custom', message: checked.code, params: checked.params });
    return z.NEVER;
  });
  schema.register(textRegistry, { textKind: kind });
  return schema;
}
