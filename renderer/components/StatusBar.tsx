import type { WorkbenchSnapshot } from '../app/workbench';

/** The bottom line: the last message (announced to screen readers) and whether work is saved. */
export function StatusBar({ snapshot }: { snapshot: WorkbenchSnapshot }) {
  const { notice, saving, saveError } = snapshot;
  const save = saveError ? { text: `Not saved: ${saveError}`, tone: 'error' } : saving ? { text: 'Saving…', tone: 'busy' } : { text: 'Saved', tone: 'ok' };
  return (
    <footer className="sw-statusbar">
      <span role="status" data-testid="message" className={`sw-message sw-message-${notice?.tone ?? 'info'}`}>
        {notice?.text ?? ''}
      </span>
      <span className="sw-spacer" />
      <span data-testid="save-state" className={`sw-save sw-save-${save.tone}`} aria-live="polite">
        {save.text}
      </span>
    </footer>
  );
}
