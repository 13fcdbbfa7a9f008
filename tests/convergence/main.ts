/** `npm run test:convergence -- --seeds N [--seed-base B] [--json]`: runs the
 *  convergence harness on a throwaway PostgreSQL (LOANDESK_TEST_PG_URL's cluster,
 *  or one it starts) and prints the summary; exit 1 when anything was lost,
 *  doubled, silently refused or left divergent, or a conflict did not resolve. */
import { runConvergence } from './harness';
import { startPostgres } from '../support/postgres';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const seeds = Number(flag('seeds') ?? 20);
const seedBase = Number(flag('seed-base') ?? 1);
const json = process.argv.includes('--json');
if (!Number.isInteger(seeds) || seeds < 1 || !Number.isInteger(seedBase)) {
  console.error('usage: npm run test:convergence -- --seeds N [--seed-base B] [--json]');
  process.exit(2);
}
const pg = await startPostgres();
let code: number;
try {
  const summary = await runConvergence({
    seeds,
    seedBase,
    newDatabase: pg.newDatabase,
    log: json ? undefined : (line) => console.error(line),
  });
  const { failures, conflicts, unresolvedConflicts, ...contract } = summary;
  if (json) console.log(JSON.stringify(contract));
  else {
    console.log(JSON.stringify({ ...contract, conflicts, unresolvedConflicts }, null, 2));
    for (const f of failures) console.log(`seed ${f.seed}:\n  ${f.problems.join('\n  ')}`);
  }
  if (json && failures.length > 0) console.error(JSON.stringify(failures));
  const clean =
    summary.lost + summary.duplicated + summary.silentRejections + summary.divergentDevices + unresolvedConflicts ===
      0 && failures.length === 0;
  code = clean ? 0 : 1;
} finally {
  await pg.stop();
}
process.exit(code);
