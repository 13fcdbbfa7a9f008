/** The loan's terms (amount, number of periods, annual rate) as the application
 *  form and the reviewer's approval form both ask for them, written once: each
 *  checked with the schema the main process applies, plus the rules the caller adds
 *  (the product's ranges on the application). */
import { Form, InputNumber } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../i18n/i18n';
import { MoneyInput } from '../../components/MoneyInput';
import { zodRule } from '../../components/zodRule';
import { PercentInput } from './PercentInput';

type Schema = Parameters<typeof zodRule>[0];

interface TermProps {
  schema: Schema;
  testId: string;
  rules?: Rule[];
}

export function AmountField({ schema, testId, rules = [] }: TermProps) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="amountFen"
      label={t('review.field.amount')}
      rules={[zodRule(schema, { label: t('review.field.amount'), money: true }), ...rules]}
    >
      <MoneyInput data-testid={testId} />
    </Form.Item>
  );
}

/** The number of periods, in the product's unit (期, 月). */
export function PeriodsField({ schema, testId, rules = [], unit }: TermProps & { unit: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="periods"
      label={t('review.field.periods')}
      rules={[zodRule(schema, { label: t('review.field.periods'), unit }), ...rules]}
    >
      <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} suffix={unit} data-testid={testId} />
    </Form.Item>
  );
}

export function RateField({ schema, testId, rules = [] }: TermProps) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="rateAnnual"
      label={t('review.field.rate')}
      rules={[zodRule(schema, { label: t('review.field.rate') }), ...rules]}
    >
      <PercentInput data-testid={testId} />
    </Form.Item>
  );
}
