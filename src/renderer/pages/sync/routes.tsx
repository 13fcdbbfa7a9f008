/** The sync section's routes: the Sync page for everyone once this desktop has a
 *  sync server, and the administrator's Sync server screen; each its own chunk. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import { ClusterOutlined, CloudSyncOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';

const SyncPage = lazy(() => import('./SyncPage').then((m) => ({ default: m.SyncPage })));
const SyncServerPage = lazy(() => import('./SyncServerPage').then((m) => ({ default: m.SyncServerPage })));

function page(node: ReactNode) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{node}</Suspense>;
}

export const syncRoutes: RouteDef[] = [
  {
    path: '/sync',
    label: 'nav.sync',
    icon: <CloudSyncOutlined />,
    needsSync: true,
    render: () => page(<SyncPage />),
  },
];

export const adminSyncRoutes: RouteDef[] = [
  {
    path: '/admin/sync',
    label: 'nav.syncServer',
    group: 'nav.admin',
    icon: <ClusterOutlined />,
    permission: 'users.manage',
    render: () => page(<SyncServerPage />),
  },
];
