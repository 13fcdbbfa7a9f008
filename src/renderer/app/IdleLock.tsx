/** Locks the window after the configured idle time; the main process enforces
 *  the same limit on its side, so a locked session can do nothing but unlock. */
import { useEffect, useRef } from 'react';
import { Button, Form, Modal, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { useApiMutation } from '../api/hooks';
import { ErrorAlert, SecretField } from '../components/PasswordFields';

const ACTIVITY_EVENTS = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 15_000;
/** How often activity is reported, so the main process's own idle clock agrees. */
const TOUCH_EVERY_MS = 60_000;

export function IdleLock({
  locked,
  idleLockMinutes,
  displayName,
}: {
  locked: boolean;
  idleLockMinutes: number;
  displayName: string;
}) {
  const { t } = useI18n();
  const lock = useApiMutation('auth.lock');
  const unlock = useApiMutation('auth.unlock');
  const logout = useApiMutation('auth.logout');
  const touchServer = useApiMutation('auth.touch');
  const lastActivity = useRef(Date.now());
  const lastTouch = useRef(Date.now());

  useEffect(() => {
    if (locked) return;
    lastActivity.current = Date.now();
    const touch = () => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - lastActivity.current >= idleLockMinutes * 60_000) lock.mutate({});
      else if (lastActivity.current > lastTouch.current && now - lastTouch.current >= TOUCH_EVERY_MS) {
        lastTouch.current = now;
        touchServer.mutate({});
      }
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch);
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [locked, idleLockMinutes]);

  return (
    <Modal
      open={locked}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={null}
      title={t('lock.title')}
      mask={{ blur: true }}
      destroyOnHidden
    >
      <div data-testid="lock-screen">
        <Typography.Paragraph>{t('lock.intro', { name: displayName })}</Typography.Paragraph>
        <ErrorAlert error={unlock.error} />
        <Form layout="vertical" onFinish={(v: { password: string }) => unlock.mutate(v)}>
          <SecretField name="password" label={t('login.password')} autoFocus testId="unlock-password" />
          <div style={{ display: 'flex', gap: 8 }}>
            <Button type="primary" htmlType="submit" loading={unlock.isPending} data-testid="unlock-submit">
              {t('lock.unlock')}
            </Button>
            <Button onClick={() => logout.mutate({})}>{t('lock.logout')}</Button>
          </div>
        </Form>
      </div>
    </Modal>
  );
}
