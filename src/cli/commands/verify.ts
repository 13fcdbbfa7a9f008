import type { CliCommand } from '../types';
import { parseArgs } from '../args';
import { openHeadless } from '../../main/headless';
import { verifyAuditChain } from '../../main/security/audit';
import { verifyJournal } from '../../main/features/ledger/journal';

interface ChainResult {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; id: string; reason: string };
}

const REASONS: Record<string, string> = {
  hash: 'contents changed',
  link: 'link to the previous record broken (a record was removed or inserted)',
  unbalanced: 'debits and credits differ',
  loanTotals: "a loan's lines differ from what the loan holds",
};

function describe(name: string, r: ChainResult): string {
  if (r.ok) return `${name}: OK (${r.checked} records)`;
  const b = r.firstBroken!;
  return `${name}: BROKEN at record #${b.seq} (${b.id}): ${REASONS[b.reason] ?? b.reason}; ${r.checked} records before it verify`;
}

/** `loandesk verify`: walks the audit hash chain and checks the journal (every entry
 *  balanced, every loan's lines equal to its totals); reports the first break of
 *  each; exit status 1 when either is broken. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'check that no audit record was changed or removed (hash chain) and that the journal is whole',
  usage: 'loandesk verify [--json]',
  async run(argv, io) {
    const args = parseArgs(argv, []);
    const profile = await openHeadless(io.env, 'read');
    const { db } = profile;
    try {
      const audit = verifyAuditChain(db);
      const journal = verifyJournal(db);
      const ok = audit.ok && journal.ok;
      if (args.switches.has('json')) io.out(JSON.stringify({ ok, audit, journal }));
      else io.out(`${describe('audit log', audit)}\n${describe('journal', journal)}`);
      return ok ? 0 : 1;
    } finally {
      profile.close();
    }
  },
};
