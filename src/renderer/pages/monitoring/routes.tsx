/** The monitoring section's routes (compliance queue and reports, system health,
 *  backup): each page is its own lazily loaded chunk. */
import {
  AlertOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  PercentageOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

const CompliancePage = lazyPage(() => import('./CompliancePage').then((m) => m.CompliancePage));
const RateCapPage = lazyPage(() => import('./RateCapPage').then((m) => m.RateCapPage));
const ClassificationPage = lazyPage(() => import('./ClassificationPage').then((m) => m.ClassificationPage));
const HealthPage = lazyPage(() => import('./HealthPage').then((m) => m.HealthPage));
const BackupPage = lazyPage(() => import('./BackupPage').then((m) => m.BackupPage));

export const monitoringRoutes: RouteDef[] = [
  {
    path: '/compliance',
    label: 'nav.compliance',
    group: 'nav.monitoring',
    icon: <AlertOutlined />,
    permission: 'monitoring.exceptions',
    render: () => <CompliancePage />,
  },
  {
    path: '/reports/rate-cap',
    label: 'nav.rateCap',
    group: 'nav.monitoring',
    icon: <PercentageOutlined />,
    permission: 'monitoring.exceptions',
    render: () => <RateCapPage />,
  },
  {
    path: '/reports/classification',
    label: 'nav.classification',
    group: 'nav.monitoring',
    icon: <SafetyOutlined />,
    permission: 'monitoring.exceptions',
    render: () => <ClassificationPage />,
  },
];

export const adminMonitoringRoutes: RouteDef[] = [
  {
    path: '/admin/health',
    label: 'nav.health',
    group: 'nav.admin',
    icon: <DashboardOutlined />,
    permission: 'monitoring.system',
    render: () => <HealthPage />,
  },
  {
    path: '/admin/backup',
    label: 'nav.backup',
    group: 'nav.admin',
    icon: <CloudServerOutlined />,
    permission: 'backup.manage',
    render: () => <BackupPage />,
  },
];
