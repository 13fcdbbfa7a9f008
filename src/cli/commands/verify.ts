import type { CliCommand } from '../types';
import { parseArgs } from '../args';
import { openHeadless } from '../../main/headless';
import { verifyAuditChain } from '../../main/security/audit';

/** `loandesk verify`: walks the hash chains and reports the first broken link. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check that no audit record was changed or removed (hash chain)',
  usage: 'loandesk verify [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, []);
    const { db } = await openHeadless(io.env);
    try {
      const audit = verifyAuditChain(db);
      if (args.switches.has('json')) io.out(JSON.stringify({ ok: audit.ok, audit }));
      else if (audit.ok) io.out(`audit log: OK (${audit.checked} records)`);
      else {
        const b = audit.firstBroken!;
        io.out(`audit log: BROKEN at record #${b.seq} (${b.id}): ${b.reason === 'hash' ? 'contents changed' : 'link to the previous record broken'}; ${audit.checked} records before it verify`);
      }
      return audit.ok ? 0 : 1;
    } finally {
      db.$client.close();
    }
  },
};
