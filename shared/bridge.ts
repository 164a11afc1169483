/**
 * What the Electron preload puts on `window.spanwise`, and the IPC channels behind it. Kept
 * apart from api.ts so the preload bundles no schema code: it only forwards calls, and the
 * main process validates them.
 */
import type { ApiEvent, CallOutcome } from './api';

export const IPC_CALL_CHANNEL = 'spanwise:call';
export const IPC_EVENT_CHANNEL = 'spanwise:event';

export interface SpanwiseBridge {
  call(method: string, args: unknown[]): Promise<CallOutcome>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}
