/** Customer import: a CSV (UTF-8 with or without BOM; GB18030 as Excel in China
 *  saves it) or an XLSX sheet with a header row, read into rows and checked one by
 *  one with the same rules as a registration. Pure apart from exceljs. */
import { DomainError } from '../../../core/errors';
import { parseYuanToFen } from '../../../core/money';
import { validateResidentId } from '../../../core/validation';
import { cleanText, type TextKind } from '../../../core/validation/text';
import { checkIdentifier, MAX_EMPLOYMENT_YEARS, MAX_IMPORT_ROWS, MAX_MONTHLY_FEN } from './schemas';
import type { Cell, Sheet } from './sheet';

export const IMPORT_COLUMNS = [
  'name',
  'residentId',
  'phone',
  'address',
  'employer',
  'monthlyIncome',
  'monthlyDebt',
  'employmentYears',
  'bankCard',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportColumn[] = [
  'name',
  'residentId',
  'phone',
  'address',
  'monthlyIncome',
  'employmentYears',
];

/** Header aliases, compared after normalising (lower case, no spaces, no unit in brackets). */
const HEADER_ALIASES: Record<ImportColumn, readonly string[]> = {
  name: ['姓名', '客户姓名', 'name'],
  residentId: ['身份证号', '身份证号码', '身份证', 'residentid'],
  phone: ['手机号', '手机号码', '手机', 'phone', 'mobile'],
  address: ['地址', '住址', '联系地址', 'address'],
  employer: ['工作单位', '单位', 'employer'],
  monthlyIncome: ['月收入', 'monthlyincome'],
  monthlyDebt: ['月负债', '月还款', 'monthlydebt'],
  employmentYears: ['工作年限', 'employmentyears'],
  bankCard: ['银行卡号', '银行卡', 'bankcard'],
};

/** Names, addresses and employers longer than a registration allows. */
/** The free-text columns and their kind in the shared text rule. */
const TEXT_COLUMNS: Partial<Record<ImportColumn, TextKind>> = { name: 'name', address: 'address', employer: 'name' };

export interface ImportIssue {
  field: ImportColumn | 'file';
  code: string;
  details?: Record<string, unknown>;
}

export interface ImportRowReport {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  ok: boolean;
  errors: ImportIssue[];
}

export interface ImportedPerson {
  row: number;
  name: string;
  residentId: string;
  birthDate: string;
  sex: 'male' | 'female';
  phone: string;
  address: string;
  employer: string | null;
  monthlyIncomeFen: number;
  monthlyDebtFen: number;
  employmentYears: number;
  bankCard: string | null;
}

function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^)）]*[)）]/g, '')
    .replace(/[\s_-]/g, '')
    .toLowerCase();
}

function columnOf(header: string): ImportColumn | undefined {
  const h = normaliseHeader(header);
  return IMPORT_COLUMNS.find((c) => HEADER_ALIASES[c].includes(h));
}

export interface CheckedSheet {
  reports: ImportRowReport[];
  people: ImportedPerson[];
  ignoredColumns: string[];
}

/** Checks every data row; duplicates inside the file are reported on the later row.
 *  `onFile` gives the customer number of a resident ID already registered; `today`
 *  (the business date) bounds the birth dates the IDs show. */
