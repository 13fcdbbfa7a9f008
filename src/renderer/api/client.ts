/** The renderer's one way to reach the main process: `invoke(method, input)`,
 *  typed from the registry. Electron IPC when the preload is there, loopback HTTP
 *  (browser mode) otherwise. */
import type { Api, ApiResult, Method } from '../../contract/api';
import type { PushEvent } from '../../contract/topics';

export type { Api, Method };

export class ApiError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, details: Record<string, unknown>) {
    super(code);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

interface Transport {
  invoke: (method: string, input: unknown) => Promise<ApiResult>;
  subscribe: (listener: (event: PushEvent) => void) => () => void;
}

const TOKEN_KEY = 'loandesk.token';
const SESSION_KEY = 'loandesk.session';

function httpTransport(): Transport {
  const hash = new URLSearchParams(window.location.hash.slice(1));
  const fromUrl = hash.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    history.replaceState(null, '', window.location.pathname);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  return {
    async invoke(method, input) {
      // The session id is the main process's (issued at login); the tab only carries it.
      const sessionId = sessionStorage.getItem(SESSION_KEY);
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
          ...(sessionId ? { 'X-LoanDesk-Session': sessionId } : {}),
        },
        body: JSON.stringify({ method, input }),
      });
      if (response.status === 401) return { ok: false, error: { code: 'TRANSPORT_TOKEN', details: {} } };
      if (!response.ok) return { ok: false, error: { code: 'TRANSPORT_FAILED', details: { status: response.status } } };
      const result = (await response.json()) as ApiResult;
      if (result.session && 'issued' in result.session) sessionStorage.setItem(SESSION_KEY, result.session.issued);
      else if (result.session) sessionStorage.removeItem(SESSION_KEY);
      return result;
    },
    subscribe(listener) {
      const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (message) => listener(JSON.parse(message.data as string) as PushEvent);
      return () => source.close();
    },
  };
}

function ipcTransport(bridge: LoanDeskBridge): Transport {
  return {
    invoke: (method, input) => bridge.invoke(method, input) as Promise<ApiResult>,
    subscribe: (listener) => bridge.subscribe((event) => listener(event as PushEvent)),
  };
}

let transport: Transport | undefined;
function current(): Transport {
  transport ??= window.loandesk ? ipcTransport(window.loandesk) : httpTransport();
  return transport;
}

export async function invoke<M extends Method>(method: M, input: Api[M]['input']): Promise<Api[M]['output']> {
  let result: ApiResult;
  try {
    result = await current().invoke(method, input);
  } catch {
    throw new ApiError('TRANSPORT_FAILED', {});
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.details);
  return result.value as Api[M]['output'];
}

export function subscribe(listener: (event: PushEvent) => void): () => void {
  return current().subscribe(listener);
}
