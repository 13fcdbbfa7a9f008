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

type Product = Api['products.list']['output'][number];

export function ProductsPage() {
  const { t, money } = useI18n();
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
        scroll={{ x: 'max-content' }}
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
            width: 100,
            sorter: (a, b) => a.code.localeCompare(b.code),
            render: (code: string, p) => <Typography.Link onClick={() => open(p)}>{code}</Typography.Link>,
          },
          {
            title: t('products.name'),
            dataIndex: 'name',
            width: 240,
            ellipsis: true,
            sorter: (a, b) => a.name.localeCompare(b.name),
          },
          {
            title: t('products.method'),
            key: 'method',
            width: 130,
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
            width: 100,
            render: (_, p) => t(`products.frequency.${p.config.frequency}` as MessageKey),
          },
          {
            title: t('products.amountRange'),
            key: 'amount',
            width: 230,
            align: 'right',
            sorter: (a, b) => a.config.maxAmountFen - b.config.maxAmountFen,
            render: (_, p) => `${money(p.config.minAmountFen)} – ${money(p.config.maxAmountFen)}`,
          },
          {
            title: t('products.periodsRange'),
            key: 'periods',
            width: 90,
            align: 'right',
            render: (_, p) => `${p.config.minPeriods} – ${p.config.maxPeriods}`,
          },
          {
            title: t('products.rateRange'),
            key: 'rates',
            width: 140,
            align: 'right',
            render: (_, p) => `${pct(p.config.minRateAnnual)} – ${pct(p.config.maxRateAnnual)}`,
          },
          {
            title: t('products.defaultRate'),
            key: 'default',
            width: 100,
            align: 'right',
            sorter: (a, b) => Number(a.config.defaultRateAnnual) - Number(b.config.defaultRateAnnual),
            render: (_, p) => pct(p.config.defaultRateAnnual),
          },
          {
            title: t('products.rateCap'),
            key: 'cap',
            width: 110,
            align: 'right',
            render: (_, p) => pct(p.config.rateCapAnnual),
          },
          {
            title: t('products.autoApproveLimit'),
            key: 'auto',
            width: 130,
            align: 'right',
            render: (_, p) => money(p.config.autoApproveLimitFen),
          },
          {
            title: t('products.status'),
            dataIndex: 'active',
            width: 80,
            render: (active: boolean) =>
              active ? <Tag color="green">{t('products.active')}</Tag> : <Tag>{t('products.inactive')}</Tag>,
            filters: [
              { text: t('products.active'), value: true },
              { text: t('products.inactive'), value: false },
            ],
            onFilter: (v, p) => p.active === v,
          },
          { title: t('products.version'), dataIndex: 'version', width: 56, align: 'right' },
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
