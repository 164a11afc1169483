import { describe, it, expect } from 'vitest';
import { ApiError, createClient, type ApiEvent, type CallOutcome } from '../../shared/api';
import type { SpanwiseBridge } from './bridge';
import { createIpcTransport } from './ipc';

function bridge(answer: (method: string, args: unknown[]) => Promise<CallOutcome>) {
  const listeners = new Set<(event: ApiEvent) => void>();
  const value: SpanwiseBridge = {
    call: answer,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { value, emit: (event: ApiEvent) => listeners.forEach((listener) => listener(event)) };
}

describe('createIpcTransport', () => {
  it('passes method and arguments through the bridge and unwraps the outcome', async () => {
    const calls: unknown[] = [];
    const { value } = bridge(async (method, args) => {
      calls.push([method, args]);
      return { ok: true, result: 'done' };
    });
    await expect(createClient(createIpcTransport(value)).setDocumentStatus('d1', 'done')).resolves.toBe('done');
    expect(calls).toEqual([['setDocumentStatus', ['d1', 'done']]]);
  });

  it('rethrows error outcomes and bridge failures as ApiError', async () => {
    const refused = bridge(async () => ({ ok: false, error: { code: 'bad-request', message: 'editSpans: argument 1 is invalid' } }));
    await expect(createIpcTransport(refused.value).call('getSession', [])).rejects.toMatchObject({ code: 'bad-request' });
    const broken = bridge(() => Promise.reject(new Error('channel closed')));
    const error = await createIpcTransport(broken.value).call('getSession', []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'io', message: expect.stringContaining('channel closed') });
  });

  it('forwards events until unsubscribed', () => {
    const { value, emit } = bridge(async () => ({ ok: true, result: null }));
    const seen: ApiEvent[] = [];
    const stop = createIpcTransport(value).subscribe((event) => seen.push(event));
    emit({ type: 'project-changed' });
    stop();
    emit({ type: 'project-changed' });
    expect(seen).toEqual([{ type: 'project-changed' }]);
  });
});
