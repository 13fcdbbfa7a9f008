/** Push topics: what the main process sends to every window, typed like methods. */

export type SeedPhase = 'products' | 'customers' | 'loans' | 'close' | 'done';

export interface SeedProgress {
  phase: SeedPhase;
  done: number;
  total: number;
}

export interface EodProgress {
  date: string;
  done: number;
  total: number;
  status: 'running' | 'done' | 'cancelled';
}

/** The ticket scheduler escalated or closed tickets (lists refresh). */
export interface TicketsChanged {
  escalated: number;
  closed: number;
}

export interface PushTopics {
  'eod.progress': EodProgress;
  'seed.progress': SeedProgress;
  'tickets.changed': TicketsChanged;
}

export type Topic = keyof PushTopics;

/** A message pushed to every window (progress, state changes). */
export type PushEvent = { [T in Topic]: { topic: T; payload: PushTopics[T] } }[Topic];
