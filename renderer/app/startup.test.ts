import { describe, expect, it } from 'vitest';
import type { ApiEvent, SpanwiseApi } from '../../shared/api';
import type { DocumentSummary, DocumentView, Session } from '../../shared/types';
import { listKey, startCalls } from './startup';

const SESSION = { project: { dir: '/p' }, annotator: { id: 'amira-1' } } as unknown as Session;
const LIST = [{ id: 'd1' }, { id: 'd2' }] as DocumentSummary[];
const VIEW = { document: { id: 'd1' } } as unknown as DocumentView;

/** A service that answers as told and records what was asked, in order. */
function service(answers: { session?: Session; list?: DocumentSummary[] | Error }) {
  const asked: string[] = [];
  const api = {
    getSession: async () => {
      asked.push('getSession');
      return answers.session ?? SESSION;
    },
    listDocuments: async () => {
      asked.push('listDocuments');
      if (answers.list instanceof Error) throw answers.list;
      return answers.list ?? LIST;
    },
    getDocument: async (id: string) => {
      asked.push(`getDocument ${id}`);
      return VIEW;
    },
  } as unknown as SpanwiseApi;
  return { api, asked };
}

/** The service's event stream, told what to send. */
function events() {
  const listeners = new Set<(event: ApiEvent) => void>();
  return {
    subscribe: (listener: (event: ApiEvent) => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    send: (event: ApiEvent) => listeners.forEach((listener) => listener(event)),
    listening: () => listeners.size,
  };
}

describe('startCalls', () => {
  it('asks for the session and the list at once, then for the first document of the list', async () => {
    const { api, asked } = service({});
    const calls = startCalls(api, events().subscribe);
    expect(asked).toEqual(['getSession', 'listDocuments']);
    await expect(calls.session).resolves.toBe(SESSION);
    const opening = await calls.opening;
    expect(opening).toMatchObject({ key: listKey('/p', 'amira-1'), list: LIST, first: { id: 'd1' } });
    await expect(opening!.first!.view).resolves.toBe(VIEW);
    expect(asked).toEqual(['getSession', 'listDocuments', 'getDocument d1']);
  });

  it('opens nothing before an annotator is named, or when the list fails', async () => {
    const unnamed = service({ session: { project: { dir: '/p' }, annotator: null } as unknown as Session });
    await expect(startCalls(unnamed.api, events().subscribe).opening).resolves.toBeNull();
    const failing = service({ list: new Error('no project') });
    await expect(startCalls(failing.api, events().subscribe).opening).resolves.toBeNull();
    expect([...unnamed.asked, ...failing.asked].some((call) => call.startsWith('getDocument'))).toBe(false);
  });

  it('opens nothing in an empty project', async () => {
    const { api } = service({ list: [] });
    await expect(startCalls(api, events().subscribe).opening).resolves.toMatchObject({ list: [], first: null });
  });

  it('says the list is outdated when the service changed it after it was asked for, and stops listening then', async () => {
    const { api } = service({});
    const stream = events();
    const calls = startCalls(api, stream.subscribe);
    const opening = await calls.opening;
    stream.send({ type: 'save-status', pending: 0 });
    expect(opening!.outdated()).toBe(false);
    expect(stream.listening()).toBe(1);
    stream.send({ type: 'review-ready' });
    expect(opening!.outdated()).toBe(true);
    expect(stream.listening()).toBe(0);
  });

  it('says the list may lack something when the event stream connected after it was asked for, and keeps listening', async () => {
    const { api } = service({});
    const stream = events();
    const opening = await startCalls(api, stream.subscribe).opening;
    expect(opening!.resumed()).toBe(false);
    stream.send({ type: 'events-resumed' });
    expect(opening!.resumed()).toBe(true);
    expect(opening!.outdated()).toBe(false);
    expect(stream.listening()).toBe(1);
  });
});
