import { parseTypedAmount } from './moneyInput';

describe('parseTypedAmount', () => {
  it.each([
    ['9,500', 950_000],
    ['9500', 950_000],
    ['9 500', 950_000],
    ['9,500.5', 950_050],
    ['9,500.50', 950_050],
    ['¥9,500.00', 950_000],
    ['￥ 1,000', 100_000],
    ['9500元', 950_000],
    ['９，５００．５', 950_050],
    ['1,234,567.89', 123_456_789],
    ['0.01', 1],
  ])('reads %s as %d fen', (typed, fen) => {
    expect(parseTypedAmount(typed)).toEqual({ ok: true, fen });
  });

  it.each(['', '  ', 'abc', '9.505', '1e5', '9,5a0', '..5', '¥', '9.500.00'])('refuses %j', (typed) => {
    expect(parseTypedAmount(typed)).toEqual({ ok: false });
  });
});
