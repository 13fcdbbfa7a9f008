import type { CliCommand } from '../types';
import { parseArgs } from '../args';
import { openHeadless } from '../../main/headless';
import { verifyAuditChain } from '../../main/security/audit';
import { verifyJournal } from '../../main/features/ledger/journal';

interface ChainResult {
  ok: boolean;
  checked: number;
  firstBroken?: { seq: number; id: string; reason: string };
  gaps?: Array<[number, number]>;
  anchor?: { status: string; seq?: number };
}

const REASONS: Record<string, string> = {
  hash: 'contents changed',
  mac: 'contents changed (the keyed MAC does not match)',
  link: 'link to the previous record broken (a record was removed or inserted)',
  gap: 'records missing before it (sequence gap)',
  unbalanced: 'debits and credits differ',
  loanTotals: "a loan's lines differ from what the loan holds",
  dailyTotals: "a branch's daily accrual entries differ from what its loans hold (branch/category named)",
  loanBook: "the loan book's kept totals differ from its loans (the group named)",
};

const ANCHOR: Record<string, string> = {
  truncated: 'records were cut off at the end: the chain ends before its anchored head',
  rewritten: 'the chain was rewritten: the record at the anchored head has another MAC',
  anchorInvalid: 'the anchor file in the profile folder was altered',
  anchorMissing: 'the anchor file in the profile folder is missing',
};

function describe(name: string, r: ChainResult): string {
  const lines: string[] = [];
  if (r.ok) lines.push(`${name}: OK (${r.checked} records)`);
  else if (r.firstBroken) {
    const b = r.firstBroken;
    lines.push(
      `${name}: BROKEN at record #${b.seq} (${b.id}): ${REASONS[b.reason] ?? b.reason}; ${r.checked} records before it verify`,
    );
  } else lines.push(`${name}: BROKEN (${r.checked} records verify)`);
  for (const [from, to] of r.gaps ?? [])
    lines.push(`  missing record${from === to ? ` #${from}` : `s #${from}–#${to}`}`);
  const anchor = r.anchor?.status;
  if (anchor && ANCHOR[anchor])
    lines.push(`  ${ANCHOR[anchor]}${r.anchor?.seq ? ` (anchored head #${r.anchor.seq})` : ''}`);
  return lines.join('\n');
}

/** `loandesk verify`: walks the audit hash chain and checks the journal (every entry
 *  balanced, every loan's lines equal to its totals); reports the first break of
 *  each; exit status 1 when either is broken. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary:
    'check that no audit record was changed, removed or cut off (keyed, anchored chain) and that the journal is whole',
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