export function checkSheet(
  sheet: Sheet,
  onFile: (residentIds: string[]) => Map<string, string>,
  maxRows = MAX_IMPORT_ROWS,
  today?: string,
): CheckedSheet {
  const [header, ...data] = sheet.rows;
  if (!header || data.length === 0) throw new DomainError('IMPORT_EMPTY', { field: 'file' });
  if (data.length > maxRows)
    throw new DomainError('IMPORT_TOO_MANY_ROWS', { field: 'file', max: maxRows, rows: data.length });
  const index = new Map<ImportColumn, number>();
  const ignoredColumns: string[] = [];
  header.cells.forEach((cell, i) => {
    const column = columnOf(cell.text);
    if (column && !index.has(column)) index.set(column, i);
    else if (cell.text.trim() !== '') ignoredColumns.push(cell.text.trim());
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) throw new DomainError('IMPORT_COLUMNS_MISSING', { field: 'file', columns: missing });

  const reports: ImportRowReport[] = [];
  const people: ImportedPerson[] = [];
  const firstRowOfId = new Map<string, number>();
  const reportOfId = new Map<string, ImportRowReport>();
  for (const { row, cells } of data) {
    const errors: ImportIssue[] = [];
    const cell = (c: ImportColumn): Cell => {
      const i = index.get(c);
      return i === undefined ? { text: '' } : (cells[i] ?? { text: '' });
    };
    const text = (c: ImportColumn, required: boolean): string | null => {
      const value = cell(c).text.trim();
      if (value === '') {
        if (required) errors.push({ field: c, code: 'REQUIRED' });
        return null;
      }
      const kind = TEXT_COLUMNS[c];
      if (kind === undefined) return value;
      const checked = cleanText(value, kind);
      if (!checked.ok) {
        errors.push({ field: c, code: checked.code, details: checked.params });
        return null;
      }
      return checked.value;
    };
    const identifier = (c: 'residentId' | 'phone' | 'bankCard', required: boolean): string | null => {
      if (cell(c).unsafeNumber) {
        errors.push({ field: c, code: 'IMPORT_NUMERIC_CELL' });
        return null;
      }
      const raw = text(c, required);
      if (raw === null) return null;
      const checked = checkIdentifier(c, raw, today);
      if (!checked.ok) {
        errors.push({ field: c, code: checked.code });
        return null;
      }
      return checked.value;
    };
    const yuan = (c: 'monthlyIncome' | 'monthlyDebt', required: boolean): number | null => {
      const raw = text(c, required);
      if (raw === null) return null;
      try {
        const fen = parseYuanToFen(raw.replace(/,/g, ''), c);
        if (fen < 0 || fen > MAX_MONTHLY_FEN) throw new DomainError('MONEY_INVALID_AMOUNT');
        return fen;
      } catch {
        errors.push({ field: c, code: 'MONEY_INVALID_AMOUNT' });
        return null;
      }
    };
    const name = text('name', true);
    const residentId = identifier('residentId', true);
    const phone = identifier('phone', true);
    const address = text('address', true);
    const employer = text('employer', false);
    const monthlyIncomeFen = yuan('monthlyIncome', true);
    const monthlyDebtFen = yuan('monthlyDebt', false) ?? 0;
    const bankCard = identifier('bankCard', false);
    const yearsText = text('employmentYears', true);
    let employmentYears: number | null = null;
    if (yearsText !== null) {
      employmentYears = /^\d{1,2}$/.test(yearsText) ? Number(yearsText) : NaN;
      if (!(employmentYears >= 0 && employmentYears <= MAX_EMPLOYMENT_YEARS)) {
        errors.push({ field: 'employmentYears', code: 'NUMBER_INVALID', details: { max: MAX_EMPLOYMENT_YEARS } });
        employmentYears = null;
      }
    }
    if (residentId !== null) {
      const first = firstRowOfId.get(residentId);
      if (first !== undefined)
        errors.push({ field: 'residentId', code: 'IMPORT_DUPLICATE_IN_FILE', details: { otherRow: first } });
      else firstRowOfId.set(residentId, row);
    }
    const report: ImportRowReport = { row, ok: errors.length === 0, errors };
    reports.push(report);
    if (residentId !== null && firstRowOfId.get(residentId) === row) reportOfId.set(residentId, report);
    if (errors.length === 0) {
      const id = validateResidentId(residentId!);
      if (!id.valid) throw new DomainError('INVARIANT_BROKEN', { what: 'checked resident ID' });
      people.push({
        row,
        name: name!,
        residentId: residentId!,
        birthDate: id.birthDate,
        sex: id.sex,
        phone: phone!,
        address: address!,
        employer,
        monthlyIncomeFen: monthlyIncomeFen!,
        monthlyDebtFen,
        employmentYears: employmentYears!,
        bankCard,
      });
    }
  }

  // Against the customers on file: reported on the first row of each ID.
  for (const [residentId, customerNumber] of onFile([...firstRowOfId.keys()])) {
    const report = reportOfId.get(residentId);
    if (!report) continue;
    report.ok = false;
    report.errors.push({ field: 'residentId', code: 'CUSTOMER_DUPLICATE', details: { customerNumber } });
  }
  const failed = new Set(reports.filter((r) => !r.ok).map((r) => r.row));
  return { reports, people: people.filter((p) => !failed.has(p.row)), ignoredColumns };
}
