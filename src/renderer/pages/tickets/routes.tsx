/** The customer-service section's routes (tickets, requests to officers, service
 *  figures) and collections; composed into the window by app/routes.tsx. */
import { BarChartOutlined, CustomerServiceOutlined, PhoneOutlined, SwapOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

const TicketsPage = lazyPage(() => import('./TicketsPage').then((m) => m.TicketsPage));
const TicketDetailPage = lazyPage(() => import('./TicketDetailPage').then((m) => m.TicketDetailPage));
const RequestsPage = lazyPage(() => import('./RequestsPage').then((m) => m.RequestsPage));
const ReportsPage = lazyPage(() => import('./ReportsPage').then((m) => m.ReportsPage));
const CollectionsPage = lazyPage(() => import('../collections/CollectionsPage').then((m) => m.CollectionsPage));

export const ticketsRoutes: RouteDef[] = [
  {
    path: '/tickets',
    label: 'nav.tickets',
    group: 'nav.service',
    icon: <CustomerServiceOutlined />,
    permission: 'tickets.read',
    render: () => <TicketsPage />,
  },
  {
    path: '/tickets/:id',
    label: 'nav.tickets',
    group: 'nav.service',
    icon: <CustomerServiceOutlined />,
    permission: 'tickets.read',
    parent: '/tickets',
    menu: false,
    render: (p) => <TicketDetailPage key={p.id} id={p.id!} />,
  },
  {
    path: '/service-requests',
    label: 'nav.serviceRequests',
    group: 'nav.service',
    icon: <SwapOutlined />,
    permission: 'tickets.read',
    render: () => <RequestsPage />,
  },
  {
    path: '/service-reports',
    label: 'nav.serviceReports',
    group: 'nav.service',
    icon: <BarChartOutlined />,
    permission: 'tickets.reports',
    render: () => <ReportsPage />,
  },
  {
    path: '/collections',
    label: 'nav.collections',
    group: 'nav.lending',
    icon: <PhoneOutlined />,
    permission: 'collections.read',
    render: () => <CollectionsPage />,
  },
];
