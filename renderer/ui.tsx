/** The UI, mounted once the entry (main.tsx) has sent the start-up calls. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prepareWordBoundaries } from '../shared/words';
import { App, type AppProps } from './components/App';

export function mountApp(root: HTMLElement, props: AppProps): void {
  createRoot(root).render(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
  // Once the window is drawn and idle, not on the way to its first paint.
  requestIdleCallback(() => prepareWordBoundaries());
}
