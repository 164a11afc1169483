/**
 * Browser mode's transport: a loopback-only HTTP server that serves the built renderer and
 * carries API calls (`POST /api/call`) and events (`GET /api/events`, server-sent events) to
 * the service. Only someone holding the per-launch token gets in (see http-guard.ts).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { ApiErrorBody, ApiErrorCode, ApiEvent, CallOutcome } from '../shared/api';
import { isAuthorised, isOwnHost, isOwnOrigin, sessionCookie, tokensEqual } from './http-guard';
import { cachePolicy, findStaticFile } from './static-files';

export interface HttpServerOptions {
  dispatch: (method: unknown, args: unknown) => Promise<CallOutcome>;
  onEvent: (listener: (event: ApiEvent) => void) => () => void;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 or missing: any free port. */
  port?: number;
}

export interface HttpServer {
  /** The address to open, holding the token: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The largest request body accepted: an import of many articles at once. */
export const MAX_BODY_BYTES = 256 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const STATUS_OF: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  corrupt: 409,
  'read-only': 423,
  'no-project': 409,
  io: 500,
  internal: 500,
};

/** Start the server on 127.0.0.1; resolves once it listens. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const token = randomBytes(32).toString('base64url');
  const rendererRoot = await realpath(options.rendererDir).catch(() => path.resolve(options.rendererDir));
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      console.error('Spanwise browser mode: a request failed', error);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, port)) return sendText(res, 403, 'This server answers only to 127.0.0.1 and localhost.');
    if (!isOwnOrigin(req.headers, port)) return sendText(res, 403, 'Requests from other sites are refused.');
    const url = URL.parse(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url) return sendText(res, 400, 'Malformed request address.');
    const method = req.method ?? '';
    const presented = url.pathname === '/' ? url.searchParams.get('token') : null;
    if (presented !== null && (method === 'GET' || method === 'HEAD')) {
      if (!tokensEqual(presented, token)) return sendText(res, 401, 'This link holds the wrong token; use the one Spanwise printed.');
      // Trade the token in the address for a cookie, and drop it from the address bar.
      res.writeHead(303, { 'Set-Cookie': sessionCookie(port, token), Location: '/', 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    const isApi = url.pathname.startsWith('/api/');
    if (!isAuthorised(req.headers, port, token)) {
      const message = 'Open Spanwise with the address it printed: it holds the access token.';
      return isApi ? sendError(res, 401, { code: 'bad-request', message }) : sendText(res, 401, message);
    }
    if (url.pathname === '/api/call') {
      if (method !== 'POST') return sendError(res, 405, { code: 'bad-request', message: 'Use POST for /api/call.' }, { Allow: 'POST' });
      return handleCall(req, res);
    }
    if (url.pathname === '/api/events') {
      if (method !== 'GET') return sendError(res, 405, { code: 'bad-request', message: 'Use GET for /api/events.' }, { Allow: 'GET' });
      return handleEvents(req, res);
    }
    if (isApi) return sendError(res, 404, { code: 'not-found', message: `No API at ${url.pathname}.` });
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return serveStatic(url.pathname, method === 'HEAD', res);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') {
      return sendError(res, 415, { code: 'bad-request', message: 'Send the call as JSON (Content-Type: application/json).' });
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      sendError(res, 413, { code: 'bad-request', message: `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.` }, { Connection: 'close' });
      req.destroy();
      return;
    }
    const call = parseCallBody(body);
    if (!call.ok) return sendError(res, 400, { code: 'bad-request', message: call.message });
    const outcome = await options.dispatch(call.method, call.args);
    sendJson(res, outcome.ok ? 200 : STATUS_OF[outcome.error.code], outcome);
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    streams.add(res);
    const unsubscribe = options.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    // Comments keep idle connections from being cut by anything in between.
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      unsubscribe();
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  async function serveStatic(urlPath: string, headOnly: boolean, res: ServerResponse): Promise<void> {
    const found = await findStaticFile(rendererRoot, urlPath);
    if (!found) {
      const missingApp = urlPath === '/' ? ' The app is not built: run `npm run build`.' : '';
      return sendText(res, 404, `Not found.${missingApp}`);
    }
    res.writeHead(200, {
      'Content-Type': found.type,
      'Content-Length': String(found.size),
      'Cache-Control': cachePolicy(found),
    });
    if (headOnly) {
      res.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      createReadStream(found.file).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is in use; choose another with --port.`) : error),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The request body, or 'too-large' past MAX_BODY_BYTES (checked before reading where possible). */
async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** `{ "method": string, "args": unknown[] }` from a request body, or what is wrong with it. */
function parseCallBody(body: Buffer): { ok: true; method: string; args: unknown[] } | { ok: false; message: string } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, message: 'The request body is not valid UTF-8.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The request body is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The request body must be a JSON object { "method": …, "args": […] }.' };
  }
  const { method, args } = value as Record<string, unknown>;
  if (typeof method !== 'string') return { ok: false, message: 'The request body needs "method", a string.' };
  if (!Array.isArray(args)) return { ok: false, message: 'The request body needs "args", an array.' };
  return { ok: true, method, args };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: ApiErrorBody, headers: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error } satisfies CallOutcome, headers);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
