/** A dashboard panel that is a short list (the officer's queue, the loans due
 *  today …): each row opens what it is about. */
import type { ReactNode } from 'react';
import { Card, Empty, Table } from 'antd';
import { DataStamp, type DataAsOf } from './DataStamp';

export interface ListColumn<R> {
  key: string;
  title: string;
  align?: 'right';
  ellipsis?: boolean;
  render: (r: R) => ReactNode;
}

export function ListCard<R extends object>({
  id,
  title,
  rows,
  loading,
  columns,
  href,
  asOf,
  empty,
}: {
  id: string;
  title: string;
  rows: R[];
  loading: boolean;
  columns: ListColumn<R>[];
  href: (r: R) => string;
  asOf?: DataAsOf;
  empty: string;
}) {
  return (
    <Card size="small" title={`${title} · ${rows.length}`} className="ld-chart-card" data-testid={`list-${id}`}>
      <Table<R>
        size="small"
        className="ld-chart-table"
        rowKey={(_, i) => String(i)}
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 260 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
        onRow={(r) => ({ onClick: () => (window.location.hash = href(r)), style: { cursor: 'pointer' } })}
        columns={columns.map((c) => ({
          key: c.key,
          title: c.title,
          align: c.align,
          ellipsis: c.ellipsis,
          render: (_: unknown, r: R) => c.render(r),
        }))}
      />
      <div className="ld-chart-foot">{asOf && <DataStamp asOf={asOf} />}</div>
    </Card>
  );
}
