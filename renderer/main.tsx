/** The renderer's entry: pick the transport the page was opened with and start the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from '../shared/api';
import { App } from './components/App';
import { createHttpTransport } from './transport/http';
import { createIpcTransport } from './transport/ipc';
import 'prosemirror-view/style/prosemirror.css';
import './styles/app.css';
import './styles/article.css';
import './styles/screens.css';
import './styles/transfer.css';

// Inside the desktop shell the preload provides the bridge; a browser talks HTTP to its origin.
const transport = window.spanwise ? createIpcTransport(window.spanwise) : createHttpTransport();
const api = createClient(transport);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} subscribe={transport.subscribe} />
  </StrictMode>,
);
