/** `loandesk trial-balance --date D`: the trial balance (试算平衡表) through a date
 *  and the reconciliation of the loan ledger to control account 1303. */
import { flagValue, parseArgs, requiredFlag } from '../args';
import { UsageError, type CliCommand } from '../types';
import { openHeadless } from '../../main/headless';
import { trialBalance } from '../../main/features/ledger/queries';
import { formatFen } from '../../core/money';
import { dateFlag } from './eod';
import { padTable } from './format';

export const trialBalanceCommand: CliCommand = {
  name: 'trial-balance',
  summary: 'trial balance (试算平衡表) through a date, with the loan-ledger reconciliation',
  usage:
    'loandesk trial-balance --date YYYY-MM-DD [--language zh-CN|en] [--json]\nAmounts are yuan strings ("1234.56").',
  async run(argv, io) {
    const args = parseArgs(argv, ['date', 'language']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const date = dateFlag(requiredFlag(args, 'date'), 'date');
    const language = flagValue(args, 'language') ?? 'zh-CN';
    if (language !== 'zh-CN' && language !== 'en')
      throw new UsageError(`--language must be zh-CN or en, got "${language}"`);
    const profile = await openHeadless(io.env, 'read');
    const { db } = profile;
    try {
      const tb = trialBalance(db, date);
      const report = {
        accounts: tb.accounts.map((a) => ({
          code: a.code,
          name: language === 'en' ? a.nameEn : a.nameZh,
          debit: formatFen(a.debitFen),
          credit: formatFen(a.creditFen),
        })),
        totals: { debit: formatFen(tb.totals.debitFen), credit: formatFen(tb.totals.creditFen) },
        reconciliation: {
          loanLedgerPrincipal: formatFen(tb.reconciliation.loanLedgerPrincipalFen),
          controlAccount1303: formatFen(tb.reconciliation.controlAccount1303Fen),
        },
      };
      const balanced =
        tb.totals.debitFen === tb.totals.creditFen &&
        tb.reconciliation.loanLedgerPrincipalFen === tb.reconciliation.controlAccount1303Fen;
      if (args.switches.has('json')) io.out(JSON.stringify(report, null, 2));
      else {
        const rows = [
          ['科目 code', '名称 account', '借方 debit', '贷方 credit'],
          ...report.accounts.map((a) => [a.code, a.name, a.debit, a.credit]),
          ['', '合计 total', report.totals.debit, report.totals.credit],
        ];
        io.out(`试算平衡表 trial balance through ${date}`);
        io.out(padTable(rows, [false, false, true, true]));
        io.out(
          `贷款台账本金 loan ledger principal ${report.reconciliation.loanLedgerPrincipal} / 1303 贷款 ${report.reconciliation.controlAccount1303}: ${balanced ? 'OK' : 'DIFFERENCE'}`,
        );
      }
      return balanced ? 0 : 1;
    } finally {
      profile.close();
    }
  },
};
