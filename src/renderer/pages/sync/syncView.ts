/** What the sync screens say, as pure functions of the main process's sync status:
 *  the top bar state (revoked, syncing, offline, failed, pending, synced), its
 *  label, relative and clock times, the refusals not yet looked at, a refused
 *  action's human name and translated reason, and the screen its record opens. */
import type { SyncProgress, SyncStatus } from '../../../contract/topics';
import { errorText, translate, type Language } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { zhCN } from '../../i18n/features';

export type IndicatorState =
  | { kind: 'revoked' }
  | { kind: 'syncing'; pulled: number | null; percent: number | null }
  | { kind: 'offline'; since: string; pending: number }
  | { kind: 'failed'; code: string; pending: number }
  | { kind: 'pending'; pending: number }
  | { kind: 'synced'; at: string }
  | { kind: 'never' };

/** The one state the top bar shows, most urgent first. */
export function indicatorState(status: SyncStatus, progress: SyncProgress | null): IndicatorState {
  if (status.revoked) return { kind: 'revoked' };
  if (status.running) {
    if (!progress) return { kind: 'syncing', pulled: null, percent: null };
    const percent =
      progress.checkpoint > 0
        ? Math.min(100, Math.max(0, Math.floor((progress.cursor * 100) / progress.checkpoint)))
        : 100;
    return { kind: 'syncing', pulled: progress.pulled, percent };
  }
  if (status.offlineSince) return { kind: 'offline', since: status.offlineSince, pending: status.pending };
  if (status.lastError) return { kind: 'failed', code: status.lastError, pending: status.pending };
  if (status.pending > 0) return { kind: 'pending', pending: status.pending };
  if (status.lastSyncAt) return { kind: 'synced', at: status.lastSyncAt };
  return { kind: 'never' };
}

export type Tone = 'error' | 'warning' | 'processing' | 'success' | 'default';

export function toneOf(state: IndicatorState): Tone {
  switch (state.kind) {
    case 'revoked':
    case 'failed':
      return 'error';
    case 'offline':
    case 'pending':
      return 'warning';
    case 'syncing':
      return 'processing';
    case 'synced':
      return 'success';
    default:
      return 'default';
  }
}

/** "3 minutes ago" in the language; under a minute "just now". */
export function relativeTime(iso: string, now: Date, language: Language): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return translate(language, 'sync.justNow');
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}

/** A moment as a clock time when it is today, else with its date. */
export function clockTime(iso: string, now: Date, language: Language): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay
    ? at.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function indicatorLabel(state: IndicatorState, language: Language, now: Date): string {
  const t = (key: MessageKey, vars?: Record<string, unknown>) => translate(language, key, vars);
  const withPending = (text: string, pending: number) =>
    pending > 0 ? `${text} · ${t('sync.state.pending', { count: pending })}` : text;
  switch (state.kind) {
    case 'revoked':
      return t('sync.state.revoked');
    case 'syncing':
      return state.pulled === null
        ? t('sync.state.syncing')
        : t('sync.state.syncingProgress', { pulled: state.pulled, percent: state.percent });
    case 'offline':
      return withPending(t('sync.state.offline', { since: clockTime(state.since, now, language) }), state.pending);
    case 'failed':
      return withPending(t('sync.state.failed'), state.pending);
    case 'pending':
      return t('sync.state.pending', { count: state.pending });
    case 'synced':
      return t('sync.state.synced', { ago: relativeTime(state.at, now, language) });
    default:
      return t('sync.state.never');
  }
}

/** Refusals received since the Sync page was last looked at (the count only grows;
 *  a smaller one means another log, so everything counts as new). */
export function unseenRefusals(refused: number, seen: number): number {
  return seen > refused ? refused : refused - seen;
}

/** The human name of an action (an event type); an unknown type is shown as it is. */
export function actionName(language: Language, type: string): string {
  const key = `sync.event.${type}`;
  return key in zhCN ? translate(language, key as MessageKey) : type;
}

/** Why the server refused an action: the sync wording of the code when there is
 *  one (another desktop came first …), else the error catalogue, with the details. */
export function refusalReason(language: Language, code: string, details: Record<string, unknown>): string {
  const key = `sync.reason.${code}`;
  if (!(key in zhCN)) return errorText(language, code, details);
  const vars: Record<string, unknown> = { ...details };
  if (typeof vars.aggregate === 'string' && `sync.aggregate.${vars.aggregate}` in zhCN)
    vars.aggregate = translate(language, `sync.aggregate.${vars.aggregate}` as MessageKey);
  if (typeof vars.permission === 'string' && `perm.${vars.permission}` in zhCN)
    vars.permission = translate(language, `perm.${vars.permission}` as MessageKey);
  return translate(language, key as MessageKey, vars);
}

/** The screen a refused action's record opens, when there is one the user may see. */
export function recordPath(
  refusal: { aggregate: string; aggregateId: string },
  can: (permission: 'loans.read' | 'applications.review') => boolean,
): string | null {
  if (refusal.aggregate === 'loan' && can('loans.read')) return `/loans/${refusal.aggregateId}`;
  if (refusal.aggregate === 'application' && can('applications.review')) return `/review/${refusal.aggregateId}`;
  return null;
}
