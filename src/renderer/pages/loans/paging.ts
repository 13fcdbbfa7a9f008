/** Server-side paging for the ledger tabs: the window asks for one page at a time
 *  (limit = page size, offset), sorted and filtered in the database, and shows the
 *  totals of the whole filter the answer carries. A page longer than
 *  VIRTUAL_FROM rows is virtualized (only the rows in view are in the DOM). */
import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';

export const PAGE_SIZES = [50, 100, 200, 500] as const;
export const DEFAULT_PAGE_SIZE = 100;
export const VIRTUAL_FROM = 200;
/** The window's chrome above and below a ledger table's body (header, tabs, tools,
 *  table header, summary, pager) at 1366x768. */
const CHROME_PX = 330;
const MIN_BODY_PX = 240;

export interface Paging {
  page: number;
  pageSize: number;
  limit: number;
  offset: number;
  setPage: (page: number, pageSize: number) => void;
}

/** The current page; the first again whenever one of `resetOn` changes (a new
 *  filter, range or sort), already in the render that changed it. */
export function usePaging(resetOn: unknown[]): Paging {
  const key = JSON.stringify(resetOn);
  const [state, setState] = useState({ key, page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const page = state.key === key ? state.page : 1;
  return {
    page,
    pageSize: state.pageSize,
    limit: state.pageSize,
    offset: (page - 1) * state.pageSize,
    setPage: (next, size) => setState({ key, page: size !== state.pageSize ? 1 : next, pageSize: size }),
  };
}

/** antd's pager for a server-paged list of `total` rows. */
export function pager(paging: Paging, total: number, showTotal: (n: number) => string): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES.map(String),
    size: 'small',
    showTotal,
  };
}

/** The table body: virtual rows (which need a fixed width and height) once a page
 *  is long, otherwise the table as `x` says (its columns' width by default). */
export function tableBody(
  pageSize: number,
  width: number,
  x: number | 'max-content' = width,
): { virtual: boolean; scroll: { x: number | 'max-content'; y?: number } } {
  if (pageSize < VIRTUAL_FROM) return { virtual: false, scroll: { x } };
  const height = Math.max(MIN_BODY_PX, window.innerHeight - CHROME_PX);
  return { virtual: true, scroll: { x: width, y: height } };
}

/** The sort a click on a table header asks for: the column's field and direction
 *  when the list sorts by that column, else undefined (the caller's default). */
export function tableSort<R, F extends string>(
  sorter: SorterResult<R> | SorterResult<R>[],
  fields: readonly F[],
): { field: F; order: 'asc' | 'desc' } | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  const field = fields.find((f) => f === s?.columnKey);
  return field && s?.order ? { field, order: s.order === 'ascend' ? 'asc' : 'desc' } : undefined;
}
