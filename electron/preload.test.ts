import { describe, it, expect, vi, beforeAll } from 'vitest';
import type { ApiEvent } from '../shared/api';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/bridge';
import type { SpanwiseBridge } from '../shared/bridge';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    invocations: [] as unknown[][],
    listeners,
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener(...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      electron.invocations.push(args);
      return { ok: true, result: 'answer' };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = electron.listeners.get(channel) ?? new Set();
      set.add(listener);
      electron.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      electron.listeners.get(channel)?.delete(listener);
    },
  },
}));

let bridge: SpanwiseBridge;

beforeAll(async () => {
  await import('./preload');
  bridge = electron.exposed.get('spanwise') as SpanwiseBridge;
});

describe('preload', () => {
  it('exposes exactly call and onEvent on window.spanwise', () => {
    expect([...electron.exposed.keys()]).toEqual(['spanwise']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);
  });

  it('forwards a call on the call channel unchanged', async () => {
    await expect(bridge.call('listDocuments', [])).resolves.toEqual({ ok: true, result: 'answer' });
    expect(electron.invocations).toEqual([[IPC_CALL_CHANNEL, 'listDocuments', []]]);
  });

  it('hands listeners the event without the IPC event object, until they unsubscribe', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args) => received.push(args));
    const event: ApiEvent = { type: 'documents-changed', docIds: ['d-1'] };
    electron.emit(IPC_EVENT_CHANNEL, { sender: 'secret' }, event);
    expect(received).toEqual([[event]]);

    unsubscribe();
    electron.emit(IPC_EVENT_CHANNEL, { sender: 'secret' }, { type: 'project-changed' });
    expect(received).toHaveLength(1);
    expect(electron.listeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });
});
