/** `window.spanwise`: present only inside the desktop shell (see shared/bridge.ts). */
import type { SpanwiseBridge } from '../../shared/bridge';

export type { SpanwiseBridge };

declare global {
  interface Window {
    spanwise?: SpanwiseBridge;
  }
}
