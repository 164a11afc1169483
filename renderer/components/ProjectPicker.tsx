import { useState, type FormEvent } from 'react';
import { errorMessage } from '../app/errorMessage';
import { Dialog } from './Dialog';

interface ProjectPickerProps {
  recent: readonly string[];
  currentDir: string | null;
  onOpen: (dir: string) => Promise<void>;
  onCreate: (dir: string, name: string) => Promise<void>;
  onCancel?: () => void;
}

/**
 * Opening a project by its folder path, creating one, or reopening a recent one. Paths are
 * typed: in browser mode there is no native folder dialog.
 */
export function ProjectPicker({ recent, currentDir, onOpen, onCreate, onCancel }: ProjectPickerProps) {
  const [openPath, setOpenPath] = useState('');
  const [newPath, setNewPath] = useState('');
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  const submitted = (work: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    void attempt(work);
  };

  return (
    <Dialog title="Projects" testId="project-picker" onClose={onCancel}>
      {recent.length > 0 && (
        <section className="sw-picker-section">
          <h3>Recent</h3>
          <ul className="sw-recent">
            {recent.map((dir) => (
              <li key={dir}>
                <button
                  type="button"
                  className="sw-recent-item"
                  data-testid="recent-project"
                  disabled={busy}
                  aria-current={dir === currentDir ? 'true' : undefined}
                  onClick={() => void attempt(() => onOpen(dir))}
                >
                  <span className="sw-path">{dir}</span>
                  {dir === currentDir && <span className="sw-tag">open</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <form className="sw-form sw-picker-section" onSubmit={submitted(() => onOpen(openPath.trim()))}>
        <h3>Open a project folder</h3>
        <label className="sw-field">
          <span>Folder path</span>
          <input
            data-testid="project-path"
            value={openPath}
            onChange={(event) => setOpenPath(event.target.value)}
            placeholder="/home/you/annotation/syria-2020"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <div className="sw-actions">
          <button type="submit" className="sw-primary" data-testid="project-open" disabled={busy || openPath.trim() === ''}>
            Open
          </button>
        </div>
      </form>

      <form className="sw-form sw-picker-section" onSubmit={submitted(() => onCreate(newPath.trim(), newName.trim()))}>
        <h3>Create a new project</h3>
        <label className="sw-field">
          <span>New folder path (empty or not yet there)</span>
          <input
            data-testid="new-project-path"
            value={newPath}
            onChange={(event) => setNewPath(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <label className="sw-field">
          <span>Project name</span>
          <input
            data-testid="new-project-name"
            value={newName}
            onChange={(event) => setNewName(event.target.value)}
            autoComplete="off"
          />
        </label>
        <div className="sw-actions">
          <button
            type="submit"
            data-testid="project-create"
            disabled={busy || newPath.trim() === '' || newName.trim() === ''}
          >
            Create
          </button>
        </div>
      </form>

      {error && (
        <p className="sw-error" role="alert" data-testid="project-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
