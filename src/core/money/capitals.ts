/** Amounts in Chinese capital numerals (人民币大写), as banks and receipts write them
 *  (中国人民银行《正确填写票据和结算凭证的基本规定》): 整 after whole yuan; a zero
 *  inside the number is one 零, zeros ending a 万 or 亿 group are not written, and
 *  where the rules allow either form we write the first one they give (¥107,000.53
 *  → 壹拾万柒仟元零伍角叁分, ¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分). */
import { DomainError } from '../errors';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const IN_GROUP = ['', '拾', '佰', '仟'] as const;
/** The largest amount the function writes: 9,999,999,999,999.99 yuan. */
export const MAX_CAPITALS_FEN = 999_999_999_999_999;

/** One group of up to four digits (1..9999): 壹仟零伍, 伍拾, 壹拾. */
function group(n: number): string {
  let out = '';
  let zeroPending = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      if (out) zeroPending = true;
      continue;
    }
    if (zeroPending) out += '零';
    zeroPending = false;
    out += `${DIGITS[d]!}${IN_GROUP[place]!}`;
  }
  return out;
}

/** A whole number of yuan (1..9,999,999,999,999) in groups of 万 and 亿; a lower
 *  group with leading zeros is joined by one 零 (壹亿零伍佰万, 壹万零伍拾). */
function whole(n: number): string {
  if (n >= 1e8) {
    const high = Math.floor(n / 1e8);
    const rest = n % 1e8;
    return `${whole(high)}亿${rest === 0 ? '' : rest < 1e7 ? `零${whole(rest)}` : whole(rest)}`;
  }
  if (n >= 1e4) {
    const high = Math.floor(n / 1e4);
    const rest = n % 1e4;
    return `${group(high)}万${rest === 0 ? '' : rest < 1e3 ? `零${group(rest)}` : group(rest)}`;
  }
  return group(n);
}

/** `fen` (an integer amount of fen, 0 to MAX_CAPITALS_FEN) in capitals, without the
 *  人民币 prefix: 123456 → 壹仟贰佰叁拾肆元伍角陆分, 100000 → 壹仟元整, 0 → 零元整. */
export function yuanInCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_CAPITALS_FEN)
    throw new DomainError('MONEY_INVALID_AMOUNT', { field: 'amountFen', value: fen });
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${whole(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) {
    // 元位 is 0 and 角 is not: one 零 after 元 (the rules' first form).
    if (yuan > 0 && yuan % 10 === 0) out += '零';
    out += `${DIGITS[jiao]}角`;
  } else if (yuan > 0) out += '零';
  if (fenDigit > 0) out += `${DIGITS[fenDigit]}分`;
  return out;
}
