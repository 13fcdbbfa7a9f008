/** After an administrator set or reset the password: the user chooses a new one
 *  before anything else (the main process refuses every other call meanwhile). */
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { useApiMutation } from '../api/hooks';
import { CenteredCard } from '../components/CenteredCard';
import { zodRule } from '../components/zodRule';
import { applyApiError } from '../components/forms';
import { password } from '../../contract/schemas/app';
import type { Api } from '../api/client';

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
      {failure && (
        <Alert
          data-testid="must-change-error"
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={error(failure.code, failure.details)}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => change.mutate(v, { onError: (e) => applyApiError(e, form, error, () => undefined) })}
      >
        <Form.Item
          name="currentPassword"
          label={t('account.currentPassword')}
          rules={[{ required: true, message: t('field.required') }]}
        >
          <Input.Password autoFocus autoComplete="current-password" data-testid="must-change-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.newPassword')}
          rules={[zodRule(password)]}
          extra={t('users.passwordPolicyHint')}
        >
          <Input.Password autoComplete="new-password" data-testid="must-change-new" />
        </Form.Item>
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
