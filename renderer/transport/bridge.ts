/**
 * The object the Electron preload exposes on `window.spanwise`. The preload is built from
 * electron/, which the renderer may not import, so its shape is declared again here; the
 * preload checks itself against the same shape with `satisfies`.
 */
import type { ApiEvent, CallOutcome } from '../../shared/api';

export interface SpanwiseBridge {
  call(method: string, args: unknown[]): Promise<CallOutcome>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the desktop shell. */
    spanwise?: SpanwiseBridge;
  }
}
