/** `loandesk report portfolio --date D` (the loan book: outstanding principal,
 *  PAR30/PAR90, by five-tier class and by DPD bucket) and `loandesk report
 *  large-cash --from D --to D` (the large-value cash report). Stable JSON
 *  contracts; amounts are yuan strings, PAR percent strings. */
import { parseArgs, requiredFlag } from '../args';
import { UsageError, type CliCommand } from '../types';
import { openHeadless } from '../../main/headless';
import { DomainError } from '../../core/errors';
import { Dec } from '../../core/decimal';
import { formatFen } from '../../core/money';
import { currentBusinessDate, lastClosedDate } from '../../main/features/eod/businessDate';
import { readSettings } from '../../main/features/settings/store';
import { ensureSummaries } from '../../main/features/monitoring/summaries';
import { CLASSES, stockPoints } from '../../main/features/monitoring/charts';
import { flagRows } from '../../main/features/compliance/reports';
import type { LocalDb } from '../../main/db/connection';
import { dateFlag } from './eod';
import { padTable, percent } from './format';

const USAGE = [
  'loandesk report portfolio --date YYYY-MM-DD [--json]',
  'loandesk report large-cash --from YYYY-MM-DD --to YYYY-MM-DD [--json]',
  'Amounts are yuan strings ("1234.56"); PAR are percent strings ("3.450000").',
].join('\n');

/** The book on the latest snapshot on or before `date` (the live book from the business date on). */
export async function portfolioReport(db: LocalDb, date: string, now = new Date()) {
  const businessDate = currentBusinessDate(db, now);
  await ensureSummaries(db, businessDate);
  const env = { now, businessDate, lastClosedDay: lastClosedDate(db), timeZone: readSettings(db).locale.timeZone };
  const latest = db.$client
    .prepare('SELECT max(as_of) AS d FROM summary_portfolio_daily WHERE as_of <= ?')
    .get(date) as { d: string | null };
  const from = date >= businessDate ? businessDate : latest.d;
  if (!from) throw new DomainError('REPORT_NO_DATA', { date }, `no portfolio figures on or before ${date}`);
  const [point] = stockPoints(db, { from, to: from, granularity: 'day' }, env);
  if (!point) throw new DomainError('REPORT_NO_DATA', { date }, `no portfolio figures on or before ${date}`);
  return {
    asOf: point.asOf,
    outstandingPrincipal: formatFen(point.outstandingPrincipalFen),
    par30: percent(new Dec(point.par30)),
    par90: percent(new Dec(point.par90)),
    byClassification: Object.fromEntries(CLASSES.map((c) => [c, formatFen(point.byClassification[c])])) as Record<
      (typeof CLASSES)[number],
      string
    >,
    byBucket: Object.fromEntries(Object.entries(point.byBucket).map(([b, fen]) => [b, formatFen(fen)])),
  };
}

export function largeCashReport(db: LocalDb, from: string, to: string) {
  return {
    items: flagRows(db, { from, to, kind: 'largeCash' })
      .reverse()
      .map((f) => ({
        customer: `${f.customerNumber ?? ''} ${f.customerName ?? ''}`.trim(),
        date: f.businessDate,
        amount: formatFen(f.amountFen),
        kind: f.largeCashKind!,
        reviewed: f.reviewedAt !== null,
      })),
  };
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'reports: the portfolio on a date, the large-value cash report for a period',
  usage: USAGE,
  async run(argv, io) {
    const args = parseArgs(argv, ['date', 'from', 'to']);
    const [which, extra] = args.positional;
    if (which !== 'portfolio' && which !== 'large-cash')
      throw new UsageError(
        which ? `unknown report "${which}" (portfolio|large-cash)` : 'which report: portfolio or large-cash',
      );
    if (extra) throw new UsageError(`unexpected argument "${extra}"`);
    const json = args.switches.has('json');
    if (which === 'portfolio') {
      const date = dateFlag(requiredFlag(args, 'date'), 'date');
      const opened = await openHeadless(io.env, 'read');
      const { db } = opened;
      try {
        const r = await portfolioReport(db, date);
        if (json) io.out(JSON.stringify(r, null, 2));
        else {
          io.out(
            `贷款组合 portfolio as of ${r.asOf}: outstanding principal ${r.outstandingPrincipal}, PAR30 ${r.par30}%, PAR90 ${r.par90}%`,
          );
          io.out(
            padTable(
              [
                ['class', 'principal'],
                ...Object.entries(r.byClassification),
                ['', ''],
                ['bucket', 'principal'],
                ...Object.entries(r.byBucket),
              ],
              [false, true],
            ),
          );
        }
        return 0;
      } finally {
        opened.close();
      }
    }
    const from = dateFlag(requiredFlag(args, 'from'), 'from');
    const to = dateFlag(requiredFlag(args, 'to'), 'to');
    if (from > to) throw new UsageError(`--to must not be before --from (${from} > ${to})`);
    const opened = await openHeadless(io.env, 'read');
    const { db } = opened;
    try {
      const r = largeCashReport(db, from, to);
      if (json) io.out(JSON.stringify(r, null, 2));
      else {
        io.out(`大额现金交易 large-value cash ${from} .. ${to}: ${r.items.length} items`);
        if (r.items.length > 0)
          io.out(
            padTable(
              [
                ['date', 'customer', 'amount', 'kind', 'reviewed'],
                ...r.items.map((i) => [i.date, i.customer, i.amount, i.kind, i.reviewed ? 'yes' : 'no']),
              ],
              [false, false, true, false, false],
            ),
          );
      }
      return 0;
    } finally {
      opened.close();
    }
  },
};
