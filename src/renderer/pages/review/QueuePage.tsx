/** The review queue (审批队列): applications by status, oldest waiting first,
 *  filterable by grade, officer and branch, searchable ("/"), j/k or arrows to move,
 *  Enter to open the review screen. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Input, Space, Table, Tabs, Typography, type TableColumnsType, type TableRef } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { ReloadOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDateTime } from '../../components/dates';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { GradeTag } from './AssessmentPanels';
import { ageMs, elapsedBetween, elapsedText } from './format';
import { ACTIVE_ROW_CLASS, useListKeys } from '../../components/useListKeys';
import { fractionToPercent } from '../../components/percent';

export type QueueRow = Api['applications.list']['output'][number];
export const QUEUE_STATUSES = ['review', 'approved', 'declined', 'returned'] as const;
type QueueStatus = (typeof QUEUE_STATUSES)[number];
type SortKey = 'amount' | 'grade' | 'score' | 'age' | 'decision';
interface Sort {
  key: SortKey;
  order: 'ascend' | 'descend';
}
interface Filters {
  grade: string[];
  officer: string[];
  branch: string[];
}

const QUEUE_LIMIT = 1000;
const TICK_MS = 60_000;
/** Height the page keeps above and below the table body (header, tabs, search, totals). */
const CHROME_PX = 300;
const MIN_BODY_PX = 240;

