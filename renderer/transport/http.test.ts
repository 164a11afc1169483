import { describe, it, expect } from 'vitest';
import { ApiError, createClient } from '../../shared/api';
import { createHttpTransport, parseEvent, type EventSourceLike, type HttpEnvironment } from './http';

class FakeEvents implements EventSourceLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onopen: ((event: Event) => void) | null = null;
  closed = false;
  close() {
    this.closed = true;
  }
  emit(data: string) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

function environment(answer: (body: unknown) => Response | Promise<Response>) {
  const requests: Array<{ url: string; init: RequestInit | undefined }> = [];
  const streams: FakeEvents[] = [];
  const env: HttpEnvironment = {
    fetch: async (input, init) => {
      requests.push({ url: String(input), init });
      return answer(JSON.parse(String(init?.body)));
    },
    openEvents: (path) => {
      expect(path).toBe('/api/events');
      const stream = new FakeEvents();
      streams.push(stream);
      return stream;
    },
  };
  return { env, requests, streams };
}

const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });

describe('createHttpTransport', () => {
  it('posts each call to /api/call as {method, args} and returns the result', async () => {
    const { env, requests } = environment((body) => json({ ok: true, result: { echoed: body } }));
    const api = createClient(createHttpTransport(env));
    await expect(api.getDocument('d-1')).resolves.toEqual({ echoed: { method: 'getDocument', args: ['d-1'] } });
    expect(requests[0]!.url).toBe('/api/call');
    expect(requests[0]!.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
  });

  it('rethrows error outcomes as ApiError, whatever the HTTP status', async () => {
    const { env } = environment(() => json({ ok: false, error: { code: 'not-found', message: 'No document d-9' } }, 404));
    const error = await createClient(createHttpTransport(env)).getDocument('d-9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not-found', message: 'No document d-9' });
  });

  it('reports an unreachable service and a body that is not JSON as errors with a message', async () => {
    const down: HttpEnvironment = { fetch: () => Promise.reject(new TypeError('Failed to fetch')), openEvents: () => new FakeEvents() };
    await expect(createHttpTransport(down).call('getSession', [])).rejects.toMatchObject({ code: 'io', message: expect.stringContaining('Failed to fetch') });
    const { env } = environment(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(createHttpTransport(env).call('getSession', [])).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining('502') });
  });

  it('shares one event stream among subscribers and closes it after the last one leaves', () => {
    const { env, streams } = environment(() => json({ ok: true, result: null }));
    const transport = createHttpTransport(env);
    const seen: unknown[] = [];
    const stopA = transport.subscribe((event) => seen.push(['a', event]));
    const stopB = transport.subscribe((event) => seen.push(['b', event]));
    expect(streams).toHaveLength(1);
    streams[0]!.emit('{"type":"project-changed"}');
    streams[0]!.emit('not json');
    stopA();
    streams[0]!.emit('{"type":"documents-changed","docIds":["d1"]}');
    expect(seen).toEqual([
      ['a', { type: 'project-changed' }],
      ['b', { type: 'project-changed' }],
      ['b', { type: 'documents-changed', docIds: ['d1'] }],
    ]);
    stopB();
    expect(streams[0]!.closed).toBe(true);
  });

  it('says so each time its stream (re)connects, since the service said nothing to it before', () => {
    const { env, streams } = environment(() => json({ ok: true, result: null }));
    const seen: unknown[] = [];
    createHttpTransport(env).subscribe((event) => seen.push(event));
    streams[0]!.onopen?.(new Event('open'));
    streams[0]!.onopen?.(new Event('open'));
    expect(seen).toEqual([{ type: 'events-resumed' }, { type: 'events-resumed' }]);
  });
});

describe('parseEvent', () => {
  it('accepts the event types the window follows and nothing else', () => {
    expect(parseEvent('{"type":"save-status","pending":2}')).toEqual({ type: 'save-status', pending: 2 });
    expect(parseEvent('{"type":"review-ready"}')).toEqual({ type: 'review-ready' });
    for (const bad of ['{"type":"other"}', '[]', 'null', '', '{', 42]) expect(parseEvent(bad)).toBeNull();
  });
});
