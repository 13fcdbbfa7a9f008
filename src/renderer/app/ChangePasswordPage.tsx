/** After an administrator set or reset the password: the user chooses a new one
 *  before anything else (the main process refuses every other call meanwhile). */
import { Button, Form, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { useApiMutation } from '../api/hooks';
import { CenteredCard } from '../components/CenteredCard';
import { applyApiError } from '../components/forms';
import type { Api } from '../api/client';
import { ErrorAlert, NewPasswordField, SecretField } from '../components/PasswordFields';

export function ChangePasswordPage({ displayName }: { displayName: string }) {
  const { t, error } = useI18n();
  const change = useApiMutation('auth.changePassword');
  const logout = useApiMutation('auth.logout');
  const [form] = Form.useForm<Api['auth.changePassword']['input']>();
  const failure =
    change.error && !['INPUT_INVALID', 'PASSWORD_POLICY'].includes(change.error.code) ? change.error : null;
  return (
    <CenteredCard title={t('mustChange.title')} width={440}>
      <Typography.Paragraph type="secondary">{t('mustChange.intro', { name: displayName })}</Typography.Paragraph>
      <ErrorAlert error={failure} testId="must-change-error" />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => change.mutate(v, { onError: (e) => applyApiError(e, form, error, () => undefined) })}
      >
        <SecretField
          name="currentPassword"
          label={t('account.currentPassword')}
          autoFocus
          autoComplete="current-password"
          testId="must-change-current"
        />
        <NewPasswordField name="newPassword" label={t('account.newPassword')} testId="must-change-new" />
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="must-change-submit">
            {t('mustChange.submit')}
          </Button>
          <Button onClick={() => logout.mutate({})}>{t('shell.logout')}</Button>
        </div>
      </Form>
    </CenteredCard>
  );
}
