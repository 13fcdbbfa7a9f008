/** The ticket queues: mine, my team's, unassigned, breached, mentions, escalated to
 *  me, all; filtered by channel and status, searched ("/" focuses), breached rows
 *  highlighted, both SLA clocks on every row, bulk assignment for roles that may
 *  assign. j/k and Enter open a ticket. */
import { useEffect, useState } from 'react';
import { App, Badge, Button, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi, useApiMutation, usePush } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { useDebounced } from '../../components/useDebounced';
import { useHashRoute } from '../../app/useHashRoute';
import { useListKeys } from '../../components/useListKeys';
import { TICKET_QUEUES, type TicketQueue } from '../../../contract/schemas/tickets';
import { TICKET_STATUSES } from '../../../core/tickets/status';
import { NewTicketDialog } from './NewTicketDialog';
import { SurveyImportDialog } from './SurveyImportDialog';
import {
  ClockCell,
  colleagueLabel,
  PriorityTag,
  TicketStatusTag,
  useColleagues,
  useInstant,
  useTicketOptions,
  type TicketListRow,
} from './parts';

type ListInput = Api['tickets.list']['input'];
const PAGE_SIZE = 50;
export const TICKET_ROW_CSS =
  '.ld-ticket-breached > .ant-table-cell { background: #fff1f0 !important; } .ld-ticket-breached > .ant-table-cell:first-child { box-shadow: inset 3px 0 0 #ff4d4f; }';

