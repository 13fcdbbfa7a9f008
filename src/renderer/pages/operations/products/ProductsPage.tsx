/** Admin: loan products (贷款产品) — the list, and the editor with a live schedule
 *  preview. Readable by every lending role; editable with products.manage. */
import { useMemo, useState } from 'react';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/zh-CN';
import { useApi } from '../../../api/hooks';
import type { Api } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { useListKeys } from '../../../components/useListKeys';
import { ProductEditor } from './ProductEditor';
import { fractionToPercent } from '../../../components/percent';
import { productName } from '../../../components/names';

type Product = Api['products.list']['output'][number];

/** The sum of the columns' widths below (1366 px less the navigation and the page's padding). */
const PRODUCTS_TABLE_WIDTH = 1134;

export function ProductsPage() {
  const { t, money: fullMoney, language } = useI18n();
  // Product limits are whole yuan: ¥10,000 – ¥300,000 keeps the right-hand columns on screen.
  const money = (fen: number) => fullMoney(fen).replace(/\.00$/, '');
  const status = useApi('app.status', {});
  const products = useApi('products.list', { activeOnly: false });
  const canManage = status.data?.session?.permissions.includes('products.manage') ?? false;
  const businessDate = status.data?.businessDate ?? new Date().toISOString().slice(0, 10);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ product: Product | null } | null>(null);
  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (products.data ?? []).filter(
      (p) => !q || p.code.toLowerCase().includes(q) || p.name.toLowerCase().includes(q),
    );
  }, [products.data, search]);
  const open = (product: Product | null) => setEditing({ product });
  const { searchRef, setIndex: setHighlighted, rowClassName } = useListKeys(rows, open);
  const pct = (f: string) => `${fractionToPercent(f)}%`;

  return (
    <>
      <PageHeader
        title={t('products.title')}
        extra={
          <Space>
            <Input.Search
              ref={searchRef}
              allowClear
              placeholder={t('ops.search')}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              style={{ width: 240 }}
              data-testid="products-search"
            />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="product-add">
                {t('products.add')}
              </Button>
            )}
          </Space>
        }
      />
      <Table<Product>
        rowKey="id"
        size="small"
        sticky
        loading={products.isPending}
        dataSource={rows}
        pagination={false}
        data-testid="products-table"
        // Fixed widths that add up to the content width of a 1366 px window: every
        // column on screen, a long name or method shortened with its full text on hover.
        tableLayout="fixed"
        scroll={{ x: PRODUCTS_TABLE_WIDTH }}
        locale={{ emptyText: t('products.empty') }}
        rowClassName={rowClassName}
        onRow={(p, i) =>
          ({
            onClick: () => setHighlighted(i ?? -1),
            onDoubleClick: () => open(p),
            style: { cursor: 'pointer' },
            'data-testid': `product-row-${p.code}`,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('products.code'),
            dataIndex: 'code',
            width: 84,
            sorter: (a, b) => a.code.localeCompare(b.code),
            render: (code: string, p) => <Typography.Link onClick={() => open(p)}>{code}</Typography.Link>,
          },
          {
            title: t('products.name'),
            dataIndex: 'name',
            width: 116,
            ellipsis: true,
            sorter: (a, b) => productName(a, language).localeCompare(productName(b, language)),
            render: (_: string, p) => productName(p, language),
          },
          {
            title: t('products.col.method'),
            key: 'method',
            width: 134,
            ellipsis: true,
            render: (_, p) => t(`products.method.${p.config.method}` as MessageKey),
            filters: ['annuity', 'equalPrincipal', 'flat', 'interestOnly', 'bullet'].map((m) => ({
              text: t(`products.method.${m}` as MessageKey),
              value: m,
            })),
            onFilter: (v, p) => p.config.method === v,
          },
          {
            title: t('products.frequency'),
            key: 'frequency',
            width: 96,
            render: (_, p) => t(`products.frequency.${p.config.frequency}` as MessageKey),
          },
          {
            title: t('products.amountRange'),
            key: 'amount',
            width: 150,
            align: 'right',
            sorter: (a, b) => a.config.maxAmountFen - b.config.maxAmountFen,
            render: (_, p) => `${money(p.config.minAmountFen)} – ${money(p.config.maxAmountFen)}`,
          },
          {
            title: t('products.periodsRange'),
            key: 'periods',
            width: 72,
            align: 'right',
            render: (_, p) => `${p.config.minPeriods} – ${p.config.maxPeriods}`,
          },
          {
            title: t('products.rateRange'),
            key: 'rates',
            width: 100,
            align: 'right',
            render: (_, p) => `${pct(p.config.minRateAnnual)} – ${pct(p.config.maxRateAnnual)}`,
          },
          {
            title: t('products.col.defaultRate'),
            key: 'default',
            width: 88,
            align: 'right',
            sorter: (a, b) => Number(a.config.defaultRateAnnual) - Number(b.config.defaultRateAnnual),
            render: (_, p) => pct(p.config.defaultRateAnnual),
          },
          {
            title: t('products.col.rateCap'),
            key: 'cap',
            width: 100,
            align: 'right',
            render: (_, p) => pct(p.config.rateCapAnnual),
          },
          {
            title: t('products.autoApproveLimit'),
            key: 'auto',
            width: 102,
            align: 'right',
            render: (_, p) => money(p.config.autoApproveLimitFen),
          },
          {
            title: t('products.status'),
            dataIndex: 'active',
            width: 88,
            // The version beside the status (its own column pushed the table off a 1366 px screen).
            render: (active: boolean, p) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {active ? <Tag color="green">{t('products.active')}</Tag> : <Tag>{t('products.inactive')}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('products.versionShort', { n: p.version })}
                </Typography.Text>
              </span>
            ),
            filters: [
              { text: t('products.active'), value: true },
              { text: t('products.inactive'), value: false },
            ],
            onFilter: (v, p) => p.active === v,
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('ops.keysHint')}
      </Typography.Text>
      {editing && (
        <ProductEditor
          key={editing.product?.id ?? 'new'}
          open
          product={editing.product}
          canManage={canManage}
          businessDate={businessDate}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
