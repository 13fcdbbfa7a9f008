/** The user's own account: change password, turn TOTP on or off. */
import { useState } from 'react';
import { App, Alert, Button, Card, Form, Image, Input, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useApi, useApiMutation } from '../../api/hooks';
import { invoke, type Api } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { applyApiError } from '../../components/forms';
import { NewPasswordField, SecretField } from '../../components/PasswordFields';

export function AccountPage() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const status = useApi('app.status', {});
  const change = useApiMutation('auth.changePassword');
  const confirm = useApiMutation('auth.totpConfirm');
  const disable = useApiMutation('auth.totpDisable');
  const [enrolment, setEnrolment] = useState<Api['auth.totpBegin']['output'] | null>(null);
  const [pwForm] = Form.useForm();
  const notify = (text: string) => void message.error(text);
  const totpEnabled = status.data?.session?.totpEnabled ?? false;
  return (
    <>
      <PageHeader title={t('account.title')} />
      <Space align="start" size={12} wrap>
        <Card size="small" title={t('account.changePassword')} style={{ width: 380 }}>
          <Form
            form={pwForm}
            layout="vertical"
            onFinish={(v: Api['auth.changePassword']['input']) =>
              change.mutate(v, {
                onSuccess: () => {
                  pwForm.resetFields();
                  void message.success(t('account.passwordChanged'));
                },
                onError: (e) => applyApiError(e, pwForm, error, notify),
              })
            }
          >
            <SecretField name="currentPassword" label={t('account.currentPassword')} autoComplete="current-password" />
            <NewPasswordField name="newPassword" label={t('account.newPassword')} />
            <Button type="primary" htmlType="submit" loading={change.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
        <Card size="small" title={t('account.totp')} style={{ width: 380 }}>
          {totpEnabled ? (
            <>
              <Alert type="success" showIcon message={t('account.totpEnabled')} style={{ marginBottom: 12 }} />
              <Form
                layout="vertical"
                onFinish={(v: { password: string }) =>
                  disable.mutate(v, { onError: (e) => notify(error(e.code, e.details)) })
                }
              >
                <SecretField name="password" label={t('login.password')} />
                <Button danger htmlType="submit">
                  {t('account.totpDisable')}
                </Button>
              </Form>
            </>
          ) : enrolment ? (
            <>
              <Typography.Paragraph type="secondary">{t('account.totpIntro')}</Typography.Paragraph>
              <Image src={enrolment.qrDataUrl} width={180} preview={false} alt="TOTP QR" />
              <Typography.Paragraph style={{ fontSize: 12 }}>
                {t('account.totpSecret')}:{' '}
                <Typography.Text code copyable>
                  {enrolment.secret}
                </Typography.Text>
              </Typography.Paragraph>
              <Form
                layout="inline"
                onFinish={(v: { code: string }) =>
                  confirm.mutate(v, {
                    onSuccess: () => setEnrolment(null),
                    onError: (e) => notify(error(e.code, e.details)),
                  })
                }
              >
                <Form.Item
                  name="code"
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('error.TOTP_INVALID') }]}
                >
                  <Input maxLength={6} inputMode="numeric" style={{ width: 120 }} data-testid="totp-code" />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('account.totpConfirm')}
                </Button>
              </Form>
            </>
          ) : (
            <Button
              onClick={() =>
                void invoke('auth.totpBegin', {}).then(setEnrolment, (e: { code: string }) => notify(error(e.code)))
              }
            >
              {t('account.totpStart')}
            </Button>
          )}
        </Card>
      </Space>
    </>
  );
}
