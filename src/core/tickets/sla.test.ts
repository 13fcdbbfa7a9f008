import fc from 'fast-check';
import { addBusinessMs, businessMsBetween, isWorkingDay, type BusinessCalendar } from './calendar';
import { CN_HOLIDAYS_2026 } from './holidays';
import { slaClocks, type SlaPolicy, type TicketTimeline } from './sla';
import type { TicketStatus } from './status';

const CAL: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  workdays: [1, 2, 3, 4, 5],
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  years: [CN_HOLIDAYS_2026],
};
const MIN = 60_000;
/** Beijing wall time as an ISO instant. */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const business = (firstResponseMinutes: number, resolutionMinutes: number): SlaPolicy => ({
  firstResponseMinutes,
  resolutionMinutes,
  calendar: 'business',
});

describe('business calendar', () => {
  it('follows the 2026 State Council schedule: holidays off, make-up weekend days worked', () => {
    expect(isWorkingDay('2026-02-13', CAL)).toBe(true); // Friday
    expect(isWorkingDay('2026-02-14', CAL)).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2026-02-16', CAL)).toBe(false); // Monday, Spring Festival
    expect(isWorkingDay('2026-02-28', CAL)).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2026-03-07', CAL)).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2026-10-08', CAL)).toBe(true);
    expect(isWorkingDay('2026-10-07', CAL)).toBe(false);
    expect(isWorkingDay('2026-10-10', CAL)).toBe(true);
    expect(CN_HOLIDAYS_2026.holidays).toHaveLength(33);
  });

  it('counts working time across the lunch break, the night, a weekend and a holiday', () => {
    // Friday 17:00 → Saturday 14 Feb (make-up day) 12:00: 60 + 180 minutes.
    expect(businessMsBetween(Date.parse(bj('2026-02-13T17:00:00')), Date.parse(bj('2026-02-14T12:00:00')), CAL)).toBe(
      240 * MIN,
    );
    // 11:30 → 13:30 is one hour of work (the lunch break does not count).
    expect(businessMsBetween(Date.parse(bj('2026-03-02T11:30:00')), Date.parse(bj('2026-03-02T13:30:00')), CAL)).toBe(
      60 * MIN,
    );
    // Wednesday 30 Sep 17:00 + 2 h: the National Day week is off, so Thursday 8 Oct 10:00.
    expect(new Date(addBusinessMs(Date.parse(bj('2026-09-30T17:00:00')), 120 * MIN, CAL)).toISOString()).toBe(
      bj('2026-10-08T10:00:00'),
    );
    // Before opening time the clock waits for 09:00.
    expect(new Date(addBusinessMs(Date.parse(bj('2026-03-03T07:10:00')), 30 * MIN, CAL)).toISOString()).toBe(
      bj('2026-03-03T09:30:00'),
    );
  });

  it('adding working time and measuring it back agree', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * 86_400 }), fc.integer({ min: 1, max: 5000 }), (offsetS, minutes) => {
        const from = start + offsetS * 1000;
        const due = addBusinessMs(from, minutes * MIN, CAL);
        expect(businessMsBetween(from, due, CAL)).toBe(minutes * MIN);
      }),
      { numRuns: 200 },
    );
  });
});

