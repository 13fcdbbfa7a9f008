/** The waterfall split of a repayment (penalty, overdue interest, overdue principal,
 *  fees, current interest, current principal, prepayment, overpayment). */
import { Descriptions, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { Money } from './parts';

export const ALLOCATION_PARTS = [
  'penaltyFen',
  'overdueInterestFen',
  'overduePrincipalFen',
  'feesFen',
  'currentInterestFen',
  'currentPrincipalFen',
  'prepaymentFen',
  'overpaymentFen',
] as const;
export type AllocationPart = (typeof ALLOCATION_PARTS)[number];
export type Allocation = Record<AllocationPart, number>;

export function parseAllocation(json: string | null | undefined): Allocation | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<Allocation> | null;
    if (!value || typeof value !== 'object') return null;
    return Object.fromEntries(
      ALLOCATION_PARTS.map((p) => [p, typeof value[p] === 'number' ? value[p] : 0]),
    ) as Allocation;
  } catch {
    return null;
  }
}

/** One line for dense tables: only the parts that received money. */
export function AllocationText({ allocation }: { allocation: Allocation | null }) {
  const { t, money } = useI18n();
  if (!allocation) return <Typography.Text type="secondary">—</Typography.Text>;
  const parts = ALLOCATION_PARTS.filter((p) => allocation[p] !== 0);
  return (
    <Typography.Text style={{ fontSize: 12 }}>
      {parts.map((p) => `${t(`loans.alloc.${p}`)} ${money(allocation[p])}`).join(' · ') || '—'}
    </Typography.Text>
  );
}

/** The split as a compact two-column grid in waterfall order, every part shown
 *  (zeros dimmed), with its total. */
export function AllocationTable({ allocation, testId }: { allocation: Allocation; testId?: string }) {
  const { t } = useI18n();
  const total = ALLOCATION_PARTS.reduce((sum, p) => sum + allocation[p], 0);
  return (
    <Descriptions
      data-testid={testId}
      size="small"
      bordered
      column={2}
      styles={{ label: { whiteSpace: 'nowrap' }, content: { textAlign: 'right', whiteSpace: 'nowrap' } }}
      items={[
        ...ALLOCATION_PARTS.map((part) => ({
          key: part,
          label: t(`loans.alloc.${part}`),
          children: (
            <span data-testid={`split-${part}`}>
              <Money fen={allocation[part]} />
            </span>
          ),
        })),
        {
          key: 'total',
          label: <strong>{t('loans.repay.total')}</strong>,
          span: 2,
          children: (
            <span data-testid="split-total">
              <Money fen={total} strong />
            </span>
          ),
        },
      ]}
    />
  );
}
