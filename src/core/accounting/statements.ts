/** The balance sheet (资产负债表) and the income statement (利润表) of a lender, in the
 *  layout of the general enterprise statements with the lines a microloan company
 *  reports: cash and bank, interest receivable, loans and advances net of the loan
 *  loss provision, borrowings, taxes payable, interest received in advance, paid-in
 *  capital and retained earnings (every profit not yet distributed: 4103, 4104 and
 *  the income and expense accounts not yet closed, so assets = liabilities + equity
 *  on every date); interest income, fee income, interest expense, taxes and
 *  surcharges, administrative expenses, impairment losses and total profit. An
 *  account added by the company goes to the "other" line of its type. */
import { rollUp, type ChartAccount } from './chart';

export type StatementColumn = 'current' | 'prior' | 'ytd';

export interface StatementLine {
  key: string;
  nameZh: string;
  nameEn: string;
  /** 0: a heading or total; 1: a line; 2: a detail of the line above. */
  level: 0 | 1 | 2;
  total?: boolean;
  /** The accounts (ids) the line adds up. */
  accounts: string[];
  amounts: Partial<Record<StatementColumn, number>>;
}

interface LineSpec {
  key: string;
  nameZh: string;
  nameEn: string;
  level: 0 | 1 | 2;
  /** Root account ids; `sign` -1 subtracts them. */
  roots?: Array<{ id: string; sign?: 1 | -1 }>;
  /** The rest of these types' roots (the "other" line). */
  rest?: ChartAccount['type'][];
  /** A total of other lines (by key, with sign). */
  sum?: Array<{ key: string; sign?: 1 | -1 }>;
  total?: boolean;
}

const BS: LineSpec[] = [
  {
    key: 'cashAndBank',
    nameZh: '货币资金',
    nameEn: 'Cash and bank',
    level: 1,
    roots: [{ id: '1001' }, { id: '1002' }],
  },
  { key: 'interestReceivable', nameZh: '应收利息', nameEn: 'Interest receivable', level: 1, roots: [{ id: '1132' }] },
  {
    key: 'loansNet',
    nameZh: '发放贷款和垫款',
    nameEn: 'Loans and advances, net',
    level: 1,
    roots: [{ id: '1303' }, { id: '1304' }],
  },
  {
    key: 'loansGross',
    nameZh: '其中：贷款本金',
    nameEn: 'of which: loan principal',
    level: 2,
    roots: [{ id: '1303' }],
  },
  {
    key: 'loanLossProvision',
    nameZh: '减：贷款损失准备',
    nameEn: 'less: loan loss provision',
    level: 2,
    roots: [{ id: '1304', sign: -1 }],
  },
  { key: 'otherAssets', nameZh: '其他资产', nameEn: 'Other assets', level: 1, rest: ['asset', 'contraAsset'] },
  {
    key: 'totalAssets',
    nameZh: '资产总计',
    nameEn: 'Total assets',
    level: 0,
    total: true,
    sum: [{ key: 'cashAndBank' }, { key: 'interestReceivable' }, { key: 'loansNet' }, { key: 'otherAssets' }],
  },
  {
    key: 'shortTermBorrowings',
    nameZh: '短期借款',
    nameEn: 'Short-term borrowings',
    level: 1,
    roots: [{ id: '2001' }],
  },
  {
    key: 'interestInAdvance',
    nameZh: '预收款项（预收利息）',
    nameEn: 'Advances received (interest in advance)',
    level: 1,
    roots: [{ id: '2203' }],
  },
  { key: 'taxesPayable', nameZh: '应交税费', nameEn: 'Taxes payable', level: 1, roots: [{ id: '2221' }] },
  { key: 'otherPayables', nameZh: '其他应付款', nameEn: 'Other payables', level: 1, roots: [{ id: '2241' }] },
  { key: 'longTermBorrowings', nameZh: '长期借款', nameEn: 'Long-term borrowings', level: 1, roots: [{ id: '2501' }] },
  { key: 'otherLiabilities', nameZh: '其他负债', nameEn: 'Other liabilities', level: 1, rest: ['liability'] },
  {
    key: 'totalLiabilities',
    nameZh: '负债合计',
    nameEn: 'Total liabilities',
    level: 0,
    total: true,
    sum: [
      { key: 'shortTermBorrowings' },
      { key: 'interestInAdvance' },
      { key: 'taxesPayable' },
      { key: 'otherPayables' },
      { key: 'longTermBorrowings' },
      { key: 'otherLiabilities' },
    ],
  },
  { key: 'paidInCapital', nameZh: '实收资本', nameEn: 'Paid-in capital', level: 1, roots: [{ id: '4001' }] },
  { key: 'otherEquity', nameZh: '其他权益', nameEn: 'Other equity', level: 1, rest: ['equity'] },
  {
    key: 'retainedEarnings',
    nameZh: '未分配利润',
    nameEn: 'Retained earnings',
    level: 1,
    roots: [{ id: '4103' }, { id: '4104' }],
    rest: ['income', 'expense'],
  },
  {
    key: 'totalEquity',
    nameZh: '所有者权益合计',
    nameEn: 'Total equity',
    level: 0,
    total: true,
    sum: [{ key: 'paidInCapital' }, { key: 'otherEquity' }, { key: 'retainedEarnings' }],
  },
  {
    key: 'totalLiabilitiesAndEquity',
    nameZh: '负债和所有者权益总计',
    nameEn: 'Total liabilities and equity',
    level: 0,
    total: true,
    sum: [{ key: 'totalLiabilities' }, { key: 'totalEquity' }],
  },
];

