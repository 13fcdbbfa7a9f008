import fc from 'fast-check';
import { cashFlags, type DatedCashMovement } from './compliance';

const m = (id: string, yuan: number, at: string, businessDate = at.slice(0, 10)): DatedCashMovement => ({
  id,
  amountFen: Math.round(yuan * 100),
  at,
  businessDate,
});

describe('large-value cash', () => {
  it('flags a single cash amount of 50,000 yuan or more', () => {
    const a = m('a', 50_000, '2026-03-02T02:00:00Z');
    expect(cashFlags([a])).toEqual([
      { kind: 'largeCash', businessDate: '2026-03-02', totalFen: 5_000_000, transactionId: 'a', movementIds: ['a'] },
    ]);
  });
  it('flags the day once, naming the amount that made the cumulative reach the threshold', () => {
    const a = m('a', 30_000, '2026-03-02T02:00:00Z');
    const b = m('b', 20_000, '2026-03-02T05:00:00Z');
    const c = m('c', 1_000, '2026-03-02T06:00:00Z');
    expect(cashFlags([a])).toEqual([]);
    expect(cashFlags([a, b])).toMatchObject([{ kind: 'largeCash', totalFen: 5_000_000, transactionId: 'b' }]);
    expect(cashFlags([a, b, c])).toMatchObject([{ kind: 'largeCash', totalFen: 5_100_000, transactionId: 'b' }]);
  });
  it('stays quiet just under the threshold, and counts each business day apart', () => {
    expect(cashFlags([m('a', 49_999.99, '2026-03-02T02:00:00Z')])).toEqual([]);
    expect(cashFlags([m('a', 30_000, '2026-03-02T02:00:00Z'), m('b', 30_000, '2026-03-03T02:00:00Z')])).toEqual([]);
  });
});

describe('structuring', () => {
  it('flags the third just-under amount within 24 hours', () => {
    const a = m('a', 49_000, '2026-03-01T10:00:00Z');
    const b = m('b', 48_000, '2026-03-01T20:00:00Z');
    const c = m('c', 49_500, '2026-03-02T09:00:00Z');
    expect(cashFlags([a, b]).filter((f) => f.kind === 'structuring')).toEqual([]);
    expect(cashFlags([a, b, c]).filter((f) => f.kind === 'structuring')).toEqual([
      { kind: 'structuring', businessDate: '2026-03-02', count: 3, transactionId: 'c', movementIds: ['a', 'b', 'c'] },
    ]);
  });
  it('ignores amounts outside the window or well under the threshold', () => {
    const a = m('a', 49_000, '2026-02-27T10:00:00Z');
    const b = m('b', 30_000, '2026-03-01T20:00:00Z');
    const c = m('c', 49_500, '2026-03-02T09:00:00Z');
    const d = m('d', 49_500, '2026-03-02T10:00:00Z');
    // Only two near-threshold amounts fall in the window; the day's total is large cash.
    expect(cashFlags([a, b, c, d]).map((f) => f.kind)).toEqual(['largeCash']);
  });
});

it('gives the same flags whatever order the movements arrive in', () => {
  const movement = fc.record({
    yuan: fc.oneof(fc.integer({ min: 100, max: 30_000 }), fc.integer({ min: 45_000, max: 60_000 })),
    minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  });
  fc.assert(
    fc.property(fc.array(movement, { minLength: 1, maxLength: 12 }), fc.infiniteStream(fc.nat()), (drawn, seeds) => {
      const movements = drawn.map((d, i) => {
        const at = new Date(Date.parse('2026-03-01T00:00:00Z') + d.minutes * 60_000).toISOString();
        return m(`m${i}`, d.yuan, at);
      });
      const shuffled = [...movements];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = seeds.next().value % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(cashFlags(shuffled)).toEqual(cashFlags(movements));
    }),
  );
});
