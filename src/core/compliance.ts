/** Cash-transaction monitoring: large-value cash (大额现金交易) and structuring
 *  (拆分交易, several amounts just under the threshold within a window). */

export interface CashMovement {
  id: string;
  amountFen: number;
  /** ISO instant the cash changed hands. */
  at: string;
}

export interface CashRules {
  /** Cash of this much or more in a day, single or cumulative per customer (default 50,000 yuan). */
  largeCashThresholdFen: number;
  /** Amounts at or above this share of the threshold, but under it, count as "just under". */
  nearThresholdRate: number;
  /** How many just-under amounts within the window are suspicious. */
  structuringMinCount: number;
  structuringWindowHours: number;
}

export const DEFAULT_CASH_RULES: CashRules = {
  largeCashThresholdFen: 5_000_000,
  nearThresholdRate: 0.9,
  structuringMinCount: 3,
  structuringWindowHours: 24,
};

export type CashFlag =
  | { kind: 'largeCash'; totalFen: number; movementIds: string[] }
  | { kind: 'structuring'; count: number; movementIds: string[] };

/** Flags raised by `latest`, given the customer's cash movements of the same business
 *  day (`sameDay`, including latest) and of the preceding window (`window`). */
export function cashFlags(
  latest: CashMovement,
  sameDay: readonly CashMovement[],
  window: readonly CashMovement[],
  rules: CashRules = DEFAULT_CASH_RULES,
): CashFlag[] {
  const flags: CashFlag[] = [];
  const dayTotal = sameDay.reduce((s, m) => s + m.amountFen, 0);
  const before = dayTotal - latest.amountFen;
  if (dayTotal >= rules.largeCashThresholdFen && before < rules.largeCashThresholdFen) {
    flags.push({ kind: 'largeCash', totalFen: dayTotal, movementIds: sameDay.map((m) => m.id) });
  }
  const floor = Math.ceil(rules.largeCashThresholdFen * rules.nearThresholdRate);
  const isNear = (m: CashMovement) => m.amountFen >= floor && m.amountFen < rules.largeCashThresholdFen;
  if (isNear(latest)) {
    const since = Date.parse(latest.at) - rules.structuringWindowHours * 3_600_000;
    const near = window.filter(
      (m) => isNear(m) && Date.parse(m.at) >= since && Date.parse(m.at) <= Date.parse(latest.at),
    );
    if (near.length === rules.structuringMinCount)
      flags.push({ kind: 'structuring', count: near.length, movementIds: near.map((m) => m.id) });
  }
  return flags;
}
