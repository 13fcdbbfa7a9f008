/** Default chart of accounts (科目表), codes after the Chinese enterprise accounting
 *  standards (DOMAIN.md): what the posting rules post to, and what a microloan
 *  company's books hold besides (funding, equity, taxes, expenses). 1303 has normal /
 *  overdue sub-accounts, 2203 and 2221 theirs. Administrators may rename and renumber
 *  these and add their own (core/accounting/chart.ts); each keeps its id, which is
 *  its default code here and what journal lines record. */
export type AccountType = 'asset' | 'contraAsset' | 'liability' | 'equity' | 'income' | 'expense';

export interface Account {
  code: string;
  nameZh: string;
  nameEn: string;
  type: AccountType;
  /** Side on which the balance normally sits. */
  normalBalance: 'debit' | 'credit';
  parent?: string;
}

export const ACCOUNTS = {
  cash: { code: '1001', nameZh: '库存现金', nameEn: 'Cash on hand', type: 'asset', normalBalance: 'debit' },
  bank: { code: '1002', nameZh: '银行存款', nameEn: 'Bank deposits', type: 'asset', normalBalance: 'debit' },
  interestReceivable: {
    code: '1132',
    nameZh: '应收利息',
    nameEn: 'Interest receivable',
    type: 'asset',
    normalBalance: 'debit',
  },
  loans: { code: '1303', nameZh: '贷款', nameEn: 'Loans', type: 'asset', normalBalance: 'debit' },
  loansNormal: {
    code: '1303.01',
    nameZh: '贷款-正常',
    nameEn: 'Loans - normal',
    type: 'asset',
    normalBalance: 'debit',
    parent: '1303',
  },
  loansOverdue: {
    code: '1303.02',
    nameZh: '贷款-逾期',
    nameEn: 'Loans - overdue',
    type: 'asset',
    normalBalance: 'debit',
    parent: '1303',
  },
  loanLossProvision: {
    code: '1304',
    nameZh: '贷款损失准备',
    nameEn: 'Loan loss provision',
    type: 'contraAsset',
    normalBalance: 'credit',
  },
  shortTermBorrowings: {
    code: '2001',
    nameZh: '短期借款',
    nameEn: 'Short-term borrowings',
    type: 'liability',
    normalBalance: 'credit',
  },
  advancesReceived: {
    code: '2203',
    nameZh: '预收账款',
    nameEn: 'Advances received',
    type: 'liability',
    normalBalance: 'credit',
  },
  interestInAdvance: {
    code: '2203.01',
    nameZh: '预收利息',
    nameEn: 'Interest received in advance',
    type: 'liability',
    normalBalance: 'credit',
    parent: '2203',
  },
  taxesPayable: {
    code: '2221',
    nameZh: '应交税费',
    nameEn: 'Taxes payable',
    type: 'liability',
    normalBalance: 'credit',
  },
  outputVat: {
    code: '2221.01',
    nameZh: '应交增值税（销项税额）',
    nameEn: 'VAT payable (output VAT)',
    type: 'liability',
    normalBalance: 'credit',
    parent: '2221',
  },
  urbanMaintenanceTax: {
    code: '2221.02',
    nameZh: '应交城市维护建设税',
    nameEn: 'Urban maintenance and construction tax payable',
    type: 'liability',
    normalBalance: 'credit',
    parent: '2221',
  },
  educationSurcharge: {
    code: '2221.03',
    nameZh: '应交教育费附加',
    nameEn: 'Education surcharge payable',
    type: 'liability',
    normalBalance: 'credit',
    parent: '2221',
  },
  localEducationSurcharge: {
    code: '2221.04',
    nameZh: '应交地方教育附加',
    nameEn: 'Local education surcharge payable',
    type: 'liability',
    normalBalance: 'credit',
    parent: '2221',
  },
  otherPayables: {
    code: '2241',
    nameZh: '其他应付款',
    nameEn: 'Other payables (customer overpayments)',
    type: 'liability',
    normalBalance: 'credit',
  },
  longTermBorrowings: {
    code: '2501',
    nameZh: '长期借款',
    nameEn: 'Long-term borrowings',
    type: 'liability',
    normalBalance: 'credit',
  },
  paidInCapital: {
    code: '4001',
    nameZh: '实收资本',
    nameEn: 'Paid-in capital',
    type: 'equity',
    normalBalance: 'credit',
  },
  currentProfit: {
    code: '4103',
    nameZh: '本年利润',
    nameEn: 'Current-year profit',
    type: 'equity',
    normalBalance: 'credit',
  },
  retainedEarnings: {
    code: '4104',
    nameZh: '利润分配',
    nameEn: 'Profit distribution (retained earnings)',
    type: 'equity',
    normalBalance: 'credit',
  },
  interestIncome: {
    code: '6011',
    nameZh: '利息收入',
    nameEn: 'Interest income',
    type: 'income',
    normalBalance: 'credit',
  },
  feeIncome: {
    code: '6021',
    nameZh: '手续费及佣金收入',
    nameEn: 'Fee and commission income',
    type: 'income',
    normalBalance: 'credit',
  },
  penaltyIncome: {
    code: '6051',
    nameZh: '其他业务收入',
    nameEn: 'Other operating income (penalty interest)',
    type: 'income',
    normalBalance: 'credit',
  },
  taxesAndSurcharges: {
    code: '6403',
    nameZh: '税金及附加',
    nameEn: 'Taxes and surcharges',
    type: 'expense',
    normalBalance: 'debit',
  },
  interestExpense: {
    code: '6411',
    nameZh: '利息支出',
    nameEn: 'Interest expense',
    type: 'expense',
    normalBalance: 'debit',
  },
  administrativeExpenses: {
    code: '6602',
    nameZh: '管理费用',
    nameEn: 'Administrative expenses',
    type: 'expense',
    normalBalance: 'debit',
  },
  impairmentLoss: {
    code: '6701',
    nameZh: '资产减值损失',
    nameEn: 'Impairment loss',
    type: 'expense',
    normalBalance: 'debit',
  },
} as const satisfies Record<string, Account>;

export const CHART_OF_ACCOUNTS: readonly Account[] = Object.values(ACCOUNTS);

export function accountByCode(code: string): Account | undefined {
  return CHART_OF_ACCOUNTS.find((a) => a.code === code);
}
