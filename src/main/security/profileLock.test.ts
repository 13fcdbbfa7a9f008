/** The lock file's rules within one process: one holder, release only of our own
 *  lock, and which leftovers count as stale (pid reuse, a reboot, a damaged file).
 *  The cross-process cases are in tests/integration/profileLock.test.ts. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE, acquireProfileLock, profileLockHolder, type LockHolder } from './profileLock';
import { isDomainError } from '../../core/errors';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'loandesk-lock-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const lockFile = () => join(home, LOCK_FILE);
const readLock = () => JSON.parse(readFileSync(lockFile(), 'utf8')) as LockHolder;
function writeLock(h: Partial<LockHolder>): void {
  const holder: LockHolder = {
    pid: process.pid,
    kind: 'electron',
    startedAt: '2026-03-02T02:00:00.000Z',
    hostname: hostname(),
    bootId: null,
    token: 'left-over',
    ...h,
  };
  writeFileSync(lockFile(), JSON.stringify(holder));
}
function refusal(fn: () => unknown): { code: string; details: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('not refused');
}

describe('the profile lock', () => {
  it('records the holder and refuses a second taker, in the same process too', () => {
    const lock = acquireProfileLock(home, 'browser', () => new Date('2026-03-02T02:00:00Z'));
    expect(readLock()).toMatchObject({ pid: process.pid, kind: 'browser', startedAt: '2026-03-02T02:00:00.000Z' });
    expect(profileLockHolder(home)).toMatchObject({ pid: process.pid, kind: 'browser' });
    expect(refusal(() => acquireProfileLock(home, 'cli'))).toEqual({
      code: 'PROFILE_IN_USE',
      details: {
        kind: 'browser',
        pid: process.pid,
        since: '2026-03-02T02:00:00.000Z',
        hostname: hostname(),
        lockFile: lockFile(),
      },
    });
    lock.release();
    lock.release();
    expect(existsSync(lockFile())).toBe(false);
    expect(profileLockHolder(home)).toBeNull();
    acquireProfileLock(home, 'cli').release();
  });

  it('never deletes a lock that is no longer its own', () => {
    const lock = acquireProfileLock(home, 'electron');
    writeLock({ pid: 1, token: 'someone else' });
    lock.release();
    expect(readLock().token).toBe('someone else');
  });

  it('takes over a lock left by a dead pid, by our own pid before (pid reuse), or damaged', () => {
    // pid 2^22 + 1 is above Linux's pid_max: no such process.
    for (const left of [{ pid: 4_194_305 }, { pid: process.pid, token: 'from a previous process' }]) {
      writeLock(left);
      expect(profileLockHolder(home)).toBeNull();
      const lock = acquireProfileLock(home, 'cli');
      expect(readLock()).toMatchObject({ pid: process.pid, kind: 'cli', token: lock.holder.token });
      lock.release();
    }
    writeFileSync(lockFile(), '{"pid": 12');
    acquireProfileLock(home, 'cli').release();
    expect(existsSync(lockFile())).toBe(false);
  });

  it('counts a lock from another machine as held, and one from before a reboot as stale', () => {
    writeLock({ pid: 4_194_305, hostname: 'another-desktop' });
    expect(refusal(() => acquireProfileLock(home, 'cli')).details).toMatchObject({ hostname: 'another-desktop' });
    if (existsSync('/proc/sys/kernel/random/boot_id')) {
      writeLock({ pid: 1, bootId: 'a boot before this one' });
      acquireProfileLock(home, 'cli').release();
    }
  });
});
