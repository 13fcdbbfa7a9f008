/** "Data as of …": when the figures were computed, for which business date, and
 *  through which end of day, so that an offline reader is never misled. (The
 *  sync state joins this line when sync lands.) */
import { Typography } from 'antd';
import { useI18n, type Translate } from '../../../i18n/i18n';
import { localMinute } from './format';

export interface DataAsOf {
  computedAt: string;
  businessDate: string;
  lastClosedDay: string | null;
}

export function stampText(t: Translate, asOf: DataAsOf): string {
  return t(asOf.lastClosedDay ? 'dash.asOf' : 'dash.asOfNoEod', {
    at: localMinute(asOf.computedAt),
    date: asOf.businessDate,
    eod: asOf.lastClosedDay ?? '',
  });
}

export function DataStamp({ asOf }: { asOf: DataAsOf }) {
  const { t } = useI18n();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 11 }} data-testid="data-as-of">
      {stampText(t, asOf)}
    </Typography.Text>
  );
}
