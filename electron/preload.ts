/**
 * The only code that runs with access to both the page and Electron. It exposes two functions
 * on `window.spanwise` and nothing else: the main process checks the sender and the service
 * validates every argument, so nothing here needs to be trusted.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent, CallOutcome } from '../shared/api';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type SpanwiseBridge } from '../shared/bridge';

const bridge = {
  call: (method: string, args: unknown[]): Promise<CallOutcome> => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, args),
  onEvent(listener: (event: ApiEvent) => void): () => void {
    // Hand the page the event only: the IPC event object would expose `sender` to it.
    const forward = (_ipcEvent: IpcRendererEvent, event: ApiEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
} satisfies SpanwiseBridge;

contextBridge.exposeInMainWorld('spanwise', bridge);
