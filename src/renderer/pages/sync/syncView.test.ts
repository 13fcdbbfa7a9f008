import { EVENTS } from '../../../contract/events';
import type { SyncStatus } from '../../../contract/topics';
import { en, zhCN } from '../../i18n/features';
import '../../testing/messages';
import {
  actionName,
  clockTime,
  indicatorLabel,
  indicatorState,
  recordPath,
  refusalReason,
  relativeTime,
  toneOf,
  unseenRefusals,
} from './syncView';

const NOW = new Date(2026, 11, 1, 15, 30, 0);
const at = (h: number, m: number, day = 1) => new Date(2026, 11, day, h, m, 0).toISOString();

function status(changes: Partial<SyncStatus> = {}): SyncStatus {
  return {
    configured: true,
    server: 'http://127.0.0.1:8787',
    deviceNo: 2,
    branches: null,
    pending: 0,
    refused: 0,
    lastSyncAt: at(15, 27),
    offlineSince: null,
    lastError: null,
    revoked: false,
    running: false,
    ...changes,
  };
}

describe('the top bar state', () => {
  it('is the most urgent of revoked, syncing, offline, failed, pending, synced', () => {
    const all = status({
      revoked: true,
      running: true,
      offlineSince: at(14, 2),
      lastError: 'SERVER_UNREACHABLE',
      pending: 3,
    });
    expect(indicatorState(all, null).kind).toBe('revoked');
    expect(indicatorState({ ...all, revoked: false }, null).kind).toBe('syncing');
    expect(indicatorState({ ...all, revoked: false, running: false }, null)).toEqual({
      kind: 'offline',
      since: at(14, 2),
      pending: 3,
    });
    expect(indicatorState(status({ lastError: 'SERVER_PIN_MISMATCH', pending: 1 }), null)).toEqual({
      kind: 'failed',
      code: 'SERVER_PIN_MISMATCH',
      pending: 1,
    });
    expect(indicatorState(status({ pending: 3 }), null)).toEqual({ kind: 'pending', pending: 3 });
    expect(indicatorState(status(), null)).toEqual({ kind: 'synced', at: at(15, 27) });
    expect(indicatorState(status({ lastSyncAt: null }), null)).toEqual({ kind: 'never' });
  });

  it('shows how far a pull has come, from the cursor against the checkpoint', () => {
    const running = status({ running: true });
    expect(indicatorState(running, null)).toEqual({ kind: 'syncing', pulled: null, percent: null });
    expect(indicatorState(running, { pulled: 2000, cursor: 2000, checkpoint: 8000 })).toEqual({
      kind: 'syncing',
      pulled: 2000,
      percent: 25,
    });
    expect(indicatorState(running, { pulled: 0, cursor: 0, checkpoint: 0 })).toMatchObject({ percent: 100 });
  });

  it('says it in both languages', () => {
    const label = (s: SyncStatus, language: 'zh-CN' | 'en', progress = null) =>
      indicatorLabel(indicatorState(s, progress), language, NOW);
    expect(label(status(), 'zh-CN')).toBe('已同步 · 3分钟前');
    expect(label(status(), 'en')).toBe('Synced · 3 minutes ago');
    expect(label(status({ pending: 1 }), 'zh-CN')).toBe('待同步 1');
    expect(label(status({ pending: 1 }), 'en')).toBe('Pending 1');
    expect(label(status({ offlineSince: at(14, 2), pending: 1 }), 'zh-CN')).toBe('离线 · 自 14:02 · 待同步 1');
    expect(label(status({ offlineSince: at(14, 2) }), 'en')).toMatch(/^Offline since 02:02\sPM$/);
    expect(label(status({ revoked: true }), 'zh-CN')).toBe('本机已注销');
    expect(label(status({ revoked: true }), 'en')).toBe('Device revoked');
    expect(label(status({ running: true }), 'en')).toBe('Syncing…');
    expect(
      indicatorLabel(
        indicatorState(status({ running: true }), { pulled: 4000, cursor: 5000, checkpoint: 10000 }),
        'zh-CN',
        NOW,
      ),
    ).toBe('同步中… 已接收 4000 条（50%）');
  });

  it('colours trouble red and waiting amber', () => {
    expect(toneOf({ kind: 'revoked' })).toBe('error');
    expect(toneOf({ kind: 'failed', code: 'X', pending: 0 })).toBe('error');
    expect(toneOf({ kind: 'offline', since: at(1, 0), pending: 0 })).toBe('warning');
    expect(toneOf({ kind: 'pending', pending: 1 })).toBe('warning');
    expect(toneOf({ kind: 'synced', at: at(1, 0) })).toBe('success');
  });
});

