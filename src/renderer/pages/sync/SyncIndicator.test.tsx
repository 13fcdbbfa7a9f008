// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { I18nProvider } from '../../i18n/i18n';
import type { PushEvent, SyncStatus } from '../../../contract/topics';
import { SyncProvider } from './SyncLive';
import { SyncIndicator } from './SyncIndicator';

// The main process's side of the window (the transport) is the edge mocked here.
const calls: Array<{ method: string; input: unknown }> = [];
let listeners: Array<(e: PushEvent) => void> = [];
let current: SyncStatus;

vi.mock('../../api/client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../api/client')>();
  return {
    ...original,
    invoke: async (method: string, input: unknown) => {
      calls.push({ method, input });
      if (method === 'sync.status') return current;
      if (method === 'sync.now') return { pushed: 2, pulled: 3, rejected: [], status: current };
      if (method === 'sync.cancel') return { cancelled: true };
      throw new original.ApiError('METHOD_UNKNOWN', {});
    },
    subscribe: (listener: (e: PushEvent) => void) => {
      listeners.push(listener);
      return () => (listeners = listeners.filter((l) => l !== listener));
    },
  };
});

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
  act(() => listeners.forEach((l) => l(event)));
}

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    onchange: null,
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
});
beforeEach(() => {
  localStorage.clear();
  localStorage.setItem('loandesk.language', 'zh-CN');
});
afterEach(() => {
  cleanup();
  calls.length = 0;
  listeners = [];
});

function mount(onOpen = () => {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <AntApp>
          <SyncProvider locked={false}>
            <SyncIndicator onOpen={onOpen} />
          </SyncProvider>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('the top bar sync indicator', () => {
  it('shows nothing on a desktop without a sync server', async () => {
    current = status({ configured: false, server: null, deviceNo: null, pending: 12 });
    mount();
    await waitFor(() => expect(calls.some((c) => c.method === 'sync.status')).toBe(true));
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
    await waitFor(() => expect(calls.map((c) => c.method)).toContain('sync.cancel'));

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
    expect(calls.find((c) => c.method === 'sync.now')!.input).toMatchObject({ requestId: expect.any(String) });
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
