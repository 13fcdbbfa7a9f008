/** Exports a ledger to CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX,
 *  with headers and every stored code (status, class, bucket, channel, kind,
 *  journal category, account) in the user's language; amounts are numbers in yuan,
 *  rates numbers (percent format in XLSX, percent points under a "(%)" header in
 *  CSV). Text cells that a spreadsheet would run as a formula are neutralised in CSV. */
import ExcelJS from 'exceljs';
import { formatFen } from '../../../core/money';
import { categoryMemo } from '../../../core/posting/categories';
import {
  BUCKET_NAMES,
  CHANNEL_NAMES,
  CLASSIFICATION_NAMES,
  LOAN_STATUS_NAMES,
  TRANSACTION_KIND_NAMES,
  codeName,
  percentPoints,
} from '../../../core/labels';
import { readChart } from '../books/chart';
import type { LocalDb } from '../../db/connection';
import {
  dailySummary,
  journal,
  loanLedger,
  transactionLedger,
  trialBalance,
  type DateRange,
  type LoanLedgerFilter,
  type LoanScope,
} from './queries';

/** What the screen was filtered by, so an export holds exactly the rows shown. */
export interface ExportFilter {
  loans?: Omit<LoanLedgerFilter, 'limit' | 'offset'>;
  accountCode?: string;
  /** The disbursement and repayment ledgers narrowed to a branch, product or officer. */
  scope?: LoanScope;
}

