// @vitest-environment jsdom
/** The renderer's one save path, with the preload bridge (Electron IPC) faked at its
 *  edge: under Electron the bytes go to the main process's save dialog; without the
 *  capability they become a browser download. */
import type { ApiResult } from '../../contract/api';

function bridge(answers: Record<string, unknown>) {
  const calls: Array<{ method: string; input: unknown }> = [];
  window.loandesk = {
    invoke: async (method: string, input: unknown): Promise<ApiResult> => {
      calls.push({ method, input });
      return method in answers
        ? { ok: true, value: answers[method] }
        : { ok: false, error: { code: 'METHOD_UNKNOWN', details: {} } };
    },
    subscribe: () => () => undefined,
  };
  return calls;
}

const clicked: string[] = [];
beforeEach(() => {
  vi.resetModules();
  clicked.length = 0;
  URL.createObjectURL = () => 'blob:test';
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    clicked.push(this.download);
  };
});

describe('saveBase64', () => {
  it('asks the host once and sends the name and bytes to its save dialog', async () => {
    const calls = bridge({
      'files.capabilities': { nativeSave: true },
      'files.save': { saved: true, path: '/home/u/报表/台账-贷款-2026-12-01.xlsx' },
    });
    const { saveBase64 } = await import('./download');
    expect(await saveBase64('台账-贷款-2026-12-01.xlsx', 'application/x', 'eHg=')).toEqual({
      kind: 'saved',
      path: '/home/u/报表/台账-贷款-2026-12-01.xlsx',
    });
    await saveBase64('b.csv', 'text/csv', 'eHg=');
    expect(calls.map((c) => c.method)).toEqual(['files.capabilities', 'files.save', 'files.save']);
    expect(calls[1]!.input).toEqual({ fileName: '台账-贷款-2026-12-01.xlsx', base64: 'eHg=' });
    expect(clicked).toEqual([]);
  });

  it('reports a cancelled dialog as cancelled', async () => {
    bridge({ 'files.capabilities': { nativeSave: true }, 'files.save': { saved: false } });
    const { saveBase64 } = await import('./download');
    expect(await saveBase64('a.csv', 'text/csv', 'eHg=')).toEqual({ kind: 'cancelled' });
  });

  it('downloads through the browser when the host has no save dialog', async () => {
    const calls = bridge({ 'files.capabilities': { nativeSave: false } });
    const { saveBase64 } = await import('./download');
    expect(await saveBase64('ledger-loans-2026-12-01.csv', 'text/csv', 'eHg=')).toEqual({ kind: 'downloaded' });
    expect(clicked).toEqual(['ledger-loans-2026-12-01.csv']);
    expect(calls.map((c) => c.method)).toEqual(['files.capabilities']);
  });
});
