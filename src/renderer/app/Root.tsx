/** Chooses the screen from the main process's status: passphrase, key error, the
 *  tables' rebuild after an upgrade, first-run setup, login, or the main window.
 *  Every screen but the login is its own chunk (the main window, Shell, holds the
 *  route table), so the login screen loads only what it shows (lazyPage.tsx). */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { loadFeatureMessages, useI18n } from '../i18n/i18n';
import { useApi } from '../api/hooks';
import { LoginPage } from './LoginPage';
import { lazyPage } from './lazyPage';

/** A screen's chunk together with the features' messages it may show. */
function withMessages<T>(chunk: Promise<T>): Promise<T> {
  return Promise.all([chunk, loadFeatureMessages()]).then(([m]) => m);
}

const NewPassphrasePage = lazyPage(() => withMessages(import('./VaultPages')).then((m) => m.NewPassphrasePage));
const UnlockVaultPage = lazyPage(() => withMessages(import('./VaultPages')).then((m) => m.UnlockVaultPage));
const VaultErrorPage = lazyPage(() => withMessages(import('./VaultPages')).then((m) => m.VaultErrorPage));
const UpgradingPage = lazyPage(() => withMessages(import('./VaultPages')).then((m) => m.UpgradingPage));
const ChangePasswordPage = lazyPage(() =>
  withMessages(import('./ChangePasswordPage')).then((m) => m.ChangePasswordPage),
);
const SetupPage = lazyPage(() => withMessages(import('./SetupPage')).then((m) => m.SetupPage));
const Shell = lazyPage(() => withMessages(import('./Shell')).then((m) => m.Shell));

function Screen() {
  const status = useApi(
    'app.status',
    {},
    // The tables' rebuild after an upgrade: its progress, then the login.
    { staleTime: 0, refetchInterval: (q) => (q.state.data?.vault === 'upgrading' ? 500 : false) },
  );
  if (status.isPending) return <Spin fullscreen />;
  if (status.isError) return <VaultErrorPage code={status.error.code} />;
  const s = status.data;
  switch (s.vault) {
    case 'needsNewPassphrase':
      return <NewPassphrasePage />;
    case 'needsPassphrase':
      return <UnlockVaultPage />;
    case 'error':
      return <VaultErrorPage code={s.vaultError ?? 'INTERNAL'} details={s.vaultErrorDetails} />;
    case 'upgrading':
      return <UpgradingPage progress={s.upgrade ?? { done: 0, total: 0 }} />;
  }
  if (!s.organisation) return <SetupPage />;
  if (!s.session) return <LoginPage isDemo={s.organisation.isDemo} organisationName={s.organisation.name} />;
  if (s.session.mustChangePassword) return <ChangePasswordPage displayName={s.session.displayName} />;
  return <Shell status={{ ...s, session: s.session, organisation: s.organisation }} />;
}

export function Root() {
  const { language } = useI18n();
  return (
    <ConfigProvider
      locale={language === 'zh-CN' ? zhCNLocale : enUSLocale}
      componentSize="small"
      theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4, fontSize: 13 } }}
    >
      <AntApp>
        <Screen />
      </AntApp>
    </ConfigProvider>
  );
}
