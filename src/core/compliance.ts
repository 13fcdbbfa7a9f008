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

export interface DatedCashMovement extends CashMovement {
  /** The business date it was booked on. */
  businessDate: string;
}

/** A flag for the reports: one large-value flag per customer and business date, one
 *  structuring flag per customer and business date of the window's last amount. */
export type CashFlag =
  | { kind: 'largeCash'; businessDate: string; totalFen: number; transactionId: string; movementIds: string[] }
  | { kind: 'structuring'; businessDate: string; count: number; transactionId: string; movementIds: string[] };

function byTime(a: CashMovement, b: CashMovement): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The flags a customer's cash movements raise: a pure function of the set of
 *  movements, so the order in which a node learns of them never changes them.
 *  Large-value: the day's cash reaches the threshold (single or cumulative); the
 *  flag names the movement with which it did. Structuring: `structuringMinCount`
 *  amounts just under the threshold within `structuringWindowHours`; the flag names
 *  the last amount of the latest such window of its day. */
export function cashFlags(movements: readonly DatedCashMovement[], rules: CashRules = DEFAULT_CASH_RULES): CashFlag[] {
  const sorted = [...movements].sort(byTime);
  const flags: CashFlag[] = [];
  const days = [...new Set(sorted.map((m) => m.businessDate))].sort();
  for (const day of days) {
    const ofDay = sorted.filter((m) => m.businessDate === day);
    let running = 0;
    const crossing = ofDay.find((m) => (running += m.amountFen) >= rules.largeCashThresholdFen);
    if (crossing)
      flags.push({
        kind: 'largeCash',
        businessDate: day,
        totalFen: ofDay.reduce((s, m) => s + m.amountFen, 0),
        transactionId: crossing.id,
        movementIds: ofDay.map((m) => m.id),
      });
  }
  const floor = Math.ceil(rules.largeCashThresholdFen * rules.nearThresholdRate);
  const near = sorted.filter((m) => m.amountFen >= floor && m.amountFen < rules.largeCashThresholdFen);
  const windowMs = rules.structuringWindowHours * 3_600_000;
  const latestOfDay = new Map<string, CashFlag>();
  for (const m of near) {
    const end = Date.parse(m.at);
    const inWindow = near.filter((x) => Date.parse(x.at) > end - windowMs && byTime(x, m) <= 0);
    if (inWindow.length >= rules.structuringMinCount)
      latestOfDay.set(m.businessDate, {
        kind: 'structuring',
        businessDate: m.businessDate,
        count: inWindow.length,
        transactionId: m.id,
        movementIds: inWindow.map((x) => x.id),
      });
  }
  return [...flags, ...latestOfDay.values()];
}
