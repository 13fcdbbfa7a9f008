/** The review section's routes; composed into the window by app/routes.tsx. */
import { AuditOutlined, FileAddOutlined, FileSearchOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

const ApplyPage = lazyPage(() => import('./ApplyPage').then((m) => m.ApplyPage));
const QueuePage = lazyPage(() => import('./QueuePage').then((m) => m.QueuePage));
const ReviewPage = lazyPage(() => import('./ReviewPage').then((m) => m.ReviewPage));

export const reviewRoutes: RouteDef[] = [
  {
    path: '/apply',
    label: 'nav.apply',
    group: 'nav.lending',
    icon: <FileAddOutlined />,
    permission: 'applications.create',
    render: () => <ApplyPage />,
  },
  {
    path: '/review',
    label: 'nav.review',
    group: 'nav.lending',
    icon: <AuditOutlined />,
    permission: 'applications.review',
    render: () => <QueuePage />,
  },
  {
    path: '/review/:id',
    label: 'nav.review',
    group: 'nav.lending',
    icon: <FileSearchOutlined />,
    permission: 'applications.review',
    parent: '/review',
    menu: false,
    render: (params) => <ReviewPage key={params.id} applicationId={params.id!} />,
  },
];
