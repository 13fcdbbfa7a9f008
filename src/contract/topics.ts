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
  /** Worker threads planning the batches beside the writer (0 or absent: none). */
  workers?: number;
}

/** This desktop's sync with the company server, for the top bar. */
export interface SyncStatus {
  configured: boolean;
  server: string | null;
  deviceNo: number | null;
  /** Branch ids this desktop sees; null for head office (every branch). */
  branches: string[] | null;
  /** Local events the server has not confirmed yet. */
  pending: number;
  /** Local events the server refused (listed on the Sync page). */
  refused: number;
  lastSyncAt: string | null;
  offlineSince: string | null;
  lastError: string | null;
  revoked: boolean;
  running: boolean;
}

export interface SyncProgress {
  pulled: number;
  checkpoint: number;
  cursor: number;
}

/** The ticket scheduler escalated or closed tickets (lists refresh). */
export interface TicketsChanged {
  escalated: number;
  closed: number;
}

/** A bank-statement import (statements.import): lines handled so far. */
export interface StatementProgress {
  done: number;
  total: number;
  imported: number;
  duplicates: number;
  refused: number;
  status: 'running' | 'done' | 'cancelled';
}

export interface PushTopics {
  'eod.progress': EodProgress;
  'statements.progress': StatementProgress;
  'seed.progress': SeedProgress;
  'sync.state': SyncStatus;
  'sync.progress': SyncProgress;
  'tickets.changed': TicketsChanged;
}

export type Topic = keyof PushTopics;

/** A message pushed to every window (progress, state changes). */
export type PushEvent = { [T in Topic]: { topic: T; payload: PushTopics[T] } }[Topic];
