import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { createHttpTransport } from './http';
import type { ApiResult } from '../app';
import { demoApp, type TestApp } from '../../../tests/support/app';

const TOKEN = 'test-token-1234567890';
let t: TestApp;
let server: Server;
let port: number;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(JSON.stringify(opts.body));
    req.end();
  });
}

const api = (method: string, input: unknown, session?: string, extra: Record<string, string> = {}) =>
  send('/api/invoke', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      ...(session ? { 'X-LoanDesk-Session': session } : {}),
      'Content-Type': 'application/json',
      ...extra,
    },
    body: { method, input },
  });

beforeAll(async () => {
  t = await demoApp();
  const staticDir = mkdtempSync(join(tmpdir(), 'loandesk-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><p>app</p>');
  writeFileSync(join(tmpdir(), 'secret.txt'), 'outside');
  server = createHttpTransport({ app: t.app, token: TOKEN, port: 0, staticDir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

describe('the loopback HTTP transport', () => {
  it('answers API calls with the token under the session id the server issued', async () => {
    const login = JSON.parse((await api('auth.login', { username: 'admin', password: 'demo1234' })).body) as ApiResult;
    expect(login).toMatchObject({
      ok: true,
      value: { session: { role: 'admin' } },
      session: { issued: expect.any(String) },
    });
    const id = (login.session as { issued: string }).issued;
    expect(JSON.parse((await api('users.list', {}, id)).body).ok).toBe(true);
    // A well-formed id the server never issued is no session, and the tab is told to forget it.
    expect(JSON.parse((await api('users.list', {}, randomBytes(32).toString('base64url'))).body)).toEqual({
      ok: false,
      error: { code: 'NOT_AUTHENTICATED', details: {} },
      session: { ended: true },
    });
    expect(JSON.parse((await api('users.list', {})).body)).toMatchObject({ error: { code: 'NOT_AUTHENTICATED' } });
  });
  it('refuses requests without the per-launch token', async () => {
    expect((await api('app.status', {}, undefined, { Authorization: 'Bearer wrong' })).status).toBe(401);
  });
  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    expect((await send('/', { headers: { Host: 'evil.example:80' } })).status).toBe(421);
    expect((await api('app.status', {}, undefined, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('app.status', {}, undefined, { Origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });
  it('never sends CORS headers', async () => {
    const reply = await api('app.status', {}, undefined, {
      Origin: `http://localhost:${port}`,
      Host: `localhost:${port}`,
    });
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
  });
  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await send('/');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const traversal = await send('/..%2f..%2fsecret.txt');
    expect(traversal.body).not.toContain('outside');
  });
  it('rejects malformed calls', async () => {
    const bad = await send('/api/invoke', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: 'x',
    });
    expect(bad.status).toBe(400);
    expect((await api('app.status', {}, 'short')).status).toBe(400);
    expect((await api('app.status', {}, 'session-key-chosen-by-the-client-0001')).status).toBe(400);
    expect((await send('/api/invoke')).status).toBe(405);
  });
});
