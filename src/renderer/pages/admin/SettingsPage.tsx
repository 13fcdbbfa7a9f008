/** Admin settings, validated by the schema the main process uses to read them. */
import { App, Button, Card, Form, Input, InputNumber, Segmented, Select } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../api/hooks';
import { PageHeader } from '../../components/PageHeader';
import { zodRule } from '../../components/zodRule';
import { settingsSchema } from '../../../contract/schemas/settings';
import { MoneyInput } from '../../components/MoneyInput';
import { PercentInput } from '../review/PercentInput';

export function SettingsPage() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const current = useApi('settings.get', {});
  const save = useApiMutation('settings.update');
  if (!current.data) return null;
  const security = settingsSchema.shape.security.unwrap().shape;
  const lending = settingsSchema.shape.lending.unwrap().shape;
  const documents = settingsSchema.shape.documents.unwrap().shape;
  const onError = (e: { code: string; details: Record<string, unknown> }) =>
    void message.error(error(e.code, e.details));
  const onSuccess = () => void message.success(t('users.saved'));
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Card size="small" title={t('settings.security')} style={{ maxWidth: 520, marginBottom: 12 }}>
        <Form
          layout="horizontal"
          labelCol={{ span: 12 }}
          initialValues={current.data.security}
          onFinish={(value: typeof current.data.security) =>
            save.mutate({ section: 'security', value }, { onError, onSuccess })
          }
        >
          <Form.Item
            name="idleLockMinutes"
            label={t('settings.idleLockMinutes')}
            rules={[zodRule(security.idleLockMinutes)]}
          >
            <InputNumber style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="maxFailedLogins"
            label={t('settings.maxFailedLogins')}
            rules={[zodRule(security.maxFailedLogins)]}
          >
            <InputNumber style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="lockoutMinutes"
            label={t('settings.lockoutMinutes')}
            rules={[zodRule(security.lockoutMinutes)]}
          >
            <InputNumber style={{ width: 120 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('settings.lending')} style={{ maxWidth: 520, marginBottom: 12 }}>
        <Form
          layout="horizontal"
          labelCol={{ span: 12 }}
          initialValues={current.data.lending}
          onFinish={(value: typeof current.data.lending) =>
            save.mutate({ section: 'lending', value }, { onError, onSuccess })
          }
          data-testid="settings-lending"
        >
          <Form.Item
            name="redLineAnnual"
            label={t('settings.redLineAnnual')}
            extra={t('settings.redLineHint')}
            rules={[zodRule(lending.redLineAnnual)]}
          >
            <PercentInput style={{ width: 120 }} data-testid="settings-red-line" />
          </Form.Item>
          <Form.Item
            name="writeOffMinDpd"
            label={t('settings.writeOffMinDpd')}
            rules={[zodRule(lending.writeOffMinDpd)]}
          >
            <InputNumber style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="largeCashThresholdFen"
            label={t('settings.largeCashThreshold')}
            rules={[zodRule(lending.largeCashThresholdFen)]}
          >
            <MoneyInput style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-lending-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('settings.documents')} style={{ maxWidth: 520, marginBottom: 12 }}>
        <Form
          layout="horizontal"
          labelCol={{ span: 10 }}
          initialValues={current.data.documents}
          onFinish={(value: typeof current.data.documents) =>
            save.mutate({ section: 'documents', value }, { onError, onSuccess })
          }
          data-testid="settings-documents"
        >
          <Form.Item name="receiptPaper" label={t('settings.receiptPaper')}>
            <Segmented
              options={[
                { value: 'a4', label: t('documents.paper.a4') },
                { value: 'continuous241', label: t('documents.paper.continuous241') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="payeeName"
            label={t('settings.payeeName')}
            rules={[zodRule(documents.payeeName, { label: t('settings.payeeName') })]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="payeeAccount"
            label={t('settings.payeeAccount')}
            rules={[zodRule(documents.payeeAccount, { label: t('settings.payeeAccount') })]}
          >
            <Input style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Form.Item
            name="payeeBank"
            label={t('settings.payeeBank')}
            rules={[zodRule(documents.payeeBank, { label: t('settings.payeeBank') })]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="counterAddress"
            label={t('settings.counterAddress')}
            rules={[zodRule(documents.counterAddress, { label: t('settings.counterAddress') })]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="servicePhone"
            label={t('settings.servicePhone')}
            rules={[zodRule(documents.servicePhone, { label: t('settings.servicePhone') })]}
          >
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="noticePayWithinDays"
            label={t('settings.noticePayWithinDays')}
            extra={t('settings.documentsHint')}
            rules={[zodRule(documents.noticePayWithinDays)]}
          >
            <InputNumber style={{ width: 120 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-documents-save">
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('settings.locale')} style={{ maxWidth: 520 }}>
        <Form
          layout="horizontal"
          labelCol={{ span: 12 }}
          initialValues={current.data.locale}
          onFinish={(value: typeof current.data.locale) =>
            save.mutate({ section: 'locale', value }, { onError, onSuccess })
          }
        >
          <Form.Item name="defaultLanguage" label={t('settings.defaultLanguage')}>
            <Select
              style={{ width: 160 }}
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('settings.timeZone')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
