/** Language state, `t()`, error translation and locale-aware money formatting.
 *  The catalogues start with the messages of the screens before the main window
 *  (zh-CN.ts, en.ts); the features' messages join them when loadFeatureMessages()
 *  has loaded their chunk, which every screen but login waits for (app/Root.tsx). */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { zhCNBase, type MessageKey } from './zh-CN';
import { enBase } from './en';
import { formatDateTime } from '../components/dates';

export type Language = 'zh-CN' | 'en';
const CATALOGS: Record<Language, Partial<Record<MessageKey, string>>> = { 'zh-CN': { ...zhCNBase }, en: { ...enBase } };

/** Adds the features' messages (features.ts; a feature's words win, as in features.ts). */
export function addFeatureMessages(zh: Partial<Record<MessageKey, string>>, en: Partial<Record<MessageKey, string>>) {
  CATALOGS['zh-CN'] = { ...CATALOGS['zh-CN'], ...zh };
  CATALOGS.en = { ...CATALOGS.en, ...en };
}

let featureMessages: Promise<void> | undefined;
/** Loads the features' messages once (their own chunk). */
export function loadFeatureMessages(): Promise<void> {
  return (featureMessages ??= import('./features').then((f) => addFeatureMessages(f.featuresZhCN, f.featuresEn)));
}
const STORAGE_KEY = 'loandesk.language';

export type Translate = (key: MessageKey, vars?: Record<string, unknown>) => string;

export function translate(language: Language, key: MessageKey, vars: Record<string, unknown> = {}): string {
  const text = CATALOGS[language][key];
  if (text === undefined) {
    console.error(`[i18n] missing message ${key} (${language})`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A translated sentence for an API error code; unknown codes still say which. */
export function errorText(language: Language, code: string, details: Record<string, unknown> = {}): string {
  if (code === 'LOGIN_FAILED' && typeof details.remaining === 'number') {
    return translate(language, 'error.LOGIN_FAILED_REMAINING', details);
  }
  const key = `error.${code}` as MessageKey;
  if (key in CATALOGS['zh-CN']) {
    const vars = { ...details };
    for (const instant of ['until', 'since'] as const)
      if (typeof vars[instant] === 'string') vars[instant] = formatDateTime(vars[instant]);
    // Amounts travel as integer fen (`…Fen`) and are shown as money; annual rates and
    // costs (`…Annual`, `…Cost`) as decimal fractions, shown as percentages.
    for (const [name, value] of Object.entries(vars)) {
      if (name.endsWith('Fen') && typeof value === 'number') vars[name] = formatFen(value, language, { symbol: true });
      else if (/(Annual|Cost)$/.test(name) && typeof value === 'string' && Number.isFinite(Number(value)))
        vars[name] = `${(Number(value) * 100).toFixed(2)}%`;
    }
    // A missing permission is named as the roles screen names it.
    if (
      code === 'PERMISSION_DENIED' &&
      typeof vars.permission === 'string' &&
      `perm.${vars.permission}` in CATALOGS['zh-CN']
    )
      vars.permission = translate(language, `perm.${vars.permission}` as MessageKey);
    // A loan's status is named as the screens name it (在贷, 已核销), never its code.
    if (
      code.startsWith('LOAN_') &&
      typeof vars.status === 'string' &&
      `loans.status.${vars.status}` in CATALOGS['zh-CN']
    )
      vars.status = translate(language, `loans.status.${vars.status}` as MessageKey);
    if (code === 'PROFILE_IN_USE' && typeof vars.kind === 'string')
      vars.kind = translate(language, `profileLock.kind.${vars.kind}` as MessageKey);
    return translate(language, key, vars);
  }
  return translate(language, 'error.unknown', { code });
}

/** Formats integer fen as a locale amount (¥1,234.56) without floating-point money. */
export function formatFen(fen: number, language: Language, options: { symbol?: boolean } = {}): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(yuan);
  const decimal = new Intl.NumberFormat(language).formatToParts(1.1).find((p) => p.type === 'decimal')?.value ?? '.';
  const body = `${grouped}${decimal}${String(cents).padStart(2, '0')}`;
  return `${negative ? '-' : ''}${options.symbol === false ? '' : '¥'}${body}`;
}

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  error: (code: string, details?: Record<string, unknown>) => string;
  money: (fen: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** The language the window shows, for code outside React that words messages (form
 *  rules run in antd's validators). */
let shownLanguage: Language = 'zh-CN';
export function activeLanguage(): Language {
  return shownLanguage;
}

export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'zh-CN' ? stored : 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  shownLanguage = language;
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      language,
      setLanguage,
      t: (key, vars) => translate(language, key, vars),
      error: (code, details) => errorText(language, code, details),
      money: (fen) => formatFen(fen, language),
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
