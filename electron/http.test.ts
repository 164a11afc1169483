import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieName } from './http-guard';
import { startHttpServer, type HttpServer } from './http';
import { createService, type Service } from './service';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let root: string;
let service: Service;
let server: HttpServer;
let host: string;

function request(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { host, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const cookie = (): Record<string, string> => ({ cookie: `${cookieName(server.port)}=${server.token}` });
const bearer = (): Record<string, string> => ({ authorization: `Bearer ${server.token}` });
const json = { 'content-type': 'application/json' };

function call(method: unknown, args: unknown, headers: Record<string, string> = { ...cookie(), ...json }): Promise<Reply> {
  return request({ method: 'POST', path: '/api/call', headers, body: JSON.stringify({ method, args }) });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'spanwise-test-'));
  const renderer = path.join(root, 'renderer');
  await mkdir(path.join(renderer, 'assets'), { recursive: true });
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Spanwise</title>');
  await writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(root, 'secret.txt'), 'TOP SECRET');
  await symlink(path.join(root, 'secret.txt'), path.join(renderer, 'link-out.txt'));
  service = await createService({ dataDir: path.join(root, 'data'), projectDir: path.join(root, 'project'), mode: 'browser' });
  await service.setAnnotator('Amira');
  server = await startHttpServer({ dispatch: service.dispatch.bind(service), onEvent: service.onEvent.bind(service), rendererDir: renderer });
  host = `127.0.0.1:${server.port}`;
}, 30_000);

afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(root, { recursive: true, force: true });
});

