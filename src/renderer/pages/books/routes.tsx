/** The books section's routes (issue 10): capital and funding with the manual
 *  entries, the statements, the VAT report, month-end closing, and the chart of
 *  accounts for administrators; composed by app/routes.tsx. */
import { Spin } from 'antd';
import {
  AccountBookOutlined,
  ApartmentOutlined,
  FundOutlined,
  LockOutlined,
  PercentageOutlined,
} from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { useBusinessDate } from '../loans/hooks';
import { lazyPage } from '../../app/lazyPage';

const FundingPage = lazyPage(() => import('./FundingPage').then((m) => m.FundingPage));
const StatementsPage = lazyPage(() => import('./StatementsPage').then((m) => m.StatementsPage));
const ClosingPage = lazyPage(() => import('./ClosingPage').then((m) => m.ClosingPage));
const VatPage = lazyPage(() => import('./VatPage').then((m) => m.VatPage));
const ChartPage = lazyPage(() => import('./ChartPage').then((m) => m.ChartPage));

function WithDate({ page }: { page: (businessDate: string) => React.ReactNode }) {
  const businessDate = useBusinessDate();
  return businessDate ? <>{page(businessDate)}</> : <Spin />;
}

export const booksRoutes: RouteDef[] = [
  {
    path: '/books/funding',
    label: 'nav.funding',
    group: 'nav.books',
    icon: <FundOutlined />,
    permission: 'ledger.read',
    render: () => <WithDate page={(d) => <FundingPage businessDate={d} />} />,
  },
  {
    path: '/books/statements',
    label: 'nav.statements',
    group: 'nav.books',
    icon: <AccountBookOutlined />,
    permission: 'ledger.read',
    render: () => <WithDate page={(d) => <StatementsPage businessDate={d} />} />,
  },
  {
    path: '/books/vat',
    label: 'nav.vat',
    group: 'nav.books',
    icon: <PercentageOutlined />,
    permission: 'ledger.read',
    render: () => <WithDate page={(d) => <VatPage businessDate={d} />} />,
  },
  {
    path: '/books/closing',
    label: 'nav.closing',
    group: 'nav.books',
    icon: <LockOutlined />,
    permission: 'ledger.read',
    render: () => <ClosingPage />,
  },
  {
    path: '/admin/chart',
    label: 'nav.chart',
    group: 'nav.admin',
    icon: <ApartmentOutlined />,
    permission: 'books.chart',
    render: () => <ChartPage />,
  },
];
