// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { PushEvent, SyncStatus } from '../../../contract/topics';
import { SyncProvider } from './SyncLive';
import { SyncIndicator } from './SyncIndicator';
import { answerApi, inputsOf, pushEvent, resetApi } from '../../testing/api';
import { installDomGaps, renderScreen } from '../../testing/render';

// The main process's side of the window (the transport) is the edge mocked here.
vi.mock('../../api/client', async (original) => (await import('../../testing/api')).mockClient(await original()));

let current: SyncStatus;
beforeEach(() =>
  answerApi({
    'sync.status': () => current,
    'sync.now': () => ({ pushed: 2, pulled: 3, rejected: [], status: current }),
    'sync.cancel': () => ({ cancelled: true }),
  }),
);

function status(changes: Partial<SyncStatus> = {}): SyncStatus {
  return {
    configured: true,
    server: 'http://127.0.0.1:8787',
    deviceNo: 2,
    branches: null,
    pending: 0,
    refused: 0,
    lastSyncAt: new Date().toISOString(),
    offlineSince: null,
    lastError: null,
    revoked: false,
    running: false,
    ...changes,
  };
}

function push(event: PushEvent) {
  act(() => pushEvent(event));
}

beforeAll(installDomGaps);
beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('loandesk.language', 'zh-CN');
});
afterEach(() => {
  cleanup();
  resetApi();
});

function mount(onOpen = () => {}) {
  return renderScreen(
    <SyncProvider locked={false}>
      <SyncIndicator onOpen={onOpen} />
    </SyncProvider>,
  );
}

describe('the top bar sync indicator', () => {
  it('shows nothing on a desktop without a sync server', async () => {
    current = status({ configured: false, server: null, deviceNo: null, pending: 12 });
    mount();
    await waitFor(() => expect(inputsOf('sync.status').length > 0).toBe(true));
    expect(screen.queryByTestId('sync-indicator')).toBeNull();
  });

  it('follows the pushed state and progress, and stops a running sync', async () => {
    current = status();
    mount();
    expect((await screen.findByTestId('sync-state')).textContent).toBe('已同步 · 刚刚');

    const label = () => screen.getByTestId('sync-state').textContent;
    push({ topic: 'sync.state', payload: status({ running: true }) });
    await waitFor(() => expect(label()).toBe('同步中…'));
    push({ topic: 'sync.progress', payload: { pulled: 2000, cursor: 4000, checkpoint: 8000 } });
    await waitFor(() => expect(label()).toBe('同步中… 已接收 2000 条（50%）'));
    fireEvent.click(screen.getByTestId('sync-stop'));
    await waitFor(() => expect(inputsOf('sync.cancel')).toHaveLength(1));

    push({ topic: 'sync.state', payload: status({ offlineSince: new Date().toISOString(), pending: 1 }) });
    await waitFor(() => expect(label()).toMatch(/^离线 · 自 \d\d:\d\d · 待同步 1$/));
    expect(screen.queryByTestId('sync-stop')).toBeNull();
  });

  it('syncs now on request and says what came of it', async () => {
    current = status({ pending: 2 });
    mount();
    expect((await screen.findByTestId('sync-state')).textContent).toBe('待同步 2');
    fireEvent.click(screen.getByTestId('sync-now'));
    expect(await screen.findByText('同步完成：上传 2 条，接收 3 条。')).toBeTruthy();
    // A form submission: it carries a request id.
    expect(inputsOf('sync.now')[0]).toMatchObject({ requestId: expect.any(String) });
  });

  it('shows refusals not yet looked at in red, and opens the Sync page', async () => {
    current = status({ refused: 3 });
    localStorage.setItem('loandesk.sync.seenRefused:http://127.0.0.1:8787:2', '1');
    const onOpen = vi.fn();
    mount(onOpen);
    expect((await screen.findByTestId('sync-refused')).textContent).toBe('已拒收 2');
    fireEvent.click(screen.getByTestId('sync-refused'));
    expect(onOpen).toHaveBeenCalled();
  });

  it('says a revoked desktop cannot sync and offers no sync now', async () => {
    current = status({ revoked: true, lastError: 'DEVICE_REVOKED' });
    mount();
    expect((await screen.findByTestId('sync-state')).textContent).toBe('本机已注销');
    expect(screen.queryByTestId('sync-now')).toBeNull();
  });
});
