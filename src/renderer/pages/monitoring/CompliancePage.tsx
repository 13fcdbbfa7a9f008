/** The cash-monitoring review queue: large-value cash (single or cumulative in a
 *  day) and structuring alerts; open a flag to see the movements behind it,
 *  decide (reported to the regulator, or dismissed) and document why. */
import { useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useApi, useApiMutation } from '../../api/hooks';
import type { Api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { ExportColumn } from '../../components/exportTable';
import { TableExportButton } from '../../components/ReportButtons';
import { RangeField } from '../loans/parts';
import { moneyColumn, ReportPage } from './report';
import { loanHref, useBusinessDate, type DateRange } from '../loans/hooks';
import { useCan } from '../../api/session';
import { addDays } from '../../../core/dates';
import { formatDateTime } from '../../components/dates';

type Flag = Api['compliance.list']['output'][number];
type Status = 'open' | 'reviewed' | 'all';

export function CompliancePage() {
  const businessDate = useBusinessDate();
  if (!businessDate) return null;
  return <Queue businessDate={businessDate} />;
}

function kindText(t: ReturnType<typeof useI18n>['t'], f: Flag): string {
  return f.kind === 'structuring'
    ? t('compliance.kind.structuring')
    : t(`compliance.kind.${f.largeCashKind ?? 'cumulative'}`);
}

function statusTag(t: ReturnType<typeof useI18n>['t'], f: Flag) {
  if (!f.reviewedAt) return <Tag color="red">{t('compliance.status.open')}</Tag>;
  return f.decision === 'dismissed' ? (
    <Tag>{t('compliance.decision.dismissed')}</Tag>
  ) : (
    <Tag color="blue">{t('compliance.decision.reported')}</Tag>
  );
}

function Queue({ businessDate }: { businessDate: string }) {
  const { t, money } = useI18n();
  const [range, setRange] = useState<DateRange>({ from: addDays(businessDate, -29), to: businessDate });
  const [status, setStatus] = useState<Status>('open');
  const [kind, setKind] = useState<'largeCash' | 'structuring' | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const list = useApi('compliance.list', {
    ...range,
    kind,
    status: status === 'all' ? undefined : status,
  });
  const rows = list.data ?? [];
  const columns: Array<ExportColumn<Flag> & { key: string; money?: boolean }> = [
    { key: 'date', title: t('compliance.col.date'), value: (f) => f.businessDate },
    { key: 'kind', title: t('compliance.col.kind'), value: (f) => kindText(t, f) },
    {
      key: 'customer',
      title: t('compliance.col.customer'),
      value: (f) => `${f.customerNumber ?? ''} ${f.customerName ?? ''}`,
    },
    { key: 'loan', title: t('compliance.col.loan'), value: (f) => f.loanNumber },
    { key: 'amount', title: t('compliance.col.amount'), kind: 'money', value: (f) => f.amountFen },
    { key: 'movements', title: t('compliance.col.movements'), kind: 'number', value: (f) => f.movements },
    {
      key: 'status',
      title: t('compliance.col.status'),
      value: (f) => (f.reviewedAt ? t(`compliance.decision.${f.decision ?? 'reported'}`) : t('compliance.status.open')),
    },
    { key: 'by', title: t('compliance.col.reviewedBy'), value: (f) => f.reviewedByName },
    { key: 'note', title: t('compliance.col.note'), value: (f) => f.reviewNote },
  ];
  const title = t('compliance.title');
  return (
    <ReportPage
      title={title}
      exports={
        <TableExportButton
          fileName={`loandesk-compliance-${range.from}_${range.to}`}
          title={`${title} ${range.from} – ${range.to}`}
          columns={columns}
          rows={rows}
          testId="compliance-export"
        />
      }
    >
      <div className="ld-print-only" style={{ fontSize: 11, marginBottom: 4 }}>
        {t('ledger.printedAt', { at: formatDateTime(new Date()), date: businessDate })}
      </div>
      <Space wrap className="ld-no-print" style={{ marginBottom: 8 }}>
        <RangeField value={range} onChange={setRange} businessDate={businessDate} testId="compliance-range" />
        <Segmented<Status>
          value={status}
          onChange={setStatus}
          options={(['open', 'reviewed', 'all'] as const).map((s) => ({
            value: s,
            label: t(`compliance.filter.${s}`),
          }))}
          data-testid="compliance-status"
        />
        <Select
          allowClear
          placeholder={t('compliance.allKinds')}
          value={kind}
          onChange={setKind}
          style={{ width: 160 }}
          options={[
            { value: 'largeCash', label: t('compliance.kind.largeCash') },
            { value: 'structuring', label: t('compliance.kind.structuring') },
          ]}
        />
        <Typography.Text type="secondary">{t('compliance.hint')}</Typography.Text>
      </Space>
      <Table<Flag>
        rowKey="id"
        size="small"
        bordered
        sticky
        loading={list.isFetching}
        dataSource={rows}
        data-testid="compliance-table"
        pagination={{ pageSize: 100, showSizeChanger: false, size: 'small' }}
        onRow={(f) => ({ onClick: () => setOpen(f.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('compliance.col.date'), dataIndex: 'businessDate', width: 104 },
          {
            title: t('compliance.col.kind'),
            width: 176,
            render: (_, f) => <Tag color={f.kind === 'structuring' ? 'purple' : 'gold'}>{kindText(t, f)}</Tag>,
          },
          {
            title: t('compliance.col.customer'),
            width: 170,
            ellipsis: true,
            render: (_, f) => `${f.customerNumber ?? ''} ${f.customerName ?? ''}`,
          },
          {
            title: t('compliance.col.loan'),
            width: 110,
            render: (_, f) =>
              f.loanId ? (
                <a
                  href={loanHref(f.loanId, 'transactions')}
                  onClick={(e) => e.stopPropagation()}
                  style={{ fontFamily: 'monospace' }}
                >
                  {f.loanNumber}
                </a>
              ) : (
                '—'
              ),
          },
          moneyColumn(t('compliance.col.amount'), 'amountFen', money, 130),
          { title: t('compliance.col.movements'), dataIndex: 'movements', width: 64, align: 'right' },
          { title: t('compliance.col.status'), width: 100, render: (_, f) => statusTag(t, f) },
          {
            title: t('compliance.col.reviewedBy'),
            dataIndex: 'reviewedByName',
            width: 90,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('compliance.col.note'),
            dataIndex: 'reviewNote',
            ellipsis: true,
            render: (v: string | null) => v ?? '',
          },
        ]}
      />
      {open && <FlagDrawer flagId={open} onClose={() => setOpen(null)} />}
    </ReportPage>
  );
}

function FlagDrawer({ flagId, onClose }: { flagId: string; onClose: () => void }) {
  const { t, money, error } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const detail = useApi('compliance.get', { flagId });
  const review = useApiMutation('compliance.review');
  const [form] = Form.useForm<{ decision: 'reported' | 'dismissed'; note: string }>();
  const f = detail.data;
  return (
    <Drawer open width={640} onClose={onClose} title={t('compliance.detail')} data-testid="compliance-drawer">
      {f && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('compliance.col.kind')}>{kindText(t, f)}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.col.date')}>{f.businessDate}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.col.customer')} span={2}>
              {f.customerNumber} {f.customerName}
            </Descriptions.Item>
            <Descriptions.Item label={t('compliance.col.amount')}>{money(f.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('compliance.col.status')}>{statusTag(t, f)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('compliance.movements')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={f.movementList}
            data-testid="compliance-movements"
            columns={[
              {
                title: t('compliance.col.time'),
                dataIndex: 'createdAt',
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('compliance.col.loan'),
                dataIndex: 'loanNumber',
                render: (v: string, m) => (
                  <a href={loanHref(m.loanId, 'transactions')} style={{ fontFamily: 'monospace' }}>
                    {v}
                  </a>
                ),
              },
              {
                title: t('compliance.col.movementKind'),
                dataIndex: 'kind',
                render: (v: string) => t(`loans.txKind.${v as 'repayment'}`),
              },
              {
                title: t('compliance.col.amount'),
                dataIndex: 'amountFen',
                align: 'right',
                render: (v: number, m) => (
                  <span className="ld-money" style={{ textDecoration: m.reversedById ? 'line-through' : undefined }}>
                    {money(v)}
                  </span>
                ),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('compliance.review')}
          </Typography.Title>
          {f.reviewedAt ? (
            <Descriptions size="small" column={1} bordered data-testid="compliance-decided">
              <Descriptions.Item label={t('compliance.decision')}>
                {t(`compliance.decision.${f.decision ?? 'reported'}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('compliance.col.note')}>{f.reviewNote}</Descriptions.Item>
              <Descriptions.Item label={t('compliance.col.reviewedBy')}>
                {f.reviewedByName} · {formatDateTime(f.reviewedAt)}
              </Descriptions.Item>
            </Descriptions>
          ) : can('compliance.review') ? (
            <Form
              form={form}
              layout="vertical"
              initialValues={{ decision: 'reported' }}
              onFinish={(v) =>
                review.mutate(
                  { flagId: f.id, decision: v.decision, note: v.note },
                  {
                    onSuccess: () => {
                      void message.success(t('compliance.reviewed'));
                      onClose();
                    },
                    onError: (e: ApiError) => void message.error(error(e.code, e.details)),
                  },
                )
              }
            >
              <Form.Item name="decision" label={t('compliance.decision')}>
                <Radio.Group data-testid="compliance-decision">
                  <Radio value="reported">{t('compliance.decision.reported')}</Radio>
                  <Radio value="dismissed">{t('compliance.decision.dismissed')}</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item
                name="note"
                label={t('compliance.note')}
                rules={[{ required: true, min: 2, max: 500, message: t('compliance.noteRule') }]}
              >
                <Input.TextArea rows={3} placeholder={t('compliance.notePlaceholder')} data-testid="compliance-note" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={review.isPending} data-testid="compliance-submit">
                {t('compliance.submit')}
              </Button>
            </Form>
          ) : (
            <Typography.Text type="secondary">{t('compliance.readOnly')}</Typography.Text>
          )}
        </>
      )}
    </Drawer>
  );
}
