/** The frame every screen shares: navigation by role on the left; branch,
 *  business date, sync state, user and language on top; the idle lock over
 *  everything. */
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { Api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useApiMutation } from '../api/hooks';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { matchRoute, routesFor, type RouteDef } from './routes';
import { useHashRoute } from './useHashRoute';
import { IdleLock } from './IdleLock';
import { ACTIVE_ROW_CSS } from '../components/useListKeys';
import { SyncProvider, useSyncLive } from '../pages/sync/SyncLive';
import { SyncIndicator } from '../pages/sync/SyncIndicator';

type Status = Api['app.status']['output'];
export type ReadyStatus = Status & {
  session: NonNullable<Status['session']>;
  organisation: NonNullable<Status['organisation']>;
};

function menuItems(routes: RouteDef[], t: (k: RouteDef['label']) => string): MenuProps['items'] {
  const items: NonNullable<MenuProps['items']> = [];
  const groups = new Map<string, Array<{ key: string; label: string; icon: RouteDef['icon'] }>>();
  for (const r of routes) {
    if (r.menu === false || r.path.includes(':')) continue;
    const item = { key: r.path, label: t(r.label), icon: r.icon };
    if (!r.group) items.push(item);
    else {
      if (!groups.has(r.group)) {
        const children: Array<typeof item> = [];
        groups.set(r.group, children);
        items.push({ type: 'group', key: r.group, label: t(r.group as RouteDef['label']), children });
      }
      groups.get(r.group)!.push(item);
    }
  }
  return items;
}

export function Shell({ status }: { status: ReadyStatus }) {
  return (
    <SyncProvider locked={status.session.locked}>
      <Frame status={status} />
    </SyncProvider>
  );
}

function Frame({ status }: { status: ReadyStatus }) {
  const { t } = useI18n();
  const [path, navigate] = useHashRoute();
  const logout = useApiMutation('auth.logout');
  const lock = useApiMutation('auth.lock');
  const sync = useSyncLive();
  const session = status.session;
  const routes = routesFor(session.permissions, { syncConfigured: sync.status?.configured === true });
  const matched = matchRoute(routes, path.split('?')[0]!) ?? { route: routes[0]!, params: {} };
  const route = matched.route;
  return (
    <Layout style={{ height: '100vh', overflow: 'hidden' }}>
      <style>{ACTIVE_ROW_CSS}</style>
      {/* The navigation scrolls by itself when it is taller than the window (the
          window never scrolls as a whole). */}
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #e5e8ee', overflowY: 'auto' }}>
        <div style={{ padding: '14px 16px 10px' }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {t('app.name')}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: status.organisation.name }}>
              {status.organisation.name}
            </Typography.Text>
          </div>
        </div>
        <Menu
          mode="inline"
          data-testid="nav"
          selectedKeys={[route.parent ?? route.path]}
          items={menuItems(routes, t)}
          onClick={(e) => navigate(e.key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            height: 44,
            lineHeight: '44px',
            padding: '0 16px',
            borderBottom: '1px solid #e5e8ee',
            display: 'flex',
            justifyContent: 'space-between',
          }}
        >
          <Space size="large">
            <span>
              <Typography.Text type="secondary">
                {t('shell.branch')}
                {t('shell.colon')}
              </Typography.Text>
              <span data-testid="top-branch">{session.branchName ?? '—'}</span>
            </span>
            <span>
              <Typography.Text type="secondary">
                {t('shell.businessDate')}
                {t('shell.colon')}
              </Typography.Text>
              <span data-testid="top-business-date">{status.businessDate}</span>
            </span>
            {status.organisation.isDemo && <Tag color="orange">{t('shell.demo')}</Tag>}
          </Space>
          <Space>
            <SyncIndicator onOpen={() => navigate('/sync')} />
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'account',
                    icon: <UserOutlined />,
                    label: t('shell.account'),
                    onClick: () => navigate('/account'),
                  },
                  { key: 'lock', icon: <LockOutlined />, label: t('shell.lock'), onClick: () => lock.mutate({}) },
                  { type: 'divider' },
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('shell.logout'),
                    onClick: () => logout.mutate({}),
                  },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu">
                {session.displayName} · {t(`role.${session.role}`)}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ overflow: 'auto', padding: 16, background: '#f5f7fa' }}>
          {route.render(matched.params)}
        </Layout.Content>
      </Layout>
      <IdleLock
        locked={session.locked}
        idleLockMinutes={status.settings?.idleLockMinutes ?? 15}
        displayName={session.displayName}
      />
    </Layout>
  );
}
