/** LIKE patterns from user text: `%`, `_` and `\` in a search match themselves, not
 *  any run or any character (used with `ESCAPE '\'`). One helper for every list's
 *  search box. */

/** The text with LIKE's wildcards and the escape character escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The pattern of "contains `text`" (for `LIKE ? ESCAPE '\'`). */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
