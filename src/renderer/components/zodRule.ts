/** Form validation with the very schemas the main process applies, in the
 *  user's language (zod's own zh-CN and en messages). */
import { z } from 'zod';
import type { Rule } from 'antd/es/form';
import type { Language } from '../i18n/i18n';

/** Issue messages that are our own error codes (USERNAME_FORMAT …) go through this,
 *  with the issue's params ({ max } …). */
type TranslateCode = (code: string, params?: Record<string, unknown>) => string;
let translateCode: TranslateCode = (code) => code;

export function setZodLanguage(language: Language, translate: TranslateCode): void {
  z.config(language === 'zh-CN' ? z.locales.zhCN() : z.locales.en());
  translateCode = translate;
}

export function zodRule(schema: z.ZodType, translate: TranslateCode = translateCode): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      if (!result.success) {
        const issue = result.error.issues[0];
        const message = issue?.message ?? '';
        const params = issue && 'params' in issue ? (issue.params as Record<string, unknown> | undefined) : undefined;
        throw new Error(/^[A-Z][A-Z0-9_]+$/.test(message) ? translate(message, params) : message);
      }
    },
  };
}
