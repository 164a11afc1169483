import { describe, it, expect, vi, beforeEach } from 'vitest';
import { pathToFileURL } from 'node:url';
import type { ApiEvent, CallOutcome } from '../shared/api';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/bridge';
import { connectIpc, isTrustedCaller } from './ipc';

type Handler = (event: { senderFrame: unknown }, ...args: unknown[]) => Promise<CallOutcome>;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  contents: [] as Array<{ url: string; destroyed: boolean; sent: unknown[][] }>,
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  webContents: {
    getAllWebContents: () =>
      electron.contents.map((c) => ({
        isDestroyed: () => c.destroyed,
        getURL: () => c.url,
        send: (...args: unknown[]) => c.sent.push(args),
      })),
  },
}));

const rendererFile = '/opt/spanwise/dist/renderer/index.html';
const appUrl = pathToFileURL(rendererFile).href;

function fakeService() {
  const listeners = new Set<(event: ApiEvent) => void>();
  const dispatched: unknown[][] = [];
  return {
    dispatched,
    emit: (event: ApiEvent) => listeners.forEach((listener) => listener(event)),
    listenerCount: () => listeners.size,
    dispatch: async (method: unknown, args: unknown): Promise<CallOutcome> => {
      dispatched.push([method, args]);
      return { ok: true, result: 'done' };
    },
    onEvent: (listener: (event: ApiEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

beforeEach(() => {
  electron.handlers.clear();
  electron.contents.length = 0;
});

describe('isTrustedCaller', () => {
  it.each([
    [{ url: appUrl, parent: null }, true],
    [{ url: `${appUrl}#x`, parent: null }, true],
    [{ url: appUrl, parent: {} }, false],
    [{ url: 'file:///tmp/evil.html', parent: null }, false],
    [{ url: 'http://127.0.0.1/', parent: null }, false],
    [{ url: 'about:blank', parent: null }, false],
    [null, false],
    [undefined, false],
  ])('%j → %s', (frame, trusted) => {
    expect(isTrustedCaller(frame, rendererFile)).toBe(trusted);
  });
});

describe('connectIpc', () => {
  it('forwards calls from our page to the service as they came', async () => {
    const service = fakeService();
    connectIpc(service, rendererFile);
    const handler = electron.handlers.get(IPC_CALL_CHANNEL);
    const outcome = await handler?.({ senderFrame: { url: appUrl, parent: null } }, 'getDocument', ['d-1']);
    expect(outcome).toEqual({ ok: true, result: 'done' });
    expect(service.dispatched).toEqual([['getDocument', ['d-1']]]);
  });

  it.each([null, { url: 'https://evil.example/', parent: null }, { url: appUrl, parent: { url: appUrl } }])(
    'refuses a call from %j without reaching the service',
    async (senderFrame) => {
      const service = fakeService();
      connectIpc(service, rendererFile);
      const outcome = await electron.handlers.get(IPC_CALL_CHANNEL)?.({ senderFrame }, 'importTexts', [[]]);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect(service.dispatched).toEqual([]);
    },
  );

  it('pushes service events to live windows of our page only', () => {
    electron.contents.push(
      { url: appUrl, destroyed: false, sent: [] },
      { url: 'devtools://devtools/inspector.html', destroyed: false, sent: [] },
      { url: appUrl, destroyed: true, sent: [] },
    );
    const service = fakeService();
    connectIpc(service, rendererFile);
    service.emit({ type: 'documents-changed', docIds: ['d-1'] });
    service.emit({ type: 'project-changed' });
    expect(electron.contents.map((c) => c.sent)).toEqual([
      [
        [IPC_EVENT_CHANNEL, { type: 'documents-changed', docIds: ['d-1'] }],
        [IPC_EVENT_CHANNEL, { type: 'project-changed' }],
      ],
      [],
      [],
    ]);
  });

  it('lets go of the channel and the service when disconnected', () => {
    const service = fakeService();
    const disconnect = connectIpc(service, rendererFile);
    disconnect();
    expect(electron.handlers.has(IPC_CALL_CHANNEL)).toBe(false);
    expect(service.listenerCount()).toBe(0);
  });
});
