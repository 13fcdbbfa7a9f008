/** Sign-in with the lockout message and, where enrolled, the TOTP step. */
import { useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { useApiMutation } from '../api/hooks';
import { CenteredCard } from '../components/CenteredCard';
import { ErrorAlert, SecretField } from '../components/PasswordFields';

interface LoginForm {
  username: string;
  password: string;
  totpCode?: string;
}

export function LoginPage({ isDemo, organisationName }: { isDemo: boolean; organisationName: string }) {
  const { t } = useI18n();
  const login = useApiMutation('auth.login');
  const [needsTotp, setNeedsTotp] = useState(false);
  const [form] = Form.useForm<LoginForm>();
  const submit = (values: LoginForm) =>
    login.mutate(values, {
      onSuccess: (result) => {
        if (result.needsTotp) setNeedsTotp(true);
      },
      onError: () => form.setFieldValue('password', needsTotp ? values.password : ''),
    });
  return (
    <CenteredCard title={`${t('login.title')} · ${organisationName}`}>
      <ErrorAlert error={login.error} testId="login-error" />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="username"
          label={t('login.username')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input autoFocus autoComplete="username" data-testid="login-username" disabled={needsTotp} />
        </Form.Item>
        <SecretField
          name="password"
          label={t('login.password')}
          autoComplete="current-password"
          testId="login-password"
          disabled={needsTotp}
        />
        {needsTotp && (
          <>
            <Typography.Paragraph type="secondary">{t('login.totpIntro')}</Typography.Paragraph>
            <Form.Item
              name="totpCode"
              label={t('login.totp')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('error.TOTP_INVALID') }]}
            >
              <Input autoFocus inputMode="numeric" maxLength={6} data-testid="login-totp" />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      {isDemo && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
          {t('login.demoNote')}
        </Typography.Paragraph>
      )}
    </CenteredCard>
  );
}
