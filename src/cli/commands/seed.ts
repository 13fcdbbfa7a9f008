/** `loandesk seed --demo`: creates the demo company (演示小贷有限公司) with a year of
 *  lending history in the profile at LOANDESK_HOME, creating the profile (key
 *  wrapped with LOANDESK_PASSPHRASE when no keychain answers) if there is none.
 *  Refuses a profile that already has an organisation, unless it is a demo seed
 *  that stopped halfway: then it resumes. Ctrl+C stops after the current batch. */
import { flagValue, parseArgs } from '../args';
import { UsageError, type CliCommand } from '../types';
import { DomainError } from '../../core/errors';
import { getOrganisation } from '../../main/features/users/store';
import { currentBusinessDate } from '../../main/features/eod/businessDate';
import {
  demoPasswordHash,
  insertDemoOrganisation,
  demoOpeningMeta,
  fundDemoCompany,
} from '../../main/features/app/demo';
import {
  DEFAULT_DEMO_PERSONS,
  DEFAULT_DEMO_SEED,
  demoSeedInProgress,
  seedDemo,
  type SeedProgress,
} from '../../main/features/seed/demoSeed';
import { auditCli, withInterrupt } from './eod';
import { intFlag } from './format';

const MIN_PERSONS = 8;
/** Resident IDs are unique by construction up to this many persons. */
const MAX_PERSONS = 4000;
const EXIT_CANCELLED = 130;

import { openOrCreate } from './profile';

export const seedCommand: CliCommand = {
  name: 'seed',
  summary: 'create the demo company with a year of lending history (--demo)',
  usage: `loandesk seed --demo [--customers N] [--seed S] [--json]\n--customers: person customers (${MIN_PERSONS}..${MAX_PERSONS}, default ${DEFAULT_DEMO_PERSONS}); business customers are added (1 per 40). --seed: the random seed (default ${DEFAULT_DEMO_SEED}).`,
  async run(argv, io) {
    const args = parseArgs(argv, ['customers', 'seed'], ['demo']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    if (!args.switches.has('demo')) throw new UsageError('--demo is required (the only seed there is)');
    const customersText = flagValue(args, 'customers');
    const persons = customersText === undefined ? undefined : intFlag(customersText, 'customers');
    if (persons !== undefined && (persons < MIN_PERSONS || persons > MAX_PERSONS))
      throw new UsageError(`--customers must be between ${MIN_PERSONS} and ${MAX_PERSONS}, got "${customersText}"`);
    const seedText = flagValue(args, 'seed');
    const seed = seedText === undefined ? undefined : intFlag(seedText, 'seed');
    if (seed !== undefined && seed > 0xffffffff)
      throw new UsageError(`--seed must be below 4294967296, got "${seedText}"`);
    const json = args.switches.has('json');

    const profile = await openOrCreate(io.env);
    const { db, deviceId } = profile;
    try {
      const resuming = demoSeedInProgress(db);
      if (getOrganisation(db) && !resuming)
        throw new DomainError('SETUP_ALREADY_DONE', {}, 'this profile already has an organisation');
      if (!resuming) {
        const passwordHash = await demoPasswordHash();
        const today = currentBusinessDate(db, new Date());
        const meta = demoOpeningMeta(deviceId, today, true, new Date());
        db.transaction(() => {
          insertDemoOrganisation(db, passwordHash, meta);
          fundDemoCompany(db, meta, persons ?? DEFAULT_DEMO_PERSONS, today);
        });
      } else io.err('resuming the demo seed that stopped halfway');
      let last = '';
      const onProgress = (p: SeedProgress) => {
        const line = `seed: ${p.phase} ${p.done}/${p.total}`;
        if (line !== last) io.err(line);
        last = line;
      };
      const result = await withInterrupt((stopRequested) =>
        seedDemo(db, {
          today: currentBusinessDate(db, new Date()),
          deviceId,
          ...(resuming ? {} : { persons: persons ?? DEFAULT_DEMO_PERSONS, seed: seed ?? DEFAULT_DEMO_SEED }),
          onProgress,
          shouldStop: stopRequested,
          yieldBetweenBatches: () => new Promise((resolve) => setImmediate(resolve)),
        }),
      );
      auditCli(db, deviceId, 'cli.seed', result);
      if (json) io.out(JSON.stringify(result));
      else if (result.status === 'cancelled') io.out('seed stopped; run the same command again to resume');
      else
        io.out(
          `demo company ready (opening day ${result.today}, seed ${result.seed}): ${result.products} products, ${result.customers} customers, ${result.applications} applications, ${result.loans} loans, ${result.repayments} repayments in ${(result.elapsedMs / 1000).toFixed(1)} s. Users admin/manager/officer/officer2/agent/auditor, password demo1234.`,
        );
      return result.status === 'cancelled' ? EXIT_CANCELLED : 0;
    } finally {
      profile.close();
    }
  },
};
