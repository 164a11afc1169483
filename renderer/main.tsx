/** The renderer's entry: connect to the service (first, see connection.ts) and start the app. */
import { api, startup, transport } from './connection';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import 'prosemirror-view/style/prosemirror.css';
import './styles/app.css';
import './styles/article.css';
import './styles/screens.css';
import './styles/transfer.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} subscribe={transport.subscribe} startup={startup} />
  </StrictMode>,
);
