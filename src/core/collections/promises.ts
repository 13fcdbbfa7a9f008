/** Promises to pay (还款承诺) and the collections list's order. A promise is kept
 *  when the repayments with a value date from the day it was made through the
 *  promised date reach its amount; it is broken once that date has passed without
 *  them, and pending until then. The outcome is a pure function of the promise, the
 *  loan's repayments (in any order) and the business date, so it is never stored
 *  and never goes stale. */
import type { BusinessDate } from '../dates';

export const CONTACT_KINDS = ['call', 'sms', 'visit'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export const CONTACT_OUTCOMES = [
  'reached',
  'promised',
  'noAnswer',
  'wrongNumber',
  'refused',
  'disputed',
  'thirdParty',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** How far ahead a promise may be dated. */
export const MAX_PROMISE_DAYS_AHEAD = 60;

export interface PromiseToPay {
  id: string;
  amountFen: number;
  promisedDate: BusinessDate;
  /** The business date it was made on. */
  madeOn: BusinessDate;
}

export interface Payment {
  valueDate: BusinessDate;
  amountFen: number;
}

export type PromiseStatus = 'pending' | 'kept' | 'broken';

export interface PromiseOutcome {
  status: PromiseStatus;
  /** Paid within the promise's window (capped at nothing: the whole of it). */
  paidFen: number;
  /** The value date on which the payments reached the amount. */
  keptOn: BusinessDate | null;
}

export function promiseOutcome(
  promise: PromiseToPay,
  payments: readonly Payment[],
  today: BusinessDate,
): PromiseOutcome {
  const within = payments
    .filter((p) => p.valueDate >= promise.madeOn && p.valueDate <= promise.promisedDate && p.valueDate <= today)
    .sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : a.amountFen - b.amountFen));
  let paid = 0;
  let keptOn: BusinessDate | null = null;
  for (const p of within) {
    paid += p.amountFen;
    if (keptOn === null && paid >= promise.amountFen) keptOn = p.valueDate;
  }
  if (keptOn !== null) return { status: 'kept', paidFen: paid, keptOn };
  return { status: today > promise.promisedDate ? 'broken' : 'pending', paidFen: paid, keptOn: null };
}

/** Refuses a promise the officer cannot hold the customer to. */
export function checkPromise(
  amountFen: number,
  promisedDate: BusinessDate,
  today: BusinessDate,
  maxDate: BusinessDate,
): string | null {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return 'PROMISE_AMOUNT_INVALID';
  if (promisedDate < today) return 'PROMISE_DATE_PAST';
  if (promisedDate > maxDate) return 'PROMISE_DATE_TOO_FAR';
  return null;
}

export interface PromiseTally {
  made: number;
  kept: number;
  broken: number;
  pending: number;
  madeFen: number;
  keptFen: number;
  /** Per cent of decided promises (kept or broken) that were kept. */
  keptShare: number | null;
}

export function tallyPromises(outcomes: ReadonlyArray<{ amountFen: number; status: PromiseStatus }>): PromiseTally {
  const t: PromiseTally = { made: 0, kept: 0, broken: 0, pending: 0, madeFen: 0, keptFen: 0, keptShare: null };
  for (const o of outcomes) {
    t.made++;
    t.madeFen += o.amountFen;
    t[o.status]++;
    if (o.status === 'kept') t.keptFen += o.amountFen;
  }
  const decided = t.kept + t.broken;
  t.keptShare = decided === 0 ? null : Math.round((t.kept * 1000) / decided) / 10;
  return t;
}
