/** Pieces the ticket screens share: status, priority and channel tags, the SLA
 *  clock cell, durations and instants in the reader's language, and the
 *  colleagues, teams and canned replies a ticket form picks from. */
import { Tag, Tooltip, Typography } from 'antd';
import type { Api } from '../../api/client';
import { useApi } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { TICKET_CATEGORIES, TICKET_CHANNELS, TICKET_PRIORITIES, type TicketStatus } from '../../../core/tickets/status';

export type TicketListRow = Api['tickets.list']['output']['rows'][number];
export type Clock = TicketListRow['firstResponse'];

const STATUS_COLOR: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'geekblue',
  pending: 'gold',
  resolved: 'green',
  closed: 'default',
};
const PRIORITY_COLOR: Record<string, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

export function TicketStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status as TicketStatus] ?? 'default'} data-testid="ticket-status">
      {t(`tickets.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const { t } = useI18n();
  return <Tag color={PRIORITY_COLOR[priority] ?? 'default'}>{t(`tickets.priority.${priority}` as MessageKey)}</Tag>;
}

/** 1 d 3 h / 25 min: the two largest units of a span. Working time (a business
 *  calendar) reads in hours, never in days of 24 hours. */
export function useDuration(): (ms: number, calendar?: '24x7' | 'business') => string {
  const { t } = useI18n();
  return (ms, calendar = '24x7') => {
    const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
    const d = calendar === 'business' ? 0 : Math.floor(minutes / 1440);
    const h = Math.floor((minutes - d * 1440) / 60);
    const m = minutes % 60;
    const parts: string[] = [];
    if (d > 0) parts.push(t('tickets.unit.d', { n: d }));
    if (h > 0 && parts.length < 2) parts.push(t('tickets.unit.h', { n: h }));
    if ((m > 0 || parts.length === 0) && d === 0) parts.push(t('tickets.unit.m', { n: m }));
    return parts.join(' ');
  };
}

/** An instant as local 2026-03-02 10:30 (or 03-02 10:30 when `short`). */
export function useInstant(): (iso: string | null | undefined, short?: boolean) => string {
  return (iso, short) => {
    if (!iso) return '—';
    const d = new Date(iso);
    const two = (n: number) => String(n).padStart(2, '0');
    const day = `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    return short ? day : `${d.getFullYear()}-${day}`;
  };
}

/** An SLA clock: time left or over while it runs, paused, met or missed. */
export function ClockCell({
  clock,
  calendar,
  testId,
}: {
  clock: Clock;
  calendar: '24x7' | 'business';
  testId?: string;
}) {
  const { t } = useI18n();
  const d = useDuration();
  const duration = (ms: number) => d(ms, calendar);
  const instant = useInstant();
  let text: string;
  let color: string | undefined;
  if (clock.state === 'stopped') {
    text = clock.breached ? t('tickets.clock.missed') : t('tickets.clock.met');
    color = clock.breached ? '#cf1322' : '#389e0d';
  } else if (clock.breached) {
    text = t('tickets.clock.over', { time: duration(clock.remainingMs) });
    color = '#cf1322';
  } else if (clock.state === 'paused') {
    text = t('tickets.clock.paused', { time: duration(clock.remainingMs) });
    color = '#8c8c8c';
  } else {
    text = t('tickets.clock.left', { time: duration(clock.remainingMs) });
    color = clock.remainingMs < clock.targetMs / 4 ? '#d46b08' : undefined;
  }
  const content = (
    <span
      style={{ color, fontWeight: clock.breached && clock.state !== 'stopped' ? 600 : undefined }}
      data-testid={testId}
    >
      {text}
    </span>
  );
  return clock.dueAt ? (
    <Tooltip title={t('tickets.clock.due', { at: instant(clock.dueAt) })}>{content}</Tooltip>
  ) : (
    content
  );
}

export function useTicketOptions() {
  const { t } = useI18n();
  return {
    channels: TICKET_CHANNELS.map((c) => ({ value: c, label: t(`tickets.channel.${c}`) })),
    categories: TICKET_CATEGORIES.map((c) => ({ value: c, label: t(`tickets.category.${c}`) })),
    priorities: TICKET_PRIORITIES.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) })),
  };
}

export function useColleagues() {
  return useApi('tickets.colleagues', {}, { staleTime: 60_000 });
}

/** A user's display name with their role, for pickers. */
export function colleagueLabel(u: { displayName: string; role: string }, t: (k: MessageKey) => string): string {
  return `${u.displayName} · ${t(`role.${u.role}` as MessageKey)}`;
}

/** Free text from users and customers, shown as text (never markup), lines kept. */
export function UserText({ value, testId }: { value: string; testId?: string }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={testId}>
      {value}
    </Typography.Paragraph>
  );
}
