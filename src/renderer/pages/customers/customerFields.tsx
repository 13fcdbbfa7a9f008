/** The customer fields that the person and business registration dialogs and the
 *  edit dialog share, written once: each a form item checked on leaving it with the
 *  schema the main process applies, labelled from the catalogue. The dialogs keep
 *  their own layout (rows and columns, or one under the other) and pass the field's
 *  schema, its test id and the extras that differ. */
import type { CSSProperties, ReactElement, ReactNode } from 'react';
import { Checkbox, Form, Input, InputNumber } from 'antd';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { MoneyInput } from '../../components/MoneyInput';
import { liveRule, zodRule, type RuleOptions } from '../../components/zodRule';

type Schema = Parameters<typeof zodRule>[0];

interface ItemProps {
  name: string;
  label: MessageKey;
  schema: Schema;
  extra?: ReactNode;
}

/** One form item whose rule is its schema, with its label in the refusal. */
function SchemaItem({
  name,
  label,
  schema,
  extra,
  options,
  children,
}: ItemProps & { options?: Omit<RuleOptions, 'label'>; children: ReactElement }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={t(label)} rules={[zodRule(schema, { label: t(label), ...options })]} extra={extra}>
      {children}
    </Form.Item>
  );
}

/** A text field (name, address, employer, industry, phone). */
export function TextField({
  testId,
  maxLength,
  placeholder,
  autoFocus,
  ...item
}: ItemProps & { testId?: string; maxLength?: number; placeholder?: string; autoFocus?: boolean }) {
  return (
    <SchemaItem {...item}>
      <Input data-testid={testId} maxLength={maxLength} placeholder={placeholder} autoFocus={autoFocus} />
    </SchemaItem>
  );
}

/** An 18-character code (resident ID, unified credit code): checked in full on
 *  leaving it, and live as soon as all 18 characters are typed. */
export function CodeField({ testId, ...item }: ItemProps & { testId?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={item.name}
      label={t(item.label)}
      validateTrigger={['onChange', 'onBlur']}
      rules={[
        { ...zodRule(item.schema, { label: t(item.label) }), validateTrigger: 'onBlur' },
        liveRule(item.schema, (v) => typeof v === 'string' && v.trim().length >= 18),
      ]}
      extra={item.extra}
    >
      <Input data-testid={testId} maxLength={18} style={{ fontFamily: 'monospace' }} />
    </Form.Item>
  );
}

/** An amount in fen, its limits shown as money. */
export function MoneyField({ testId, ...item }: ItemProps & { testId?: string }) {
  return (
    <SchemaItem {...item} options={{ money: true }}>
      <MoneyInput data-testid={testId} />
    </SchemaItem>
  );
}

/** Years of employment, whole years from 0 to 60. */
export function EmploymentYearsField({
  schema,
  testId,
  style,
}: {
  schema: Schema;
  testId?: string;
  style?: CSSProperties;
}) {
  const { t } = useI18n();
  return (
    <SchemaItem
      name="employmentYears"
      label="customers.field.employmentYears"
      schema={schema}
      options={{ unit: t('customers.unit.years') }}
    >
      <InputNumber
        min={0}
        max={60}
        precision={0}
        style={style}
        suffix={t('customers.unit.years')}
        data-testid={testId}
      />
    </SchemaItem>
  );
}

/** The customer's consent to the processing of their data, checked as it is ticked. */
export function ConsentField({ schema, testId }: { schema: Schema; testId?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="consent" valuePropName="checked" validateTrigger="onChange" rules={[zodRule(schema, {})]}>
      <Checkbox data-testid={testId}>{t('customers.consent')}</Checkbox>
    </Form.Item>
  );
}
