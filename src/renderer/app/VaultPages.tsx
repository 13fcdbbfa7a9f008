/** Before anything else: set the database passphrase, enter it, explain why the
 *  database cannot be opened, or show the progress of its tables' rebuild after
 *  an upgrade changed how they are computed. */
import { App, Button, Form, Input, Progress, Result, Typography } from 'antd';
import { useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../i18n/i18n';
import { useApiMutation } from '../api/hooks';
import { CenteredCard } from '../components/CenteredCard';
import { zodRule } from '../components/zodRule';
import { passphrase } from '../../contract/schemas/app';
import { ErrorAlert, SecretField } from '../components/PasswordFields';

export function NewPassphrasePage() {
  const { t, error } = useI18n();
  const create = useApiMutation('app.createPassphrase');
  const { message } = App.useApp();
  return (
    <CenteredCard title={t('vault.newTitle')} width={460}>
      <Typography.Paragraph type="secondary">{t('vault.newIntro')}</Typography.Paragraph>
      <Form
        layout="vertical"
        onFinish={(v: { passphrase: string; confirm: string }) =>
          create.mutate(v, { onError: (e) => void message.error(error(e.code, e.details)) })
        }
      >
        <Form.Item name="passphrase" label={t('vault.passphrase')} rules={[zodRule(passphrase)]} hasFeedback>
          <Input.Password autoFocus data-testid="passphrase" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('vault.confirm')}
          dependencies={['passphrase']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, value: string) => {
                if (value !== getFieldValue('passphrase')) throw new Error(error('PASSPHRASE_MISMATCH'));
              },
            }),
          ]}
        >
          <Input.Password data-testid="passphrase-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={create.isPending}>
          {t('vault.create')}
        </Button>
      </Form>
    </CenteredCard>
  );
}

export function UnlockVaultPage() {
  const { t } = useI18n();
  const unlock = useApiMutation('app.unlock');
  const client = useQueryClient();
  // Only a wrong passphrase can be retried here; any other answer (a key that does
  // not match the file …) is the main process's new state: show that screen.
  const submit = (v: { passphrase: string }) =>
    unlock.mutate(v, {
      onError: (e) =>
        !['PASSPHRASE_WRONG', 'VAULT_THROTTLED'].includes(e.code) &&
        void client.invalidateQueries({ queryKey: ['app.status'] }),
    });
  return (
    <CenteredCard title={t('vault.unlockTitle')}>
      <Typography.Paragraph type="secondary">{t('vault.unlockIntro')}</Typography.Paragraph>
      <ErrorAlert error={unlock.error} />
      <Form layout="vertical" onFinish={submit}>
        <SecretField name="passphrase" label={t('vault.passphrase')} autoFocus testId="passphrase" />
        <Button type="primary" htmlType="submit" block loading={unlock.isPending}>
          {t('vault.unlock')}
        </Button>
      </Form>
    </CenteredCard>
  );
}

export function VaultErrorPage({ code, details = {} }: { code: string; details?: Record<string, unknown> }) {
  const { t, error } = useI18n();
  // Another LoanDesk holds the profile: nothing is wrong with the data.
  const inUse = code === 'PROFILE_IN_USE';
  return (
    <CenteredCard title={t(inUse ? 'vault.inUseTitle' : 'vault.errorTitle')} width={520}>
      <Result
        status={inUse ? 'warning' : 'error'}
        title={error(code, details)}
        subTitle={t(inUse ? 'vault.inUseHint' : 'vault.errorHint')}
        extra={<Typography.Text code>{code}</Typography.Text>}
      />
    </CenteredCard>
  );
}

/** The tables' rebuild from the log after an upgrade (the main process's vault
 *  state `upgrading`; Root polls the status while it runs). The time left is
 *  estimated from the progress seen since this screen opened. */
export function UpgradingPage({ progress }: { progress: { done: number; total: number } }) {
  const { t, language } = useI18n();
  const first = useRef<{ at: number; done: number } | null>(null);
  const now = Date.now();
  first.current ??= { at: now, done: progress.done };
  const count = (n: number) => new Intl.NumberFormat(language).format(n);
  const percent = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
  const seen = progress.done - first.current.done;
  const leftMs = seen > 0 ? ((progress.total - progress.done) * (now - first.current.at)) / seen : null;
  return (
    <CenteredCard title={t('vault.upgradeTitle')} width={520}>
      <Typography.Paragraph type="secondary">{t('vault.upgradeIntro')}</Typography.Paragraph>
      <Progress percent={percent} status="active" />
      <Typography.Paragraph style={{ marginBottom: 0 }}>
        {t('vault.upgradeProgress', { done: count(progress.done), total: count(progress.total) })}
        {leftMs !== null && (
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            {leftMs < 60_000
              ? t('vault.upgradeRemainingSoon')
              : t('vault.upgradeRemaining', { minutes: count(Math.ceil(leftMs / 60_000)) })}
          </Typography.Text>
        )}
      </Typography.Paragraph>
    </CenteredCard>
  );
}
