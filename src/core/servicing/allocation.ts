/** Repayment allocation waterfall (还款冲抵顺序): a payment fills the buckets in the
 *  product's order; what is left is excess (prepayment or a payable). */
import { DomainError } from '../errors';
import { assertFen } from '../money';

export type AllocationBucket =
  'penalty' | 'overdueInterest' | 'overduePrincipal' | 'fees' | 'currentInterest' | 'currentPrincipal';

/** Default (DOMAIN.md): penalty -> overdue interest -> overdue principal -> fees ->
 *  current interest -> current principal. */
export const DEFAULT_ALLOCATION_ORDER: readonly AllocationBucket[] = [
  'penalty',
  'overdueInterest',
  'overduePrincipal',
  'fees',
  'currentInterest',
  'currentPrincipal',
];

export type BucketAmounts = Record<AllocationBucket, number>;

export function emptyBuckets(): BucketAmounts {
  return { penalty: 0, overdueInterest: 0, overduePrincipal: 0, fees: 0, currentInterest: 0, currentPrincipal: 0 };
}

/** An order must name each of the six buckets exactly once. */
export function assertAllocationOrder(order: readonly AllocationBucket[]): void {
  const all = DEFAULT_ALLOCATION_ORDER;
  if (order.length !== all.length || !all.every((b) => order.includes(b)))
    throw new DomainError('ALLOCATION_ORDER_INVALID', { field: 'allocationOrder', value: order });
}

export interface WaterfallResult {
  parts: BucketAmounts;
  excessFen: number;
}

/** Fills `dues` in `order`; parts + excess == amountFen, each part <= its due. */
export function allocateWaterfall(
  amountFen: number,
  dues: BucketAmounts,
  order: readonly AllocationBucket[] = DEFAULT_ALLOCATION_ORDER,
): WaterfallResult {
  assertFen(amountFen, 'amountFen');
  if (amountFen < 0) throw new DomainError('ALLOCATION_NEGATIVE_AMOUNT', { amountFen });
  assertAllocationOrder(order);
  const parts = emptyBuckets();
  let left = amountFen;
  for (const bucket of order) {
    const due = assertFen(dues[bucket], bucket);
    if (due < 0) throw new DomainError('ALLOCATION_NEGATIVE_DUE', { bucket, due });
    const take = Math.min(left, due);
    parts[bucket] = take;
    left -= take;
  }
  return { parts, excessFen: left };
}
