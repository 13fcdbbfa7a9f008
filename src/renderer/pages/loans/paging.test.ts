/** tableSort: a header click becomes the list's sort only for a column it sorts by. */
import { describe, expect, it } from 'vitest';
import { tableSort } from './paging';

const FIELDS = ['dpd', 'number'] as const;

describe('tableSort', () => {
  it('maps ascend and descend on a sortable column to asc and desc', () => {
    expect(tableSort({ columnKey: 'dpd', order: 'ascend' }, FIELDS)).toEqual({ field: 'dpd', order: 'asc' });
    expect(tableSort({ columnKey: 'number', order: 'descend' }, FIELDS)).toEqual({ field: 'number', order: 'desc' });
  });
  it('takes the first sorter of several', () => {
    expect(
      tableSort(
        [
          { columnKey: 'number', order: 'descend' },
          { columnKey: 'dpd', order: 'ascend' },
        ],
        FIELDS,
      ),
    ).toEqual({ field: 'number', order: 'desc' });
  });
  it('is undefined for a column the list does not sort by, a cleared sort, or no sorter', () => {
    expect(tableSort({ columnKey: 'customerName', order: 'ascend' }, FIELDS)).toBeUndefined();
    expect(tableSort({ columnKey: 'dpd', order: null }, FIELDS)).toBeUndefined();
    expect(tableSort([], FIELDS)).toBeUndefined();
  });
});
