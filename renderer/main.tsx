/**
 * The renderer's entry, kept small: it connects to the service, whose start-up calls (see
 * connection.ts) go out as soon as this script runs, and only then loads the UI, whose script
 * takes a tenth of a second to load and evaluate. The answers arrive meanwhile.
 */
import { api, startup, transport } from './connection';
import 'prosemirror-view/style/prosemirror.css';
import './styles/app.css';
import './styles/article.css';
import './styles/screens.css';
import './styles/transfer.css';

const root = document.getElementById('root')!;
import('./ui').then(
  ({ mountApp }) => mountApp(root, { api, subscribe: transport.subscribe, startup }),
  (error: unknown) => {
    root.textContent = `Spanwise could not load its interface (${error instanceof Error ? error.message : String(error)}). Reload the window.`;
  },
);