describe('startHttpServer', () => {
  it('prints a loopback URL holding a 256-bit base64url token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('listens on 127.0.0.1 only: other addresses of this machine, loopback or not, are refused', async () => {
    // A server bound to every address (0.0.0.0) would answer on 127.0.0.2 and the network cards too.
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && entry.family === 'IPv4' && entry.address !== '127.0.0.1')
      .map((entry) => entry!.address);
    const connect = (address: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect({ host: address, port: server.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
    expect(await connect('127.0.0.1')).toBe('connected');
    for (const address of ['127.0.0.2', ...others]) expect(await connect(address), address).toBe('ECONNREFUSED');
  });

  it('trades the token URL for an HttpOnly, SameSite=Strict cookie named with the port', async () => {
    const reply = await request({ path: `/?token=${server.token}` });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['set-cookie']).toEqual([`${cookieName(server.port)}=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
  });

  it('serves the app with strict security headers', async () => {
    const index = await request({ headers: cookie() });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<title>Spanwise</title>');
    expect(index.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    expect(index.headers['access-control-allow-origin']).toBeUndefined();
    const script = await request({ path: '/assets/app.js', headers: { ...cookie(), host: `localhost:${server.port}` } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers a good call with its outcome, by cookie or bearer token', async () => {
    const byCookie = await call('getSession', []);
    expect(byCookie.status).toBe(200);
    expect(JSON.parse(byCookie.body)).toMatchObject({ ok: true, result: { mode: 'browser', annotator: { name: 'Amira' } } });
    const byBearer = await call('listDocuments', [], { ...bearer(), ...json, origin: `http://${host}` });
    expect(JSON.parse(byBearer.body)).toEqual({ ok: true, result: [] });
  });

  it('maps error outcomes to HTTP statuses with the outcome as body', async () => {
    const reply = await call('getDocument', ['missing']);
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'not-found', message: expect.stringContaining('missing') } });
  });

  it('streams events as server-sent events', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/api/events', headers: { host, ...cookie() } }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('project-changed')) {
            req.destroy();
            resolve(text);
          }
        });
        void call('setAnnotator', ['Nour']);
      });
      req.on('error', reject);
    });
    expect(await received).toContain('data: {"type":"project-changed"}\n\n');
  });

  const huge = 'x'.repeat(5_000_000);
  const hostile: Array<[string, () => Promise<Reply>, number, RegExp?]> = [
    ['no token (page)', () => request({}), 401],
    ['no token (API)', () => call('getSession', [], json), 401],
    ['wrong cookie', () => call('getSession', [], { cookie: `${cookieName(server.port)}=${'A'.repeat(43)}`, ...json }), 401],
    ['cookie of another port', () => call('getSession', [], { cookie: `spanwise-1=${server.token}`, ...json }), 401],
    ['wrong bearer', () => call('getSession', [], { authorization: 'Bearer nope', ...json }), 401],
    ['wrong token URL', () => request({ path: '/?token=guess' }), 401],
    ['token in an empty URL parameter', () => request({ path: '/?token=' }), 401],
    ['foreign Host', () => call('getSession', [], { ...cookie(), ...json, host: `evil.example:${server.port}` }), 403],
    ['Host with another port', () => call('getSession', [], { ...cookie(), ...json, host: '127.0.0.1:1' }), 403],
    ['rebinding Host with the token URL', () => request({ path: `/?token=${server.token}`, headers: { host: 'attacker.example' } }), 403],
    ['foreign Origin', () => call('getSession', [], { ...cookie(), ...json, origin: 'http://evil.example' }), 403],
    ['Origin of another local port', () => call('getSession', [], { ...cookie(), ...json, origin: 'http://127.0.0.1:1' }), 403],
    ['null Origin', () => call('getSession', [], { ...cookie(), ...json, origin: 'null' }), 403],
    ['cross-site fetch', () => call('getSession', [], { ...cookie(), ...json, 'sec-fetch-site': 'cross-site' }), 403],
    ['same-site fetch (another port)', () => call('getSession', [], { ...cookie(), ...json, 'sec-fetch-site': 'same-site' }), 403],
    ['path traversal /../', () => request({ path: '/../secret.txt', headers: cookie() }), 404],
    ['path traversal /assets/../../', () => request({ path: '/assets/../../secret.txt', headers: cookie() }), 404],
    ['path traversal %2e%2e', () => request({ path: '/%2e%2e/secret.txt', headers: cookie() }), 404],
    ['path traversal ..%2f', () => request({ path: '/..%2fsecret.txt', headers: cookie() }), 404],
    ['path traversal %2e%2e%2f', () => request({ path: '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', headers: cookie() }), 404],
    ['path traversal with backslashes', () => request({ path: '/..%5csecret.txt', headers: cookie() }), 404],
    ['symbolic link out of the folder', () => request({ path: '/link-out.txt', headers: cookie() }), 404],
    ['NUL in the path', () => request({ path: '/index.html%00.js', headers: cookie() }), 404],
    ['malformed percent-encoding', () => request({ path: '/%E0%A4%A', headers: cookie() }), 404],
    ['unknown HTTP method', () => request({ method: 'DELETE', path: '/', headers: cookie() }), 405],
    ['GET on the call endpoint', () => request({ path: '/api/call', headers: cookie() }), 405],
    ['form post instead of JSON', () => request({ method: 'POST', path: '/api/call', headers: { ...cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: 'method=getSession' }), 415],
    ['malformed JSON', () => request({ method: 'POST', path: '/api/call', headers: { ...cookie(), ...json }, body: '{"method": ' }), 400, /not valid JSON/],
    ['JSON that is not a call', () => request({ method: 'POST', path: '/api/call', headers: { ...cookie(), ...json }, body: '[1,2]' }), 400],
    ['args not an array', () => call('getSession', { length: 0 }), 400, /needs .*args.*an array/],
    ['unknown API method', () => call('deleteEverything', []), 400, /Unknown method/],
    ['inherited property as method', () => call('constructor', []), 400, /Unknown method/],
    ['__proto__ as method', () => call('__proto__', []), 400, /Unknown method/],
    ['service internals as method', () => call('dispatch', ['getSession', []]), 400, /Unknown method/],
    ['wrong argument type', () => call('getDocument', [42]), 400, /getDocument: argument 0/],
    ['id trying to be a path', () => call('getDocument', ['../../etc/passwd']), 400],
    ['too many arguments', () => call('getSession', ['extra']), 400],
    [
      '__proto__ key in a span',
      () =>
        request({
          method: 'POST',
          path: '/api/call',
          headers: { ...cookie(), ...json },
          body: '{"method":"editSpans","args":["d",[{"op":"add","span":{"id":"s","start":0,"end":1,"label":"ACTOR","__proto__":{"polluted":1}}}]]}',
        }),
      400,
    ],
    ['huge string argument', () => call('setAnnotator', [huge]), 400],
    ['body over the size limit', () => request({ method: 'POST', path: '/api/call', headers: { ...cookie(), ...json, 'content-length': String(300 * 1024 * 1024) } }), 413],
  ];

  it.each(hostile)('refuses %s', async (_name, send, status, message) => {
    const reply = await send();
    expect(reply.status).toBe(status);
    expect(reply.body).not.toContain('TOP SECRET');
    expect(reply.body).not.toMatch(/at .*\.ts:\d+/);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    if (message) expect(reply.body).toMatch(message);
  });

  it('lets no __proto__ key reach an object prototype', async () => {
    const body =
      '{"method":"importTexts","args":[[{"name":"a.txt","text":"Proto text.","meta":{"__proto__":{"polluted":"yes"}}}]],"__proto__":{"polluted":"yes"}}';
    await request({ method: 'POST', path: '/api/call', headers: { ...cookie(), ...json }, body });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
