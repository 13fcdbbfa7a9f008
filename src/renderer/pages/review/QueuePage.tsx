/** The review queue (审批队列): applications by status, oldest waiting first,
 *  filterable by grade, officer and branch, searchable ("/"), j/k or arrows to move,
 *  Enter to open the review screen. Searched, filtered, sorted, paged and totalled
 *  in the database (applications.list): the window holds one page (paging.ts). */
import { useEffect, useRef, useState } from 'react';
import { Button, Input, Space, Table, Tabs, Typography, type TableColumnsType, type TableRef } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { ReloadOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { formatDateTime } from '../../components/dates';
import { useDebounced } from '../../components/useDebounced';
import { useI18n } from '../../i18n/i18n';
import { PageHeader } from '../../components/PageHeader';
import { GradeTag } from './AssessmentPanels';
import { elapsedBetween, elapsedText } from './format';
import { ACTIVE_ROW_CLASS, useListKeys } from '../../components/useListKeys';
import { fractionToPercent } from '../../components/percent';
import { PAGE_SIZES, pager, tableSort, usePaging } from '../loans/paging';
import { QUEUE_MAX_PAGE, QUEUE_SORT_FIELDS } from '../../../contract/schemas/applications';

type ListInput = NonNullable<Api['applications.list']['input']>;
export type QueueRow = Api['applications.list']['output']['rows'][number];
export const QUEUE_STATUSES = ['review', 'approved', 'declined', 'returned'] as const;
type QueueStatus = (typeof QUEUE_STATUSES)[number];
type SortKey = (typeof QUEUE_SORT_FIELDS)[number];
type Sort = ListInput['sort'];
type Grade = NonNullable<ListInput['grade']>[number];
interface Filters {
  grade: Grade[];
  officer: string[];
  /** Branch ids; '' for the applications without a branch (a filter value cannot be null). */
  branch: string[];
}

const OLDEST_FIRST: Sort = { field: 'age', order: 'desc' };
const SEARCH_DEBOUNCE_MS = 250;
/** The pager's sizes the main process answers. */
const QUEUE_PAGE_SIZES = PAGE_SIZES.filter((n) => n <= QUEUE_MAX_PAGE).map(String);
const TICK_MS = 60_000;
/** Height the page keeps above and below the table body (header, tabs, search,
 *  table header, totals, pager). */
const CHROME_PX = 340;
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
const GRADE_VALUES: Grade[] = ['A', 'B', 'C', 'D', 'E'];
const NO_FILTERS: Filters = { grade: [], officer: [], branch: [] };

/** The list's input for a status, search, filters, sort and page. */
function queueInput(
  status: QueueStatus,
  search: string,
  filters: Filters,
  sort: Sort,
  page: { limit: number; offset: number },
): ListInput {
  return {
    status: [status],
    search: search || undefined,
    grade: filters.grade.length ? filters.grade : undefined,
    officerId: filters.officer.length ? filters.officer : undefined,
    branchId: filters.branch.length ? filters.branch.map((b) => b || null) : undefined,
    sort,
    limit: page.limit,
    offset: page.offset,
  };
}

export function QueuePage() {
  const { t, money } = useI18n();
  const [status, setStatus] = useState<QueueStatus>('review');
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>(OLDEST_FIRST);
  const [now, setNow] = useState(() => Date.now());
  const tableRef = useRef<TableRef>(null);
  const bodyHeight = useBodyHeight();
  const debounced = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);
  const paging = usePaging([status, debounced, filters, sort]);
  const list = useApi('applications.list', queueInput(status, debounced, filters, sort, paging), {
    placeholderData: (previous) => previous,
  });
  const branches = useApi('branches.list', {});

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  const rows = list.data?.rows ?? [];
  const open = (row: QueueRow) => void (window.location.hash = `#/review/${row.id}`);
  const { searchRef, index: active, setIndex: setActive } = useListKeys(rows, open, { initial: 0 });
  const activeId = rows[active]?.id;

  useEffect(() => {
    if (activeId) tableRef.current?.scrollTo({ key: activeId, align: 'nearest' });
  }, [activeId]);

  const branchName = (id: string | null) => branches.data?.find((b) => b.id === id)?.name ?? '—';
  const facets = list.data?.facets;
  const officers = (facets?.officers ?? []).map((o) => ({ value: o.id, text: o.name }));
  const branchFilters = (facets?.branches ?? []).map((id) => ({ value: id ?? '', text: branchName(id) }));
  const sortOrder = (key: SortKey): SortOrder =>
    sort?.field === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
  const decided = status !== 'review';
  const total = list.data?.total ?? 0;
  const totalFen = list.data?.totalAmountFen ?? 0;
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
      width: 146,
      ellipsis: { showTitle: true },
    },
    {
      key: 'amount',
      title: t('review.col.amount'),
      dataIndex: 'amountFen',
      width: 136,
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
          setSort(key === 'review' ? OLDEST_FIRST : undefined);
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
          style={{ width: 400 }}
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
        pagination={{
          ...pager(paging, total, (n) => t('ledger.rows', { n })),
          pageSizeOptions: QUEUE_PAGE_SIZES,
        }}
        rowClassName={(r) => (r.id === activeId ? ACTIVE_ROW_CLASS : '')}
        onRow={(r, index) =>
          ({
            onClick: () => setActive(index ?? 0),
            onDoubleClick: () => open(r),
            style: { cursor: 'pointer' },
            'data-testid': 'queue-row',
          }) as React.HTMLAttributes<HTMLElement>
        }
        onChange={(pagination, f, sorter) => {
          setSort(tableSort(sorter, QUEUE_SORT_FIELDS));
          setFilters({
            grade: (f.grade as Grade[] | null) ?? [],
            officer: (f.officer as string[] | null) ?? [],
            branch: (f.branch as string[] | null) ?? [],
          });
          paging.setPage(pagination.current ?? 1, pagination.pageSize ?? paging.pageSize);
          setActive(0);
        }}
        columns={columns}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0} colSpan={2}>
                <span data-testid="queue-count">{t('review.queue.count', { n: total })}</span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align={right}>
                <span data-testid="queue-total" style={{ whiteSpace: 'nowrap' }}>
                  {money(totalFen)}
                </span>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} colSpan={columns.length - 3} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </>
  );
}
