/** When the desktop's sync requests start, and how long the server spent answering
 *  each kind, from Node's own http diagnostics channels (client and server run in
 *  this process): a push phase ends where the first pull request starts, and the
 *  server's share of a phase is the sum of its answers' times. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface HttpTiming {
  /** When the first client request whose path starts with `prefix` started, after `since`. */
  firstStart: (prefix: string, since: number) => number | null;
  /** Milliseconds the server spent on requests whose url starts with `prefix`,
   *  answered between `from` and `to`. */
  serverMs: (prefix: string, from: number, to: number) => number;
  stop: () => void;
}

export function trackHttp(): HttpTiming {
  const starts: Array<{ path: string; at: number }> = [];
  const open = new Map<IncomingMessage, number>();
  const served: Array<{ url: string; at: number; ms: number }> = [];
  const onClient = (m: unknown) => {
    starts.push({ path: (m as { request: ClientRequest }).request.path, at: performance.now() });
  };
  const onServerStart = (m: unknown) => {
    open.set((m as { request: IncomingMessage }).request, performance.now());
  };
  const onServerFinish = (m: unknown) => {
    const request = (m as { request: IncomingMessage }).request;
    const began = open.get(request);
    if (began === undefined) return;
    open.delete(request);
    const now = performance.now();
    served.push({ url: request.url ?? '', at: now, ms: now - began });
  };
  subscribe('http.client.request.start', onClient);
  subscribe('http.server.request.start', onServerStart);
  subscribe('http.server.response.finish', onServerFinish);
  return {
    firstStart: (prefix, since) => starts.find((s) => s.at >= since && s.path.startsWith(prefix))?.at ?? null,
    serverMs: (prefix, from, to) =>
      served.filter((s) => s.at >= from && s.at <= to && s.url.startsWith(prefix)).reduce((sum, s) => sum + s.ms, 0),
    stop: () => {
      unsubscribe('http.client.request.start', onClient);
      unsubscribe('http.server.request.start', onServerStart);
      unsubscribe('http.server.response.finish', onServerFinish);
    },
  };
}
