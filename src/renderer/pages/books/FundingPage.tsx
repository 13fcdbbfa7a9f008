/** Capital and funding (资本与资金): the balances that fund the lending (paid-in
 *  capital, borrowings, cash and bank) and the manual journal entries (记账凭证) for
 *  what happens outside lending — capital paid in, a bank loan drawn or repaid,
 *  expenses paid, the opening balances. Maker-checker: the maker proposes, someone
 *  else approves or rejects; a posted entry is corrected only by its reversal. Each
 *  entry opens as a printable voucher. */
import { useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useCan } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PageHeader } from '../../components/PageHeader';
import { ActionDialog } from '../../components/ActionDialog';
import { MoneyInput } from '../../components/MoneyInput';
import { fromDayjs, Money, toDayjs } from '../loans/parts';

type Entry = Api['books.entries']['output']['entries'][number];
type Statements = Api['books.statements']['output'];

const STATUS_COLOR: Record<string, string> = { proposed: 'gold', approved: 'green', rejected: 'default' };
const KIND_LABEL: Record<string, MessageKey> = {
  manual: 'books.entry.kind.manual',
  opening: 'books.entry.kind.opening',
  reversal: 'books.entry.kind.reversal',
};
const STATUS_LABEL: Record<string, MessageKey> = {
  proposed: 'books.entry.status.proposed',
  approved: 'books.entry.status.approved',
  rejected: 'books.entry.status.rejected',
};

function lineAmount(s: Statements | undefined, key: string): number {
  return s?.balanceSheet.lines.find((l) => l.key === key)?.amounts.current ?? 0;
}

interface EntryForm {
  kind: 'manual' | 'opening';
  valueDate: string;
  memo: string;
  lines: Array<{ accountId?: string; debitFen?: number; creditFen?: number }>;
}

