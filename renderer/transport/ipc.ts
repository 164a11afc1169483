/** The desktop transport: calls and events go through the preload's `window.spanwise` bridge. */
import { ApiError, type ApiArgs, type ApiMethod, type ApiResult, type Transport } from '../../shared/api';
import type { SpanwiseBridge } from './bridge';
import { errorMessage } from '../app/errorMessage';
import { unwrapOutcome } from './outcome';

/** A transport over Electron IPC, via the object the preload exposes. */
export function createIpcTransport(bridge: SpanwiseBridge): Transport {
  return {
    async call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResult<M>> {
      let outcome: unknown;
      try {
        outcome = await bridge.call(method, [...args]);
      } catch (error) {
        throw new ApiError('io', `${method}: the desktop service did not answer (${errorMessage(error)})`);
      }
      return unwrapOutcome<ApiResult<M>>(method, outcome);
    },
    subscribe(listener) {
      return bridge.onEvent(listener);
    },
  };
}
