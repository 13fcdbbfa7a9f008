/** The loans section's routes; composed into the window by app/routes.tsx. */
import { BookOutlined, FileTextOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

const LedgersPage = lazyPage(() => import('./LedgersPage').then((m) => m.LedgersPage));
const LoanDetailPage = lazyPage(() => import('./LoanDetailPage').then((m) => m.LoanDetailPage));
const LoanListPage = lazyPage(() => import('./LoanListPage').then((m) => m.LoanListPage));

export const loansRoutes: RouteDef[] = [
  {
    path: '/loans',
    label: 'nav.loanList',
    group: 'nav.lending',
    icon: <FileTextOutlined />,
    permission: 'ledger.read',
    render: () => <LoanListPage />,
  },
  {
    path: '/ledgers',
    label: 'nav.ledgers',
    group: 'nav.books',
    icon: <BookOutlined />,
    permission: 'ledger.read',
    render: () => <LedgersPage />,
  },
  {
    path: '/ledgers/:tab',
    label: 'nav.ledgers',
    group: 'nav.books',
    icon: <BookOutlined />,
    permission: 'ledger.read',
    parent: '/ledgers',
    menu: false,
    render: (p) => <LedgersPage tab={p.tab} />,
  },
  {
    path: '/loans/:id',
    label: 'nav.loans',
    icon: <FileTextOutlined />,
    permission: 'loans.read',
    parent: '/ledgers',
    menu: false,
    render: (p) => <LoanDetailPage key={p.id} id={p.id!} />,
  },
  {
    path: '/loans/:id/:tab',
    label: 'nav.loans',
    icon: <FileTextOutlined />,
    permission: 'loans.read',
    parent: '/ledgers',
    menu: false,
    render: (p) => <LoanDetailPage key={p.id} id={p.id!} tab={p.tab} />,
  },
];
