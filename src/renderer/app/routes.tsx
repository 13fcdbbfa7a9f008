/** The sections of the main window. Each shows only to roles that hold its
 *  permission; sections not built yet do not exist here at all. */
import type { ReactNode } from 'react';
import { AuditOutlined, HomeOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Permission } from '../../core/auth/permissions';
import type { MessageKey } from '../i18n/zh-CN';
import { HomePage } from '../pages/home/HomePage';
import { UsersPage } from '../pages/admin/UsersPage';
import { AuditPage } from '../pages/admin/AuditPage';
import { SettingsPage } from '../pages/admin/SettingsPage';
import { AccountPage } from '../pages/account/AccountPage';

export interface RouteDef {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  group?: MessageKey;
  /** Hidden from the navigation (reached from the user menu). */
  menu?: false;
  permission?: Permission;
  render: () => ReactNode;
}

export const ROUTES: RouteDef[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, render: () => <HomePage /> },
  { path: '/admin/users', label: 'nav.users', group: 'nav.admin', icon: <TeamOutlined />, permission: 'users.manage', render: () => <UsersPage /> },
  { path: '/admin/audit', label: 'nav.audit', group: 'nav.admin', icon: <AuditOutlined />, permission: 'audit.read', render: () => <AuditPage /> },
  { path: '/admin/settings', label: 'nav.settings', group: 'nav.admin', icon: <SettingOutlined />, permission: 'settings.manage', render: () => <SettingsPage /> },
  { path: '/account', label: 'nav.account', icon: <UserOutlined />, menu: false, render: () => <AccountPage /> },
];

export function routesFor(permissions: readonly string[]): RouteDef[] {
  return ROUTES.filter((r) => !r.permission || permissions.includes(r.permission));
}
