/** Chinese capital numerals against the examples the People's Bank publishes in its
 *  rules for filling in bills and settlement vouchers, round amounts, zeros in the
 *  middle, the 万 and 亿 groups, and the bounds. */
import { MAX_CAPITALS_FEN, yuanInCapitals } from './capitals';

const fen = (yuan: string) => Math.round(Number(yuan.replace(/,/g, '')) * 100);

describe('yuanInCapitals', () => {
  it.each([
    // The rules' own examples (the first form where two are allowed).
    ['1,409.50', '壹仟肆佰零玖元伍角'],
    ['6,007.14', '陆仟零柒元壹角肆分'],
    ['1,680.32', '壹仟陆佰捌拾元零叁角贰分'],
    ['107,000.53', '壹拾万柒仟元零伍角叁分'],
    ['16,409.02', '壹万陆仟肆佰零玖元零贰分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    // The example and one more with zeros in the middle.
    ['1,234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['1,004,000.05', '壹佰万肆仟元零伍分'],
    ['40,104.05', '肆万零壹佰零肆元零伍分'],
    ['101,250.00', '壹拾万壹仟贰佰伍拾元整'],
    ['123,045.60', '壹拾贰万叁仟零肆拾伍元陆角'],
    ['1,005.00', '壹仟零伍元整'],
  ])('¥%s → %s', (amount, capitals) => {
    expect(yuanInCapitals(fen(amount))).toBe(capitals);
  });

  it('writes 整 after round amounts and 壹拾 for ten', () => {
    expect(yuanInCapitals(100)).toBe('壹元整');
    expect(yuanInCapitals(1_000)).toBe('壹拾元整');
    expect(yuanInCapitals(10_000)).toBe('壹佰元整');
    expect(yuanInCapitals(1_000_000)).toBe('壹万元整');
    expect(yuanInCapitals(10_000_000)).toBe('壹拾万元整');
    expect(yuanInCapitals(100_000_000)).toBe('壹佰万元整');
    expect(yuanInCapitals(5_000_000_00)).toBe('伍佰万元整');
    expect(yuanInCapitals(10_000_000_000)).toBe('壹亿元整');
    expect(yuanInCapitals(1_500_000)).toBe('壹万伍仟元整');
    expect(yuanInCapitals(0)).toBe('零元整');
  });

  it('writes amounts below one yuan without 零元', () => {
    expect(yuanInCapitals(5)).toBe('伍分');
    expect(yuanInCapitals(50)).toBe('伍角');
    expect(yuanInCapitals(55)).toBe('伍角伍分');
    expect(yuanInCapitals(1_05)).toBe('壹元零伍分');
    expect(yuanInCapitals(10_50)).toBe('壹拾元零伍角');
  });

  it('joins 万 and 亿 groups with one 零 when the lower group has leading zeros', () => {
    expect(yuanInCapitals(fen('100,000,400'))).toBe('壹亿零肆佰元整');
    expect(yuanInCapitals(fen('100,100,000'))).toBe('壹亿零壹拾万元整');
    expect(yuanInCapitals(fen('110,000,000'))).toBe('壹亿壹仟万元整');
    expect(yuanInCapitals(fen('200,010,000'))).toBe('贰亿零壹万元整');
    expect(yuanInCapitals(fen('101,000,000'))).toBe('壹亿零壹佰万元整');
    expect(yuanInCapitals(fen('1,000,400'))).toBe('壹佰万零肆佰元整');
    expect(yuanInCapitals(fen('1,010,000'))).toBe('壹佰零壹万元整');
    expect(yuanInCapitals(fen('1,000,000,010,000'))).toBe('壹万亿零壹万元整');
  });

  it('reaches 9,999,999,999,999.99 and refuses what it cannot write', () => {
    expect(yuanInCapitals(MAX_CAPITALS_FEN)).toBe('玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
    expect(yuanInCapitals(1_000_000_000_000_00)).toBe('壹万亿元整');
    for (const bad of [-1, 1.5, MAX_CAPITALS_FEN + 1, Number.NaN])
      expect(() => yuanInCapitals(bad)).toThrow(expect.objectContaining({ code: 'MONEY_INVALID_AMOUNT' }));
  });

  it('never writes two 零 in a row, nor ends on 零', () => {
    for (let n = 1; n < 200_000; n += 7) {
      const s = yuanInCapitals(n * 1013);
      expect(s).not.toMatch(/零零|零元|零万|零亿|零整|零$/);
    }
  });
});
