/** What a stored code reads as, in both languages, for the files the main process
 *  writes (ledger exports, prints): a person never meets `written_off`, `normal` or
 *  `bank` in a spreadsheet. The words are the screens' words (a test holds them to
 *  the renderer's catalogues), so a status reads the same in a file and on screen. */
import { Dec, type RateInput } from './decimal';

export type Language = 'zh-CN' | 'en';
type Names = Readonly<Record<string, { zh: string; en: string }>>;

export const LOAN_STATUS_NAMES = {
  approved: { zh: '待放款', en: 'Awaiting disbursement' },
  active: { zh: '在贷', en: 'Active' },
  closed: { zh: '已结清', en: 'Closed' },
  written_off: { zh: '已核销', en: 'Written off' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
} as const satisfies Names;

export const CLASSIFICATION_NAMES = {
  normal: { zh: '正常', en: 'Normal' },
  specialMention: { zh: '关注', en: 'Special mention' },
  substandard: { zh: '次级', en: 'Substandard' },
  doubtful: { zh: '可疑', en: 'Doubtful' },
  loss: { zh: '损失', en: 'Loss' },
} as const satisfies Names;

/** A bucket keeps its M name (the trade's word in both languages) and says its range. */
export const BUCKET_NAMES = {
  M0: { zh: 'M0（未逾期）', en: 'M0 (current)' },
  M1: { zh: 'M1（逾期1-30天）', en: 'M1 (1-30 days past due)' },
  M2: { zh: 'M2（逾期31-60天）', en: 'M2 (31-60 days past due)' },
  M3: { zh: 'M3（逾期61-90天）', en: 'M3 (61-90 days past due)' },
  'M4+': { zh: 'M4+（逾期90天以上）', en: 'M4+ (over 90 days past due)' },
} as const satisfies Names;

export const CHANNEL_NAMES = {
  bank: { zh: '银行转账', en: 'Bank transfer' },
  cash: { zh: '现金', en: 'Cash' },
} as const satisfies Names;

export const TRANSACTION_KIND_NAMES = {
  disbursement: { zh: '放款', en: 'Disbursement' },
  repayment: { zh: '还款', en: 'Repayment' },
  reversal: { zh: '冲正', en: 'Reversal' },
  recovery: { zh: '核销后收回', en: 'Recovery after write-off' },
} as const satisfies Names;

export const METHOD_NAMES = {
  annuity: { zh: '等额本息', en: 'Equal installment' },
  equalPrincipal: { zh: '等额本金', en: 'Equal principal' },
  flat: { zh: '等本等息', en: 'Flat' },
  interestOnly: { zh: '先息后本', en: 'Interest-only' },
  bullet: { zh: '到期一次还本付息', en: 'Bullet' },
} as const satisfies Names;

/** `code` in `language` from `names`; an empty code stays empty and a code the
 *  table does not know is shown as stored (new data never disappears from a file). */
export function codeName(names: Names, code: string | null | undefined, language: Language): string {
  if (!code) return '';
  const n = names[code];
  if (!n) return code;
  return language === 'en' ? n.en : n.zh;
}

/** A decimal fraction ("0.1548") as percent points (15.48), exactly, to `places`
 *  decimals: what a CSV column headed "(%)" holds. */
export function percentPoints(rate: RateInput, places = 4): number {
  return new Dec(rate).times(100).toDecimalPlaces(places).toNumber();
}
