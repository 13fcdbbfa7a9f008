import { csvValue, neutraliseFormula } from './export';

describe('CSV cells', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("x")'])(
    'writes text %j that starts like a formula with a leading apostrophe',
    (text) => expect(neutraliseFormula(text)).toBe(`'${text}`),
  );
  it('leaves other text alone', () => {
    for (const text of ['张三', 'a=b', '1+1', '', ' =x']) expect(neutraliseFormula(text)).toBe(text);
  });
  it('keeps numbers numbers: a negative amount is not a formula', () => {
    expect(csvValue(-123_456, 'money')).toBe('-1234.56');
    expect(csvValue(-7, 'number')).toBe('-7');
    expect(csvValue('-7', 'text')).toBe("'-7");
  });
});