const IS: LineSpec[] = [
  { key: 'interestIncome', nameZh: '利息收入', nameEn: 'Interest income', level: 1, roots: [{ id: '6011' }] },
  {
    key: 'feeIncome',
    nameZh: '手续费及佣金收入',
    nameEn: 'Fee and commission income',
    level: 1,
    roots: [{ id: '6021' }],
  },
  {
    key: 'otherOperatingIncome',
    nameZh: '其他业务收入（含罚息）',
    nameEn: 'Other operating income (incl. penalty interest)',
    level: 1,
    roots: [{ id: '6051' }],
    rest: ['income'],
  },
  {
    key: 'revenue',
    nameZh: '一、营业收入',
    nameEn: 'I. Revenue',
    level: 0,
    total: true,
    sum: [{ key: 'interestIncome' }, { key: 'feeIncome' }, { key: 'otherOperatingIncome' }],
  },
  { key: 'interestExpense', nameZh: '利息支出', nameEn: 'Interest expense', level: 1, roots: [{ id: '6411' }] },
  {
    key: 'taxesAndSurcharges',
    nameZh: '税金及附加',
    nameEn: 'Taxes and surcharges',
    level: 1,
    roots: [{ id: '6403' }],
  },
  {
    key: 'administrativeExpenses',
    nameZh: '管理费用',
    nameEn: 'Administrative expenses',
    level: 1,
    roots: [{ id: '6602' }],
  },
  { key: 'impairmentLosses', nameZh: '资产减值损失', nameEn: 'Impairment losses', level: 1, roots: [{ id: '6701' }] },
  { key: 'otherExpenses', nameZh: '其他支出', nameEn: 'Other expenses', level: 1, rest: ['expense'] },
  {
    key: 'expenses',
    nameZh: '二、营业支出',
    nameEn: 'II. Expenses',
    level: 0,
    total: true,
    sum: [
      { key: 'interestExpense' },
      { key: 'taxesAndSurcharges' },
      { key: 'administrativeExpenses' },
      { key: 'impairmentLosses' },
      { key: 'otherExpenses' },
    ],
  },
  {
    key: 'operatingProfit',
    nameZh: '三、营业利润',
    nameEn: 'III. Operating profit',
    level: 0,
    total: true,
    sum: [{ key: 'revenue' }, { key: 'expenses', sign: -1 }],
  },
  {
    key: 'totalProfit',
    nameZh: '四、利润总额',
    nameEn: 'IV. Total profit',
    level: 0,
    total: true,
    sum: [{ key: 'operatingProfit' }],
  },
];

/** A statement's account balances, debit-positive, by account id (own postings). */
export type Balances = ReadonlyMap<string, number>;

function roots(chart: readonly ChartAccount[]): ChartAccount[] {
  return chart.filter((a) => a.parentId === null || !chart.some((p) => p.id === a.parentId));
}

