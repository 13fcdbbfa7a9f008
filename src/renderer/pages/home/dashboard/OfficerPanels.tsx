/** The loan officer's own work, most useful first: the review queue, what falls
 *  due today, the overdue borrowers to call, and the officer's own portfolio. */
import { Tag, Typography } from 'antd';
import { useApi } from '../../../api/hooks';
import { useI18n } from '../../../i18n/i18n';
import { ListCard, type ListColumn } from './ListCard';
import { REFRESH, OutstandingChart, DisbursementsChart } from './PortfolioPanels';
import type { ChartFilter, PanelContext, PanelDef } from './panels';

export function useOfficer(filter: ChartFilter) {
  const { officerId: _officerId, ...own } = filter;
  return useApi('monitoring.officer', own, REFRESH);
}

/** The first columns of each list: the application's or loan's number, and the customer. */
function whoColumns<R extends { number: string; customerName: string | null }>(
  numberTitle: string,
  customerTitle: string,
): ListColumn<R>[] {
  return [
    { key: 'number', title: numberTitle, render: (r) => <span style={{ fontFamily: 'monospace' }}>{r.number}</span> },
    { key: 'customer', title: customerTitle, render: (r) => r.customerName ?? '—' },
  ];
}

function Queue({ filter }: PanelContext) {
  const { t, money } = useI18n();
  const q = useOfficer(filter);
  return (
    <ListCard
      id="my-queue"
      title={t('dash.myQueue')}
      rows={q.data?.queue ?? []}
      loading={q.isFetching}
      asOf={q.data?.asOf}
      empty={t('dash.queueEmpty')}
      href={(r) => `#/review/${r.id}`}
      columns={[
        ...whoColumns(t('dash.col.application'), t('dash.col.customer')),
        { key: 'amount', title: t('dash.col.amount'), align: 'right', render: (r) => money(r.amountFen) },
        { key: 'grade', title: t('dash.col.grade'), render: (r) => r.grade ?? '—' },
        {
          key: 'status',
          title: t('dash.col.status'),
          render: (r) =>
            r.status === 'returned' ? (
              <Tag color="orange">{t('dash.returnedToMe')}</Tag>
            ) : (
              <Tag color="blue">{t('dash.toReview')}</Tag>
            ),
        },
      ]}
    />
  );
}

function DueToday({ filter }: PanelContext) {
  const { t, money } = useI18n();
  const q = useOfficer(filter);
  return (
    <ListCard
      id="due-today"
      title={t('dash.dueToday')}
      rows={q.data?.dueToday ?? []}
      loading={q.isFetching}
      asOf={q.data?.asOf}
      empty={t('dash.dueTodayEmpty')}
      href={(r) => `#/loans/${r.loanId}`}
      columns={[
        ...whoColumns(t('dash.col.loan'), t('dash.col.customer')),
        { key: 'n', title: t('dash.col.installmentNo'), align: 'right', render: (r) => r.n },
        { key: 'due', title: t('dash.col.dueAmount'), align: 'right', render: (r) => money(r.dueFen) },
      ]}
    />
  );
}

function Overdue({ filter }: PanelContext) {
  const { t, money } = useI18n();
  const q = useOfficer(filter);
  return (
    <ListCard
      id="overdue-to-call"
      title={t('dash.overdueToCall')}
      rows={q.data?.overdue ?? []}
      loading={q.isFetching}
      asOf={q.data?.asOf}
      empty={t('dash.overdueEmpty')}
      href={(r) => `#/loans/${r.loanId}`}
      columns={[
        ...whoColumns(t('dash.col.loan'), t('dash.col.customer')),
        {
          key: 'dpd',
          title: t('dash.col.dpd'),
          align: 'right',
          render: (r) => <Typography.Text type="danger">{r.dpd}</Typography.Text>,
        },
        { key: 'bucket', title: t('dash.col.bucket'), render: (r) => r.bucket },
        {
          key: 'overdue',
          title: t('dash.col.overduePrincipal'),
          align: 'right',
          render: (r) => money(r.overduePrincipalFen),
        },
      ]}
    />
  );
}

function MyPortfolio({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const q = useOfficer(filter);
  return (
    <OutstandingChart
      id="my-portfolio"
      title={t('dash.myPortfolio')}
      rows={q.data?.stock ?? []}
      scope={scope}
      query={q}
    />
  );
}

function MyDisbursements({ filter, scope }: PanelContext) {
  const { t } = useI18n();
  const q = useOfficer(filter);
  return (
    <DisbursementsChart
      id="my-disbursements"
      title={t('dash.myDisbursements')}
      rows={q.data?.flows ?? []}
      scope={scope}
      query={q}
    />
  );
}

export const officerPanels: PanelDef[] = [
  { id: 'my-queue', section: 'work', permission: 'monitoring.own', order: 10, render: (c) => <Queue {...c} /> },
  { id: 'due-today', section: 'work', permission: 'monitoring.own', order: 20, render: (c) => <DueToday {...c} /> },
  {
    id: 'overdue-to-call',
    section: 'work',
    permission: 'monitoring.own',
    order: 30,
    render: (c) => <Overdue {...c} />,
  },
  {
    id: 'my-portfolio',
    section: 'work',
    permission: 'monitoring.own',
    order: 40,
    render: (c) => <MyPortfolio {...c} />,
  },
  {
    id: 'my-disbursements',
    section: 'work',
    permission: 'monitoring.own',
    order: 50,
    render: (c) => <MyDisbursements {...c} />,
  },
];
