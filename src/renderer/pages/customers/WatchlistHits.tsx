/** Watch-list hits with their match reason, and the flag shown in lists. */
import { Alert, Tag } from 'antd';
import type { Api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

type Hit = Api['customers.get']['output']['watchlistHits'][number];
type Flag = Api['customers.get']['output']['watchlistFlag'];

export function WatchlistFlag({ flag }: { flag: Flag }) {
  const { t } = useI18n();
  if (flag === 'none') return null;
  return (
    <Tag color={flag === 'residentId' ? 'red' : 'orange'} data-testid="watchlist-flag">
      {t(flag === 'residentId' ? 'customers.watchlist.idMatch' : 'customers.watchlist.nameMatch')}
    </Tag>
  );
}

export function WatchlistHitsAlert({ hits }: { hits: readonly Hit[] }) {
  const { t } = useI18n();
  if (hits.length === 0) return null;
  const exact = hits.some((h) => h.match === 'residentId');
  return (
    <Alert
      type={exact ? 'error' : 'warning'}
      showIcon
      title={t(exact ? 'customers.watchlist.idMatchNote' : 'customers.watchlist.nameMatchNote')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {hits.map((h) => (
            <li key={h.entryId}>
              {h.entryName} ·{' '}
              {t(h.match === 'residentId' ? 'customers.watchlist.idMatch' : 'customers.watchlist.nameMatch')} ·{' '}
              {h.reason} ({h.source})
            </li>
          ))}
        </ul>
      }
    />
  );
}