export function TicketsPage() {
  const { t, error } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [, navigate] = useHashRoute();
  const options = useTicketOptions();
  const instant = useInstant();
  const colleagues = useColleagues();
  const [queue, setQueue] = useState<TicketQueue>('all');
  const [channel, setChannel] = useState<ListInput['channel']>();
  const [status, setStatus] = useState<NonNullable<ListInput['status']>>('active');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'new' | 'survey' | 'assign' | null>(null);
  const [assignee, setAssignee] = useState<string | null>(null);
  const settled = useDebounced(search.trim(), 250);
  useEffect(() => setPage(1), [queue, channel, status, settled]);
  const list = useApi(
    'tickets.list',
    {
      queue,
      channel,
      status,
      search: settled || undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    },
    { placeholderData: (previous) => previous, refetchInterval: 60_000 },
  );
  // The scheduler escalated or closed tickets: the queues follow at once.
  usePush('tickets.changed', () => void list.refetch());
  const bulk = useApiMutation('tickets.bulkAssign');
  const rows = list.data?.rows ?? [];
  const open = (r: TicketListRow) => navigate(`/tickets/${r.id}`);
  const keys = useListKeys(rows, open);
  const writer = can('tickets.write');
  const assigner = can('tickets.assign');

  return (
    <>
      <style>{TICKET_ROW_CSS}</style>
      <PageHeader
        title={t('tickets.title')}
        extra={
          writer && (
            <Space>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDialog('new')}
                data-testid="ticket-create"
              >
                {t('tickets.new')}
              </Button>
              <Button icon={<ImportOutlined />} onClick={() => setDialog('survey')} data-testid="ticket-survey">
                {t('tickets.importSurvey')}
              </Button>
            </Space>
          )
        }
      />
      <Space style={{ marginBottom: 8 }} wrap>
        <Segmented
          value={queue}
          onChange={(v) => setQueue(v as TicketQueue)}
          data-testid="ticket-queues"
          options={TICKET_QUEUES.map((q) => ({ value: q, label: t(`tickets.queue.${q}`) }))}
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('tickets.filter.channel')}
          value={channel}
          onChange={setChannel}
          options={options.channels}
          data-testid="ticket-channel-filter"
        />
        <Select
          style={{ width: 130 }}
          value={status}
          onChange={setStatus}
          options={[
            { value: 'active', label: t('tickets.status.active') },
            ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`tickets.status.${s}`) })),
          ]}
          data-testid="ticket-status-filter"
        />
        <Input.Search
          ref={keys.searchRef}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('tickets.search')}
          style={{ width: 260 }}
          data-testid="ticket-search"
        />
        {assigner && selected.length > 0 && (
          <Button icon={<TeamOutlined />} onClick={() => setDialog('assign')} data-testid="ticket-bulk-assign">
            {t('tickets.bulkAssign')} ({selected.length})
          </Button>
        )}
      </Space>
      <Table<TicketListRow>
        rowKey="id"
        size="small"
        sticky
        data-testid="tickets-table"
        loading={list.isFetching && !list.data}
        dataSource={rows}
        locale={{ emptyText: t('tickets.empty') }}
        rowSelection={
          assigner ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined
        }
        rowClassName={(r, i) =>
          [
            r.breached && r.status !== 'resolved' && r.status !== 'closed' ? 'ld-ticket-breached' : '',
            keys.rowClassName(r, i),
          ]
            .filter(Boolean)
            .join(' ')
        }
        onRow={(r, i) => ({
          onClick: () => open(r),
          onMouseEnter: () => keys.setIndex(i ?? -1),
          style: { cursor: 'pointer' },
          'data-breached': r.breached ? 'true' : 'false',
          'data-number': r.number,
        })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          size: 'small',
          onChange: setPage,
          showTotal: (n) => t('tickets.total', { n }),
        }}
        columns={[
          {
            title: t('tickets.col.number'),
            dataIndex: 'number',
            width: 84,
            render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
          },
          {
            title: t('tickets.col.subject'),
            dataIndex: 'subject',
            ellipsis: { showTitle: true },
            render: (v: string, r) => (
              <span>
                {r.escalated && (
                  <Tag color="volcano" style={{ marginInlineEnd: 4 }} data-testid="ticket-escalated">
                    {t('tickets.escalated')}
                  </Tag>
                )}
                {v}
              </span>
            ),
          },
          {
            title: t('tickets.col.customer'),
            dataIndex: 'customerName',
            width: 104,
            ellipsis: true,
            render: (v: string | null, r) => (
              <span>
                {v ?? '—'}
                {r.loanNumber && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {' '}
                    {r.loanNumber}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: t('tickets.col.category'),
            key: 'category',
            width: 136,
            ellipsis: true,
            render: (_: unknown, r) =>
              `${t(`tickets.channel.${r.channel}` as MessageKey)} · ${t(`tickets.category.${r.category}` as MessageKey)}`,
          },
          {
            title: t('tickets.col.priority'),
            dataIndex: 'priority',
            width: 72,
            render: (v: string) => <PriorityTag priority={v} />,
          },
          {
            title: t('tickets.col.status'),
            dataIndex: 'status',
            width: 104,
            render: (v: string) => <TicketStatusTag status={v} />,
          },
          {
            title: t('tickets.col.assignee'),
            dataIndex: 'assigneeName',
            width: 88,
            ellipsis: true,
            render: (v: string | null) => v ?? <Badge status="warning" text="—" />,
          },
          {
            title: t('tickets.col.firstResponse'),
            key: 'fr',
            width: 126,
            render: (_: unknown, r) => (
              <ClockCell clock={r.firstResponse} calendar={r.calendar} testId="ticket-row-fr" />
            ),
          },
          {
            title: t('tickets.col.resolution'),
            key: 'res',
            width: 126,
            render: (_: unknown, r) => <ClockCell clock={r.resolution} calendar={r.calendar} testId="ticket-row-res" />,
          },
          {
            title: t('tickets.col.created'),
            dataIndex: 'createdAt',
            width: 100,
            render: (v: string) => instant(v, true),
          },
        ]}
      />
      <NewTicketDialog
        open={dialog === 'new'}
        onClose={() => setDialog(null)}
        onCreated={(id) => navigate(`/tickets/${id}`)}
      />
      <SurveyImportDialog open={dialog === 'survey'} onClose={() => setDialog(null)} />
      <Modal
        open={dialog === 'assign'}
        title={t('tickets.bulkAssign.title', { n: selected.length })}
        onCancel={() => setDialog(null)}
        okButtonProps={{ loading: bulk.isPending, 'data-testid': 'ticket-bulk-assign-confirm' }}
        onOk={() =>
          bulk.mutate(
            { ticketIds: selected, assigneeId: assignee },
            {
              onSuccess: (r) => {
                void message.success(t('tickets.assigned', { n: r.assigned }));
                setSelected([]);
                setDialog(null);
              },
              onError: (e) => void message.error(error(e.code, e.details)),
            },
          )
        }
        destroyOnHidden
      >
        <Select
          style={{ width: '100%' }}
          value={assignee ?? ''}
          onChange={(v) => setAssignee(v || null)}
          data-testid="ticket-bulk-assignee"
          options={[
            { value: '', label: t('tickets.unassigned') },
            ...(colleagues.data?.users ?? []).map((u) => ({ value: u.id, label: colleagueLabel(u, t) })),
          ]}
        />
      </Modal>
    </>
  );
}
