/** `loandesk schedule`: prints a repayment schedule (还款计划) and its annualized rate. */
import { Dec } from '../../core/decimal';
import { annualizedRate } from '../../core/apr/annualized';
import { businessDateOf, isValidDate } from '../../core/dates';
import { parseDayCount, type DayCount } from '../../core/daycount';
import { formatFen, INSTALLMENT_ROUNDINGS, type InstallmentRounding } from '../../core/money';
import { buildSchedule } from '../../core/schedule/index';
import type { Frequency, InterestMode, LoanTerms, RepaymentMethod } from '../../core/schedule/types';
import { flagValue, parseArgs, requiredFlag } from '../args';
import { UsageError, type CliCommand } from '../types';
import { asUsageError, intFlag, padTable, percent, yuanFlag } from './format';

const METHODS: Record<string, RepaymentMethod> = {
  annuity: 'annuity',
  'equal-principal': 'equalPrincipal',
  flat: 'flat',
  'interest-only': 'interestOnly',
  bullet: 'bullet',
};
const FREQUENCIES: readonly Frequency[] = ['monthly', 'biweekly', 'weekly', 'days'];

const FIELD_TO_FLAG: Record<string, string> = {
  principalFen: 'principal',
  rateAnnual: 'annual-rate',
  periods: 'periods',
  method: 'method',
  frequency: 'frequency',
  startDate: 'start',
  firstDueDate: 'first-due',
  dayCount: 'day-count',
  interestMode: 'interest',
  gracePrincipalPeriods: 'grace-principal',
  graceInterestPeriods: 'grace-interest',
  installmentMultipleFen: 'installment-multiple',
  installmentRounding: 'installment-rounding',
  upfrontFeeFen: 'upfront-fee',
};

const USAGE =
  'loandesk schedule --principal 5000 --annual-rate 12 --periods 18 --method annuity|equal-principal|flat|interest-only|bullet ' +
  '[--frequency monthly|biweekly|weekly|days] [--start YYYY-MM-DD] [--first-due YYYY-MM-DD] [--day-count 30/360|act/360|act/365|act/act] ' +
  '[--interest daily|period] [--grace-principal N] [--grace-interest N] [--installment-multiple YUAN] [--installment-rounding nearest|up|down] [--upfront-fee YUAN] [--json]\n' +
  'Amounts are yuan, --annual-rate is a percent; with --frequency days, --periods is the term in days.';

