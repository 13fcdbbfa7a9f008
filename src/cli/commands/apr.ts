/** `loandesk apr`: annualized rate of dated cash flows (Regulation Z Appendix J
 *  actuarial method, or XIRR). */
import { actuarialRate, xirr, type DatedFlow } from '../../core/apr/actuarial';
import { parseUnitPeriod } from '../../core/apr/unitPeriod';
import { isValidDate } from '../../core/dates';
import { DomainError } from '../../core/errors';
import { parseYuanToFen } from '../../core/money';
import { flagValue, parseArgs } from '../args';
import { UsageError, type CliCommand } from '../types';
import { percent } from './format';

const USAGE =
  'loandesk apr --flow 2024-01-01:-1000 --flow 2024-02-01:87.92 ... [--method actuarial|xirr] [--unit month|semimonth|week|day|year|3month|2week|4week] [--json]\n' +
  'Amounts are yuan; negative = money to the borrower. Output rates are percents.';

function parseFlow(text: string): DatedFlow {
  const match = /^(\d{4}-\d{2}-\d{2}):(.+)$/.exec(text.trim());
  if (!match || !isValidDate(match[1]))
    throw new UsageError(`--flow must be DATE:AMOUNT like 2024-01-01:-1000, got "${text}"`);
  try {
    return { date: match[1]!, amountFen: parseYuanToFen(match[2]!, 'flow') };
  } catch {
    throw new UsageError(`--flow must be DATE:AMOUNT like 2024-01-01:-1000, got "${text}"`);
  }
}

export const aprCommand: CliCommand = {
  name: 'apr',
  summary: 'Annualized rate (年化利率) of dated cash flows: actuarial (Reg Z App. J) or XIRR',
  usage: USAGE,
  run: async (argv, io) => {
    const args = parseArgs(argv, ['flow', 'method', 'unit']);
    if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const flowTexts = args.flags.get('flow') ?? [];
    if (flowTexts.length < 2) throw new UsageError('--flow is needed at least twice (an advance and a payment)');
    const flows = flowTexts.map(parseFlow);
    const method = flagValue(args, 'method') ?? 'actuarial';
    if (method !== 'actuarial' && method !== 'xirr')
      throw new UsageError(`--method must be actuarial or xirr, got "${method}"`);
    const unitText = flagValue(args, 'unit');
    let unit;
    if (unitText !== undefined) {
      try {
        unit = parseUnitPeriod(unitText);
      } catch {
        throw new UsageError(
          `--unit must be month, semimonth, week, day, year or a multiple like 3month, got "${unitText}"`,
        );
      }
    }
    let rate;
    try {
      rate = method === 'xirr' ? xirr(flows) : actuarialRate(flows, unit);
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'APR_NO_SOLUTION' || e.code === 'APR_INVALID_FLOW'))
        throw new UsageError(`--flow: the flows have no rate (${e.code})`);
      throw e;
    }
    const result = {
      periodicRate: percent(rate.periodicRate),
      annualRate: percent(rate.nominal),
      effectiveAnnualRate: percent(rate.effective),
    };
    if (argv.includes('--json')) io.out(JSON.stringify(result, null, 2));
    else
      io.out(
        `periodic rate ${result.periodicRate}%\nannual rate (年化) ${result.annualRate}%\neffective annual rate ${result.effectiveAnnualRate}%`,
      );
    return 0;
  },
};
