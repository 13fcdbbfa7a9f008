/** Form validation with the very schemas the main process applies, every refusal a
 *  sentence in the user's language that says what to do (请填写姓名, 申请金额不能低于
 *  ¥1,000.00): the schema library's own wording never reaches a person. Our own codes
 *  (ID_CHECK_DIGIT, TEXT_TOO_SHORT …) are translated with their params; the library's
 *  issue kinds (missing, too small, too big, wrong format …) are mapped to our
 *  sentences, with the field's label, unit, and amounts as money. */
import type { z } from 'zod';
import type { Rule } from 'antd/es/form';
import { activeLanguage, errorText, formatFen, translate, type Language } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh-CN';

export interface RuleOptions {
  /** The field's label as the form shows it (请填写{label}). */
  label?: string;
  /** The value is integer fen: limits are shown as money. */
  money?: boolean;
  /** The unit after a number (个月, 年). */
  unit?: string;
}

/** The parts of an issue the sentence needs (a zod issue, or one the main process sent). */
export interface IssueLike {
  code?: string;
  message?: string;
  params?: Record<string, unknown>;
  expected?: unknown;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  divisor?: unknown;
}

const OUR_CODE = /^[A-Z][A-Z0-9_]+$/;

/** English labels start a sentence's object in lower case ("Enter the amount"),
 *  abbreviations (ID) stay. */
function asObject(label: string, lang: Language): string {
  if (lang !== 'en' || label.length < 2 || label[1] !== label[1]!.toLowerCase()) return label;
  return label[0]!.toLowerCase() + label.slice(1);
}

function say(key: MessageKey, vars: Record<string, unknown> = {}, lang: Language = activeLanguage()): string {
  return translate(lang, key, vars);
}

/** The sentence for one issue of a value (`input` is what was checked). */
export function issueSentence(
  issue: IssueLike,
  input: unknown,
  options: RuleOptions = {},
  lang: Language = activeLanguage(),
): string {
  const label = options.label ? asObject(options.label, lang) : null;
  const withLabel = (key: MessageKey, plain: MessageKey, vars: Record<string, unknown> = {}) =>
    label ? say(key, { ...vars, label }, lang) : say(plain, vars, lang);
  const required = () => withLabel('form.rule.requiredField', 'form.rule.required');
  const message = issue.message ?? '';
  if (OUR_CODE.test(message)) {
    if (message === 'REQUIRED') return required();
    return errorText(lang, message, issue.params ?? {});
  }
  const missing = input === undefined || input === null || input === '';
  const limit = (n: unknown) =>
    options.money && typeof n === 'number'
      ? formatFen(n, lang)
      : `${String(n)}${options.unit ? ` ${options.unit}` : ''}`;
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return required();
      if (options.money) return withLabel('form.rule.moneyFormatField', 'form.rule.moneyFormat');
      if (issue.expected === 'int') return withLabel('form.rule.integerField', 'form.rule.integer');
      if (issue.expected === 'number') return withLabel('form.rule.numberField', 'form.rule.number');
      return withLabel('form.rule.invalidField', 'form.rule.invalid');
    case 'too_small': {
      if (missing) return required();
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? required() : say('form.rule.minChars', { min: issue.minimum }, lang);
      if (issue.origin === 'array' || issue.origin === 'set')
        return say('form.rule.chooseAtLeast', { min: issue.minimum }, lang);
      const key = issue.inclusive === false ? 'form.rule.aboveField' : 'form.rule.minField';
      return withLabel(key, issue.inclusive === false ? 'form.rule.above' : 'form.rule.min', {
        min: limit(issue.minimum),
      });
    }
    case 'too_big': {
      if (issue.origin === 'string') return say('form.rule.maxChars', { max: issue.maximum }, lang);
      if (issue.origin === 'array' || issue.origin === 'set')
        return say('form.rule.chooseAtMost', { max: issue.maximum }, lang);
      const key = issue.inclusive === false ? 'form.rule.belowField' : 'form.rule.maxField';
      return withLabel(key, issue.inclusive === false ? 'form.rule.below' : 'form.rule.max', {
        max: limit(issue.maximum),
      });
    }
    case 'not_multiple_of':
      return say('form.rule.multiple', { divisor: limit(issue.divisor) }, lang);
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return missing ? required() : withLabel('form.rule.chooseField', 'form.rule.choose');
    case 'invalid_format':
      return withLabel('form.rule.formatField', 'form.rule.format');
    default:
      return missing ? required() : withLabel('form.rule.invalidField', 'form.rule.invalid');
  }
}

/** An antd rule checking the field's value with `schema`: required (marked with the
 *  form's asterisk) when the schema refuses an empty field. */
export function zodRule(schema: z.ZodType, options: RuleOptions = {}): Rule {
  const required = !schema.safeParse(undefined).success;
  return {
    required,
    validator: async (_rule, value: unknown) => {
      const input = value === '' ? undefined : value;
      const result = schema.safeParse(input);
      if (!result.success) throw new Error(issueSentence(result.error.issues[0] ?? {}, input, options));
    },
  };
}

/** The same check while typing, once the value is complete (`when`): a resident
 *  ID's check digit shows as soon as the 18th character is in, not at the first. */
export function liveRule(schema: z.ZodType, when: (value: unknown) => boolean, options: RuleOptions = {}): Rule {
  return {
    validateTrigger: 'onChange',
    validator: async (_rule, value: unknown) => {
      if (!when(value)) return;
      const result = schema.safeParse(value);
      if (!result.success) throw new Error(issueSentence(result.error.issues[0] ?? {}, value, options));
    },
  };
}

/** A required field that has no schema of its own (a picked customer, a product). */
export function requiredRule(label?: string): Rule {
  return {
    required: true,
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
        throw new Error(issueSentence({ message: 'REQUIRED' }, undefined, { label }));
    },
  };
}
