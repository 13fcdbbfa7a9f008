/** A bank statement of incoming transfers (CSV with a header row) read into lines:
 *  value date, amount in integer fen, the bank's reference, the payer's name and
 *  account, and the memo. The common header names of Chinese and English bank
 *  exports are recognised; a line that cannot be read keeps its error code (bad
 *  date, bad amount, no reference, a reference repeated in the file) so the
 *  officer sees every refusal, never a silently dropped line. */
import { DomainError } from '../errors';
import { isValidDate } from '../dates';
import { parseTypedAmount } from '../moneyInput';
import { readCsv } from './csv';

export const STATEMENT_FIELDS = ['valueDate', 'amount', 'reference', 'payerName', 'payerAccount', 'memo'] as const;
export type StatementField = (typeof STATEMENT_FIELDS)[number];
const REQUIRED: readonly StatementField[] = ['valueDate', 'amount', 'reference'];

/** Header names per field, compared without spaces, case, brackets or units. */
const HEADERS: Record<StatementField, readonly string[]> = {
  valueDate: [
    '交易日期',
    '记账日期',
    '入账日期',
    '起息日',
    '起息日期',
    '日期',
    '交易时间',
    'valuedate',
    'date',
    'transactiondate',
    'bookingdate',
    'postingdate',
  ],
  amount: [
    '金额',
    '贷方金额',
    '收入金额',
    '交易金额',
    '入账金额',
    '贷方发生额',
    'amount',
    'credit',
    'creditamount',
    'amountcny',
  ],
  reference: [
    '流水号',
    '交易流水号',
    '银行流水号',
    '交易参考号',
    '凭证号',
    '参考号',
    'reference',
    'ref',
    'bankreference',
    'transactionreference',
    'transactionid',
    'referenceno',
  ],
  payerName: [
    '对方户名',
    '付款人',
    '付款人名称',
    '付款方',
    '对方名称',
    '对方账户名称',
    'payer',
    'payername',
    'counterparty',
    'counterpartyname',
  ],
  payerAccount: [
    '对方账号',
    '付款人账号',
    '对方账户',
    '付款账号',
    '对方卡号',
    'payeraccount',
    'account',
    'counterpartyaccount',
    'fromaccount',
  ],
  memo: [
    '摘要',
    '附言',
    '用途',
    '备注',
    '交易附言',
    'memo',
    'remark',
    'remarks',
    'purpose',
    'description',
    'narrative',
  ],
};

/** The most lines one statement may hold (a year of a branch's transfers is far less). */
export const MAX_STATEMENT_LINES = 200_000;
export const MAX_REFERENCE_CHARS = 64;

export function headerKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-.:：/]/g, '');
}

/** Which column holds which field; STATEMENT_COLUMNS_MISSING names the missing ones. */
export function mapColumns(header: readonly string[]): Record<StatementField, number> {
  const keys = header.map(headerKey);
  const out = {} as Record<StatementField, number>;
  for (const f of STATEMENT_FIELDS) out[f] = keys.findIndex((k) => HEADERS[f].includes(k));
  const missing = REQUIRED.filter((f) => out[f] < 0);
  if (missing.length > 0) throw new DomainError('STATEMENT_COLUMNS_MISSING', { columns: missing.join(', ') });
  return out;
}

/** A statement date as the bank prints it (2026-03-02, 2026/3/2, 20260302,
 *  2026.03.02, optionally followed by a time) as YYYY-MM-DD, or null. */
export function statementDate(text: string): string | null {
  const t = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})(?:\s.*)?$/.exec(t);
  const parts = compact ?? /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT].*)?$/.exec(t);
  if (!parts) return null;
  const date = `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`;
  return isValidDate(date) ? date : null;
}

export interface LineError {
  code: string;
  details: Record<string, unknown>;
}

export interface StatementLine {
  /** The line of the file (the header is line 1). */
  line: number;
  valueDate: string | null;
  amountFen: number | null;
  reference: string;
  payerName: string;
  payerAccount: string;
  memo: string;
  /** Why the line cannot be imported as read; null when it can be matched. */
  error: LineError | null;
}

/** A statement file's bytes as text. Banks also export GBK: that is refused
 *  (STATEMENT_NOT_UTF8) rather than read as garbage; the officer saves it as UTF-8. */
export function decodeStatement(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DomainError('STATEMENT_NOT_UTF8');
  }
}

export interface Statement {
  lines: StatementLine[];
}

export function parseStatement(text: string): Statement {
  const records = readCsv(text);
  const [header, ...rows] = records;
  if (!header || rows.length === 0) throw new DomainError('STATEMENT_EMPTY');
  if (rows.length > MAX_STATEMENT_LINES)
    throw new DomainError('STATEMENT_TOO_MANY_LINES', { max: MAX_STATEMENT_LINES, lines: rows.length });
  const col = mapColumns(header.fields);
  const cell = (fields: string[], f: StatementField) => (col[f] < 0 ? '' : (fields[col[f]] ?? '').trim());
  const seen = new Map<string, number>();
  const lines = rows.map((r): StatementLine => {
    const dateText = cell(r.fields, 'valueDate');
    const amountText = cell(r.fields, 'amount');
    const reference = cell(r.fields, 'reference');
    const valueDate = statementDate(dateText);
    const amount = parseTypedAmount(amountText);
    const amountFen = amount.ok ? amount.fen : null;
    let error: LineError | null = null;
    if (!valueDate) error = { code: 'STATEMENT_DATE_INVALID', details: { value: dateText.slice(0, 40) } };
    else if (amountFen === null)
      error = { code: 'STATEMENT_AMOUNT_INVALID', details: { value: amountText.slice(0, 40) } };
    else if (amountFen <= 0) error = { code: 'STATEMENT_NOT_CREDIT', details: { value: amountText.slice(0, 40) } };
    else if (reference === '') error = { code: 'STATEMENT_REF_MISSING', details: {} };
    else if (reference.length > MAX_REFERENCE_CHARS)
      error = { code: 'STATEMENT_REF_TOO_LONG', details: { max: MAX_REFERENCE_CHARS } };
    else if (seen.has(reference))
      error = { code: 'STATEMENT_REF_REPEATED', details: { firstLine: seen.get(reference) } };
    if (reference !== '' && !seen.has(reference)) seen.set(reference, r.line);
    return {
      line: r.line,
      valueDate,
      amountFen,
      reference,
      payerName: cell(r.fields, 'payerName').slice(0, 200),
      payerAccount: cell(r.fields, 'payerAccount').slice(0, 64),
      memo: cell(r.fields, 'memo').slice(0, 500),
      error,
    };
  });
  return { lines };
}
