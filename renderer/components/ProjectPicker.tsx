import { useState, type FormEvent } from 'react';
import { ApiError, type SpanwiseApi } from '../../shared/api';
import { MANIFEST_FILE } from '../../shared/projectFiles';
import type { Session } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { Dialog } from './Dialog';
import { RestoreDialog } from './RestoreDialog';

interface ProjectPickerProps {
  api: SpanwiseApi;
  recent: readonly string[];
  currentDir: string | null;
  onOpen: (dir: string) => Promise<void>;
  onCreate: (dir: string, name: string) => Promise<void>;
  /** A folder that failed to open elsewhere (the desktop File menu) for its unreadable manifest: its backups are offered at once. */
  unopened?: { dir: string; reason: string } | null;
  /** A project that would not open was opened by putting back a backup of its manifest. */
  onRestored: (session: Session) => void;
  onCancel?: () => void;
}

/**
 * Opening a project by its folder path, creating one, or reopening a recent one. Paths are
 * typed: in browser mode there is no native folder dialog. A folder whose manifest cannot be read
 * does not open; its backups are offered at once, so the project can be opened from one of them.
 */
export function ProjectPicker({ api, recent, currentDir, unopened: failedElsewhere = null, onOpen, onCreate, onRestored, onCancel }: ProjectPickerProps) {
  const [openPath, setOpenPath] = useState('');
  const [newPath, setNewPath] = useState('');
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(failedElsewhere?.reason ?? null);
  const [busy, setBusy] = useState(false);
  /** The folder last asked for whose manifest could not be read, and why. */
  const [unopened, setUnopened] = useState(failedElsewhere);
  const [restoring, setRestoring] = useState(failedElsewhere !== null);

  const attempt = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setUnopened(null);
    try {
      await work();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  const opening = (dir: string) => async () => {
    try {
      await onOpen(dir);
    } catch (failure) {
      // Only an unreadable manifest stops a project opening as corrupt: other files that cannot be
      // read become problems named in the open project.
      if (failure instanceof ApiError && failure.code === 'corrupt') {
        setUnopened({ dir, reason: failure.message });
        setRestoring(true);
      }
      throw failure;
    }
  };
  const submitted = (work: () => Promise<void>) => (event: FormEvent) => {
    event.preventDefault();
    void attempt(work);
  };

  if (unopened && restoring) {
    return (
      <RestoreDialog
        api={api}
        file={MANIFEST_FILE}
        unreadable
        unopened={unopened}
        onRestored={onRestored}
        onClose={() => setRestoring(false)}
      />
    );
  }

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
                  onClick={() => void attempt(opening(dir))}
                >
                  <span className="sw-path">{dir}</span>
                  {dir === currentDir && <span className="sw-tag">open</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <form className="sw-form sw-picker-section" onSubmit={submitted(opening(openPath.trim()))}>
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
      {unopened && (
        <div className="sw-actions">
          <button type="button" data-testid="project-restore-open" onClick={() => setRestoring(true)}>
            Restore a backup of {MANIFEST_FILE}…
          </button>
        </div>
      )}
    </Dialog>
  );
}
