/**
 * Hostile sizes at the HTTP boundary: bodies far past the limit, JSON nested absurdly deep, texts
 * past the per-article limit. Each must be refused with a clear answer, quickly, and leave the
 * server answering the next call.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startHttpServer, type HttpServer } from './http';
import { createService, type Service } from './service';

let root: string;
let service: Service;
let server: HttpServer;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'spanwise-test-'));
  const renderer = path.join(root, 'renderer');
  await mkdir(renderer);
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Spanwise</title>');
  service = await createService({ dataDir: path.join(root, 'data'), projectDir: path.join(root, 'project'), mode: 'browser' });
  await service.setAnnotator('Amira');
  server = await startHttpServer({ dispatch: service.dispatch.bind(service), onEvent: service.onEvent.bind(service), rendererDir: renderer });
});

afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(root, { recursive: true, force: true });
});

function call(body: string): Promise<{ status: number; body: string }> {
  return fetch(`http://127.0.0.1:${server.port}/api/call`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body,
  }).then(async (reply) => ({ status: reply.status, body: await reply.text() }));
}

async function stillAnswers(): Promise<void> {
  const reply = await call(JSON.stringify({ method: 'getSession', args: [] }));
  expect(reply.status).toBe(200);
}

/**
 * Send a POST head, then up to `total` bytes of body in 1 MB pieces for as long as the server
 * reads them. Resolves with the answer's status line and how many body bytes went out.
 */
function flood(headers: Record<string, string>, total: number, chunked: boolean): Promise<{ statusLine: string; sent: number; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(server.port, '127.0.0.1');
    const piece = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ statusLine: answer.split('\r\n')[0] ?? '', sent, ms: performance.now() - started });
    };
    const pump = () => {
      while (!done && sent < total) {
        const framed = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
        sent += piece.length;
        if (!socket.write(framed)) return;
      }
    };
    socket.on('data', (data: Buffer) => {
      answer += data.toString('latin1');
      if (answer.includes('\r\n\r\n')) finish();
    });
    socket.on('drain', pump);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      const head = Object.entries({
        host: `127.0.0.1:${server.port}`,
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/json',
        ...headers,
      })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.write(`POST /api/call HTTP/1.1\r\n${head}\r\n`);
      pump();
    });
  });
}

describe('hostile sizes', () => {
  it('refuses a declared 1 GB body at once, before any of it is sent', async () => {
    const reply = await flood({ 'content-length': String(1024 ** 3) }, 0, false);
    expect(reply.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(reply.ms).toBeLessThan(1_000);
    await stillAnswers();
  });

  it('stops reading a 1 GB body sent without a length once it passes the limit', async () => {
    const reply = await flood({ 'transfer-encoding': 'chunked' }, 1024 ** 3, true);
    // The server stops at the limit: what it took in is the limit plus what was in the pipes.
    expect(reply.sent).toBeLessThan(MAX_BODY_BYTES + 64 * 1024 * 1024);
    expect(reply.sent).toBeLessThan(1024 ** 3);
    expect(reply.statusLine).toMatch(/^(HTTP\/1\.1 413 Payload Too Large)?$/);
    expect(reply.ms).toBeLessThan(20_000);
    await stillAnswers();
  }, 30_000);

  it('answers JSON nested 100,000 deep with a clear 400, and keeps serving', async () => {
    const depth = 100_000;
    const reply = await call(`{"method":"importTexts","args":[${'['.repeat(depth)}${']'.repeat(depth)}]}`);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/^importTexts: argument 0/) } });
    const nestedObjects = await call(`{"method":"getSession","args":[],"x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`);
    expect(nestedObjects.status).toBe(200);
    await stillAnswers();
  });

  it('refuses an article over 50 MB of text, naming the field, and imports nothing', async () => {
    const text = 'a'.repeat(50_000_001);
    const reply = await call(JSON.stringify({ method: 'importTexts', args: [[{ name: 'huge.txt', text }]] }));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error.message).toMatch(/^importTexts: argument 0\.0\.text /);
    expect((await service.listDocuments()).length).toBe(0);
    await stillAnswers();
  }, 30_000);
});
