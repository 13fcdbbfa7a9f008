/** The operations section's routes; composed into the window by app/routes.tsx. */
import { AppstoreOutlined, FieldTimeOutlined, ImportOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../app/routes';
import { lazyPage } from '../../app/lazyPage';

const ProductsPage = lazyPage(() => import('./products/ProductsPage').then((m) => m.ProductsPage));
const EodPage = lazyPage(() => import('./eod/EodPage').then((m) => m.EodPage));
const StatementImportPage = lazyPage(() =>
  import('./statements/StatementImportPage').then((m) => m.StatementImportPage),
);

export const operationsRoutes: RouteDef[] = [
  {
    path: '/eod',
    label: 'nav.eod',
    group: 'nav.books',
    icon: <FieldTimeOutlined />,
    permission: 'eod.run',
    render: () => <EodPage />,
  },
  {
    path: '/statement-import',
    label: 'nav.statementImport',
    group: 'nav.books',
    icon: <ImportOutlined />,
    permission: 'repayments.record',
    render: () => <StatementImportPage />,
  },
  {
    path: '/products',
    label: 'nav.products',
    group: 'nav.lending',
    icon: <AppstoreOutlined />,
    permission: 'products.read',
    render: () => <ProductsPage />,
  },
];
