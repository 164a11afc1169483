import { useState } from 'react';
import type { Annotator } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { Dialog } from './Dialog';

interface NamePromptProps {
  current: Annotator | null;
  known: readonly Annotator[];
  onSave: (name: string) => Promise<void>;
  onCancel?: () => void;
}

/** Asks who is annotating: a new name, or one of the people who have worked on this machine. */
export function NamePrompt({ current, known, onSave, onCancel }: NamePromptProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const others = known.filter((annotator) => annotator.id !== current?.id);

  const save = async (chosen: string) => {
    if (chosen.trim() === '') {
      setError('Please type your name.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(chosen.trim());
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Dialog title={current ? 'Switch annotator' : 'Who is annotating?'} testId="name-prompt" onClose={onCancel}>
      <form
        className="sw-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save(name);
        }}
      >
        <p className="sw-help">
          Your name is stored with every span you make, so several people can share this machine and their work stays
          apart.
        </p>
        <label className="sw-field">
          <span>{current ? 'Another name' : 'Your name'}</span>
          <input
            data-testid="annotator-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="off"
            maxLength={200}
          />
        </label>
        <div className="sw-actions">
          <button type="submit" className="sw-primary" data-testid="annotator-save" disabled={busy}>
            Continue
          </button>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
        {others.length > 0 && (
          <div className="sw-known">
            <span className="sw-help">Or continue as</span>
            <ul>
              {others.map((annotator) => (
                <li key={annotator.id}>
                  <button type="button" disabled={busy} onClick={() => void save(annotator.name)}>
                    {annotator.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && (
          <p className="sw-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