function parseTerms(argv: string[], env: NodeJS.ProcessEnv): LoanTerms {
  const args = parseArgs(argv, [
    'principal',
    'annual-rate',
    'periods',
    'method',
    'frequency',
    'start',
    'first-due',
    'day-count',
    'interest',
    'grace-principal',
    'grace-interest',
    'installment-multiple',
    'installment-rounding',
    'upfront-fee',
  ]);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
  const principalFen = yuanFlag(requiredFlag(args, 'principal'), 'principal');
  if (principalFen <= 0) throw new UsageError(`--principal must be positive, got "${requiredFlag(args, 'principal')}"`);
  const rateText = requiredFlag(args, 'annual-rate');
  if (!/^\d+(\.\d+)?$/.test(rateText.trim()))
    throw new UsageError(`--annual-rate must be a non-negative percent like 12 or 11.5, got "${rateText}"`);
  const periods = intFlag(requiredFlag(args, 'periods'), 'periods');
  if (periods < 1) throw new UsageError(`--periods must be at least 1, got "${requiredFlag(args, 'periods')}"`);
  const methodText = requiredFlag(args, 'method');
  const method = METHODS[methodText];
  if (!method) throw new UsageError(`--method must be one of ${Object.keys(METHODS).join('|')}, got "${methodText}"`);
  const frequency = (flagValue(args, 'frequency') ?? 'monthly') as Frequency;
  if (!FREQUENCIES.includes(frequency))
    throw new UsageError(`--frequency must be one of ${FREQUENCIES.join('|')}, got "${frequency}"`);
  const startDate = flagValue(args, 'start') ?? businessDateOf(new Date(), env.LOANDESK_TZ ?? 'Asia/Shanghai');
  if (!isValidDate(startDate)) throw new UsageError(`--start must be a date YYYY-MM-DD, got "${startDate}"`);
  const firstDueDate = flagValue(args, 'first-due');
  if (firstDueDate !== undefined && !isValidDate(firstDueDate))
    throw new UsageError(`--first-due must be a date YYYY-MM-DD, got "${firstDueDate}"`);
  let dayCount: DayCount | undefined;
  const dayCountText = flagValue(args, 'day-count');
  if (dayCountText !== undefined) {
    try {
      dayCount = parseDayCount(dayCountText);
    } catch {
      throw new UsageError(`--day-count must be 30/360, act/360, act/365 or act/act, got "${dayCountText}"`);
    }
  }
  const interest = flagValue(args, 'interest');
  if (interest !== undefined && interest !== 'daily' && interest !== 'period')
    throw new UsageError(`--interest must be daily or period, got "${interest}"`);
  const optionalInt = (flag: string): number | undefined => {
    const v = flagValue(args, flag);
    return v === undefined ? undefined : intFlag(v, flag);
  };
  const optionalYuan = (flag: string): number | undefined => {
    const v = flagValue(args, flag);
    return v === undefined ? undefined : yuanFlag(v, flag);
  };
  const terms: LoanTerms = {
    principalFen,
    rateAnnual: new Dec(rateText).div(100).toString(),
    periods,
    method,
    frequency,
    startDate,
    ...(firstDueDate !== undefined ? { firstDueDate } : {}),
    ...(dayCount !== undefined ? { dayCount } : {}),
    ...(interest !== undefined ? { interestMode: interest as InterestMode } : {}),
  };
  const gp = optionalInt('grace-principal');
  if (gp !== undefined) terms.gracePrincipalPeriods = gp;
  const gi = optionalInt('grace-interest');
  if (gi !== undefined) terms.graceInterestPeriods = gi;
  const multiple = optionalYuan('installment-multiple');
  if (multiple !== undefined) terms.installmentMultipleFen = multiple;
  const rounding = flagValue(args, 'installment-rounding');
  if (rounding !== undefined) {
    if (!(INSTALLMENT_ROUNDINGS as readonly string[]).includes(rounding))
      throw new UsageError(`--installment-rounding must be nearest, up or down, got "${rounding}"`);
    terms.installmentRounding = rounding as InstallmentRounding;
  }
  const fee = optionalYuan('upfront-fee');
  if (fee !== undefined) terms.upfrontFeeFen = fee;
  return terms;
}

export const scheduleCommand: CliCommand = {
  name: 'schedule',
  summary: 'Repayment schedule (还款计划) and annualized rate of a loan',
  usage: USAGE,
  run: async (argv, io) => {
    const terms = parseTerms(argv, io.env);
    let schedule;
    try {
      schedule = buildSchedule(terms);
    } catch (e) {
      return asUsageError(e, FIELD_TO_FLAG);
    }
    const rate = annualizedRate(schedule);
    const installments = schedule.installments.map((i) => ({
      n: i.n,
      dueDate: i.dueDate,
      principal: formatFen(i.principalFen),
      interest: formatFen(i.interestFen),
      payment: formatFen(i.paymentFen),
      balance: formatFen(i.balanceFen),
    }));
    const totals = {
      principal: formatFen(schedule.totalPrincipalFen),
      interest: formatFen(schedule.totalInterestFen),
      payment: formatFen(schedule.totalPaymentFen),
    };
    const annualized = { nominal: percent(rate.nominal), effective: percent(rate.effective) };
    if (argv.includes('--json')) {
      io.out(JSON.stringify({ installments, totals, annualizedRate: annualized }, null, 2));
      return 0;
    }
    const rows = [
      ['期次 n', '还款日 due', '本金 principal', '利息 interest', '期供 payment', '余额 balance'],
      ...installments.map((i) => [String(i.n), i.dueDate, i.principal, i.interest, i.payment, i.balance]),
      ['合计', 'total', totals.principal, totals.interest, totals.payment, ''],
    ];
    io.out(padTable(rows, [true, false, true, true, true, true]));
    io.out(`年化利率 annualized rate: ${annualized.nominal}% (compounded ${annualized.effective}%)`);
    return 0;
  },
};
