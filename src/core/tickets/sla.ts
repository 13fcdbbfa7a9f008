/** SLA clocks of a ticket: first response and resolution, each a target of working
 *  minutes on its policy's calendar (24x7 or business hours). A clock is a pure
 *  function of the ticket's history (when it opened, its status changes in the
 *  order recorded, its first response) and the instant asked about, so every
 *  device holding the same history shows the same clock.
 *
 *  - Resolution runs while the ticket is new or open, pauses while pending
 *    (waiting on the customer), stops when resolved or closed and runs again if
 *    the ticket is reopened.
 *  - First response runs while new or open until the first reply to the customer
 *    (or the first resolution, whichever comes first); pending pauses it too.
 *  - A change recorded with an earlier instant than the one before it (clocks of
 *    two devices) takes effect at the later one: a clock never runs backwards.
 *  - A clock is breached once its elapsed working time reaches the target; `dueAt`
 *    is that instant while the clock runs. */
import { addBusinessMs, businessMsBetween, type BusinessCalendar, type ClockCalendar } from './calendar';
import type { TicketStatus } from './status';

export interface SlaPolicy {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  calendar: '24x7' | 'business';
}

export interface TicketTimeline {
  openedAt: string;
  /** Status changes in the order they were recorded (the ticket starts 'new'). */
  changes: ReadonlyArray<{ at: string; status: TicketStatus }>;
  firstResponseAt: string | null;
}

export type ClockState = 'running' | 'paused' | 'stopped';

export interface SlaClock {
  targetMs: number;
  elapsedMs: number;
  /** Negative once breached. */
  remainingMs: number;
  state: ClockState;
  /** While running: when the clock runs out (in the past once breached). */
  dueAt: string | null;
  breached: boolean;
  /** When it ran out, if it has by the instant asked about. */
  breachedAt: string | null;
}

export interface SlaClocks {
  firstResponse: SlaClock;
  resolution: SlaClock;
}

const RUNNING: ReadonlySet<TicketStatus> = new Set(['new', 'open']);
const STOPPED: ReadonlySet<TicketStatus> = new Set(['resolved', 'closed']);

interface Segment {
  from: number;
  /** Infinity for the current status. */
  to: number;
  status: TicketStatus;
}

/** The ticket's status over time, with instants made non-decreasing. */
export function statusSegments(timeline: TicketTimeline): Segment[] {
  const segments: Segment[] = [];
  let from = Date.parse(timeline.openedAt);
  let status: TicketStatus = 'new';
  for (const change of timeline.changes) {
    const at = Math.max(from, Date.parse(change.at));
    if (at > from) segments.push({ from, to: at, status });
    from = at;
    status = change.status;
  }
  segments.push({ from, to: Infinity, status });
  return segments;
}

type Interval = [number, number];

function resolutionIntervals(segments: Segment[]): Interval[] {
  return segments.filter((s) => RUNNING.has(s.status)).map((s) => [s.from, s.to]);
}

/** When the first-response clock stops for good: the first reply, or the first
 *  resolution if there was no reply before it. */
function firstResponseStop(timeline: TicketTimeline, segments: Segment[]): number {
  const opened = Date.parse(timeline.openedAt);
  const reply = timeline.firstResponseAt === null ? Infinity : Math.max(opened, Date.parse(timeline.firstResponseAt));
  const resolved = segments.find((s) => STOPPED.has(s.status))?.from ?? Infinity;
  return Math.min(reply, resolved);
}

function clip(intervals: Interval[], until: number): Interval[] {
  const out: Interval[] = [];
  for (const [a, b] of intervals) if (a <= until) out.push([a, Math.min(b, until)]);
  return out;
}

/** A clock as known at `asOfMs`: the intervals it ran until then (the current one
 *  open-ended while it runs). */
function clockOf(
  intervals: Interval[],
  targetMs: number,
  calendar: ClockCalendar,
  asOfMs: number,
  state: ClockState,
): SlaClock {
  const known = clip(intervals, asOfMs);
  let elapsed = 0;
  for (const [a, b] of known) elapsed += businessMsBetween(a, b, calendar);
  if (state === 'running' && known.length > 0) known[known.length - 1] = [known[known.length - 1]![0], Infinity];
  // The instant the target is (or will be, running on) reached.
  let reachedAt: number | null = null;
  let cumulative = 0;
  for (const [a, b] of known) {
    const length = b === Infinity ? Infinity : businessMsBetween(a, b, calendar);
    if (cumulative + length >= targetMs) {
      reachedAt = addBusinessMs(a, targetMs - cumulative, calendar);
      break;
    }
    cumulative += length;
  }
  const breached = elapsed >= targetMs;
  return {
    targetMs,
    elapsedMs: elapsed,
    remainingMs: targetMs - elapsed,
    state,
    dueAt: state === 'running' && reachedAt !== null ? new Date(reachedAt).toISOString() : null,
    breached,
    breachedAt: breached && reachedAt !== null ? new Date(reachedAt).toISOString() : null,
  };
}

function stateOf(status: TicketStatus): ClockState {
  return RUNNING.has(status) ? 'running' : status === 'pending' ? 'paused' : 'stopped';
}

/** Both clocks of a ticket as of an instant (at or after it was opened). */
export function slaClocks(
  timeline: TicketTimeline,
  policy: SlaPolicy,
  businessCalendar: BusinessCalendar,
  asOf: string,
): SlaClocks {
  const calendar: ClockCalendar = policy.calendar === '24x7' ? '24x7' : businessCalendar;
  const asOfMs = Date.parse(asOf);
  const segments = statusSegments(timeline);
  const resolution = resolutionIntervals(segments);
  const frStop = firstResponseStop(timeline, segments);
  const current = segments.find((s) => s.from <= asOfMs && asOfMs < s.to) ?? segments[0]!;
  const state = stateOf(current.status);
  return {
    firstResponse: clockOf(
      clip(resolution, frStop),
      policy.firstResponseMinutes * 60_000,
      calendar,
      asOfMs,
      asOfMs >= frStop ? 'stopped' : state,
    ),
    resolution: clockOf(resolution, policy.resolutionMinutes * 60_000, calendar, asOfMs, state),
  };
}
