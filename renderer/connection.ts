/**
 * The window's connection to the service, opened as the page's script starts: main.tsx imports
 * this module first, so the calls every start makes (app/startup.ts) are on their way while the
 * rest of the UI's code is still being evaluated.
 */
import { createClient } from '../shared/api';
import { startCalls } from './app/startup';
import { createHttpTransport } from './transport/http';
import { createIpcTransport } from './transport/ipc';

// Inside the desktop shell the preload provides the bridge; a browser talks HTTP to its origin.
export const transport = window.spanwise ? createIpcTransport(window.spanwise) : createHttpTransport();
export const api = createClient(transport);
export const startup = startCalls(api, transport.subscribe);