describe('SLA clocks, examples', () => {
  it('a chat opened Friday 17:00 with a 4-hour first response is due Saturday 14 Feb 12:00 (a make-up day)', () => {
    const timeline: TicketTimeline = { openedAt: bj('2026-02-13T17:00:00'), changes: [], firstResponseAt: null };
    const c = slaClocks(timeline, business(240, 1440), CAL, bj('2026-02-13T17:30:00'));
    expect(c.firstResponse).toMatchObject({ state: 'running', elapsedMs: 30 * MIN, breached: false });
    expect(c.firstResponse.dueAt).toBe(bj('2026-02-14T12:00:00'));
    // Three business days (24 h) of resolution: 1 h on Friday, 8 h on Saturday 14 Feb, the festival
    // to 23 Feb, 8 h on 24 Feb, the last 7 h on 25 Feb.
    expect(c.resolution.dueAt).toBe(bj('2026-02-25T17:00:00'));
    const late = slaClocks(timeline, business(240, 1440), CAL, bj('2026-02-16T10:00:00'));
    expect(late.firstResponse).toMatchObject({ breached: true, breachedAt: bj('2026-02-14T12:00:00') });
  });

  it('pending stops both clocks, a reply stops the first response, resolution stops the rest', () => {
    const timeline: TicketTimeline = {
      openedAt: bj('2026-03-02T09:00:00'),
      changes: [
        { at: bj('2026-03-02T09:30:00'), status: 'open' },
        { at: bj('2026-03-02T10:00:00'), status: 'pending' },
        { at: bj('2026-03-04T10:00:00'), status: 'open' },
        { at: bj('2026-03-04T11:00:00'), status: 'resolved' },
      ],
      firstResponseAt: bj('2026-03-02T09:30:00'),
    };
    const during = slaClocks(timeline, business(60, 480), CAL, bj('2026-03-03T15:00:00'));
    expect(during.firstResponse).toMatchObject({ state: 'stopped', elapsedMs: 30 * MIN, breached: false });
    expect(during.resolution).toMatchObject({ state: 'paused', elapsedMs: 60 * MIN, dueAt: null });
    const after = slaClocks(timeline, business(60, 480), CAL, bj('2026-03-10T10:00:00'));
    expect(after.resolution).toMatchObject({ state: 'stopped', elapsedMs: 120 * MIN, breached: false });
  });

  it('runs around the clock on a 24x7 policy', () => {
    const timeline: TicketTimeline = { openedAt: bj('2026-02-16T03:00:00'), changes: [], firstResponseAt: null };
    const c = slaClocks(
      timeline,
      { firstResponseMinutes: 30, resolutionMinutes: 240, calendar: '24x7' },
      CAL,
      bj('2026-02-16T03:45:00'),
    );
    expect(c.firstResponse).toMatchObject({ breached: true, breachedAt: bj('2026-02-16T03:30:00') });
    expect(c.resolution.dueAt).toBe(bj('2026-02-16T07:00:00'));
  });
});

// ---------------------------------------------------------------------------
// Properties over random ticket histories.