export const LEDGER_KINDS = ['loans', 'disbursements', 'repayments', 'overdue', 'journal', 'trial', 'daily'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const MAX_EXPORT_ROWS = 200_000;

const FILE_KIND: Record<LedgerKind, { zh: string; en: string }> = {
  loans: { zh: '贷款', en: 'loans' },
  disbursements: { zh: '放款', en: 'disbursements' },
  repayments: { zh: '还款', en: 'repayments' },
  overdue: { zh: '逾期', en: 'overdue' },
  journal: { zh: '总账', en: 'journal' },
  trial: { zh: '试算平衡', en: 'trial-balance' },
  daily: { zh: '日报', en: 'daily' },
};

/** The name a save dialog suggests: `台账-贷款-2026-12-01.xlsx` or
 *  `ledger-loans-2026-12-01.xlsx`, dated by the last day the ledger covers. */
export function ledgerFileName(
  kind: LedgerKind,
  throughDate: string,
  format: string,
  language: 'zh-CN' | 'en',
): string {
  const name = language === 'en' ? `ledger-${FILE_KIND[kind].en}` : `台账-${FILE_KIND[kind].zh}`;
  return `${name}-${throughDate}.${format}`;
}

type Cell = string | number;
type ColumnKind = 'text' | 'money' | 'number' | 'percent';
interface Column {
  zh: string;
  en: string;
  kind: ColumnKind;
}
interface Table {
  columns: Column[];
  rows: Cell[][];
}

const col = (zh: string, en: string, kind: ColumnKind = 'text'): Column => ({ zh, en, kind });
const money = (zh: string, en: string): Column => col(zh, en, 'money');
/** A rate column: the stored decimal fraction ("0.1548"). */
const rate = (zh: string, en: string): Column => col(zh, en, 'percent');

type Split = Record<
  | 'penaltyFen'
  | 'overdueInterestFen'
  | 'currentInterestFen'
  | 'overduePrincipalFen'
  | 'currentPrincipalFen'
  | 'prepaymentFen'
  | 'feesFen'
  | 'overpaymentFen',
  number
>;
/** The repayment ledger's split, by what each part posts to. */
const SPLIT_COLUMNS: Array<{ zh: string; en: string; of: (a: Split) => number }> = [
  { zh: '罚息', en: 'Penalty', of: (a) => a.penaltyFen },
  { zh: '利息', en: 'Interest', of: (a) => a.overdueInterestFen + a.currentInterestFen },
  { zh: '逾期本金', en: 'Overdue principal', of: (a) => a.overduePrincipalFen },
  { zh: '本金', en: 'Principal', of: (a) => a.currentPrincipalFen },
  { zh: '提前还本', en: 'Prepaid principal', of: (a) => a.prepaymentFen },
  { zh: '费用', en: 'Fees', of: (a) => a.feesFen },
  { zh: '溢缴款', en: 'Overpayment', of: (a) => a.overpaymentFen },
];

function splitCells(json: string | null): Cell[] {
  if (!json) return SPLIT_COLUMNS.map(() => '');
  const a = JSON.parse(json) as Split;
  return SPLIT_COLUMNS.map((c) => c.of(a));
}

export function ledgerTable(
  db: LocalDb,
  kind: LedgerKind,
  range: DateRange,
  filter: ExportFilter = {},
  language: 'zh-CN' | 'en' = 'zh-CN',
): Table {
  switch (kind) {
    case 'loans':
    case 'overdue': {
      const en = language === 'en';
      const { rows } = loanLedger(db, {
        ...filter.loans,
        overdueOnly: kind === 'overdue' || filter.loans?.overdueOnly,
        limit: MAX_EXPORT_ROWS,
        offset: 0,
      });
      return {
        columns: [
          col('贷款编号', 'Loan'),
          col('客户', 'Customer'),
          col('身份证号', 'Resident ID'),
          col('产品', 'Product'),
          money('金额', 'Principal'),
          rate('年利率', 'Rate'),
          rate('年化利率', 'Annualized rate'),
          col('期数', 'Periods', 'number'),
          col('放款日', 'Disbursed'),
          col('到期日', 'Maturity'),
          money('未还本金', 'Outstanding principal'),
          money('应收利息', 'Interest receivable'),
          money('罚息', 'Penalty'),
          money('表外利息', 'Off-balance interest'),
          money('核销本金', 'Written-off principal'),
          col('非应计起始日', 'Non-accrual since'),
          col('逾期天数', 'Days past due', 'number'),
          col('账龄', 'Bucket'),
          col('五级分类', 'Class'),
          money('减值准备', 'Provision'),
          col('信贷员', 'Officer'),
          col('状态', 'Status'),
        ],
        rows: rows.map((r) => [
          r.number,
          r.customerName ?? '',
          r.customerResidentId ?? '',
          (en && r.productNameEn) || r.productName || '',
          r.principalFen,
          r.rateAnnual,
          r.annualizedRate,
          r.periods,
          r.disbursedOn ?? '',
          r.maturityDate ?? '',
          r.outstandingPrincipalFen,
          r.accruedInterestFen,
          r.penaltyFen,
          r.offBalanceInterestFen,
          r.writtenOffPrincipalFen,
          r.nonAccrualSince ?? '',
          r.dpd,
          codeName(BUCKET_NAMES, r.bucket, language),
          codeName(CLASSIFICATION_NAMES, r.classification, language),
          r.provisionFen,
          r.officerName ?? '',
          codeName(LOAN_STATUS_NAMES, r.status, language),
        ]),
      };
    }
    case 'disbursements':
    case 'repayments': {
      const kinds = kind === 'disbursements' ? ['disbursement'] : ['repayment', 'reversal'];
      const { rows } = transactionLedger(db, kinds, range, MAX_EXPORT_ROWS, filter.scope);
      // A repayment's split as the books hold it now (rewritten after a backdated
      // repayment or a reversal); a reversed one and a reversal have none.
      const split = kind === 'repayments';
      // A disbursement's receiving account (masked) and bank reference, to match the statement.
      const payee = kind === 'disbursements';
      return {
        columns: [
          col('记账日', 'Booked'),
          col('起息日', 'Value date'),
          col('贷款编号', 'Loan'),
          col('客户', 'Customer'),
          col('类型', 'Kind'),
          money('金额', 'Amount'),
          ...(split ? SPLIT_COLUMNS.map((c) => money(c.zh, c.en)) : []),
          col('渠道', 'Channel'),
          ...(payee ? [col('收款账号', 'Receiving account'), col('转账流水号', 'Transfer reference')] : []),
          col('经办人', 'By'),
          col('备注', 'Note'),
        ],
        rows: rows.map((r) => [
          r.bookedOn,
          r.valueDate,
          r.loanNumber ?? '',
          r.customerName ?? '',
          codeName(TRANSACTION_KIND_NAMES, r.kind, language),
          r.amountFen,
          ...(split ? splitCells(r.allocationJson) : []),
          codeName(CHANNEL_NAMES, r.channel, language),
          ...(payee ? [r.counterpartyAccount ?? '', r.transferRef ?? ''] : []),
          r.actorName ?? '',
          r.note ?? '',
        ]),
      };
    }
    case 'journal': {
      const { rows } = journal(db, range, { accountCode: filter.accountCode }, MAX_EXPORT_ROWS);
      const accountName = new Map(readChart(db).map((a) => [a.code, language === 'en' ? a.nameEn : a.nameZh]));
      return {
        columns: [
          col('记账日', 'Posting date'),
          col('起息日', 'Value date'),
          col('科目代码', 'Account code'),
          col('科目名称', 'Account'),
          money('借方', 'Debit'),
          money('贷方', 'Credit'),
          col('贷款编号', 'Loan'),
          col('摘要', 'Memo'),
        ],
        rows: rows.map((r) => [
          r.postingDate,
          r.valueDate,
          r.code,
          accountName.get(r.code) ?? '',
          r.debitFen,
          r.creditFen,
          r.loanNumber ?? '',
          categoryMemo(r.kind, r.adjustment, language),
        ]),
      };
    }
    case 'trial': {
      const tb = trialBalance(db, range.to);
      return {
        columns: [
          col('科目代码', 'Code'),
          col('科目名称', 'Account'),
          money('借方余额', 'Debit'),
          money('贷方余额', 'Credit'),
        ],
        rows: [
          ...tb.accounts.map((a) => [a.code, language === 'en' ? a.nameEn : a.nameZh, a.debitFen, a.creditFen]),
          ['', language === 'en' ? 'Total' : '合计', tb.totals.debitFen, tb.totals.creditFen],
        ],
      };
    }
    case 'daily': {
      const rows = dailySummary(db, range);
      return {
        columns: [
          col('记账日', 'Posting date'),
          money('放款', 'Disbursed'),
          money('收回', 'Collected'),
          money('利息收入', 'Interest income'),
          money('罚息收入', 'Penalty income'),
          money('计提减值', 'Provision charge'),
          col('凭证数', 'Entries', 'number'),
        ],
        rows: rows.map((r) => [
          r.date,
          r.disbursedFen,
          r.collectedFen,
          r.interestIncomeFen,
          r.penaltyIncomeFen,
          r.provisionChargeFen,
          r.entries,
        ]),
      };
    }
  }
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A text value that starts like a formula (= + - @, tab, CR) gets a leading
 *  apostrophe, so Excel, WPS and LibreOffice show it instead of running it (CSV
 *  formula injection: a customer named =HYPERLINK(...)). Numbers are never text here. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV cell: amounts in yuan, rates in percent points and other numbers as
 *  numbers; text neutralised. */
export function csvValue(value: Cell, kind: ColumnKind): string {
  if (kind === 'percent' && value !== '') return String(percentPoints(value));
  if (typeof value === 'number') return kind === 'money' ? formatFen(value) : String(value);
  return neutraliseFormula(value);
}

/** A column's heading in the file: a CSV rate column says its unit. */
function heading(c: Column, language: 'zh-CN' | 'en', format: 'csv' | 'xlsx'): string {
  const label = language === 'en' ? c.en : c.zh;
  return format === 'csv' && c.kind === 'percent' ? `${label} (%)` : label;
}

export async function exportLedger(
  db: LocalDb,
  kind: LedgerKind,
  range: DateRange,
  format: 'csv' | 'xlsx',
  language: 'zh-CN' | 'en',
  filter: ExportFilter = {},
): Promise<{ fileName: string; mime: string; data: Buffer; rows: number }> {
  const table = ledgerTable(db, kind, range, filter, language);
  const fileName = ledgerFileName(kind, range.to, format, language);
  if (format === 'csv') {
    const lines = [
      table.columns.map((c) => heading(c, language, format)),
      ...table.rows.map((r) => r.map((v, i) => csvValue(v, table.columns[i]!.kind))),
    ].map((r) => r.map(csvCell).join(','));
    return {
      fileName,
      mime: 'text/csv',
      data: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
      rows: table.rows.length,
    };
  }
  const data = await tableWorkbook({
    sheet: kind,
    columns: table.columns.map((c) => ({ label: heading(c, language, format), kind: c.kind })),
    rows: table.rows,
  });
  return {
    fileName,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data,
    rows: table.rows.length,
  };
}

/** A table as an XLSX sheet: bold frozen header, money (fen) as yuan with
 *  thousands separators, percent from decimal fractions. The ledgers' exports and
 *  the dashboards' and reports' tables all go through here. */
export async function tableWorkbook(table: {
  sheet: string;
  title?: string;
  columns: ReadonlyArray<{ label: string; kind: 'text' | 'money' | 'number' | 'percent' }>;
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheet.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
  if (table.title) sheet.addRow([table.title]).font = { bold: true };
  sheet.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  const cell = (v: string | number | null, kind: string) => {
    if (v === null || v === '') return null;
    if (kind === 'money') return Number(formatFen(Number(v)));
    if (kind === 'percent' || kind === 'number') return Number(v);
    return v;
  };
  for (const r of table.rows) sheet.addRow(r.map((v, i) => cell(v, table.columns[i]?.kind ?? 'text')));
  table.columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, Math.min(40, c.label.length * 2 + 4));
    if (c.kind === 'money') column.numFmt = '#,##0.00';
    if (c.kind === 'percent') column.numFmt = '0.00%';
  });
  sheet.views = [{ state: 'frozen', ySplit: table.title ? 2 : 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
