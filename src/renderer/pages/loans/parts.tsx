/** Small pieces the ledgers and the loan detail share: tags, the date range field,
 *  the export / print toolbar, the reconciliation tag. */
import { useState, type ReactNode } from 'react';
import { App, Button, DatePicker, Space, Tag, Tooltip } from 'antd';
import { FileExcelOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { invoke, type Api, type ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { saveBase64 } from '../../components/download';
import { presetRange, RANGE_PRESETS, type DateRange } from './hooks';
import { useCan } from '../../api/session';

export type LedgerKind = Api['ledger.export']['input']['kind'];
export type LoanStatus = 'approved' | 'active' | 'closed' | 'written_off' | 'cancelled';
export type Classification = 'normal' | 'specialMention' | 'substandard' | 'doubtful' | 'loss';
export type Bucket = 'M0' | 'M1' | 'M2' | 'M3' | 'M4+';
export type InstallmentStatus = 'paid' | 'overdue' | 'due' | 'notDue';

export const LOAN_STATUSES: LoanStatus[] = ['approved', 'active', 'closed', 'written_off', 'cancelled'];
export const CLASSIFICATIONS: Classification[] = ['normal', 'specialMention', 'substandard', 'doubtful', 'loss'];
export const BUCKETS: Bucket[] = ['M0', 'M1', 'M2', 'M3', 'M4+'];

const STATUS_COLOR: Record<LoanStatus, string> = {
  approved: 'gold',
  active: 'blue',
  closed: 'default',
  written_off: 'volcano',
  cancelled: 'default',
};
const CLASS_COLOR: Record<Classification, string> = {
  normal: 'green',
  specialMention: 'gold',
  substandard: 'orange',
  doubtful: 'volcano',
  loss: 'red',
};
const BUCKET_COLOR: Record<Bucket, string> = { M0: 'green', M1: 'gold', M2: 'orange', M3: 'volcano', 'M4+': 'red' };
const INSTALLMENT_COLOR: Record<InstallmentStatus, string> = {
  paid: 'green',
  overdue: 'red',
  due: 'gold',
  notDue: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const s = status as LoanStatus;
  return <Tag color={STATUS_COLOR[s] ?? 'default'}>{STATUS_COLOR[s] ? t(`loans.status.${s}`) : status}</Tag>;
}

export function ClassTag({ value, overridden }: { value: string; overridden?: boolean }) {
  const { t } = useI18n();
  const c = value as Classification;
  return (
    <Tag color={CLASS_COLOR[c] ?? 'default'}>
      {CLASS_COLOR[c] ? t(`loans.class.${c}`) : value}
      {overridden ? ' *' : ''}
    </Tag>
  );
}

export function BucketTag({ value }: { value: string }) {
  return <Tag color={BUCKET_COLOR[value as Bucket] ?? 'default'}>{value}</Tag>;
}

export function InstallmentTag({ status }: { status: string }) {
  const { t } = useI18n();
  const s = status as InstallmentStatus;
  return (
    <Tag color={INSTALLMENT_COLOR[s] ?? 'default'}>{INSTALLMENT_COLOR[s] ? t(`loans.installment.${s}`) : status}</Tag>
  );
}

/** A money cell: right-aligned by its column, tabular digits, zero shown dimmed. */
export function Money({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  const { money } = useI18n();
  if (fen === null || fen === undefined) return <span className="ld-money">—</span>;
  return (
    <span className="ld-money" style={{ color: fen === 0 ? '#aab' : undefined, fontWeight: strong ? 600 : undefined }}>
      {money(fen)}
    </span>
  );
}

/** The loan ledger agrees with its control account, or differs by an amount. */
export function ReconciliationTag({
  ledgerFen,
  controlFen,
  testId,
}: {
  ledgerFen: number;
  controlFen: number;
  testId?: string;
}) {
  const { t, money } = useI18n();
  const difference = ledgerFen - controlFen;
  return difference === 0 ? (
    <Tag color="green" data-testid={testId} data-agree="true">
      {t('ledger.recon.agree')}
    </Tag>
  ) : (
    <Tag color="red" data-testid={testId} data-agree="false">
      {t('ledger.recon.differ', { amount: money(Math.abs(difference)) })}
    </Tag>
  );
}

export function toDayjs(date: string): Dayjs {
  return dayjs(date, 'YYYY-MM-DD');
}

export function fromDayjs(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

/** A date range with presets (today, last 30 days, this month …), never after the business date. */
export function RangeField({
  value,
  onChange,
  businessDate,
  testId,
}: {
  value: DateRange;
  onChange: (range: DateRange) => void;
  businessDate: string;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <DatePicker.RangePicker
      data-testid={testId}
      allowClear={false}
      value={[toDayjs(value.from), toDayjs(value.to)]}
      presets={RANGE_PRESETS.map((p) => {
        const r = presetRange(p, businessDate);
        return { label: t(`ledger.preset.${p}`), value: [toDayjs(r.from), toDayjs(r.to)] as [Dayjs, Dayjs] };
      })}
      onChange={(dates) => {
        const from = fromDayjs(dates?.[0]);
        const to = fromDayjs(dates?.[1]);
        if (from && to) onChange({ from, to });
      }}
      style={{ width: 240 }}
    />
  );
}

/** The row above a ledger's table: its filters on the left, its tools on the right;
 *  left out of the printout. */
export function LedgerToolbar({ children }: { children: ReactNode }) {
  return (
    <div
      className="ld-no-print"
      style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8, gap: 8, flexWrap: 'wrap' }}
    >
      {children}
    </div>
  );
}

/** Export (XLSX, CSV) for roles with ledger.export, and print, for one ledger. */
export function LedgerTools({
  kind,
  range,
  filter = {},
}: {
  kind: LedgerKind;
  range: DateRange;
  filter?: Pick<Api['ledger.export']['input'], 'loanFilter' | 'accountCode' | 'scope'>;
}) {
  const { t, language, error } = useI18n();
  const { message } = App.useApp();
  const can = useCan();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const file = await invoke('ledger.export', { kind, range, format, language, ...filter });
      const saved = await saveBase64(file.fileName, file.mime, file.base64);
      if (saved.kind !== 'cancelled')
        void message.success(
          t('ledger.exported', { rows: file.rows, file: saved.kind === 'saved' ? saved.path : file.fileName }),
        );
    } catch (e) {
      void message.error(error((e as ApiError).code, (e as ApiError).details));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space className="ld-no-print">
      {can('ledger.export') && (
        <>
          <Button
            icon={<FileExcelOutlined />}
            loading={busy === 'xlsx'}
            onClick={() => void run('xlsx')}
            data-testid={`ledger-export-xlsx-${kind}`}
          >
            {t('ledger.exportXlsx')}
          </Button>
          <Button
            icon={<FileTextOutlined />}
            loading={busy === 'csv'}
            onClick={() => void run('csv')}
            data-testid={`ledger-export-csv-${kind}`}
          >
            {t('ledger.exportCsv')}
          </Button>
        </>
      )}
      <Tooltip title="Ctrl+P">
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid={`ledger-print-${kind}`}>
          {t('ledger.print')}
        </Button>
      </Tooltip>
    </Space>
  );
}