describe('times', () => {
  it('are relative for the last sync', () => {
    expect(relativeTime(new Date(NOW.getTime() - 20_000).toISOString(), NOW, 'zh-CN')).toBe('刚刚');
    expect(relativeTime(new Date(NOW.getTime() - 20_000).toISOString(), NOW, 'en')).toBe('just now');
    expect(relativeTime(at(13, 10), NOW, 'en')).toBe('2 hours ago');
    expect(relativeTime(at(15, 30, 0), NOW, 'zh-CN')).toBe('昨天');
  });

  it('are a clock time today and carry the date otherwise', () => {
    expect(clockTime(at(9, 5), NOW, 'zh-CN')).toBe('09:05');
    expect(clockTime(at(9, 5, 0), NOW, 'zh-CN')).toContain('11/30');
  });
});

describe('refusals', () => {
  it('count as new until the Sync page was looked at', () => {
    expect(unseenRefusals(3, 0)).toBe(3);
    expect(unseenRefusals(3, 2)).toBe(1);
    expect(unseenRefusals(3, 3)).toBe(0);
    // Another log (a profile restored): everything is new.
    expect(unseenRefusals(2, 5)).toBe(2);
  });

  it('name every action a desktop records, in both catalogues', () => {
    for (const type of Object.keys(EVENTS)) {
      expect(`sync.event.${type}` in zhCN, type).toBe(true);
      expect(`sync.event.${type}` in en, type).toBe(true);
      expect(actionName('zh-CN', type)).not.toBe(type);
    }
    expect(actionName('zh-CN', 'LoanDisbursed')).toBe('放款');
    expect(actionName('en', 'LoanDisbursed')).toBe('Disbursement');
    expect(actionName('en', 'SomethingNew')).toBe('SomethingNew');
  });

  it('name every kind of record a refusal can be about', () => {
    for (const spec of Object.values(EVENTS)) expect(`sync.aggregate.${spec.aggregate}` in zhCN).toBe(true);
  });

  it('give the reason in the words of sync, with the details', () => {
    expect(refusalReason('zh-CN', 'VERSION_CONFLICT', { aggregate: 'loan', expected: 3, actual: 2 })).toBe(
      '另一台设备已先处理了这笔贷款；本机的操作是在旧的状态上办理的。',
    );
    expect(refusalReason('en', 'VERSION_CONFLICT', { aggregate: 'loan', expected: 3, actual: 2 })).toContain(
      'acted on this loan first',
    );
    expect(refusalReason('zh-CN', 'PERMISSION_DENIED', { permission: 'loans.disburse' })).toContain(
      zhCN['perm.loans.disburse'],
    );
    expect(refusalReason('en', 'EOD_DAY_CLOSED', { date: '2026-11-30', closedThrough: '2026-11-30' })).toBe(
      '2026-11-30 was already closed on another desktop (closed through 2026-11-30).',
    );
  });

  it('fall back to the error catalogue, and name an unknown code', () => {
    expect(
      refusalReason('zh-CN', 'BUSINESS_DAY_CLOSED', { businessDate: '2026-11-29', closedThrough: '2026-11-30' }),
    ).toContain('2026-11-29');
    expect(refusalReason('en', 'NO_SUCH_CODE', {})).toContain('NO_SUCH_CODE');
  });

  it('open the loan or the application when the user may see it', () => {
    const all = () => true;
    const none = () => false;
    expect(recordPath({ aggregate: 'loan', aggregateId: 'L1' }, all)).toBe('/loans/L1');
    expect(recordPath({ aggregate: 'application', aggregateId: 'A1' }, all)).toBe('/review/A1');
    expect(recordPath({ aggregate: 'loan', aggregateId: 'L1' }, none)).toBeNull();
    expect(recordPath({ aggregate: 'customer', aggregateId: 'C1' }, all)).toBeNull();
  });
});
