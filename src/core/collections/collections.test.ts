import fc from 'fast-check';
import { addDays } from '../dates';
import { checkPromise, promiseOutcome, tallyPromises, type Payment, type PromiseToPay } from './promises';
import { compareCases, nextAction, type CollectionCase } from './list';

const promise: PromiseToPay = { id: 'p', amountFen: 100_000, promisedDate: '2026-03-10', madeOn: '2026-03-05' };

describe('promises to pay', () => {
  it('is pending until its date, kept by the money in its window, broken once the date passed without it', () => {
    expect(promiseOutcome(promise, [], '2026-03-10').status).toBe('pending');
    expect(promiseOutcome(promise, [], '2026-03-11').status).toBe('broken');
    const paid: Payment[] = [
      { valueDate: '2026-03-06', amountFen: 60_000 },
      { valueDate: '2026-03-09', amountFen: 40_000 },
    ];
    expect(promiseOutcome(promise, paid, '2026-03-20')).toEqual({
      status: 'kept',
      paidFen: 100_000,
      keptOn: '2026-03-09',
    });
    // Money before the promise was made, or after its date, does not keep it.
    expect(
      promiseOutcome(
        promise,
        [
          { valueDate: '2026-03-04', amountFen: 100_000 },
          { valueDate: '2026-03-11', amountFen: 100_000 },
        ],
        '2026-03-12',
      ).status,
    ).toBe('broken');
    expect(promiseOutcome(promise, [{ valueDate: '2026-03-08', amountFen: 99_999 }], '2026-03-11')).toMatchObject({
      status: 'broken',
      paidFen: 99_999,
    });
  });

  const paymentsArb = fc.array(
    fc.record({ day: fc.integer({ min: -5, max: 20 }), amountFen: fc.integer({ min: 1, max: 80_000 }) }),
    { maxLength: 8 },
  );
  const toPayments = (ps: Array<{ day: number; amountFen: number }>): Payment[] =>
    ps.map((p) => ({ valueDate: addDays(promise.madeOn, p.day), amountFen: p.amountFen }));

  it('does not depend on the order the repayments arrived in', () => {
    fc.assert(
      fc.property(paymentsArb, fc.integer({ min: 0, max: 30 }), (ps, todayOffset) => {
        const payments = toPayments(ps);
        const today = addDays(promise.madeOn, todayOffset);
        const a = promiseOutcome(promise, payments, today);
        const b = promiseOutcome(promise, [...payments].reverse(), today);
        expect(b).toEqual(a);
      }),
    );
  });

  it('once kept stays kept and once broken stays broken as the days pass', () => {
    fc.assert(
      fc.property(paymentsArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (ps, d1, extra) => {
        const payments = toPayments(ps).filter((p) => p.valueDate <= addDays(promise.madeOn, d1));
        const first = promiseOutcome(promise, payments, addDays(promise.madeOn, d1));
        const later = promiseOutcome(promise, payments, addDays(promise.madeOn, d1 + extra));
        if (first.status !== 'pending') expect(later.status).toBe(first.status);
        if (later.status === 'pending') expect(addDays(promise.madeOn, d1 + extra) <= promise.promisedDate).toBe(true);
      }),
    );
  });

  it('checks amount and date, and tallies per officer', () => {
    expect(checkPromise(0, '2026-03-10', '2026-03-05', '2026-05-04')).toBe('PROMISE_AMOUNT_INVALID');
    expect(checkPromise(100, '2026-03-04', '2026-03-05', '2026-05-04')).toBe('PROMISE_DATE_PAST');
    expect(checkPromise(100, '2026-06-01', '2026-03-05', '2026-05-04')).toBe('PROMISE_DATE_TOO_FAR');
    expect(checkPromise(100, '2026-03-05', '2026-03-05', '2026-05-04')).toBeNull();
    expect(
      tallyPromises([
        { amountFen: 100, status: 'kept' },
        { amountFen: 200, status: 'broken' },
        { amountFen: 300, status: 'broken' },
        { amountFen: 400, status: 'pending' },
      ]),
    ).toEqual({ made: 4, kept: 1, broken: 2, pending: 1, madeFen: 1000, keptFen: 100, keptShare: 33.3 });
  });
});

describe('the collections list', () => {
  const c = (over: Partial<CollectionCase>): CollectionCase => ({
    loanId: over.loanNumber ?? 'x',
    loanNumber: 'L000001',
    dpd: 10,
    amountDueFen: 100,
    promise: null,
    ...over,
  });

  it('puts a broken promise first, then days past due, then the amount', () => {
    const broken = c({
      loanNumber: 'L000003',
      dpd: 3,
      promise: { ...promise, status: 'broken', paidFen: 0, keptOn: null },
    });
    const rows = [
      c({ loanNumber: 'L000001', dpd: 40 }),
      c({ loanNumber: 'L000002', dpd: 40, amountDueFen: 900 }),
      broken,
    ];
    expect(rows.sort(compareCases).map((r) => r.loanNumber)).toEqual(['L000003', 'L000002', 'L000001']);
  });

  it('names the next action', () => {
    const pending = { ...promise, status: 'pending' as const, paidFen: 0, keptOn: null };
    expect(nextAction(5, null, null, null, '2026-03-05').code).toBe('firstContact');
    expect(nextAction(5, pending, null, null, '2026-03-06')).toEqual({ code: 'awaitPromise', date: '2026-03-11' });
    expect(nextAction(5, pending, null, null, '2026-03-10')).toEqual({ code: 'checkPromise', date: '2026-03-10' });
    expect(nextAction(5, { ...pending, status: 'broken' }, null, null, '2026-03-11').code).toBe(
      'followUpBrokenPromise',
    );
    const noAnswer = { kind: 'call' as const, outcome: 'noAnswer' as const, date: '2026-03-01' };
    expect(nextAction(75, null, noAnswer, null, '2026-03-05').code).toBe('visit');
    expect(nextAction(75, null, noAnswer, '2026-02-20', '2026-03-05').code).toBe('retryContact');
    expect(nextAction(5, null, { ...noAnswer, outcome: 'reached' }, null, '2026-03-05').code).toBe('call');
  });
});
