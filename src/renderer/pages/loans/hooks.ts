/** What the ledgers and the loan detail share besides the API hooks: the session's
 *  permissions and business date, rate formatting, date ranges and printing. */
import { useApi } from '../../api/hooks';
import { addDays, addMonths, dateParts, formatDate, isValidDate } from '../../../core/dates';

/** The business date (YYYY-MM-DD) from the status, or undefined while loading. */
export function useBusinessDate(): string | undefined {
  return useApi('app.status', {}).data?.businessDate ?? undefined;
}

/** A rate held as a decimal fraction string ("0.2388") as a percent with 2 decimals
 *  ("23.88%"). Display only; the figure itself stays a string everywhere else. */
export interface DateRange {
  from: string;
  to: string;
}

export type RangePreset = 'today' | 'last30' | 'month' | 'lastMonth' | 'year' | 'all';
export const RANGE_PRESETS: RangePreset[] = ['today', 'last30', 'month', 'lastMonth', 'year', 'all'];
/** The start of "all": before any loan the product can hold. */
export const EPOCH = '2000-01-01';

export function presetRange(preset: RangePreset, businessDate: string): DateRange {
  const { year, month } = dateParts(businessDate);
  const monthStart = formatDate({ year, month, day: 1 });
  switch (preset) {
    case 'today':
      return { from: businessDate, to: businessDate };
    case 'last30':
      return { from: addDays(businessDate, -29), to: businessDate };
    case 'month':
      return { from: monthStart, to: businessDate };
    case 'lastMonth': {
      const from = addMonths(monthStart, -1);
      return { from, to: addDays(monthStart, -1) };
    }
    case 'year':
      return { from: formatDate({ year, month: 1, day: 1 }), to: businessDate };
    case 'all':
      return { from: EPOCH, to: businessDate };
  }
}

export function validRange(range: DateRange | null | undefined): range is DateRange {
  return !!range && isValidDate(range.from) && isValidDate(range.to) && range.from <= range.to;
}

/** The loan detail's address; a tab ('journal' …) opens it on that tab. */
export function loanHref(loanId: string, tab?: string): string {
  return `#/loans/${encodeURIComponent(loanId)}${tab ? `/${tab}` : ''}`;
}

export function openLoan(loanId: string, tab?: string): void {
  window.location.hash = loanHref(loanId, tab);
}

/** Styles of the ledgers: the highlighted row, and a print sheet that hides the
 *  navigation, the top bar and every control, leaving the table. */
export const LEDGER_CSS = `
.ld-row-overdue > td { background: #fff1f0; }
.ld-row-shade > td { background: #fafbfd; }
.ld-print-only { display: none; }
.ld-page .ant-table-wrapper .ant-table-tbody > tr:not(.ant-table-measure-row) > td { padding-top: 4px !important; padding-bottom: 4px !important; }
.ld-page .ant-table-wrapper .ant-table-thead > tr > th { padding-top: 6px !important; padding-bottom: 6px !important; overflow-wrap: normal; word-break: normal; }
.ld-stat-title { white-space: nowrap; }
.ld-page .ant-table-summary td { padding-top: 5px !important; padding-bottom: 5px !important; }
.ld-page .ant-tabs-nav { margin-bottom: 8px; }
.ld-money { font-variant-numeric: tabular-nums; white-space: nowrap; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  .ant-layout-sider, .ant-layout-header, .ld-no-print, .ant-pagination, .ant-tabs-nav, .ant-table-filter-trigger, .ant-table-column-sorters .ant-table-column-sorter { display: none !important; }
  .ant-layout, .ant-layout-content { height: auto !important; overflow: visible !important; background: #fff !important; padding: 0 !important; }
  .ld-print-only { display: block; }
  .ant-table-sticky-holder { position: static !important; }
  .ant-table-sticky-scroll { display: none !important; }
  .ant-table-cell-fix-left, .ant-table-cell-fix-right { position: static !important; }
  .ant-table-content, .ant-table-body, .ant-table-container { overflow: visible !important; }
  .ld-print-wide { zoom: 0.52; }
  .ld-print-mid { zoom: 0.78; }
  .ant-table, .ant-table-cell { font-size: 10px !important; }
  .ant-table-cell { padding: 2px 4px !important; }
}
`;
