/** The officer's collections list: loans past due, a broken promise first (it
 *  raises the loan), then by days past due and by the amount to collect today; and
 *  the next action the officer should take on each. */
import { addDays, daysBetween, type BusinessDate } from '../dates';
import type { ContactKind, ContactOutcome, PromiseOutcome, PromiseToPay } from './promises';

export interface CollectionCase {
  loanId: string;
  loanNumber: string;
  dpd: number;
  amountDueFen: number;
  /** The latest promise and its outcome, if any. */
  promise: (PromiseToPay & PromiseOutcome) | null;
}

/** Broken promises first, then days past due and amount, both descending. */
export function compareCases(a: CollectionCase, b: CollectionCase): number {
  const brokenA = a.promise?.status === 'broken' ? 1 : 0;
  const brokenB = b.promise?.status === 'broken' ? 1 : 0;
  if (brokenA !== brokenB) return brokenB - brokenA;
  if (a.dpd !== b.dpd) return b.dpd - a.dpd;
  if (a.amountDueFen !== b.amountDueFen) return b.amountDueFen - a.amountDueFen;
  return a.loanNumber < b.loanNumber ? -1 : a.loanNumber > b.loanNumber ? 1 : 0;
}

export type NextAction =
  | { code: 'followUpBrokenPromise'; date: BusinessDate }
  | { code: 'checkPromise'; date: BusinessDate }
  | { code: 'awaitPromise'; date: BusinessDate }
  | { code: 'firstContact' }
  | { code: 'retryContact' }
  | { code: 'visit' }
  | { code: 'call' };

/** Days past due from which an unanswered customer should be visited. */
export const VISIT_FROM_DPD = 60;
/** A visit counts as recent for this many days. */
const RECENT_VISIT_DAYS = 30;

export interface ContactSummary {
  kind: ContactKind;
  outcome: ContactOutcome;
  date: BusinessDate;
}

export function nextAction(
  dpd: number,
  promise: (PromiseToPay & PromiseOutcome) | null,
  lastContact: ContactSummary | null,
  lastVisit: BusinessDate | null,
  today: BusinessDate,
): NextAction {
  if (promise?.status === 'broken') return { code: 'followUpBrokenPromise', date: promise.promisedDate };
  if (promise?.status === 'pending')
    return promise.promisedDate <= today
      ? { code: 'checkPromise', date: promise.promisedDate }
      : { code: 'awaitPromise', date: addDays(promise.promisedDate, 1) };
  if (!lastContact) return { code: 'firstContact' };
  const unreachable = lastContact.outcome === 'noAnswer' || lastContact.outcome === 'wrongNumber';
  if (dpd >= VISIT_FROM_DPD && unreachable && (!lastVisit || daysBetween(lastVisit, today) > RECENT_VISIT_DAYS))
    return { code: 'visit' };
  if (unreachable) return { code: 'retryContact' };
  return { code: 'call' };
}
