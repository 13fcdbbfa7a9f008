/** An amount as people type it ("9,500", "9 500", "￥9,500.5", "9500元", full-width
 *  digits from an input method) read as integer fen: separators, the currency sign
 *  and 元 are dropped, the rest must be yuan with at most two decimals. Anything else
 *  is not money and is refused, never guessed at. */
import { parseYuanToFen } from './money';

export type TypedAmount = { ok: true; fen: number } | { ok: false };

/** Full-width digits and punctuation an input method produces, as ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0C\uFF0B\uFF0D]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

export function parseTypedAmount(typed: string): TypedAmount {
  const text = halfWidth(typed)
    .trim()
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
    .replace(/[,\s\u00A0\u3000]/g, '');
  if (text === '') return { ok: false };
  try {
    return { ok: true, fen: parseYuanToFen(text) };
  } catch {
    return { ok: false };
  }
}
