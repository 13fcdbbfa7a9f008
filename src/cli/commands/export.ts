/** `loandesk export ledger`: writes a ledger (台账) to XLSX or CSV. --from defaults to
 *  the first business date the books hold and --to to the current business date;
 *  the snapshot ledgers (loans, overdue: as they stand now; trial: as of --to) need
 *  no range at all. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagValue, parseArgs, requiredFlag } from '../args';
import { minDate as minDateOf } from '../../core/dates';
import { UsageError, type CliCommand } from '../types';
import { openForExport } from './readBeside';
import { exportLedger, LEDGER_KINDS, type LedgerKind } from '../../main/features/ledger/export';
import { currentBusinessDate, firstBusinessDate } from '../../main/features/eod/businessDate';
import { auditCli, dateFlag } from './eod';

const FORMATS = ['xlsx', 'csv'] as const;
const LANGUAGES = ['zh-CN', 'en'] as const;
/** Ledgers that show a state, not the events of a period. */
const SNAPSHOT_KINDS: readonly LedgerKind[] = ['loans', 'overdue', 'trial'];

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export a ledger (台账) to XLSX or CSV',
  usage:
    `loandesk export ledger --kind ${LEDGER_KINDS.join('|')} [--from YYYY-MM-DD] [--to YYYY-MM-DD] --format xlsx|csv --out FILE [--language zh-CN|en] [--json]\n` +
    '--from defaults to the first business date, --to to the current one; loans and overdue are as they stand, trial is as of --to.',
  async run(argv, io) {
    const args = parseArgs(argv, ['kind', 'from', 'to', 'format', 'out', 'language']);
    if (args.positional[0] !== 'ledger')
      throw new UsageError(
        args.positional[0]
          ? `unknown export "${args.positional[0]}" (only: ledger)`
          : 'what to export is required: loandesk export ledger ...',
      );
    if (args.positional.length > 1) throw new UsageError(`unexpected argument "${args.positional[1]}"`);
    const kind = requiredFlag(args, 'kind');
    if (!(LEDGER_KINDS as readonly string[]).includes(kind))
      throw new UsageError(`--kind must be one of ${LEDGER_KINDS.join('|')}, got "${kind}"`);
    const fromFlag = flagValue(args, 'from');
    const toFlag = flagValue(args, 'to');
    if (fromFlag !== undefined) dateFlag(fromFlag, 'from');
    if (toFlag !== undefined) dateFlag(toFlag, 'to');
    if (fromFlag !== undefined && toFlag !== undefined && fromFlag > toFlag)
      throw new UsageError(`--to must not be before --from (${fromFlag} > ${toFlag})`);
    const format = requiredFlag(args, 'format');
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be xlsx or csv, got "${format}"`);
    const language = flagValue(args, 'language') ?? 'zh-CN';
    if (!(LANGUAGES as readonly string[]).includes(language))
      throw new UsageError(`--language must be zh-CN or en, got "${language}"`);
    const out = resolve(requiredFlag(args, 'out'));
    const profile = await openForExport(io);
    const { db, deviceId } = profile;
    try {
      const now = new Date();
      const to = toFlag ?? currentBusinessDate(db, now);
      const from = fromFlag ?? minDateOf(firstBusinessDate(db, now), to);
      if (from > to) throw new UsageError(`--to must not be before --from (${from} > ${to})`);
      const snapshot = SNAPSHOT_KINDS.includes(kind as LedgerKind);
      const file = await exportLedger(
        db,
        kind as LedgerKind,
        { from, to },
        format as 'xlsx' | 'csv',
        language as 'zh-CN' | 'en',
      );
      writeFileSync(out, file.data);
      if (profile.access === 'write')
        auditCli(db, deviceId, 'cli.export', { kind, range: { from, to }, format, rows: file.rows });
      if (args.switches.has('json'))
        io.out(JSON.stringify({ file: out, kind, format, rows: file.rows, bytes: file.data.length, from, to }));
      else io.out(`${out}: ${file.rows} rows (${kind}, ${snapshot ? `as of ${to}` : `${from} .. ${to}`})`);
      return 0;
    } finally {
      profile.close();
    }
  },
};
