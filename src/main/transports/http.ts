/** Browser mode's transport: the same registry over loopback HTTP. Binds
 *  127.0.0.1 only, requires the per-launch token, checks Host and Origin, never
 *  sends CORS headers, and serves the built renderer with a strict CSP. The
 *  session id is issued by the main process at login (in the answer's `session`)
 *  and carried back by the tab in X-LoanDesk-Session. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AppCore } from '../app';
import { isSessionId } from '../security/sessions';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export const MAX_BODY_BYTES = 32 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HttpOptions {
  app: AppCore;
  token: string;
  port: number;
  staticDir: string;
  /** Largest request body accepted (413 above it); MAX_BODY_BYTES by default. */
  maxBodyBytes?: number;
}

/** A request the transport refuses with a status of its own, never a 500. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new Refusal(413, 'body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new Refusal(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The call in a request body: an object with a method name and any input. */
function parseCall(text: string): { method: string; input: unknown } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Refusal(400, 'bad body');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Refusal(400, 'bad body');
  const { method, input } = body as { method?: unknown; input?: unknown };
  if (typeof method !== 'string') throw new Refusal(400, 'method');
  return { method, input };
}

function parseUrl(path: string, host: string): URL {
  try {
    return new URL(path, `http://${host}`);
  } catch {
    throw new Refusal(400, 'bad url');
  }
}

function decodePath(urlPath: string): string {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    throw new Refusal(400, 'bad path');
  }
}

function serveStatic(res: ServerResponse, staticDir: string, urlPath: string): void {
  const rel = normalize(decodePath(urlPath)).replace(/^([/\\])+/, '');
  let file = join(staticDir, rel);
  if (!file.startsWith(staticDir + sep) && file !== staticDir) return send(res, 404, '{"error":"not found"}');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, 'index.html');
  if (!existsSync(file)) return send(res, 500, 'renderer not built: run `npm run build`', 'text/plain; charset=utf-8');
  res.writeHead(200, {
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  createReadStream(file).pipe(res);
}

export function createHttpTransport(options: HttpOptions): Server {
  const { app, token, staticDir } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let allowedHosts = new Set<string>();
  const server = createServer((req, res) => {
    void (async () => {
      const host = req.headers.host ?? '';
      if (!allowedHosts.has(host)) return send(res, 421, '{"error":"host not allowed"}');
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) {
        return send(res, 403, '{"error":"origin not allowed"}');
      }
      const url = parseUrl(req.url ?? '/', host);
      if (url.pathname === '/api/invoke') {
        if (req.method !== 'POST') return send(res, 405, '{"error":"method not allowed"}');
        const auth = req.headers.authorization ?? '';
        if (!sameSecret(auth, `Bearer ${token}`)) return send(res, 401, '{"error":"token"}');
        const sessionHeader = req.headers['x-loandesk-session'];
        if (sessionHeader !== undefined && !isSessionId(sessionHeader)) return send(res, 400, '{"error":"session id"}');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
          return send(res, 415, '{"error":"json only"}');
        const call = parseCall(await readBody(req, maxBodyBytes));
        const result = await app.dispatch(call.method, call.input, sessionHeader ?? null);
        return send(res, 200, JSON.stringify(result));
      }
      if (url.pathname === '/api/events') {
        if (!sameSecret(url.searchParams.get('token') ?? '', token)) return send(res, 401, '{"error":"token"}');
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        const off = app.onPush((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
        req.on('close', off);
        return;
      }
      if (url.pathname.startsWith('/api/')) return send(res, 404, '{"error":"not found"}');
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{"error":"method not allowed"}');
      serveStatic(res, staticDir, url.pathname);
    })().catch((e: unknown) => {
      if (e instanceof Refusal) {
        if (res.headersSent) return;
        // Past a refused body the connection is not reused: the rest is never read.
        if (e.status === 413) res.setHeader('Connection', 'close');
        return send(res, e.status, JSON.stringify({ error: e.reason }));
      }
      console.error('[loandesk] http error', e);
      if (!res.headersSent) send(res, 500, '{"error":"internal"}');
    });
  });
  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  });
  return server;
}
