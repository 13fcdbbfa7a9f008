/** Form validation with the very schemas the main process applies, in the
 *  user's language (zod's own zh-CN and en messages). */
import { z } from 'zod';
import type { Rule } from 'antd/es/form';
import type { Language } from '../i18n/i18n';

export function setZodLanguage(language: Language): void {
  z.config(language === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
}

export function zodRule(schema: z.ZodType, translateCode?: (code: string) => string): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      if (!result.success) {
        const message = result.error.issues[0]?.message ?? '';
        throw new Error(translateCode && /^[A-Z_]+$/.test(message) ? translateCode(message) : message);
      }
    },
  };
}
