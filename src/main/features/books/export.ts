/** The statements and the VAT report as XLSX: the company, the date and the unit
 *  (yuan) on top, the lines in the statement's order with their comparatives, money
 *  with thousands separators; headings in the user's language. */
import ExcelJS from 'exceljs';
import { formatFen } from '../../../core/money';
import type { LocalDb } from '../../db/connection';
import type { StatementLine } from '../../../core/accounting/statements';
import { statements, vatReport } from './queries';

type Language = 'zh-CN' | 'en';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function companyName(db: LocalDb): string {
  const row = db.$client.prepare('SELECT name FROM organisation LIMIT 1').get() as { name: string } | undefined;
  return row?.name ?? '';
}

const yuan = (fen: number | undefined) => (fen === undefined ? null : Number(formatFen(fen)));

function statementSheet(
  workbook: ExcelJS.Workbook,
  title: string,
  subtitle: string,
  headers: string[],
  lines: readonly StatementLine[],
  columns: Array<'current' | 'prior' | 'ytd'>,
  language: Language,
): number {
  const sheet = workbook.addWorksheet(title.slice(0, 31));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([subtitle]);
  sheet.addRow(headers).font = { bold: true };
  for (const l of lines) {
    const name = language === 'en' ? l.nameEn : l.nameZh;
    const row = sheet.addRow([
      `${'  '.repeat(Math.max(0, l.level - 1))}${name}`,
      ...columns.map((c) => yuan(l.amounts[c])),
    ]);
    if (l.total) row.font = { bold: true };
  }
  sheet.getColumn(1).width = 44;
  for (let i = 0; i < columns.length; i++) {
    sheet.getColumn(i + 2).width = 20;
    sheet.getColumn(i + 2).numFmt = '#,##0.00';
  }
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return lines.length;
}

export async function statementsWorkbook(db: LocalDb, date: string, language: Language) {
  const s = statements(db, date);
  const en = language === 'en';
  const company = companyName(db);
  const workbook = new ExcelJS.Workbook();
  const unit = en ? 'Unit: yuan' : '单位：元';
  let rows = statementSheet(
    workbook,
    en ? 'Balance sheet' : '资产负债表',
    `${company}    ${en ? 'As of' : '编制日期'} ${date}    ${unit}`,
    [
      en ? 'Item' : '项目',
      en ? `At ${date}` : `期末余额 ${date}`,
      en ? `At ${s.priorDate}` : `上月末余额 ${s.priorDate}`,
    ],
    s.balanceSheet.lines,
    ['current', 'prior'],
    language,
  );
  rows += statementSheet(
    workbook,
    en ? 'Income statement' : '利润表',
    `${company}    ${s.period.from} – ${s.period.to}    ${unit}`,
    [
      en ? 'Item' : '项目',
      en ? `This month (${s.period.from} – ${s.period.to})` : `本月金额（${s.period.from} 至 ${s.period.to}）`,
      en
        ? `Prior month (${s.priorPeriod.from} – ${s.priorPeriod.to})`
        : `上月金额（${s.priorPeriod.from} 至 ${s.priorPeriod.to}）`,
      en ? `Year to date (${s.ytd.from} – ${s.ytd.to})` : `本年累计（${s.ytd.from} 至 ${s.ytd.to}）`,
    ],
    s.incomeStatement.lines,
    ['current', 'prior', 'ytd'],
    language,
  );
  return {
    fileName: en ? `statements-${date}.xlsx` : `财务报表-${date}.xlsx`,
    mime: XLSX_MIME,
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
    rows,
  };
}

export async function vatWorkbook(db: LocalDb, month: string, language: Language) {
  const r = vatReport(db, month);
  const en = language === 'en';
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet(en ? 'VAT' : '增值税');
  summary.addRow([en ? `VAT on lending income, ${month}` : `贷款业务增值税 ${month}`]).font = { bold: true, size: 14 };
  summary.addRow([`${companyName(db)}    ${r.from} – ${r.to}    ${en ? 'Unit: yuan' : '单位：元'}`]);
  const items: Array<[string, string, number]> = [
    ['应税利息（含税）', 'Taxable interest (VAT included)', r.totals.interestFen],
    ['应税罚息（含税）', 'Taxable penalty interest (VAT included)', r.totals.penaltyFen],
    ['应税手续费（含税）', 'Taxable fees (VAT included)', r.totals.feesFen],
    ['应税收入合计（含税）', 'Taxable total (VAT included)', r.totals.taxableFen],
    ['不含税销售额', 'Sales excluding VAT', r.totals.salesFen],
    ['销项税额', 'Output VAT', r.totals.vatFen],
    ['免税利息收入（农户小额贷款）', 'Exempt interest (farm-household small loans)', r.totals.exemptFen],
    [
      '逾期 90 天以上未收利息（暂不纳税，月末）',
      'Interest over 90 days not yet received (deferred, month end)',
      r.totals.deferredFen,
    ],
    ['总账销项税额（2221.01）', 'Output VAT in the journal (2221.01)', r.journalOutputVatFen],
  ];
  summary.addRow([en ? 'Item' : '项目', en ? 'Amount' : '金额']).font = { bold: true };
  for (const [zh, eng, fen] of items) summary.addRow([en ? eng : zh, yuan(fen)]);
  summary.addRow([en ? 'Rate' : '税率', Number(r.rate)]).getCell(2).numFmt = '0.00%';
  summary.getColumn(1).width = 48;
  summary.getColumn(2).width = 20;
  summary.getColumn(2).numFmt = '#,##0.00';
  const detail = workbook.addWorksheet(en ? 'By loan' : '分贷款明细');
  const headers = en
    ? [
        'Loan',
        'Customer',
        'Exempt',
        'Interest',
        'Penalty',
        'Fees',
        'Taxable',
        'Sales excl. VAT',
        'Output VAT',
        'Exempt interest',
        'Deferred',
      ]
    : [
        '贷款编号',
        '客户',
        '免税',
        '利息',
        '罚息',
        '手续费',
        '应税合计',
        '不含税销售额',
        '销项税额',
        '免税利息',
        '暂不纳税利息',
      ];
  detail.addRow(headers).font = { bold: true };
  for (const row of r.rows)
    detail.addRow([
      row.loanNumber,
      row.customerName,
      row.exempt ? (en ? 'yes' : '是') : '',
      yuan(row.interestFen),
      yuan(row.penaltyFen),
      yuan(row.feesFen),
      yuan(row.taxableFen),
      yuan(row.salesFen),
      yuan(row.vatFen),
      yuan(row.exemptFen),
      yuan(row.deferredFen),
    ]);
  headers.forEach((_, i) => {
    detail.getColumn(i + 1).width = i < 2 ? 16 : 14;
    if (i >= 3) detail.getColumn(i + 1).numFmt = '#,##0.00';
  });
  detail.views = [{ state: 'frozen', ySplit: 1 }];
  return {
    fileName: en ? `vat-${month}.xlsx` : `增值税-${month}.xlsx`,
    mime: XLSX_MIME,
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
    rows: r.rows.length,
  };
}
