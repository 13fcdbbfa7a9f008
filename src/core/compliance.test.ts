import { cashFlags, DEFAULT_CASH_RULES, type CashMovement } from './compliance';

const m = (id: string, yuan: number, at: string): CashMovement => ({ id, amountFen: yuan * 100, at });

describe('large-value cash', () => {
  it('flags a single cash amount of 50,000 yuan or more once', () => {
    const a = m('a', 50_000, '2026-03-02T02:00:00Z');
    expect(cashFlags(a, [a], [a])).toEqual([{ kind: 'largeCash', totalFen: 5_000_000, movementIds: ['a'] }]);
  });
  it('flags the amount that makes the day cumulative reach the threshold, and not the ones after', () => {
    const a = m('a', 30_000, '2026-03-02T02:00:00Z');
    const b = m('b', 20_000, '2026-03-02T05:00:00Z');
    const c = m('c', 1_000, '2026-03-02T06:00:00Z');
    expect(cashFlags(a, [a], [a])).toEqual([]);
    expect(cashFlags(b, [a, b], [a, b])[0]).toMatchObject({ kind: 'largeCash', totalFen: 5_000_000 });
    expect(cashFlags(c, [a, b, c], [a, b, c])).toEqual([]);
  });
  it('stays quiet just under the threshold', () => {
    const a = m('a', 49_999.99, '2026-03-02T02:00:00Z');
    expect(cashFlags(a, [a], [a])).toEqual([]);
  });
});

describe('structuring', () => {
  it('flags the third just-under amount within 24 hours', () => {
    const a = m('a', 49_000, '2026-03-01T10:00:00Z');
    const b = m('b', 48_000, '2026-03-01T20:00:00Z');
    const c = m('c', 49_500, '2026-03-02T09:00:00Z');
    expect(cashFlags(b, [b], [a, b])).toEqual([]);
    expect(cashFlags(c, [c], [a, b, c])).toEqual([{ kind: 'structuring', count: 3, movementIds: ['a', 'b', 'c'] }]);
  });
  it('ignores amounts outside the window or well under the threshold', () => {
    const a = m('a', 49_000, '2026-02-27T10:00:00Z');
    const b = m('b', 30_000, '2026-03-01T20:00:00Z');
    const c = m('c', 49_500, '2026-03-02T09:00:00Z');
    const d = m('d', 49_500, '2026-03-02T10:00:00Z');
    // Only two near-threshold amounts fall in the window; the day's total is large cash.
    expect(cashFlags(d, [c, d], [a, b, c, d], DEFAULT_CASH_RULES).map((f) => f.kind)).toEqual(['largeCash']);
  });
});
