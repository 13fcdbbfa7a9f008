/** What every sign-in, unlock and password form shows the same way: the refusal
 *  of its last attempt above it, a secret the user types to prove who they are
 *  (required), and a new password checked by the policy the main process applies. */
import type { ReactNode } from 'react';
import { Alert, Form, Input } from 'antd';
import { useI18n } from '../i18n/i18n';
import { zodRule } from './zodRule';
import { password } from '../../contract/schemas/app';

/** The refusal of a call, in the user's language (nothing when there is none). */
export function ErrorAlert({
  error,
  testId,
}: {
  error: { code: string; details: Record<string, unknown> } | null | undefined;
  testId?: string;
}) {
  const { error: text } = useI18n();
  if (!error) return null;
  return (
    <Alert
      data-testid={testId}
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      message={text(error.code, error.details)}
    />
  );
}

/** A password or passphrase the user must type. */
export function SecretField({
  name,
  label,
  testId,
  autoFocus,
  autoComplete,
  disabled,
}: {
  name: string;
  label: ReactNode;
  testId?: string;
  autoFocus?: boolean;
  autoComplete?: 'current-password';
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('field.required') }]}>
      <Input.Password autoFocus={autoFocus} autoComplete={autoComplete} data-testid={testId} disabled={disabled} />
    </Form.Item>
  );
}

/** A new password, with the policy's check and its hint. */
export function NewPasswordField({ name, label, testId }: { name: string; label: ReactNode; testId?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} rules={[zodRule(password)]} extra={t('users.passwordPolicyHint')}>
      <Input.Password autoComplete="new-password" data-testid={testId} />
    </Form.Item>
  );
}
