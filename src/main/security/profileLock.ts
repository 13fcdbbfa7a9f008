/** One writer per profile: `profile.lock` in the profile folder names the process that
 *  opened the profile for writing (pid, kind, start). A second writer is refused with
 *  PROFILE_IN_USE naming the holder; a lock whose process is gone is taken over. Each
 *  process keeps its own sessions, lockout counters and end-of-day cursor, so two
 *  writers on one profile would disagree even though SQLite keeps the file whole. */
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DomainError, isDomainError } from '../../core/errors';
import type { VaultState } from './profile';

export const LOCK_FILE = 'profile.lock';
export const PROFILE_HOLDER_KINDS = ['electron', 'browser', 'cli'] as const;
export type ProfileHolderKind = (typeof PROFILE_HOLDER_KINDS)[number];

export interface LockHolder {
  pid: number;
  kind: ProfileHolderKind;
  startedAt: string;
  hostname: string;
  /** Linux boot id: a lock written before the last reboot is stale whatever its pid. */
  bootId: string | null;
  /** Tells this lock from another written by the same pid (pid reuse). */
  token: string;
}

export interface ProfileLock {
  readonly holder: LockHolder;
  /** Deletes the lock file if it is still ours; safe to call twice. */
  release: () => void;
}

/** Create attempts before giving up: each lost race re-reads the holder. */
const MAX_ATTEMPTS = 4;
const GUARD_SUFFIX = '.takeover';

/** Locks this process holds, released on exit and on a signal nobody else handles. */
const held = new Map<string, () => void>();

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

function readHolder(file: string): { raw: string; holder: LockHolder | null } | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const h = JSON.parse(raw) as Partial<LockHolder>;
    const valid =
      Number.isSafeInteger(h.pid) &&
      (PROFILE_HOLDER_KINDS as readonly unknown[]).includes(h.kind) &&
      typeof h.startedAt === 'string' &&
      typeof h.hostname === 'string' &&
      typeof h.token === 'string';
    return { raw, holder: valid ? (h as LockHolder) : null };
  } catch {
    return { raw, holder: null };
  }
}

/** True while the holder's process may still run. Another machine's lock (a profile
 *  on a shared folder) cannot be checked and counts as alive. */
export function holderAlive(h: LockHolder): boolean {
  if (h.hostname !== hostname()) return true;
  const boot = bootId();
  if (boot && h.bootId && boot !== h.bootId) return false;
  if (h.pid === process.pid) return held.has(h.token);
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates `file` holding `content` only if it does not exist: written aside, then
 *  hard-linked into place, so a reader never sees a half-written lock. */
function createExclusive(file: string, content: string, token: string): boolean {
  const tmp = `${file}.${token}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  try {
    linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: an exclusive create is still atomic.
    try {
      writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

function inUse(home: string, h: LockHolder | null): DomainError {
  const details = h ? { kind: h.kind, pid: h.pid, since: h.startedAt, hostname: h.hostname } : {};
  return new DomainError(
    'PROFILE_IN_USE',
    { ...details, lockFile: join(home, LOCK_FILE) },
    h ? `profile in use by ${h.kind} pid ${h.pid} since ${h.startedAt}` : 'profile in use',
  );
}

/** Replaces a stale lock under a takeover guard, so two starters that both saw the
 *  stale lock cannot both win. False when the caller should read the lock again. */
function takeOver(home: string, stale: string, me: LockHolder, content: string): boolean {
  const file = join(home, LOCK_FILE);
  const guard = file + GUARD_SUFFIX;
  if (!createExclusive(guard, content, me.token)) {
    const other = readHolder(guard);
    if (other?.holder && holderAlive(other.holder)) throw inUse(home, other.holder);
    // The guard of a process that died while taking over (a tiny window): drop it.
    if (other && readHolder(guard)?.raw === other.raw) rmSync(guard, { force: true });
    return false;
  }
  try {
    if (readHolder(file)?.raw === stale) rmSync(file, { force: true });
    return createExclusive(file, content, me.token);
  } finally {
    rmSync(guard, { force: true });
  }
}

function releaseAll(): void {
  for (const release of [...held.values()]) release();
}

let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', releaseAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      // Someone else handles this signal (browser mode's shutdown, the CLI's "stop
      // after this batch"): they close the profile, which releases the lock.
      if (process.listenerCount(signal) > 1) return;
      releaseAll();
      process.off(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Takes the profile for writing, or throws PROFILE_IN_USE with the live holder. */
export function acquireProfileLock(
  home: string,
  kind: ProfileHolderKind,
  now: () => Date = () => new Date(),
): ProfileLock {
  mkdirSync(home, { recursive: true });
  const file = join(home, LOCK_FILE);
  const me: LockHolder = {
    pid: process.pid,
    kind,
    startedAt: now().toISOString(),
    hostname: hostname(),
    bootId: bootId(),
    token: randomBytes(12).toString('hex'),
  };
  const content = `${JSON.stringify(me, null, 2)}\n`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (createExclusive(file, content, me.token)) return hold(file, me);
    const current = readHolder(file);
    if (!current) continue; // released meanwhile
    if (current.holder && holderAlive(current.holder)) throw inUse(home, current.holder);
    if (takeOver(home, current.raw, me, content)) return hold(file, me);
  }
  throw inUse(home, readHolder(file)?.holder ?? null);
}

function hold(file: string, me: LockHolder): ProfileLock {
  installExitHooks();
  const release = () => {
    if (!held.delete(me.token)) return;
    if (readHolder(file)?.holder?.token === me.token) rmSync(file, { force: true });
  };
  held.set(me.token, release);
  return { holder: me, release };
}

/** The live holder of the profile, or null when it is free (or its lock is stale). */
export function profileLockHolder(home: string): LockHolder | null {
  const file = join(home, LOCK_FILE);
  if (!existsSync(file)) return null;
  const current = readHolder(file);
  return current?.holder && holderAlive(current.holder) ? current.holder : null;
}

/** Takes the lock, then opens the profile with `open`. Refused, the vault is the
 *  error state the window shows (PROFILE_IN_USE with the holder), nothing opened. */
export async function openProfileLocked(
  home: string,
  kind: ProfileHolderKind,
  open: () => Promise<VaultState>,
): Promise<{ vault: VaultState; release: () => void }> {
  let lock: ProfileLock;
  try {
    lock = acquireProfileLock(home, kind);
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'PROFILE_IN_USE') throw e;
    return { vault: { kind: 'error', code: e.code, details: e.details }, release: () => undefined };
  }
  try {
    return { vault: await open(), release: lock.release };
  } catch (e) {
    lock.release();
    throw e;
  }
}
