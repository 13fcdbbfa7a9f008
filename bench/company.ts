/** The demo company the replay and sync scenarios share, seeded once per size: a
 *  profile (real encrypted database, as tests/support/app.ts makes it) holding the
 *  demo organisation, branches and users, copied aside; then the same profile after
 *  seedDemo wrote the demo's history through the app's handlers and events, copied
 *  aside again (every event pending, as on a desktop never synced). Each scenario
 *  works on its own copy. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startApp, type TestApp } from '../tests/support/app';
import { seedDemo } from '../src/main/features/seed/demoSeed';
import { countLiveEvents } from '../src/main/events/store';
import { LOCK_FILE } from '../src/main/security/profileLock';

export const OPENING_DAY = '2026-03-02';

export interface Company {
  persons: number;
  /** A profile folder with the organisation, branches and users only. */
  orgOnly: string;
  orgEvents: number;
  /** The same profile with the demo's history. */
  seeded: string;
  events: number;
  loans: number;
  seedMs: number;
}

const made = new Map<number, Promise<Company>>();
const folders: string[] = [];
process.on('exit', () => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `loandesk-bench-${prefix}-`));
  folders.push(dir);
  return dir;
}

/** A consistent copy of a running profile (its WAL checkpointed), without its lock. */
function snapshot(t: TestApp, name: string): string {
  t.app.db().$client.pragma('wal_checkpoint(TRUNCATE)');
  const dest = join(tempFolder(name), 'profile');
  cpSync(t.home, dest, { recursive: true, filter: (src) => basename(src) !== LOCK_FILE });
  return dest;
}

/** The demo company with `persons` person customers (seedDemo's default seed). */
export function company(persons: number): Promise<Company> {
  let c = made.get(persons);
  if (!c) {
    c = (async () => {
      const t = await startApp();
      try {
        const saved = process.env.LOANDESK_DEMO_CUSTOMERS;
        process.env.LOANDESK_DEMO_CUSTOMERS = '0';
        try {
          await t.call('setup.createDemo', {});
        } finally {
          if (saved === undefined) delete process.env.LOANDESK_DEMO_CUSTOMERS;
          else process.env.LOANDESK_DEMO_CUSTOMERS = saved;
        }
        const orgOnly = snapshot(t, 'org');
        const orgEvents = countLiveEvents(t.app.db());
        const started = performance.now();
        const result = await seedDemo(t.app.db(), { today: OPENING_DAY, deviceId: t.app.deviceId(), persons });
        const seedMs = performance.now() - started;
        const events = countLiveEvents(t.app.db());
        console.log(
          `  (demo company seeded: ${persons.toLocaleString('en-US')} persons, ${result.customers} customers, ${result.loans} loans, ${result.repayments} repayments, ${events.toLocaleString('en-US')} events in ${(seedMs / 1000).toFixed(1)} s)`,
        );
        return { persons, orgOnly, orgEvents, seeded: snapshot(t, 'seeded'), events, loans: result.loans, seedMs };
      } finally {
        t.cleanup();
      }
    })();
    made.set(persons, c);
  }
  return c;
}

/** A running app on a fresh copy of a snapshot profile. */
export async function openCopy(profile: string): Promise<TestApp> {
  const home = join(tempFolder('copy'), 'profile');
  cpSync(profile, home, { recursive: true });
  return startApp({ home });
}