function useBodyHeight(): number {
  const [height, setHeight] = useState(() => Math.max(MIN_BODY_PX, window.innerHeight - CHROME_PX));
  useEffect(() => {
    const onResize = () => setHeight(Math.max(MIN_BODY_PX, window.innerHeight - CHROME_PX));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return height;
}
const GRADE_VALUES = ['A', 'B', 'C', 'D', 'E'];
const NO_FILTERS: Filters = { grade: [], officer: [], branch: [] };

function decisionMs(row: QueueRow): number {
  return row.decidedAt ? Date.parse(row.decidedAt) - Date.parse(row.submittedAt) : -1;
}

const COMPARE: Record<SortKey, (a: QueueRow, b: QueueRow, now: number) => number> = {
  amount: (a, b) => a.amountFen - b.amountFen,
  grade: (a, b) => (a.grade ?? 'Z').localeCompare(b.grade ?? 'Z'),
  score: (a, b) => (a.score ?? -1) - (b.score ?? -1),
  age: (a, b, now) => ageMs(a.submittedAt, now) - ageMs(b.submittedAt, now),
  decision: (a, b) => decisionMs(a) - decisionMs(b),
};

/** The rows as the table shows them: searched, filtered, sorted. */
export function visibleRows(
  rows: readonly QueueRow[],
  search: string,
  filters: Filters,
  sort: Sort | null,
  now: number,
): QueueRow[] {
  const q = search.trim().toLowerCase();
  const out = rows.filter(
    (r) =>
      (!q || [r.number, r.customerName ?? '', r.officerName ?? ''].some((v) => v.toLowerCase().includes(q))) &&
      (filters.grade.length === 0 || filters.grade.includes(r.grade ?? '')) &&
      (filters.officer.length === 0 || filters.officer.includes(r.createdBy)) &&
      (filters.branch.length === 0 || filters.branch.includes(r.branchId ?? '')),
  );
  if (sort) {
    const sign = sort.order === 'ascend' ? 1 : -1;
    out.sort((a, b) => sign * COMPARE[sort.key](a, b, now));
  }
  return out;
}

export function QueuePage() {
  const { t, money } = useI18n();
  const [status, setStatus] = useState<QueueStatus>('review');
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort | null>({ key: 'age', order: 'descend' });
  const [now, setNow] = useState(() => Date.now());
  const tableRef = useRef<TableRef>(null);
  const bodyHeight = useBodyHeight();
  const list = useApi('applications.list', { status: [status], limit: QUEUE_LIMIT });
  const branches = useApi('branches.list', {});

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const rows = useMemo(
    () => visibleRows(list.data ?? [], search, filters, sort, now),
    [list.data, search, filters, sort, now],
  );
  const open = (row: QueueRow) => void (window.location.hash = `#/review/${row.id}`);
  const { searchRef, index: active, setIndex: setActive } = useListKeys(rows, open, { initial: 0 });
  const activeId = rows[active]?.id;

  useEffect(() => {
    if (activeId) tableRef.current?.scrollTo({ key: activeId, align: 'nearest' });
  }, [activeId]);

  const branchName = (id: string | null) => branches.data?.find((b) => b.id === id)?.name ?? '—';
  const officers = useMemo(() => {
    const seen = new Map<string, string>();
    for (const r of list.data ?? []) seen.set(r.createdBy, r.officerName ?? r.createdBy);
    return [...seen].map(([value, text]) => ({ value, text }));
  }, [list.data]);
  const branchFilters = useMemo(
    () =>
      [...new Set((list.data ?? []).map((r) => r.branchId ?? ''))].map((id) => ({
        value: id,
        text: branchName(id || null),
      })),
    [list.data, branches.data],
  ); // eslint-disable-line react-hooks/exhaustive-deps
  const sortOrder = (key: SortKey): SortOrder => (sort?.key === key ? sort.order : null);
  const decided = status !== 'review';
  const totalFen = rows.reduce((s, r) => s + r.amountFen, 0);
  const right = 'right' as const;
  const mono = { fontFamily: 'monospace' } as const;

  const when = (iso: string) => formatDateTime(iso);
  const columns: TableColumnsType<QueueRow> = [
    {
      title: t('review.col.number'),
      dataIndex: 'number',
      width: 112,
      render: (v: string, r) => (
        <a href={`#/review/${r.id}`} style={mono}>
          {v}
        </a>
      ),
    },
    {
      title: t('review.col.customer'),
      dataIndex: 'customerName',
      width: 162,
      ellipsis: { showTitle: true },
    },
    {
      key: 'amount',
      title: t('review.col.amount'),
      dataIndex: 'amountFen',
      width: 120,
      align: right,
      sorter: true,
      sortOrder: sortOrder('amount'),
      render: (v: number) => money(v),
    },
    { title: t('review.col.periods'), dataIndex: 'periods', width: 60, align: right },
    {
      title: t('review.col.rate'),
      dataIndex: 'rateAnnual',
      width: 76,
      align: right,
      render: (v: string) => `${fractionToPercent(v)}%`,
    },
    {
      key: 'grade',
      title: t('review.col.grade'),
      dataIndex: 'grade',
      width: 96,
      align: 'center',
      sorter: true,
      sortOrder: sortOrder('grade'),
      filters: GRADE_VALUES.map((g) => ({ text: g, value: g })),
      filteredValue: filters.grade,
      render: (g: string | null) => <GradeTag grade={g} />,
    },
    {
      key: 'score',
      title: t('review.col.score'),
      dataIndex: 'score',
      width: 76,
      align: right,
      sorter: true,
      sortOrder: sortOrder('score'),
      render: (v: number | null) => v ?? '—',
    },
    decided
      ? {
          key: 'decision',
          title: t('review.col.timeToDecision'),
          width: 116,
          align: right,
          sorter: true,
          sortOrder: sortOrder('decision'),
          render: (_: unknown, r: QueueRow) =>
            r.decidedAt ? (
              <span data-testid="queue-time-to-decision">
                {elapsedText(elapsedBetween(r.submittedAt, Date.parse(r.decidedAt)), t)}
              </span>
            ) : (
              '—'
            ),
        }
      : {
          key: 'age',
          title: t('review.col.age'),
          dataIndex: 'submittedAt',
          width: 90,
          align: right,
          sorter: true,
          sortOrder: sortOrder('age'),
          render: (v: string) => <span data-testid="queue-age">{elapsedText(elapsedBetween(v, now), t)}</span>,
        },
    {
      key: 'officer',
      title: t('review.col.officer'),
      dataIndex: 'officerName',
      width: 96,
      ellipsis: true,
      filters: officers,
      filteredValue: filters.officer,
    },
    {
      key: 'branch',
      title: t('review.col.branch'),
      dataIndex: 'branchId',
      width: 110,
      ellipsis: true,
      filters: branchFilters,
      filteredValue: filters.branch,
      render: branchName,
    },
    { title: t('review.col.submittedAt'), dataIndex: 'submittedAt', width: 136, render: when },
    ...(decided
      ? [
          {
            title: t('review.screen.decidedAt'),
            dataIndex: 'decidedAt',
            width: 136,
            render: (v: string | null) => (v ? when(v) : '—'),
          },
        ]
      : []),
    ...(status === 'approved'
      ? [
          {
            title: t('review.col.loan'),
            dataIndex: 'loanId',
            width: 70,
            render: (id: string | null) => (id ? <a href={`#/loans/${id}`}>{t('review.openLoanShort')}</a> : '—'),
          },
        ]
      : []),
  ];
  const tableWidth = columns.reduce((w, c) => w + Number(c.width ?? 0), 0);

  return (
    <>
      <PageHeader
        title={t('review.queue.title')}
        extra={
          <Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('review.queue.keys')}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} data-testid="queue-refresh">
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      <Tabs
        size="small"
        activeKey={status}
        onChange={(key) => {
          setStatus(key as QueueStatus);
          setActive(0);
          setSort(key === 'review' ? { key: 'age', order: 'descend' } : null);
        }}
        items={QUEUE_STATUSES.map((s) => ({
          key: s,
          label: <span data-testid={`queue-tab-${s}`}>{t(`review.status.${s}`)}</span>,
        }))}
        tabBarStyle={{ marginBottom: 8 }}
      />
      <Space style={{ marginBottom: 8 }}>
        <Input.Search
          ref={searchRef}
          allowClear
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setActive(0);
          }}
          placeholder={t('review.queue.searchHint')}
          style={{ width: 320 }}
          data-testid="queue-search"
        />
      </Space>
      <Table<QueueRow>
        ref={tableRef}
        virtual
        scroll={{ x: tableWidth, y: bodyHeight }}
        rowKey="id"
        size="small"
        data-testid="queue-table"
        loading={list.isFetching}
        dataSource={rows}
        pagination={false}
        rowClassName={(r) => (r.id === activeId ? ACTIVE_ROW_CLASS : '')}
        onRow={(r, index) =>
          ({
            onClick: () => setActive(index ?? 0),
            onDoubleClick: () => open(r),
            style: { cursor: 'pointer' },
            'data-testid': 'queue-row',
          }) as React.HTMLAttributes<HTMLElement>
        }
        onChange={(_p, f, s) => {
          const one = Array.isArray(s) ? s[0] : s;
          setSort(one?.order ? { key: one.columnKey as SortKey, order: one.order } : null);
          setFilters({
            grade: (f.grade as string[] | null) ?? [],
            officer: (f.officer as string[] | null) ?? [],
            branch: (f.branch as string[] | null) ?? [],
          });
          setActive(0);
        }}
        columns={columns}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0} colSpan={2}>
                <span data-testid="queue-count">{t('review.queue.count', { n: rows.length })}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align={right}>
                <span data-testid="queue-total">{money(totalFen)}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} colSpan={columns.length - 3} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}
