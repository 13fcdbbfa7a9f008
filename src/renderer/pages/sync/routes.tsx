/** The sync section's routes: the Sync page for everyone once this desktop has a
 *  sync server, and the administrator's Sync server screen; each its own chunk. */
import { ClusterOutlined, CloudSyncOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

const SyncPage = lazyPage(() => import('./SyncPage').then((m) => m.SyncPage));
const SyncServerPage = lazyPage(() => import('./SyncServerPage').then((m) => m.SyncServerPage));

export const syncRoutes: RouteDef[] = [
  {
    path: '/sync',
    label: 'nav.sync',
    icon: <CloudSyncOutlined />,
    needsSync: true,
    render: () => <SyncPage />,
  },
];

export const adminSyncRoutes: RouteDef[] = [
  {
    path: '/admin/sync',
    label: 'nav.syncServer',
    group: 'nav.admin',
    icon: <ClusterOutlined />,
    permission: 'users.manage',
    render: () => <SyncServerPage />,
  },
];
