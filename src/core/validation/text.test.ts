import { cleanText, text, TEXT_MAX_CHARS } from './text';

describe('the shared free-text rule', () => {
  it('normalises to NFC and trims', () => {
    expect(cleanText('  Jose\u0301 ', 'name')).toEqual({ ok: true, value: 'José' });
    expect(text('name').parse('\t张三\n')).toBe('张三');
  });
  it.each([
    ['\u202Eexe.cod\u202C', 'TEXT_BIDI_CONTROL'],
    ['abc\u2066def', 'TEXT_BIDI_CONTROL'],
    ['ab\u0000c', 'TEXT_CONTROL_CHAR'],
    ['ab\u0007c', 'TEXT_CONTROL_CHAR'],
    ['a\u0085b', 'TEXT_CONTROL_CHAR'],
    ['a\nb', 'TEXT_CONTROL_CHAR'],
    ['zero\u200Bwidth', 'TEXT_INVISIBLE_CHAR'],
    ['join\u200Ders', 'TEXT_INVISIBLE_CHAR'],
    ['soft\u00ADhyphen', 'TEXT_INVISIBLE_CHAR'],
    ['bom\uFEFFinside', 'TEXT_INVISIBLE_CHAR'],
    ['lone \uD800 high', 'TEXT_LONE_SURROGATE'],
    ['lone \uDC00 low', 'TEXT_LONE_SURROGATE'],
  ])('refuses %j with %s', (value, code) => {
    const checked = cleanText(value, 'name');
    expect(checked).toMatchObject({ ok: false, code });
  });
  it('keeps astral characters (rare surnames, emoji) and counts them as one', () => {
    expect(cleanText('𠀀𪚥', 'name')).toEqual({ ok: true, value: '𠀀𪚥' });
    expect(cleanText('😀'.repeat(TEXT_MAX_CHARS.displayName), 'displayName').ok).toBe(true);
    expect(cleanText('😀'.repeat(TEXT_MAX_CHARS.displayName + 1), 'displayName')).toMatchObject({
      code: 'TEXT_TOO_LONG',
      params: { max: 60 },
    });
  });
  it('bounds every kind and refuses a huge string before normalising it', () => {
    expect(cleanText('x'.repeat(1_000_000), 'note')).toMatchObject({ ok: false, code: 'TEXT_TOO_LONG' });
    expect(cleanText('a', 'address', 2)).toMatchObject({ ok: false, code: 'TEXT_TOO_SHORT', params: { min: 2 } });
    expect(cleanText('   ', 'name')).toMatchObject({ ok: false, code: 'TEXT_TOO_SHORT' });
  });
  it('lets notes and reasons span lines, nothing else', () => {
    expect(cleanText('第一行\r\n第二行\r第三行', 'note')).toEqual({ ok: true, value: '第一行\n第二行\n第三行' });
    expect(cleanText('tab\there', 'note')).toMatchObject({ ok: false, code: 'TEXT_CONTROL_CHAR' });
  });
  it('keeps file names plain', () => {
    expect(cleanText('借款合同.pdf', 'fileName').ok).toBe(true);
    for (const bad of ['../x.pdf', 'a/b.pdf', 'a\\b.pdf', '.hidden', 'c:x.pdf'])
      expect(cleanText(bad, 'fileName')).toMatchObject({ ok: false, code: 'TEXT_FILE_NAME_CHAR' });
  });
  it('reports a refusal as a zod issue whose message is the code', () => {
    const r = text('reason', { min: 2 }).safeParse('x\u200By');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ message: 'TEXT_INVISIBLE_CHAR', params: { kind: 'reason' } });
  });
});
