/** `loandesk rebuild`: the projections from the event log. `--verify` replays the
 *  whole log into a fresh temporary database and compares every projection table
 *  row by row with the live one (exit 0 when equal, 1 otherwise); without it the
 *  projections are rebuilt in place after a copy of the database is kept beside it. */
import { join } from 'node:path';
import { parseArgs } from '../args';
import { UsageError, type CliCommand } from '../types';
import { openHeadless } from '../../main/headless';
import { DB_FILE } from '../../main/security/profile';
import { backupBeside, rebuildInPlace, verifyRebuild, type RebuildProgress } from '../../main/events/rebuild';
import { auditCli } from './eod';

export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'rebuild every table from the event log (--verify: compare a fresh rebuild with the live tables)',
  usage:
    'loandesk rebuild [--verify] [--json]\n--verify: replay the log into a temporary database and compare it row by row; exit 1 when anything differs.\nWithout --verify: rebuild in place, after copying the database to loandesk.db.before-rebuild-<time>.',
  async run(argv, io) {
    const args = parseArgs(argv, [], ['verify']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const json = args.switches.has('json');
    const verify = args.switches.has('verify');
    // Verifying only reads (beside a running app); rebuilding in place writes.
    const profile = await openHeadless(io.env, verify ? 'read' : 'write');
    const { db, home, deviceId } = profile;
    let shown = -1;
    const onProgress = (p: RebuildProgress) => {
      const percent = p.total > 0 ? Math.floor((p.done * 100) / p.total) : 100;
      if (percent !== shown) io.err(`rebuild: ${p.done}/${p.total} events (${percent}%)`);
      shown = percent;
    };
    try {
      if (verify) {
        const report = verifyRebuild(db, onProgress);
        if (json) {
          const tables = Object.fromEntries(
            Object.entries(report.tables).map(([name, t]) => [name, { rows: t.rows, differences: t.differences }]),
          );
          io.out(JSON.stringify({ equal: report.equal, events: report.events, tables }));
        } else {
          io.out(report.equal ? `equal: ${report.events} events rebuild every table` : 'NOT EQUAL');
          for (const [name, t] of Object.entries(report.tables)) {
            if (t.differences === 0) continue;
            io.out(
              `  ${name}: ${t.differences} of ${t.rows} rows differ, first: ${t.examples.map((e) => `${e.key} (${e.side})`).join(', ')}`,
            );
          }
        }
        if (!report.equal && json)
          for (const [name, t] of Object.entries(report.tables))
            if (t.differences > 0)
              io.err(
                `${name}: ${t.differences} differ, first: ${t.examples.map((e) => `${e.key} (${e.side})`).join(', ')}`,
              );
        return report.equal ? 0 : 1;
      }
      const at = new Date().toISOString();
      const copy = backupBeside(db, join(home, DB_FILE), at);
      const events = rebuildInPlace(db, onProgress);
      auditCli(db, deviceId, 'cli.rebuild', { events, backup: copy });
      if (json) io.out(JSON.stringify({ rebuilt: true, events, backup: copy }));
      else io.out(`rebuilt from ${events} events; the database before the rebuild is kept as ${copy}`);
      return 0;
    } finally {
      profile.close();
    }
  },
};
