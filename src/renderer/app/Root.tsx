/** Chooses the screen from the main process's status: passphrase, key error,
 *  first-run setup, login, or the main window. */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { useI18n } from '../i18n/i18n';
import { useApi } from '../api/hooks';
import { NewPassphrasePage, UnlockVaultPage, VaultErrorPage } from './VaultPages';
import { SetupPage } from './SetupPage';
import { LoginPage } from './LoginPage';
import { Shell } from './Shell';
import { ChangePasswordPage } from './ChangePasswordPage';

function Screen() {
  const status = useApi('app.status', {}, { staleTime: 0 });
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
