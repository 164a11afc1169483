import type { LabelDef } from '../../shared/types';
import type { PendingOccurrences } from '../app/suggestionTray';
import { labelClass } from '../editor/labelStyles';
import { Dialog } from './Dialog';

interface OccurrencesDialogProps {
  pending: PendingOccurrences;
  labels: readonly LabelDef[];
  onConfirm: () => void;
  onCancel: () => void;
}

const LISTED = 8;

/** Asks before "tag all occurrences" changes other documents: how many, where; Enter tags them. */
export function OccurrencesDialog({ pending, labels, onConfirm, onCancel }: OccurrencesDialogProps) {
  const { documents, truncated } = pending.found;
  return (
    <Dialog title="Tag every occurrence" testId="occurrences-dialog" onClose={onCancel}>
      <p>
        Tag <strong>{pending.count}</strong> {pending.count === 1 ? 'occurrence' : 'occurrences'} of “<bdi>{pending.text}</bdi>” as{' '}
        <span className={`sw-label-pill ${labelClass(labels, pending.label)}`}>{pending.label}</span> in {documents.length}{' '}
        {documents.length === 1 ? 'document' : 'documents'}?
      </p>
      <ul className="sw-occurrence-docs">
        {documents.slice(0, LISTED).map((batch) => (
          <li key={batch.docId}>
            {batch.title} <span className="sw-muted">({batch.suggestions.length})</span>
          </li>
        ))}
        {documents.length > LISTED && <li className="sw-muted">and {documents.length - LISTED} more</li>}
      </ul>
      {truncated && <p className="sw-help">There are more; tag these, then ask again for the rest.</p>}
      <p className="sw-help">Each document gets one step of undo (Ctrl+Z there).</p>
      {/* The first button takes the focus, so Enter tags them. */}
      <div className="sw-actions">
        <button type="button" className="sw-primary" data-testid="confirm-occurrences" onClick={onConfirm}>
          Tag them all <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={onCancel}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </Dialog>
  );
}
