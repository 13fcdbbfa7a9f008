/** The sections of the main window. Each shows only to roles that hold its
 *  permission; sections not built yet do not exist here at all. */
import type { ReactNode } from 'react';
import { AuditOutlined, HomeOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Permission } from '../../core/auth/permissions';
import type { MessageKey } from '../i18n/zh-CN';
import { IdcardOutlined } from '@ant-design/icons';
import { reviewRoutes } from '../pages/review/routes';
import { loansRoutes } from '../pages/loans/routes';
import { operationsRoutes } from '../pages/operations/routes';
import { booksRoutes } from '../pages/books/routes';
import { adminMonitoringRoutes, monitoringRoutes } from '../pages/monitoring/routes';
import { ticketsRoutes } from '../pages/tickets/routes';
import { CalendarOutlined, ControlOutlined } from '@ant-design/icons';
import { adminSyncRoutes, syncRoutes } from '../pages/sync/routes';
import { documentsRoutes } from '../pages/documents/routes';
import { lazyPage } from './lazyPage';

const HomePage = lazyPage(() => import('../pages/home/HomePage').then((m) => m.HomePage));
const UsersPage = lazyPage(() => import('../pages/admin/UsersPage').then((m) => m.UsersPage));
const AuditPage = lazyPage(() => import('../pages/admin/AuditPage').then((m) => m.AuditPage));
const SettingsPage = lazyPage(() => import('../pages/admin/SettingsPage').then((m) => m.SettingsPage));
const AccountPage = lazyPage(() => import('../pages/account/AccountPage').then((m) => m.AccountPage));
const CustomersPage = lazyPage(() => import('../pages/customers/CustomersPage').then((m) => m.CustomersPage));
const CalendarPage = lazyPage(() => import('../pages/admin/CalendarPage').then((m) => m.CalendarPage));
const ServicePage = lazyPage(() => import('../pages/admin/ServicePage').then((m) => m.ServicePage));

export interface RouteDef {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  group?: MessageKey;
  /** Hidden from the navigation (reached from the user menu or a link). Routes
   *  with a `:param` are never in the navigation. */
  menu?: false;
  permission?: Permission;
  /** The nav entry to highlight while this (detail) route is open. */
  parent?: string;
  /** Only while this desktop is connected to a sync server. */
  needsSync?: true;
  render: (params: Record<string, string>) => ReactNode;
}

export const ROUTES: RouteDef[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, render: () => <HomePage /> },
  ...syncRoutes,
  ...reviewRoutes,
  ...loansRoutes,
  ...documentsRoutes,
  {
    path: '/customers',
    label: 'nav.customers',
    icon: <IdcardOutlined />,
    permission: 'customers.read',
    render: () => <CustomersPage />,
  },
  ...operationsRoutes,
  ...booksRoutes,
  ...monitoringRoutes,
  ...ticketsRoutes,
  {
    path: '/admin/users',
    label: 'nav.users',
    group: 'nav.admin',
    icon: <TeamOutlined />,
    permission: 'users.manage',
    render: () => <UsersPage />,
  },
  {
    path: '/admin/audit',
    label: 'nav.audit',
    group: 'nav.admin',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    render: () => <AuditPage />,
  },
  {
    path: '/admin/settings',
    label: 'nav.settings',
    group: 'nav.admin',
    icon: <SettingOutlined />,
    permission: 'settings.manage',
    render: () => <SettingsPage />,
  },
  ...adminMonitoringRoutes,
  {
    path: '/admin/calendar',
    label: 'nav.calendar',
    group: 'nav.admin',
    icon: <CalendarOutlined />,
    permission: 'settings.manage',
    render: () => <CalendarPage />,
  },
  {
    path: '/admin/service',
    label: 'nav.serviceSettings',
    group: 'nav.admin',
    icon: <ControlOutlined />,
    permission: 'settings.manage',
    render: () => <ServicePage />,
  },
  ...adminSyncRoutes,
  { path: '/account', label: 'nav.account', icon: <UserOutlined />, menu: false, render: () => <AccountPage /> },
];

export function routesFor(permissions: readonly string[], context: { syncConfigured?: boolean } = {}): RouteDef[] {
  return ROUTES.filter(
    (r) => (!r.permission || permissions.includes(r.permission)) && (!r.needsSync || context.syncConfigured === true),
  );
}

/** The route for a path like `/loans/<id>`, with its parameters. */
export function matchRoute(
  routes: RouteDef[],
  path: string,
): { route: RouteDef; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    if (
      pattern.every((p, i) =>
        p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i]!)), true) : p === parts[i],
      )
    )
      return { route, params };
  }
  return null;
}
