/** The servicing rules a loan's contract takes from its product at approval, so
 *  the loan keeps them when the product changes later. */
import type { LoanContract } from '../../../core/servicing/position';
import type { ProductConfig } from '../../../contract/schemas/products';

export type ContractRules = Required<
  Pick<
    LoanContract,
    | 'penaltyMultiplier'
    | 'allocationOrder'
    | 'prepaymentMode'
    | 'repaymentIntent'
    | 'prepaymentFeeRate'
    | 'rateCapAnnual'
  >
>;

export function contractRulesOf(config: ProductConfig): ContractRules {
  return {
    penaltyMultiplier: config.penaltyMultiplier,
    allocationOrder: config.allocationOrder,
    prepaymentMode: config.prepaymentMode,
    repaymentIntent: config.repaymentIntent,
    prepaymentFeeRate: config.prepaymentFeeRate,
    rateCapAnnual: config.rateCapAnnual,
  };
}
