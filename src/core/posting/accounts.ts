/** Default chart of accounts (科目表), codes after the Chinese enterprise accounting
 *  standards (DOMAIN.md). 1303 has normal / overdue sub-accounts. */
export type AccountType = 'asset' | 'contraAsset' | 'liability' | 'income' | 'expense';

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
  otherPayables: {
    code: '2241',
    nameZh: '其他应付款',
    nameEn: 'Other payables (customer overpayments)',
    type: 'liability',
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
