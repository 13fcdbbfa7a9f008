/** Compliance reports over the loan book: every active loan's annualized rate
 *  against its product's cap, the check a product change runs before it is
 *  saved (which new loans and which active loans would be above the new cap),
 *  and the five-tier classification with its manual overrides and reasons. */
import type { LocalDb } from '../../db/connection';
import type { ProductConfig } from '../../../contract/schemas/products';
import { scheduleFor } from '../../../core/rules/assessment';
import { exceeds, rateCapRows, CLASSES, type ClassName } from './charts';
import { classifyByDpd } from '../../../core/servicing/delinquency';

/** The red line no product may cross whatever its own cap (36% a year). */
export const ABSOLUTE_RATE_CAP = '0.36';

export function rateCapReport(db: LocalDb) {
  const rows = rateCapRows(db).map((r) => ({ ...r, overRedLine: exceeds(r.annualizedRate, ABSOLUTE_RATE_CAP) }));
  return {
    loans: rows,
    totals: {
      active: rows.length,
      over: rows.filter((r) => r.over).length,
      overRedLine: rows.filter((r) => r.overRedLine).length,
      outstandingOverFen: rows.filter((r) => r.over).reduce((s, r) => s + r.outstandingPrincipalFen, 0),
    },
  };
}

export interface CapSample {
  periods: number;
  rateAnnual: string;
  amountFen: number;
  annualizedRate: string;
  over: boolean;
}

/** What a product configuration would do to the cap: the annualized rate of the
 *  costliest new loans it allows (maximum rate, with its fee, at the shortest and
 *  longest term and the smallest amount), and the product's active loans above
 *  the (new) cap. Called by the product editor before it saves. */
export function productCapCheck(db: LocalDb, productId: string | undefined, config: ProductConfig, startDate: string) {
  const cap = config.rateCapAnnual;
  const product = { id: productId ?? 'new', code: '', name: '', active: true, version: 0, config };
  const samples: CapSample[] = [];
  const terms = [...new Set([config.minPeriods, config.maxPeriods])];
  for (const periods of terms) {
    for (const amountFen of [...new Set([config.minAmountFen, config.maxAmountFen])]) {
      const { rate } = scheduleFor(product.config, { amountFen, periods, rateAnnual: config.maxRateAnnual, startDate });
      samples.push({
        periods,
        rateAnnual: config.maxRateAnnual,
        amountFen,
        annualizedRate: rate.nominal,
        over: exceeds(rate.nominal, cap),
      });
    }
  }
  const loans = productId
    ? rateCapRows(db)
        .filter((r) => r.productId === productId && exceeds(r.annualizedRate, cap))
        .map((r) => ({
          loanId: r.loanId,
          number: r.number,
          annualizedRate: r.annualizedRate,
          outstandingPrincipalFen: r.outstandingPrincipalFen,
        }))
    : [];
  return {
    cap,
    samples,
    newLoansOverCap: samples.some((s) => s.over),
    capOverRedLine: exceeds(cap, ABSOLUTE_RATE_CAP),
    loans,
    breaches: samples.some((s) => s.over) || loans.length > 0 || exceeds(cap, ABSOLUTE_RATE_CAP),
  };
}

interface OverrideRow {
  loanId: string;
  number: string;
  customerName: string | null;
  dpd: number;
  classification: string;
  overrideJson: string;
  outstandingPrincipalFen: number;
  provisionFen: number;
}

/** The book by class (count, outstanding, provision) and every loan whose class
 *  was set by hand, with what the days past due would give, the reason, who and when. */
export function classificationReport(db: LocalDb) {
  const c = db.$client;
  const byClass = c
    .prepare(
      `SELECT classification, count(*) AS loans, sum(outstanding_principal_fen) AS outstandingPrincipalFen,
         sum(provision_fen) AS provisionFen, sum(CASE WHEN classification_override_json IS NOT NULL THEN 1 ELSE 0 END) AS overridden
       FROM loans WHERE status = 'active' GROUP BY classification`,
    )
    .all() as Array<{
    classification: string;
    loans: number;
    outstandingPrincipalFen: number;
    provisionFen: number;
    overridden: number;
  }>;
  const classes = CLASSES.map(
    (cls) =>
      byClass.find((r) => r.classification === cls) ?? {
        classification: cls,
        loans: 0,
        outstandingPrincipalFen: 0,
        provisionFen: 0,
        overridden: 0,
      },
  );
  const rows = c
    .prepare(
      `SELECT l.id AS loanId, l.number, cu.name AS customerName, l.dpd, l.classification,
         l.classification_override_json AS overrideJson, l.outstanding_principal_fen AS outstandingPrincipalFen,
         l.provision_fen AS provisionFen
       FROM loans l LEFT JOIN customers cu ON cu.id = l.customer_id
       WHERE l.status = 'active' AND l.classification_override_json IS NOT NULL ORDER BY l.number`,
    )
    .all() as OverrideRow[];
  const lastOverride = c.prepare(
    `SELECT e.occurred_at AS at, u.display_name AS byName FROM events e LEFT JOIN users u ON u.id = e.actor_id
     WHERE e.aggregate = 'loan' AND e.aggregate_id = ? AND e.type = 'ClassificationOverridden'
     ORDER BY e.version DESC LIMIT 1`,
  );
  const overrides = rows.map((r) => {
    const o = JSON.parse(r.overrideJson) as { classification: ClassName; reason: string };
    const event = lastOverride.get(r.loanId) as { at: string; byName: string | null } | undefined;
    return {
      loanId: r.loanId,
      number: r.number,
      customerName: r.customerName,
      dpd: r.dpd,
      byDpd: classifyByDpd(r.dpd),
      classification: o.classification,
      reason: o.reason,
      overriddenAt: event?.at ?? null,
      overriddenBy: event?.byName ?? null,
      outstandingPrincipalFen: r.outstandingPrincipalFen,
      provisionFen: r.provisionFen,
    };
  });
  return { classes, overrides };
}
