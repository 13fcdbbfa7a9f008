/** What each journal category records, in both languages: the memo a person reads
 *  beside an entry (the journal stores the category, never a sentence). */
export const JOURNAL_CATEGORIES = {
  disbursement: { zh: '放款', en: 'Disbursement' },
  fee: { zh: '手续费', en: 'Upfront fee' },
  interestAccrual: { zh: '利息计提', en: 'Interest accrual' },
  penaltyAccrual: { zh: '罚息计提', en: 'Penalty accrual' },
  overdueTransfer: { zh: '逾期本金转入', en: 'Overdue principal transfer' },
  provision: { zh: '计提贷款损失准备', en: 'Loan loss provision' },
  writeOff: { zh: '核销', en: 'Write-off' },
  repayment: { zh: '还款', en: 'Repayment' },
  recovery: { zh: '核销后收回', en: 'Recovery after write-off' },
  interestAdvance: { zh: '预收利息', en: 'Interest received in advance' },
  vat: { zh: '销项增值税', en: 'Output VAT' },
} as const;

export type JournalCategoryKind = keyof typeof JOURNAL_CATEGORIES;

/** "还款" / "Repayment", with "(调整)" / "(adjustment)" when the entry corrects or
 *  continues what the category already held. */
export function categoryMemo(kind: string, adjustment: boolean, language: 'zh-CN' | 'en'): string {
  const names = (JOURNAL_CATEGORIES as Record<string, { zh: string; en: string }>)[kind];
  const name = names ? (language === 'en' ? names.en : names.zh) : kind;
  if (!adjustment || kind === 'interestAccrual' || kind === 'penaltyAccrual') return name;
  return language === 'en' ? `${name} (adjustment)` : `${name}（调整）`;
}
