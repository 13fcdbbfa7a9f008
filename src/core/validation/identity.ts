/** Checks of customer identifiers: resident ID (GB 11643), mobile, bank card
 *  (Luhn), unified social credit code (GB 32100). Each returns a value, never
 *  throws: { valid: true, ...facts } or { valid: false, code }. */
import { formatDate, isValidDate } from '../dates';

export type Invalid<C extends string> = { valid: false; code: C };

export type ResidentIdResult =
  | {
      valid: true;
      residentId: string;
      birthDate: string;
      sex: 'male' | 'female';
      regionCode: string;
      upgradedFrom15: boolean;
    }
  | Invalid<'ID_FORMAT' | 'ID_REGION' | 'ID_BIRTH_DATE' | 'ID_CHECK_DIGIT'>;

/** Province-level codes of GB/T 2260 (the first two digits of a resident ID):
 *  the 31 mainland provinces, 71 Taiwan, 81 Hong Kong, 82 Macao, and 83 for the
 *  residence permits of Taiwan residents (which share the GB 11643 format). */
// prettier-ignore
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

/** 18 characters (17 digits + check digit or X; lower-case x accepted), a known
 *  province code in digits 1-2, a real birth date in digits 7-14, the check digit;
 *  15-digit legacy numbers (19YYMMDD birth date, no check digit) pass the same
 *  province and date checks and are upgraded to 18. Sex: parity of the 17th digit. */
export function validateResidentId(input: string): ResidentIdResult {
  let id = input.trim().toUpperCase();
  let upgradedFrom15 = false;
  if (/^\d{15}$/.test(id)) {
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    id = first17 + residentIdCheckChar(first17);
    upgradedFrom15 = true;
  }
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, code: 'ID_FORMAT' };
  if (!PROVINCE_CODES.has(id.slice(0, 2))) return { valid: false, code: 'ID_REGION' };
  const birthDate = formatDate({
    year: Number(id.slice(6, 10)),
    month: Number(id.slice(10, 12)),
    day: Number(id.slice(12, 14)),
  });
  if (!isValidDate(birthDate) || id.slice(10, 12) === '00' || id.slice(12, 14) === '00')
    return { valid: false, code: 'ID_BIRTH_DATE' };
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17]) return { valid: false, code: 'ID_CHECK_DIGIT' };
  return {
    valid: true,
    residentId: id,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
    upgradedFrom15,
  };
}

/** Whole years of age on `onDate` for a birth date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, onDate: string): number {
  const by = Number(birthDate.slice(0, 4));
  const bmd = birthDate.slice(5);
  const oy = Number(onDate.slice(0, 4));
  const omd = onDate.slice(5);
  return oy - by - (omd < bmd ? 1 : 0);
}

/** The oldest customer age a resident ID may show. */
export const MAX_CUSTOMER_AGE = 100;

/** A birth date read from an ID must lie in the past and give an age of at most
 *  MAX_CUSTOMER_AGE on `today`; the failure code otherwise. */
export function checkBirthDate(birthDate: string, today: string): 'ID_BIRTH_DATE_FUTURE' | 'ID_AGE_OVER_LIMIT' | null {
  if (birthDate >= today) return 'ID_BIRTH_DATE_FUTURE';
  if (ageOn(birthDate, today) > MAX_CUSTOMER_AGE) return 'ID_AGE_OVER_LIMIT';
  return null;
}

export type PhoneResult = { valid: true; phone: string } | Invalid<'PHONE_FORMAT'>;

/** Mainland mobile: 11 digits starting 1[3-9]; spaces, dashes and +86 are dropped. */
export function validateMobile(input: string): PhoneResult {
  let digits = input.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return /^1[3-9]\d{9}$/.test(digits) ? { valid: true, phone: digits } : { valid: false, code: 'PHONE_FORMAT' };
}

export type CardResult = { valid: true; cardNumber: string; last4: string } | Invalid<'CARD_FORMAT' | 'CARD_CHECKSUM'>;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The digits of a card number as typed: spaces and hyphens (ASCII and the
 *  full-width and dash forms an input method produces) are separators. */
export function normalizeCardNumber(input: string): string {
  return input.replace(/[\s\-\u2010-\u2015\uFF0D]/g, '');
}

/** Bank card: 12-19 digits (spaces and hyphens dropped) passing the Luhn check. */
export function validateBankCard(input: string): CardResult {
  const digits = normalizeCardNumber(input);
  if (!/^\d{12,19}$/.test(digits)) return { valid: false, code: 'CARD_FORMAT' };
  if (!luhnValid(digits)) return { valid: false, code: 'CARD_CHECKSUM' };
  return { valid: true, cardNumber: digits, last4: digits.slice(-4) };
}

export type CreditCodeResult =
  | { valid: true; creditCode: string; regionCode: string; organizationCode: string }
  | Invalid<'CREDIT_CODE_FORMAT' | 'CREDIT_CODE_CHECK'>;

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character: 31 - (sum of value x weight mod 31), 31 -> 0. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

/** Unified social credit code: 18 characters from the 31-character set (no I O Z S V),
 *  region code digits 3-8, and the check character. */
export function validateCreditCode(input: string): CreditCodeResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18 || [...code].some((c) => !CREDIT_CHARS.includes(c)) || !/^\d{6}$/.test(code.slice(2, 8)))
    return { valid: false, code: 'CREDIT_CODE_FORMAT' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { valid: false, code: 'CREDIT_CODE_CHECK' };
  return { valid: true, creditCode: code, regionCode: code.slice(2, 8), organizationCode: code.slice(8, 17) };
}

export type AccountResult = { valid: true; account: string } | Invalid<'ACCOUNT_FORMAT' | 'CARD_CHECKSUM'>;

/** The account a disbursement is paid to: a person's bank card (12-19 digits,
 *  Luhn), or a business's bank account (8-32 digits; account numbers carry no
 *  common check digit). Spaces and hyphens are separators. */
export function validateReceivingAccount(input: string, customerKind: 'person' | 'business'): AccountResult {
  const digits = normalizeCardNumber(input);
  if (customerKind === 'person') {
    const card = validateBankCard(digits);
    return card.valid
      ? { valid: true, account: card.cardNumber }
      : { valid: false, code: card.code === 'CARD_FORMAT' ? 'ACCOUNT_FORMAT' : card.code };
  }
  return /^\d{8,32}$/.test(digits) ? { valid: true, account: digits } : { valid: false, code: 'ACCOUNT_FORMAT' };
}

/** 6222 **** 1234: a receiving account in a list (first and last 4 digits). */
export function maskAccount(account: string): string {
  const digits = normalizeCardNumber(account);
  return digits.length <= 8 ? '*'.repeat(digits.length) : `${digits.slice(0, 4)} **** ${digits.slice(-4)}`;
}

/** 1101**********1234: first 4 and last 4 kept. */
export function maskResidentId(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 138****5678: first 3 and last 4 kept. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** **** **** **** 1234: only the last 4 digits shown. */
export function maskBankCard(card: string): string {
  const digits = normalizeCardNumber(card);
  return `**** **** **** ${digits.slice(-4)}`;
}
