/** The monitoring section's routes (compliance queue and reports, system health,
 *  backup): each page is its own lazily loaded chunk. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import {
  AlertOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  PercentageOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';

const CompliancePage = lazy(() => import('./CompliancePage').then((m) => ({ default: m.CompliancePage })));
const RateCapPage = lazy(() => import('./RateCapPage').then((m) => ({ default: m.RateCapPage })));
const ClassificationPage = lazy(() => import('./ClassificationPage').then((m) => ({ default: m.ClassificationPage })));
const HealthPage = lazy(() => import('./HealthPage').then((m) => ({ default: m.HealthPage })));
const BackupPage = lazy(() => import('./BackupPage').then((m) => ({ default: m.BackupPage })));

function page(node: ReactNode) {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{node}</Suspense>;
}

export const monitoringRoutes: RouteDef[] = [
  {
    path: '/compliance',
    label: 'nav.compliance',
    group: 'nav.monitoring',
    icon: <AlertOutlined />,
    permission: 'monitoring.exceptions',
    render: () => page(<CompliancePage />),
  },
  {
    path: '/reports/rate-cap',
    label: 'nav.rateCap',
    group: 'nav.monitoring',
    icon: <PercentageOutlined />,
    permission: 'monitoring.exceptions',
    render: () => page(<RateCapPage />),
  },
  {
    path: '/reports/classification',
    label: 'nav.classification',
    group: 'nav.monitoring',
    icon: <SafetyOutlined />,
    permission: 'monitoring.exceptions',
    render: () => page(<ClassificationPage />),
  },
];

export const adminMonitoringRoutes: RouteDef[] = [
  {
    path: '/admin/health',
    label: 'nav.health',
    group: 'nav.admin',
    icon: <DashboardOutlined />,
    permission: 'monitoring.system',
    render: () => page(<HealthPage />),
  },
  {
    path: '/admin/backup',
    label: 'nav.backup',
    group: 'nav.admin',
    icon: <CloudServerOutlined />,
    permission: 'backup.manage',
    render: () => page(<BackupPage />),
  },
];
