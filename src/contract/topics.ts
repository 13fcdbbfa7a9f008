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

export interface PushTopics {
  'eod.progress': EodProgress;
  'seed.progress': SeedProgress;
}

export type Topic = keyof PushTopics;

/** A message pushed to every window (progress, state changes). */
export type PushEvent = { [T in Topic]: { topic: T; payload: PushTopics[T] } }[Topic];