/** The lines of `specs` for each column; `sign` turns debit-positive into the side
 *  the statement shows (+1 assets and expenses, -1 liabilities, equity, income). */
function build(
  specs: readonly LineSpec[],
  chart: readonly ChartAccount[],
  columns: Partial<Record<StatementColumn, Balances>>,
  signOf: (spec: LineSpec) => 1 | -1,
): StatementLine[] {
  const top = roots(chart);
  const named = new Set(specs.flatMap((s) => (s.roots ?? []).map((r) => r.id)));
  const restOf = (types: ChartAccount['type'][]) =>
    top.filter((a) => types.includes(a.type) && !named.has(a.id)).map((a) => a.id);
  const lines: StatementLine[] = [];
  const byKey = new Map<string, StatementLine>();
  const totals = new Map(
    (Object.entries(columns) as Array<[StatementColumn, Balances]>).map(([c, b]) => [c, rollUp(chart, b)]),
  );
  for (const spec of specs) {
    const parts: Array<{ id: string; sign: 1 | -1 }> = [
      ...(spec.roots ?? []).map((r) => ({ id: r.id, sign: r.sign ?? 1 })),
      ...(spec.rest ? restOf(spec.rest).map((id) => ({ id, sign: 1 as const })) : []),
    ];
    const amounts: Partial<Record<StatementColumn, number>> = {};
    for (const [column, total] of totals) {
      if (spec.sum) {
        amounts[column] = spec.sum.reduce((t, s) => t + (s.sign ?? 1) * (byKey.get(s.key)!.amounts[column] ?? 0), 0);
        continue;
      }
      // (+ 0 turns the -0 of a zero liability into 0.)
      amounts[column] = signOf(spec) * parts.reduce((t, p) => t + p.sign * (total.get(p.id) ?? 0), 0) + 0;
    }
    const line: StatementLine = {
      key: spec.key,
      nameZh: spec.nameZh,
      nameEn: spec.nameEn,
      level: spec.level,
      ...(spec.total ? { total: true } : {}),
      accounts: parts.map((p) => p.id),
      amounts,
    };
    lines.push(line);
    byKey.set(spec.key, line);
  }
  return lines;
}

const LIABILITY_SIDE = new Set([
  'shortTermBorrowings',
  'interestInAdvance',
  'taxesPayable',
  'otherPayables',
  'longTermBorrowings',
  'otherLiabilities',
  'paidInCapital',
  'otherEquity',
  'retainedEarnings',
]);

export interface BalanceSheet {
  lines: StatementLine[];
  assetsFen: Partial<Record<StatementColumn, number>>;
  liabilitiesFen: Partial<Record<StatementColumn, number>>;
  equityFen: Partial<Record<StatementColumn, number>>;
}

/** The balance sheet of balances through a date (the current column) and through
 *  the comparative date (prior). */
export function balanceSheet(
  chart: readonly ChartAccount[],
  columns: Partial<Record<StatementColumn, Balances>>,
): BalanceSheet {
  const lines = build(BS, chart, columns, (s) => (LIABILITY_SIDE.has(s.key) ? -1 : 1));
  const pick = (key: string) => lines.find((l) => l.key === key)!.amounts;
  return {
    lines,
    assetsFen: pick('totalAssets'),
    liabilitiesFen: pick('totalLiabilities'),
    equityFen: pick('totalEquity'),
  };
}

const INCOME_SIDE = new Set(['interestIncome', 'feeIncome', 'otherOperatingIncome']);

export interface IncomeStatement {
  lines: StatementLine[];
  revenueFen: Partial<Record<StatementColumn, number>>;
  expensesFen: Partial<Record<StatementColumn, number>>;
  profitFen: Partial<Record<StatementColumn, number>>;
}

/** The income statement of the income and expense movements of each column's
 *  period (closing entries left out). */
export function incomeStatement(
  chart: readonly ChartAccount[],
  columns: Partial<Record<StatementColumn, Balances>>,
): IncomeStatement {
  const lines = build(IS, chart, columns, (s) => (INCOME_SIDE.has(s.key) ? -1 : 1));
  const pick = (key: string) => lines.find((l) => l.key === key)!.amounts;
  return { lines, revenueFen: pick('revenue'), expensesFen: pick('expenses'), profitFen: pick('totalProfit') };
}
