/** The documents section's route: verifying a payoff certificate. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

const VerifyPage = lazyPage(() => import('./VerifyPage').then((m) => m.VerifyPage));

export const documentsRoutes: RouteDef[] = [
  {
    path: '/verify-certificate',
    label: 'nav.verifyCertificate',
    group: 'nav.books',
    icon: <SafetyCertificateOutlined />,
    permission: 'loans.read',
    render: () => <VerifyPage />,
  },
];
