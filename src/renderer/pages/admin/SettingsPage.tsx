/** Admin settings, validated by the schema the main process uses to read them:
 *  one card a section (security, lending, documents, locale), each saved on its own. */
import type { ReactElement, ReactNode } from 'react';
import { Button, Card, Form, Input, InputNumber, Segmented, Select } from 'antd';
import type { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { zodRule } from '../../components/zodRule';
import { settingsSchema } from '../../../contract/schemas/settings';
import { MoneyInput } from '../../components/MoneyInput';
import { PercentInput } from '../review/PercentInput';
import { useSaveSettings, type Settings } from './saveSettings';

type CardSection = 'security' | 'lending' | 'documents' | 'locale';

/** A section's card: its form over the saved values, and its save button. */
function SectionCard<S extends CardSection>({
  section,
  title,
  value,
  labelSpan = 12,
  testId,
  last,
  children,
}: {
  section: S;
  title: string;
  value: Settings[S];
  labelSpan?: number;
  testId?: string;
  last?: boolean;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Settings[S]>();
  const { save, pending } = useSaveSettings(section, form, 'users.saved');
  return (
    <Card size="small" title={title} style={{ maxWidth: 520, marginBottom: last ? undefined : 12 }}>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: labelSpan }}
        initialValues={value}
        onFinish={save}
        data-testid={testId}
      >
        {children}
        <Button type="primary" htmlType="submit" loading={pending} data-testid={testId ? `${testId}-save` : undefined}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** One setting: its label, the schema's check with that label, and its input (a number by default). */
function Field({
  name,
  label,
  schema,
  extra,
  children = <InputNumber style={{ width: 120 }} />,
}: {
  name: string;
  label: string;
  schema?: z.ZodType;
  extra?: ReactNode;
  children?: ReactElement;
}) {
  return (
    <Form.Item name={name} label={label} extra={extra} rules={schema ? [zodRule(schema, { label })] : undefined}>
      {children}
    </Form.Item>
  );
}

export function SettingsPage() {
  const { t } = useI18n();
  const current = useApi('settings.get', {});
  if (!current.data) return null;
  const security = settingsSchema.shape.security.unwrap().shape;
  const lending = settingsSchema.shape.lending.unwrap().shape;
  const documents = settingsSchema.shape.documents.unwrap().shape;
  const data = current.data;
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <SectionCard section="security" title={t('settings.security')} value={data.security}>
        <Field name="idleLockMinutes" label={t('settings.idleLockMinutes')} schema={security.idleLockMinutes} />
        <Field name="maxFailedLogins" label={t('settings.maxFailedLogins')} schema={security.maxFailedLogins} />
        <Field name="lockoutMinutes" label={t('settings.lockoutMinutes')} schema={security.lockoutMinutes} />
      </SectionCard>
      <SectionCard section="lending" title={t('settings.lending')} value={data.lending} testId="settings-lending">
        <Field
          name="redLineAnnual"
          label={t('settings.redLineAnnual')}
          extra={t('settings.redLineHint')}
          schema={lending.redLineAnnual}
        >
          <PercentInput style={{ width: 120 }} data-testid="settings-red-line" />
        </Field>
        <Field name="writeOffMinDpd" label={t('settings.writeOffMinDpd')} schema={lending.writeOffMinDpd} />
        <Field
          name="largeCashThresholdFen"
          label={t('settings.largeCashThreshold')}
          schema={lending.largeCashThresholdFen}
        >
          <MoneyInput style={{ width: 160 }} />
        </Field>
      </SectionCard>
      <SectionCard
        section="documents"
        title={t('settings.documents')}
        value={data.documents}
        labelSpan={10}
        testId="settings-documents"
      >
        <Field name="receiptPaper" label={t('settings.receiptPaper')}>
          <Segmented
            options={[
              { value: 'a4', label: t('documents.paper.a4') },
              { value: 'continuous241', label: t('documents.paper.continuous241') },
            ]}
          />
        </Field>
        <Field name="payeeName" label={t('settings.payeeName')} schema={documents.payeeName}>
          <Input />
        </Field>
        <Field name="payeeAccount" label={t('settings.payeeAccount')} schema={documents.payeeAccount}>
          <Input style={{ fontFamily: 'monospace' }} />
        </Field>
        <Field name="payeeBank" label={t('settings.payeeBank')} schema={documents.payeeBank}>
          <Input />
        </Field>
        <Field name="counterAddress" label={t('settings.counterAddress')} schema={documents.counterAddress}>
          <Input />
        </Field>
        <Field name="servicePhone" label={t('settings.servicePhone')} schema={documents.servicePhone}>
          <Input style={{ width: 200 }} />
        </Field>
        <Field
          name="noticePayWithinDays"
          label={t('settings.noticePayWithinDays')}
          extra={t('settings.documentsHint')}
          schema={documents.noticePayWithinDays}
        />
      </SectionCard>
      <SectionCard section="locale" title={t('settings.locale')} value={data.locale} last>
        <Field name="defaultLanguage" label={t('settings.defaultLanguage')}>
          <Select
            style={{ width: 160 }}
            options={[
              { value: 'zh-CN', label: '简体中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Field>
        <Field name="timeZone" label={t('settings.timeZone')}>
          <Input style={{ width: 200 }} />
        </Field>
      </SectionCard>
    </>
  );
}
