/** Login attempts are counted before the password is checked, in one step that
 *  nothing can interleave with: N parallel guesses lock an account exactly as N
 *  sequential ones do. User names that do not exist are counted the same way (in
 *  memory), so the answers never tell whether an account exists. */
import { eq } from 'drizzle-orm';
import { loginState } from '../../db/schema';
import type { LocalDb } from '../../db/connection';
import type { UnknownLogin } from '../../app';

export interface LockoutPolicy {
  maxFailedLogins: number;
  lockoutMinutes: number;
}

/** The counter of one account, wherever it is kept. */
export interface AttemptCounter {
  read: () => UnknownLogin;
  write: (value: UnknownLogin) => void;
}

export type Reservation =
  | { kind: 'locked'; until: string }
  | { kind: 'reserved'; attempts: number; lockedUntil: string | null; remaining: number };

/** Counts one attempt as failed up front; the attempt that reaches the limit
 *  locks the account. A right password then gives the attempt back (`settle`). */
export function reserveAttempt(counter: AttemptCounter, policy: LockoutPolicy, now: Date): Reservation {
  const current = counter.read();
  if (current.lockedUntil && current.lockedUntil > now.toISOString())
    return { kind: 'locked', until: current.lockedUntil };
  const attempts = current.failedLogins + 1;
  const lock = attempts >= policy.maxFailedLogins;
  const lockedUntil = lock ? new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString() : null;
  counter.write({ failedLogins: lock ? 0 : attempts, lockedUntil });
  return { kind: 'reserved', attempts, lockedUntil, remaining: policy.maxFailedLogins - attempts };
}

/** After a right password: `reset` clears the counter (logged in); `refund` gives back
 *  just this attempt (the password was right but a second factor is still due). */
export function settleAttempt(
  counter: AttemptCounter,
  reservation: Extract<Reservation, { kind: 'reserved' }>,
  how: 'reset' | 'refund',
): void {
  if (how === 'reset') return counter.write({ failedLogins: 0, lockedUntil: null });
  const current = counter.read();
  if (reservation.lockedUntil !== null && current.lockedUntil === reservation.lockedUntil) {
    counter.write({ failedLogins: reservation.attempts - 1, lockedUntil: null });
  } else counter.write({ ...current, failedLogins: Math.max(0, current.failedLogins - 1) });
}

/** The counter of a user on this device (login_state: local, not an event). */
export function userCounter(db: LocalDb, userId: string): AttemptCounter {
  return {
    read: () => {
      const row = db
        .select({ failedLogins: loginState.failedLogins, lockedUntil: loginState.lockedUntil })
        .from(loginState)
        .where(eq(loginState.userId, userId))
        .get();
      return row ?? { failedLogins: 0, lockedUntil: null };
    },
    write: (value) =>
      void db
        .insert(loginState)
        .values({ userId, ...value })
        .onConflictDoUpdate({ target: loginState.userId, set: value })
        .run(),
  };
}
