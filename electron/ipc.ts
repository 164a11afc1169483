/**
 * The Electron transport: one generic call channel into the service and one event channel
 * out of it. Channel names come from the contract, so no string is typed twice.
 */
import { ipcMain, webContents } from 'electron';
import type { ApiEvent, CallOutcome } from '../shared/api';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/bridge';
import { isAppPage } from './security';
import type { Service } from './service';

/** The frame a call came from, as far as the sender check needs it. */
export interface CallerFrame {
  url: string;
  parent: unknown;
}

/** Only the top frame of our own page may call the service. */
export function isTrustedCaller(frame: CallerFrame | null | undefined, rendererFile: string): boolean {
  return frame != null && frame.parent === null && isAppPage(frame.url, rendererFile);
}

/**
 * Answer calls from the renderer at `rendererFile` with `service.dispatch`, which validates the
 * method and every argument; forward the service's events to every window showing that page.
 * Returns the function that disconnects both.
 */
export function connectIpc(service: Pick<Service, 'dispatch' | 'onEvent'>, rendererFile: string): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, args: unknown): Promise<CallOutcome> => {
    if (!isTrustedCaller(event.senderFrame, rendererFile)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'bad-request', message: 'Calls are accepted only from the Spanwise window.' },
      });
    }
    return service.dispatch(method, args);
  });

  const broadcast = (event: ApiEvent) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isAppPage(contents.getURL(), rendererFile)) {
        contents.send(IPC_EVENT_CHANNEL, event);
      }
    }
  };
  const unsubscribe = service.onEvent(broadcast);

  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}
