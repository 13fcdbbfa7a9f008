/** The official public-holiday schedule of the People's Republic of China, entered
 *  per year as the State Council publishes it each autumn for the next year. It is
 *  the default of the business-calendar setting; administrators add the next year
 *  (and correct a year) on the business-calendar screen.
 *
 *  2026: 国务院办公厅关于2026年部分节假日安排的通知 (published 2025-11-04):
 *  元旦 1月1日-3日 (1月4日 周日 上班); 春节 2月15日-23日 (2月14日 周六、2月28日 周六 上班);
 *  清明节 4月4日-6日; 劳动节 5月1日-5日 (5月9日 周六 上班); 端午节 6月19日-21日;
 *  中秋节 9月25日-27日; 国庆节 10月1日-7日 (9月20日 周日、10月10日 周六 上班). */
import { addDays, type BusinessDate } from '../dates';
import type { HolidayYear } from './calendar';

function run(first: BusinessDate, days: number): BusinessDate[] {
  return Array.from({ length: days }, (_, i) => addDays(first, i));
}

export const CN_HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  holidays: [
    ...run('2026-01-01', 3),
    ...run('2026-02-15', 9),
    ...run('2026-04-04', 3),
    ...run('2026-05-01', 5),
    ...run('2026-06-19', 3),
    ...run('2026-09-25', 3),
    ...run('2026-10-01', 7),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

export const CN_OFFICIAL_HOLIDAYS: readonly HolidayYear[] = [CN_HOLIDAYS_2026];
