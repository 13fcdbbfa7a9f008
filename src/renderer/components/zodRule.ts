/** Form validation with the very schemas the main process applies, in the
 *  user's language (zod's own zh-CN and en messages). */
import { z } from 'zod';
import type { Rule } from 'antd/es/form';
import type { Language } from '../i18n/i18n';

/** Issue messages that are our own error codes (USERNAME_FORMAT …) go through this. */
let translateCode: (code: string) => string = (code) => code;

export function setZodLanguage(language: Language, translate: (code: string) => string): void {
  z.config(language === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
  translateCode = translate;
}

export function zodRule(schema: z.ZodType, translate: (code: string) => string = translateCode): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      if (!result.success) {
        const message = result.error.issues[0]?.message ?? '';
        throw new Error(/^[A-Z][A-Z0-9_]+$/.test(message) ? translate(message) : message);
      }
    },
  };
}
