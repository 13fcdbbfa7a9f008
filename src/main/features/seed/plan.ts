/** The plan of the demo history, drawn from the seed before anything is written:
 *  which customer applies for what on which day, and how each borrower behaves.
 *  Pure and cheap, so a resumed seed recomputes it and continues at its cursor. */
import {
  BUSINESS_PURPOSES as BUSINESS_PURPOSE_CODES,
  PERSON_PURPOSES as PERSON_PURPOSE_CODES,
} from '../../../core/purposes';
import { addDays, type BusinessDate } from '../../../core/dates';
import { rngFor } from './random';

/** How a borrower repays. `pending` stays in review (or approved, not disbursed). */
export type Behaviour =
  'onTime' | 'late' | 'partial' | 'stopped' | 'never' | 'payoff' | 'writtenOff' | 'pending' | 'declineByReviewer';

export interface DemoProductSpec {
  code: string;
  forKind: 'person' | 'business' | 'both';
  weight: number;
  periods: readonly number[];
  rates: readonly string[];
}

export interface AppSlot {
  /** Order of submission (chronological). */
  order: number;
  customer: number;
  date: BusinessDate;
  productCode: string;
  periods: number;
  rateAnnual: string;
  /** A fraction of what the customer's income supports (persons) or a size (businesses). */
  sizeDraw: number;
  behaviour: Behaviour;
  channel: 'bank' | 'cash';
  purpose: string;
}

export interface SeedPlan {
  persons: number;
  businesses: number;
  slots: AppSlot[];
  /** Registration date per customer index (persons first, then businesses). */
  registeredOn: BusinessDate[];
}

// Purposes are stored as codes, so each language shows its own name.
const PERSON_PURPOSES = [...PERSON_PURPOSE_CODES];
const BUSINESS_PURPOSES = [...BUSINESS_PURPOSE_CODES];

/** Loans that must exist whatever the draw: every delinquency bucket (M1..M4+) and
 *  every five-tier class (special mention .. loss) from borrowers who stopped
 *  paying at chosen ages, and two write-offs. Days before today the loan started. */
export const DESIGNATED: ReadonlyArray<{ daysAgo: number; behaviour: Behaviour }> = [
  { daysAgo: 45, behaviour: 'never' },
  { daysAgo: 80, behaviour: 'never' },
  { daysAgo: 110, behaviour: 'never' },
  { daysAgo: 165, behaviour: 'never' },
  { daysAgo: 270, behaviour: 'never' },
  { daysAgo: 410, behaviour: 'never' },
  { daysAgo: 420, behaviour: 'writtenOff' },
  { daysAgo: 330, behaviour: 'writtenOff' },
];

/** History length: disbursements over the past year (a few designated ones older). */
export const HISTORY_DAYS = 365;
const REPEAT_BORROWER_SHARE = 0.12;
const PENDING_WITHIN_DAYS = 6;

export function businessCountFor(persons: number): number {
  return Math.max(4, Math.round(persons / 40));
}

export function buildPlan(
  seed: number,
  persons: number,
  today: BusinessDate,
  products: readonly DemoProductSpec[],
): SeedPlan {
  const businesses = businessCountFor(persons);
  const customers = persons + businesses;
  const repeat = Math.round(persons * REPEAT_BORROWER_SHARE);
  const raw: Omit<AppSlot, 'order'>[] = [];
  for (let j = 0; j < customers + repeat; j++) {
    const rng = rngFor(seed, 'slot', j);
    // The last two businesses (always reviewed by hand) applied days ago: one is
    // still in the review queue, the manager declined the other.
    const designated =
      j < DESIGNATED.length && j < persons
        ? DESIGNATED[j]
        : j === customers - 2
          ? ({ daysAgo: 1, behaviour: 'pending' } as const)
          : j === customers - 1
            ? ({ daysAgo: 3, behaviour: 'declineByReviewer' } as const)
            : undefined;
    const customer = j < customers ? j : rng.int(0, persons - 1);
    const kind = customer < persons ? 'person' : 'business';
    // Recent days weigh more: the book grew over the year.
    const daysAgo = designated?.daysAgo ?? Math.max(0, Math.floor(HISTORY_DAYS * (1 - Math.sqrt(rng.next()))));
    const eligible = products.filter((p) => p.forKind === kind || p.forKind === 'both');
    const product =
      designated && kind === 'person' ? products[0]! : eligible[rng.weighted(eligible.map((p) => p.weight))]!;
    let behaviour: Behaviour;
    if (designated) behaviour = designated.behaviour;
    else if (daysAgo <= PENDING_WITHIN_DAYS && rng.chance(0.5)) behaviour = 'pending';
    else
      behaviour = (['onTime', 'late', 'partial', 'stopped', 'never', 'payoff', 'declineByReviewer'] as const)[
        rng.weighted([58, 9, 7, 11, 2, 9, 4])
      ]!;
    raw.push({
      customer,
      date: addDays(today, -daysAgo),
      productCode: product.code,
      periods: designated && kind === 'person' ? 12 : rng.pick(product.periods),
      rateAnnual: designated && kind === 'person' ? product.rates[0]! : rng.pick(product.rates),
      sizeDraw: designated && kind === 'person' ? 0.5 : 0.3 + rng.next() * 0.7,
      behaviour,
      channel: rng.chance(0.15) ? 'cash' : 'bank',
      purpose: rng.pick(kind === 'person' ? PERSON_PURPOSES : BUSINESS_PURPOSES),
    });
  }
  const slots = raw
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.date < b.s.date ? -1 : a.s.date > b.s.date ? 1 : a.i - b.i))
    .map(({ s }, order) => ({ ...s, order }));
  const registeredOn: BusinessDate[] = [];
  for (let c = 0; c < customers; c++) registeredOn.push(addDays(today, -(HISTORY_DAYS + 60)));
  const firstApplication = new Map<number, BusinessDate>();
  for (const s of slots) if (!firstApplication.has(s.customer)) firstApplication.set(s.customer, s.date);
  for (let c = 0; c < customers; c++) {
    const first = firstApplication.get(c);
    registeredOn[c] = first
      ? addDays(first, -rngFor(seed, 'registered', c).int(0, 20))
      : addDays(today, -rngFor(seed, 'registered', c).int(0, HISTORY_DAYS));
  }
  return { persons, businesses, slots, registeredOn };
}