const START = Date.parse('2026-01-20T00:00:00Z');
const NEXT: Record<TicketStatus, TicketStatus[]> = {
  new: ['open', 'pending', 'resolved'],
  open: ['pending', 'resolved'],
  pending: ['open', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
};

/** A history: an opening instant, gaps in minutes and the choice of next status. */
const historyArb = fc.record({
  openOffsetMin: fc.integer({ min: 0, max: 60 * 24 * 60 }),
  steps: fc.array(fc.record({ gapMin: fc.integer({ min: 0, max: 60 * 24 * 4 }), pick: fc.nat() }), {
    maxLength: 8,
  }),
  replyAfterStep: fc.option(fc.nat({ max: 8 }), { nil: null }),
  policy: fc.record({
    firstResponseMinutes: fc.integer({ min: 1, max: 2400 }),
    resolutionMinutes: fc.integer({ min: 1, max: 9600 }),
    calendar: fc.constantFrom('24x7' as const, 'business' as const),
  }),
});

function timelineOf(h: {
  openOffsetMin: number;
  steps: Array<{ gapMin: number; pick: number }>;
  replyAfterStep: number | null;
}): { timeline: TicketTimeline; end: number } {
  let at = START + h.openOffsetMin * MIN;
  const openedAt = new Date(at).toISOString();
  let status: TicketStatus = 'new';
  const changes: Array<{ at: string; status: TicketStatus }> = [];
  let firstResponseAt: string | null = null;
  h.steps.forEach((s, i) => {
    at += s.gapMin * MIN;
    if (h.replyAfterStep === i && firstResponseAt === null) firstResponseAt = new Date(at).toISOString();
    const options = NEXT[status];
    if (options.length === 0) return;
    status = options[s.pick % options.length]!;
    changes.push({ at: new Date(at).toISOString(), status });
  });
  return { timeline: { openedAt, changes, firstResponseAt }, end: at };
}

describe('SLA clocks, properties', () => {
  it('never run backwards', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.array(fc.integer({ min: 0, max: 60 * 24 * 40 }), { minLength: 2, maxLength: 6 }),
        (h, offsets) => {
          const { timeline } = timelineOf(h);
          const opened = Date.parse(timeline.openedAt);
          const instants = [...offsets].sort((a, b) => a - b).map((m) => new Date(opened + m * MIN).toISOString());
          let previous = { fr: -1, res: -1 };
          for (const asOf of instants) {
            const c = slaClocks(timeline, h.policy, CAL, asOf);
            expect(c.firstResponse.elapsedMs).toBeGreaterThanOrEqual(previous.fr);
            expect(c.resolution.elapsedMs).toBeGreaterThanOrEqual(previous.res);
            previous = { fr: c.firstResponse.elapsedMs, res: c.resolution.elapsedMs };
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never run backwards when a device records a change with an earlier instant', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 1, max: 60 * 24 * 3 }), (h, skewMin) => {
        const { timeline } = timelineOf(h);
        if (timeline.changes.length === 0) return;
        // The last change arrives stamped before the one ahead of it.
        const changes = timeline.changes.map((c, i, all) =>
          i === all.length - 1 ? { ...c, at: new Date(Date.parse(c.at) - skewMin * MIN).toISOString() } : c,
        );
        const skewed = { ...timeline, changes };
        const asOfs = [0, 1, 2, 3].map((d) =>
          new Date(Date.parse(timeline.openedAt) + d * 86_400_000 * 3).toISOString(),
        );
        let previous = -1;
        for (const asOf of asOfs) {
          const c = slaClocks(skewed, h.policy, CAL, asOf);
          expect(c.resolution.elapsedMs).toBeGreaterThanOrEqual(previous);
          previous = c.resolution.elapsedMs;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('do not count pending time', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 999 }), (h, frac) => {
        const { timeline } = timelineOf(h);
        const points = [timeline.openedAt, ...timeline.changes.map((c) => c.at)].map(Date.parse);
        const statuses: TicketStatus[] = ['new', ...timeline.changes.map((c) => c.status)];
        for (let i = 0; i < statuses.length - 1; i++) {
          if (statuses[i] !== 'pending') continue;
          const from = points[i]!;
          const to = points[i + 1]!;
          const inside = new Date(from + Math.floor(((to - from) * frac) / 1000)).toISOString();
          const atStart = slaClocks(timeline, h.policy, CAL, new Date(from).toISOString());
          const within = slaClocks(timeline, h.policy, CAL, inside);
          expect(within.resolution.elapsedMs).toBe(atStart.resolution.elapsedMs);
          expect(within.firstResponse.elapsedMs).toBe(atStart.firstResponse.elapsedMs);
          if (to > from) expect(within.resolution.state).toBe('paused');
        }
        // And the total is the working time of the new/open stretches only.
        const end = new Date((points[points.length - 1] ?? 0) + 86_400_000).toISOString();
        const cal = h.policy.calendar === '24x7' ? '24x7' : CAL;
        let expected = 0;
        for (let i = 0; i < statuses.length; i++) {
          if (statuses[i] !== 'new' && statuses[i] !== 'open') continue;
          const to = i + 1 < points.length ? points[i + 1]! : Date.parse(end);
          expected += businessMsBetween(points[i]!, to, cal);
        }
        expect(slaClocks(timeline, h.policy, CAL, end).resolution.elapsedMs).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('give the same clock for the same history on any device (time zone of the machine, copies of the history)', () => {
    const zone = process.env.TZ;
    try {
      fc.assert(
        fc.property(historyArb, fc.integer({ min: 0, max: 60 * 24 * 30 }), (h, afterMin) => {
          const { timeline, end } = timelineOf(h);
          const asOf = new Date(end + afterMin * MIN).toISOString();
          process.env.TZ = 'UTC';
          const a = slaClocks(timeline, h.policy, CAL, asOf);
          process.env.TZ = 'America/Los_Angeles';
          const b = slaClocks(JSON.parse(JSON.stringify(timeline)) as TicketTimeline, h.policy, CAL, asOf);
          process.env.TZ = 'Asia/Kolkata';
          const c = slaClocks(timeline, { ...h.policy }, structuredClone(CAL), asOf);
          expect(b).toEqual(a);
          expect(c).toEqual(a);
        }),
        { numRuns: 60 },
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('are breached exactly from their due instant on', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { timeline } = timelineOf({ ...h, steps: [] });
        const c = slaClocks(timeline, h.policy, CAL, timeline.openedAt);
        const due = Date.parse(c.resolution.dueAt!);
        expect(slaClocks(timeline, h.policy, CAL, new Date(due - 1).toISOString()).resolution.breached).toBe(false);
        expect(slaClocks(timeline, h.policy, CAL, new Date(due).toISOString()).resolution.breached).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
