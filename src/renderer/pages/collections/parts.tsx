/** Pieces of the collections screens: the promise cell and the next action. */
import { Space, Tag, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

export type CaseRow = Api['collections.list']['output']['rows'][number];

const PROMISE_COLOR = { pending: 'blue', kept: 'green', broken: 'red' } as const;

export function PromiseCell({ promise }: { promise: CaseRow['promise'] }) {
  const { t, money } = useI18n();
  if (!promise) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Tag color={PROMISE_COLOR[promise.status]} data-testid="promise-status" data-status={promise.status}>
        {t(`collections.promise.${promise.status}`)}
      </Tag>
      <span>{t('collections.promise.summary', { amount: money(promise.amountFen), date: promise.promisedDate })}</span>
    </Space>
  );
}

export function NextActionText({ action, short }: { action: CaseRow['nextAction']; short?: boolean }) {
  const { t } = useI18n();
  const text = t(
    `collections.next.${action.code}`,
    'date' in action ? { date: short ? action.date.slice(5) : action.date } : {},
  );
  return action.code === 'followUpBrokenPromise' ? (
    <Typography.Text type="danger">{text}</Typography.Text>
  ) : (
    <span>{text}</span>
  );
}
