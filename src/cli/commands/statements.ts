/** `loandesk statements --date D`: the balance sheet (资产负债表) through a date and the
 *  income statement (利润表) of its month to date, the same query the window and the
 *  XLSX export use. Exit 0 when assets equal liabilities plus equity (current profit
 *  included), 1 when they do not, 2 on bad usage. */
import { flagValue, parseArgs, requiredFlag } from '../args';
import { UsageError, type CliCommand } from '../types';
import { openHeadless } from '../../main/headless';
import { statements } from '../../main/features/books/queries';
import type { StatementLine } from '../../core/accounting/statements';
import { formatFen } from '../../core/money';
import { dateFlag } from './eod';
import { padTable } from './format';

const yuan = (fen: number | undefined): string => formatFen(fen ?? 0);

/** One statement line for the machine reader: its key, name, level and amounts. */
interface LineOut {
  key: string;
  name: string;
  level: number;
  current: string;
  prior: string;
  ytd?: string;
}

function lineOut(l: StatementLine, language: 'zh-CN' | 'en', withYtd: boolean): LineOut {
  return {
    key: l.key,
    name: language === 'en' ? l.nameEn : l.nameZh,
    level: l.level,
    current: yuan(l.amounts.current),
    prior: yuan(l.amounts.prior),
    ...(withYtd ? { ytd: yuan(l.amounts.ytd) } : {}),
  };
}

/** The statements report of the CLI: amounts as yuan strings. */
export function statementsReport(s: ReturnType<typeof statements>, language: 'zh-CN' | 'en') {
  const bs = s.balanceSheet;
  const is = s.incomeStatement;
  return {
    date: s.date,
    priorDate: s.priorDate,
    balanceSheet: {
      assets: yuan(bs.assetsFen.current),
      liabilities: yuan(bs.liabilitiesFen.current),
      equity: yuan(bs.equityFen.current),
      lines: bs.lines.map((l) => lineOut(l, language, false)),
    },
    incomeStatement: {
      revenue: yuan(is.revenueFen.current),
      expenses: yuan(is.expensesFen.current),
      profit: yuan(is.profitFen.current),
      lines: is.lines.map((l) => lineOut(l, language, true)),
    },
  };
}

export const statementsCommand: CliCommand = {
  name: 'statements',
  summary: 'balance sheet (资产负债表) and income statement (利润表) for a date',
  usage:
    'loandesk statements --date YYYY-MM-DD [--language zh-CN|en] [--json]\n' +
    'The balance sheet through --date beside the previous month end; the income statement of the month to date, the month before and the year to date. Amounts are yuan strings ("1234.56"). Exit 1 when assets differ from liabilities plus equity.',
  async run(argv, io) {
    const args = parseArgs(argv, ['date', 'language']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const date = dateFlag(requiredFlag(args, 'date'), 'date');
    const language = flagValue(args, 'language') ?? 'zh-CN';
    if (language !== 'zh-CN' && language !== 'en')
      throw new UsageError(`--language must be zh-CN or en, got "${language}"`);
    const profile = await openHeadless(io.env, 'read');
    try {
      const s = statements(profile.db, date);
      const report = statementsReport(s, language);
      const bs = s.balanceSheet;
      const balanced = (bs.assetsFen.current ?? 0) === (bs.liabilitiesFen.current ?? 0) + (bs.equityFen.current ?? 0);
      if (args.switches.has('json')) io.out(JSON.stringify(report, null, 2));
      else {
        const indent = (l: { level: number; name: string }) => `${'  '.repeat(Math.max(0, l.level - 1))}${l.name}`;
        io.out(`资产负债表 balance sheet through ${s.date} (prior ${s.priorDate})`);
        io.out(
          padTable(
            [
              ['项目 line', '期末 current', '上期 prior'],
              ...report.balanceSheet.lines.map((l) => [indent(l), l.current, l.prior]),
            ],
            [false, true, true],
          ),
        );
        io.out(`利润表 income statement ${s.period.from} .. ${s.period.to}`);
        io.out(
          padTable(
            [
              ['项目 line', '本期 current', '上期 prior', '本年累计 ytd'],
              ...report.incomeStatement.lines.map((l) => [indent(l), l.current, l.prior, l.ytd ?? '']),
            ],
            [false, true, true, true],
          ),
        );
        io.out(
          `资产 assets ${report.balanceSheet.assets} = 负债 liabilities ${report.balanceSheet.liabilities} + 所有者权益 equity ${report.balanceSheet.equity}: ${balanced ? 'OK' : 'DIFFERENCE'}`,
        );
      }
      return balanced ? 0 : 1;
    } finally {
      profile.close();
    }
  },
};
