import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import type { BackupInfo, Session } from '../../shared/types';
import { backupRow } from '../app/backups';
import { errorMessage } from '../app/errorMessage';
import { Dialog } from './Dialog';

interface RestoreDialogProps {
  api: SpanwiseApi;
  /** The project file, relative with `/` separators. */
  file: string;
  /** True when the project could not use the file (it is named in the problems banner). */
  unreadable: boolean;
  /**
   * Set when no project is open because this file, the manifest of the folder `dir`, could not be
   * read (`reason`): its backups are then reached through that folder.
   */
  unopened?: { dir: string; reason: string };
  /** Resolves once edits on their way to the service have arrived, so none lands on the replaced file. */
  beforeRestore?: () => Promise<void>;
  onRestored: (session: Session) => void;
  onClose: () => void;
}

/**
 * Lists the backups of one project file and puts back the one chosen, after saying what happens
 * to the current file: it is kept beside the restored one, never deleted. Enter on a version,
 * then Enter again, restores it; the arrows move between versions.
 */
export function RestoreDialog({ api, file, unreadable, unopened, beforeRestore, onRestored, onClose }: RestoreDialogProps) {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [chosen, setChosen] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  /** The version to focus in the list: the newest, or the one chosen before going Back. */
  const listFocus = useRef(1);

  const folder = unopened?.dir;
  useEffect(() => {
    let stale = false;
    (folder === undefined ? api.listBackups(file) : api.listManifestBackups(folder)).then(
      (found) => !stale && setBackups(found),
      (failure: unknown) => !stale && setError(`The backups could not be listed: ${errorMessage(failure)}`),
    );
    return () => {
      stale = true;
    };
  }, [api, file, folder]);

  // The keyboard goes where the next decision is: a version, then the confirmation.
  useEffect(() => {
    if (chosen) confirm.current?.focus();
    else (list.current?.querySelector<HTMLButtonElement>(`button[data-n="${listFocus.current}"]`) ?? list.current?.querySelector('button'))?.focus();
  }, [backups, chosen]);

  const choose = (backup: BackupInfo) => {
    listFocus.current = backup.n;
    setChosen(backup);
  };

  const restore = async (backup: BackupInfo) => {
    setBusy(true);
    setError(null);
    try {
      await beforeRestore?.();
      onRestored(await (folder === undefined ? api.restoreBackup(file, backup.n) : api.restoreManifestBackup(folder, backup.n)));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  const now = new Date();
  const chosenRow = chosen && backupRow(chosen, now);
  const stepThroughList = (event: KeyboardEvent<HTMLUListElement>) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[Math.min(Math.max(at + step, 0), buttons.length - 1)]?.focus();
  };

  return (
    <Dialog title="Restore a backup" testId="restore-dialog" onClose={busy ? undefined : onClose}>
      {unopened && (
        <>
          <p>
            Spanwise could not open <code className="sw-path">{unopened.dir}</code>:
          </p>
          <p className="sw-error" data-testid="restore-reason">
            {unopened.reason}
          </p>
        </>
      )}
      {unopened ? (
        <p>
          Choose an earlier version of <code className="sw-path">{file}</code> to put back, and the project opens:
        </p>
      ) : unreadable ? (
        <p>
          Spanwise could not use <code className="sw-path">{file}</code>. Choose an earlier version of it to put back:
        </p>
      ) : (
        <p>
          Choose an earlier version of <code className="sw-path">{file}</code> to put back:
        </p>
      )}
      {backups === null && !error && <p className="sw-muted">Looking for backups…</p>}
      {backups?.length === 0 && (
        <p className="sw-help" data-testid="no-backups">
          There are no backups of this file: Spanwise keeps one each time it saves over an earlier version, and this file has not
          been saved over yet.
        </p>
      )}
      {backups && backups.length > 0 && !chosen && (
        <ul ref={list} className="sw-recent sw-backups" aria-label="Backups, newest first" onKeyDown={stepThroughList}>
          {backups.map((backup) => {
            const row = backupRow(backup, now);
            return (
              <li key={backup.n}>
                <button type="button" className="sw-recent-item" data-testid="backup" data-n={backup.n} onClick={() => choose(backup)}>
                  <span>
                    {row.when} <span className="sw-muted">· {row.age}</span>
                    {backup.n === 1 && <span className="sw-tag"> newest</span>}
                  </span>
                  <span className="sw-muted">{row.size}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {chosen && chosenRow && (
        <div className="sw-restore-confirm" data-testid="restore-confirm">
          <p>
            Put back the version saved <strong>{chosenRow.when}</strong> ({chosenRow.age}, {chosenRow.size})?
          </p>
          {unreadable ? (
            <p className="sw-help">
              The current file is not deleted: it is kept beside it as <code>{baseName(file)}.corrupt-…</code>.
            </p>
          ) : (
            <p className="sw-banner sw-banner-warning" data-testid="restore-warning">
              The current file reads fine and may hold newer work than this backup. It is kept beside it as{' '}
              <code>{baseName(file)}.replaced-…</code>, but Spanwise will work from the backup.
            </p>
          )}
          <div className="sw-actions">
            <button ref={confirm} type="button" className="sw-primary" data-testid="restore-backup" disabled={busy} onClick={() => void restore(chosen)}>
              {busy ? 'Restoring…' : 'Restore this version'}
            </button>
            <button type="button" disabled={busy} onClick={() => setChosen(null)}>
              Back
            </button>
          </div>
        </div>
      )}
      {!chosen && (
        <div className="sw-actions sw-restore-actions">
          <button type="button" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      )}
      {error && (
        <p className="sw-error" role="alert" data-testid="restore-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
