/**
 * The browser-mode transport: calls go to `POST /api/call` on the page's own origin (the
 * session cookie rides along), events come from a server-sent event stream.
 */
import { ApiError, type ApiArgs, type ApiEvent, type ApiMethod, type ApiResult, type Transport } from '../../shared/api';
import { errorMessage } from '../app/errorMessage';
import { unwrapOutcome } from './outcome';

export const CALL_PATH = '/api/call';
export const EVENTS_PATH = '/api/events';

/** What the transport needs from the browser; injectable so tests need no network. */
export interface HttpEnvironment {
  fetch: typeof fetch;
  openEvents(path: string): EventSourceLike;
}

/** The part of `EventSource` the transport uses. */
export interface EventSourceLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onopen: ((event: Event) => void) | null;
  close(): void;
}

const browserEnvironment = (): HttpEnvironment => ({
  fetch: (input, init) => fetch(input, init),
  openEvents: (path) => new EventSource(path),
});

/** A transport over loopback HTTP. One event stream is shared by all subscribers. */
export function createHttpTransport(env: HttpEnvironment = browserEnvironment()): Transport {
  const listeners = new Set<(event: ApiEvent) => void>();
  let source: EventSourceLike | null = null;

  return {
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
      let response: Response;
      try {
        response = await env.fetch(CALL_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ method, args }),
        });
      } catch (error) {
        throw new ApiError('io', `${method}: cannot reach the Spanwise service (${errorMessage(error)})`);
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiError('internal', `${method}: the service answered ${response.status} without a JSON body`);
      }
      return unwrapOutcome<ApiResult<M>>(method, body);
    },

    subscribe(listener) {
      listeners.add(listener);
      if (!source) {
        source = env.openEvents(EVENTS_PATH);
        const deliver = (event: ApiEvent) => {
          for (const each of [...listeners]) each(event);
        };
        source.onmessage = (message) => {
          const event = parseEvent(message.data);
          if (event) deliver(event);
        };
        // The service drops what it says while no stream is connected: at first, and while the
        // browser reconnects one that broke.
        source.onopen = () => deliver({ type: 'events-resumed' });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

/** An event from the stream, or null for anything that is not one (comments, keep-alives). */
export function parseEvent(data: unknown): ApiEvent | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  return type === 'project-changed' || type === 'documents-changed' || type === 'review-ready' || type === 'save-status'
    ? (value as ApiEvent)
    : null;
}
