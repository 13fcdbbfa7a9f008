/** The loopback HTTP transport over a test app, for tests that need real
 *  concurrency (parallel requests) or the transport's own answers. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppCore, ApiResult } from '../../src/main/app';
import { createHttpTransport } from '../../src/main/transports/http';

export const HTTP_TOKEN = 'integration-token-0123456789';

export interface HttpClient {
  origin: string;
  /** One POST /api/invoke; `sessionId` goes in X-LoanDesk-Session when given. */
  invoke: (method: string, input?: unknown, sessionId?: string | null) => Promise<ApiResult>;
  /** A raw POST /api/invoke with the token, for malformed bodies. */
  post: (body: string, headers?: Record<string, string>, path?: string) => Promise<{ status: number; body: string }>;
  close: () => Promise<void>;
}

export async function serveOverHttp(app: AppCore): Promise<HttpClient> {
  const staticDir = mkdtempSync(join(tmpdir(), 'loandesk-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><p>app</p>');
  const server = createHttpTransport({ app, token: HTTP_TOKEN, port: 0, staticDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const post: HttpClient['post'] = async (body, headers = {}, path = '/api/invoke') => {
    const response = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${HTTP_TOKEN}`, ...headers },
      body,
    });
    return { status: response.status, body: await response.text() };
  };
  return {
    origin,
    post,
    async invoke(method, input = {}, sessionId = null) {
      const reply = await post(JSON.stringify({ method, input }), sessionId ? { 'X-LoanDesk-Session': sessionId } : {});
      if (reply.status !== 200) throw new Error(`${method}: HTTP ${reply.status} ${reply.body}`);
      return JSON.parse(reply.body) as ApiResult;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(staticDir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
