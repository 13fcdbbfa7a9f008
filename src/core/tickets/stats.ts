/** The figures a customer-service lead reads: SLA attainment, satisfaction and root
 *  causes per team and month (the month a ticket was opened, in the organisation's
 *  time zone). A clock counts once it has a verdict: met when it stopped in time,
 *  breached when it ran out (stopped or still running); a clock still running in
 *  time is not counted yet. */
import type { RootCause } from './status';

export interface TicketFacts {
  team: string | null;
  /** 'YYYY-MM' */
  month: string;
  category: string;
  firstResponse: 'met' | 'breached' | 'open';
  resolution: 'met' | 'breached' | 'open';
  /** The latest satisfaction score, if any. */
  score: number | null;
  rootCause: RootCause | null;
}

export interface TeamMonthFigures {
  team: string | null;
  month: string;
  tickets: number;
  firstResponseMet: number;
  firstResponseBreached: number;
  resolutionMet: number;
  resolutionBreached: number;
  /** Per cent of measured clocks met, or null when none was measured yet. */
  firstResponseAttainment: number | null;
  resolutionAttainment: number | null;
  scored: number;
  scoreSum: number;
  averageScore: number | null;
  /** Share (per cent) of scores of 4 or 5. */
  satisfiedShare: number | null;
  rootCauses: Partial<Record<RootCause, number>>;
  complaints: number;
}

function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 1000) / whole) / 10;
}

/** Figures per (team, month), sorted by month then team. */
export function teamMonthFigures(rows: readonly TicketFacts[]): TeamMonthFigures[] {
  const groups = new Map<string, TicketFacts[]>();
  for (const r of rows) {
    const key = `${r.month}\u0000${r.team ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: TeamMonthFigures[] = [];
  for (const list of groups.values()) {
    const first = list[0]!;
    const count = (pick: (r: TicketFacts) => boolean) => list.filter(pick).length;
    const frMet = count((r) => r.firstResponse === 'met');
    const frBreached = count((r) => r.firstResponse === 'breached');
    const resMet = count((r) => r.resolution === 'met');
    const resBreached = count((r) => r.resolution === 'breached');
    const scores = list.map((r) => r.score).filter((s): s is number => s !== null);
    const scoreSum = scores.reduce((a, b) => a + b, 0);
    const rootCauses: Partial<Record<RootCause, number>> = {};
    for (const r of list) if (r.rootCause) rootCauses[r.rootCause] = (rootCauses[r.rootCause] ?? 0) + 1;
    out.push({
      team: first.team,
      month: first.month,
      tickets: list.length,
      firstResponseMet: frMet,
      firstResponseBreached: frBreached,
      resolutionMet: resMet,
      resolutionBreached: resBreached,
      firstResponseAttainment: percent(frMet, frMet + frBreached),
      resolutionAttainment: percent(resMet, resMet + resBreached),
      scored: scores.length,
      scoreSum,
      averageScore: scores.length === 0 ? null : Math.round((scoreSum * 100) / scores.length) / 100,
      satisfiedShare: percent(scores.filter((s) => s >= 4).length, scores.length),
      rootCauses,
      complaints: count((r) => r.category === 'complaint'),
    });
  }
  return out.sort((a, b) =>
    a.month === b.month ? (a.team ?? '').localeCompare(b.team ?? '') : a.month < b.month ? -1 : 1,
  );
}