function Voucher({ entry, onClose }: { entry: Entry; onClose: () => void }) {
  const { t, language } = useI18n();
  const can = useCan();
  const status = useApi('app.status', {});
  const [deciding, setDeciding] = useState<'approve' | 'reject' | 'reverse' | null>(null);
  const mine = entry.proposedBy === status.data?.session?.userId;
  const proposed = entry.status === 'proposed';
  const reversible = entry.status === 'approved' && entry.kind !== 'reversal' && !entry.reversedById;
  const totalFen = entry.lines.reduce((s, l) => s + l.debitFen, 0);
  return (
    <Modal
      open
      onCancel={onClose}
      width={820}
      title={t('books.voucher.title', { number: entry.number })}
      footer={
        <Space className="ld-no-print">
          {proposed && can('books.approve') && !mine && (
            <>
              <Button onClick={() => setDeciding('reject')} data-testid="voucher-reject">
                {t('books.voucher.reject')}
              </Button>
              <Button type="primary" onClick={() => setDeciding('approve')} data-testid="voucher-approve">
                {t('books.voucher.approve')}
              </Button>
            </>
          )}
          {proposed && mine && <Typography.Text type="secondary">{t('books.voucher.ownEntry')}</Typography.Text>}
          {reversible && can('books.propose') && (
            <Button danger onClick={() => setDeciding('reverse')} data-testid="voucher-reverse">
              {t('books.voucher.reverse')}
            </Button>
          )}
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('ledger.print')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('books.entry.number')}>{entry.number}</Descriptions.Item>
        <Descriptions.Item label={t('books.entry.kind')}>{t(KIND_LABEL[entry.kind]!)}</Descriptions.Item>
        <Descriptions.Item label={t('books.entry.status')}>
          <Tag color={STATUS_COLOR[entry.status]}>{t(STATUS_LABEL[entry.status]!)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('books.entry.valueDate')}>{entry.valueDate}</Descriptions.Item>
        <Descriptions.Item label={t('books.entry.postingDate')}>{entry.postingDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('books.entry.reversal')}>
          {entry.reversesNumber ?? entry.reversedByNumber ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('books.entry.memo')} span={3}>
          {entry.memo}
        </Descriptions.Item>
      </Descriptions>
      <Table
        rowKey={(_, i) => String(i)}
        size="small"
        bordered
        pagination={false}
        dataSource={entry.lines}
        columns={[
          { title: t('ledger.col.code'), dataIndex: 'code', width: 100 },
          {
            title: t('ledger.col.accountName'),
            key: 'name',
            render: (_, l) => (language === 'en' ? l.nameEn : l.nameZh),
          },
          {
            title: t('books.entry.debit'),
            dataIndex: 'debitFen',
            align: 'right',
            width: 150,
            render: (v: number) => (v ? <Money fen={v} /> : ''),
          },
          {
            title: t('books.entry.credit'),
            dataIndex: 'creditFen',
            align: 'right',
            width: 150,
            render: (v: number) => (v ? <Money fen={v} /> : ''),
          },
        ]}
        summary={() => (
          <Table.Summary.Row style={{ fontWeight: 600 }}>
            <Table.Summary.Cell index={0} colSpan={2}>
              {t('ledger.total')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <Money fen={totalFen} strong />
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right">
              <Money fen={totalFen} strong />
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
        <Descriptions.Item label={t('books.entry.maker')}>
          {entry.proposedByName ?? t('books.entry.system')}
        </Descriptions.Item>
        <Descriptions.Item label={t('books.entry.checker')}>
          {entry.decidedAt ? (entry.decidedByName ?? t('books.entry.system')) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <ActionDialog<'books.approveEntry', { note?: string }>
        open={deciding === 'approve'}
        onClose={() => setDeciding(null)}
        title={t('books.voucher.approve')}
        method="books.approveEntry"
        toInput={(v) => ({ entryId: entry.id, expectedVersion: entry.version, note: v.note || null })}
        done={(_, r) => t('books.voucher.approved', { number: entry.number, date: r.postingDate })}
        onDone={onClose}
        testId="voucher-approve-dialog"
      >
        <Form.Item name="note" label={t('books.voucher.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </ActionDialog>
      <ActionDialog<'books.rejectEntry', { reason: string }>
        open={deciding === 'reject'}
        onClose={() => setDeciding(null)}
        title={t('books.voucher.reject')}
        method="books.rejectEntry"
        toInput={(v) => ({ entryId: entry.id, expectedVersion: entry.version, reason: v.reason })}
        done={() => t('books.voucher.rejected', { number: entry.number })}
        onDone={onClose}
        danger
        testId="voucher-reject-dialog"
      >
        <Form.Item name="reason" label={t('books.voucher.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </ActionDialog>
      <ActionDialog<'books.proposeReversal', { memo: string }>
        open={deciding === 'reverse'}
        onClose={() => setDeciding(null)}
        title={t('books.voucher.reverse')}
        method="books.proposeReversal"
        toInput={(v) => ({ entryId: entry.id, memo: v.memo })}
        done={(_, r) => t('books.voucher.reversalProposed', { number: r.number })}
        onDone={onClose}
        danger
        testId="voucher-reverse-dialog"
      >
        <Typography.Paragraph type="secondary">{t('books.voucher.reverseHint')}</Typography.Paragraph>
        <Form.Item name="memo" label={t('books.voucher.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </ActionDialog>
    </Modal>
  );
}

function NewEntryDialog({ open, onClose, businessDate }: { open: boolean; onClose: () => void; businessDate: string }) {
  const { t, language } = useI18n();
  const accounts = useApi('books.accounts', {}, { enabled: open });
  const chart = accounts.data?.accounts ?? [];
  const parents = new Set(chart.map((a) => a.parentId).filter(Boolean));
  const options = chart
    .filter((a) => a.active && !parents.has(a.id))
    .map((a) => ({ value: a.id, label: `${a.code} ${language === 'en' ? a.nameEn : a.nameZh}` }));
  return (
    <ActionDialog<'books.proposeEntry', EntryForm>
      open={open}
      onClose={onClose}
      width={860}
      title={t('books.entry.new')}
      method="books.proposeEntry"
      initialValues={{ kind: 'manual', valueDate: businessDate, lines: [{}, {}] }}
      toInput={(v) => ({
        kind: v.kind,
        valueDate: v.valueDate,
        memo: v.memo,
        lines: v.lines.map((l) => ({
          accountId: l.accountId ?? '',
          debitFen: l.debitFen ?? 0,
          creditFen: l.creditFen ?? 0,
          memo: null,
        })),
      })}
      done={(_, r) => t('books.entry.proposed', { number: r.number })}
      testId="entry-new"
    >
      <Space size="large" wrap>
        <Form.Item name="kind" label={t('books.entry.kind')}>
          <Segmented
            options={[
              { value: 'manual', label: t('books.entry.kind.manual') },
              { value: 'opening', label: t('books.entry.kind.opening') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="valueDate"
          label={t('books.entry.valueDate')}
          getValueProps={(v: string) => ({ value: v ? toDayjs(v) : null })}
          normalize={(v) => fromDayjs(v)}
          rules={[{ required: true }]}
        >
          <DatePicker allowClear={false} />
        </Form.Item>
      </Space>
      <Form.Item name="memo" label={t('books.entry.memo')} rules={[{ required: true, min: 2 }]}>
        <Input maxLength={200} data-testid="entry-memo" />
      </Form.Item>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'accountId']} rules={[{ required: true }]} style={{ width: 360 }}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={options}
                    placeholder={t('books.entry.account')}
                    data-testid={`entry-line-${i}-account`}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'debitFen']}>
                  <MoneyInput style={{ width: 170 }} data-testid={`entry-line-${i}-debit`} />
                </Form.Item>
                <Form.Item name={[f.name, 'creditFen']}>
                  <MoneyInput style={{ width: 170 }} data-testid={`entry-line-${i}-credit`} />
                </Form.Item>
                {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('books.entry.addLine')}
            </Button>
          </>
        )}
      </Form.List>
    </ActionDialog>
  );
}

export function FundingPage({ businessDate }: { businessDate: string }) {
  const { t } = useI18n();
  const can = useCan();
  const [status, setStatus] = useState<'all' | 'proposed'>('all');
  const [open, setOpen] = useState<Entry | null>(null);
  const [creating, setCreating] = useState(false);
  const s = useApi('books.statements', { date: businessDate });
  const entries = useApi('books.entries', { status: status === 'proposed' ? ['proposed'] : undefined, limit: 200 });
  const stat = (label: MessageKey, key: string) => (
    <Col span={6}>
      <Card size="small">
        <Statistic
          title={t(label)}
          value={lineAmount(s.data, key) / 100}
          precision={2}
          prefix="¥"
          valueStyle={{ fontSize: 20, color: lineAmount(s.data, key) < 0 ? '#cf1322' : undefined }}
        />
      </Card>
    </Col>
  );
  return (
    <>
      <PageHeader
        title={t('books.funding.title')}
        extra={
          can('books.propose') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="entry-new-open"
            >
              {t('books.entry.new')}
            </Button>
          )
        }
      />
      <Row gutter={12} style={{ marginBottom: 12 }} data-testid="funding-balances">
        {stat('books.funding.paidInCapital', 'paidInCapital')}
        {stat('books.funding.borrowings', 'shortTermBorrowings')}
        {stat('books.funding.cashAndBank', 'cashAndBank')}
        {stat('books.funding.loansNet', 'loansNet')}
      </Row>
      <Space style={{ marginBottom: 8 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'all' | 'proposed')}
          options={[
            { value: 'all', label: t('books.funding.all') },
            { value: 'proposed', label: t('books.funding.toCheck') },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('books.funding.hint')}
        </Typography.Text>
      </Space>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={entries.isPending}
        dataSource={entries.data?.entries}
        pagination={{ pageSize: 15, size: 'small' }}
        locale={{ emptyText: t('books.funding.empty') }}
        data-testid="entries-table"
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('books.entry.number'), dataIndex: 'number', width: 110, render: (v: string) => <a>{v}</a> },
          {
            title: t('books.entry.postingDate'),
            key: 'date',
            width: 110,
            render: (_, r) => r.postingDate ?? r.valueDate,
          },
          { title: t('books.entry.kind'), dataIndex: 'kind', width: 140, render: (k: string) => t(KIND_LABEL[k]!) },
          { title: t('books.entry.memo'), dataIndex: 'memo', ellipsis: true },
          {
            title: t('books.entry.amount'),
            dataIndex: 'debitFen',
            width: 160,
            align: 'right',
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('books.entry.status'),
            dataIndex: 'status',
            width: 100,
            render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(STATUS_LABEL[v]!)}</Tag>,
          },
          {
            title: t('books.entry.maker'),
            dataIndex: 'proposedByName',
            width: 110,
            render: (v: string | null) => v ?? t('books.entry.system'),
          },
        ]}
      />
      {open && <Voucher entry={open} onClose={() => setOpen(null)} />}
      <NewEntryDialog open={creating} onClose={() => setCreating(false)} businessDate={businessDate} />
    </>
  );
}
