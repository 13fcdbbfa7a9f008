/** Names kept per language: a product shows its English name on the English
 *  screens (its Chinese name otherwise), a purpose code its translated name, and
 *  an officer's own words as typed. */
import type { Language, Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';
import { purposeCode } from '../../core/purposes';

export function productName(product: { name: string; nameEn?: string | null }, language: Language): string {
  return language === 'en' && product.nameEn ? product.nameEn : product.name;
}

export function purposeText(stored: string, t: Translate): string {
  const code = purposeCode(stored);
  return code ? t(`purpose.${code}` as MessageKey) : stored;
}

/** A day-count convention as the user's language writes it (实际天数/360 in Chinese). */
export function dayCountName(code: string, t: Translate): string {
  const key = `dayCount.${code}` as MessageKey;
  const text = t(key);
  return text === key ? code : text;
}
