import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DocumentStatus, DocumentSummary } from '../../shared/types';

/** Status words, not colours alone: each status also has its own mark in CSS. */
export const STATUS_TEXT: Record<DocumentStatus, string> = {
  new: 'new',
  'in-progress': 'in progress',
  done: 'done',
};

const ROW_HEIGHT = 58;

interface DocumentListProps {
  documents: readonly DocumentSummary[];
  currentId: string | null;
  loadingId: string | null;
  onOpen: (docId: string) => void;
}

/** Every document of the project, virtualised: only the rows in view are in the DOM. */
export function DocumentList({ documents, currentId, loadingId, onOpen }: DocumentListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: documents.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => documents[index]!.id,
  });
  const done = documents.filter((doc) => doc.status === 'done').length;

  const shownId = loadingId ?? currentId;
  useEffect(() => {
    if (shownId === null) return;
    const index = documents.findIndex((doc) => doc.id === shownId);
    if (index >= 0) rows.scrollToIndex(index, { align: 'auto' });
    // Only a change of document should scroll the list, not every update of its counts.
  }, [shownId]);

  return (
    <nav className="sw-doclist" aria-label="Documents">
      <div className="sw-panel-head">
        <h2>Documents</h2>
        <span className="sw-count" data-testid="doc-progress">
          {done} of {documents.length} done
        </span>
      </div>
      {documents.length === 0 ? (
        <p className="sw-empty-note">This project has no documents yet.</p>
      ) : (
        <div ref={scroller} className="sw-doclist-scroll">
          <ul className="sw-doclist-rows" style={{ height: rows.getTotalSize() }}>
            {rows.getVirtualItems().map((row) => {
              const doc = documents[row.index]!;
              const current = doc.id === currentId;
              return (
                <li key={row.key} className="sw-doclist-row" style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
                  <button
                    type="button"
                    className={`sw-doc-item${current ? ' sw-current' : ''}${doc.id === loadingId ? ' sw-loading' : ''}`}
                    data-testid="doc-item"
                    data-doc-id={doc.id}
                    aria-current={current ? 'true' : undefined}
                    onClick={() => onOpen(doc.id)}
                  >
                    <span className="sw-doc-title" dir="auto">
                      {doc.title || doc.id}
                    </span>
                    <span className="sw-doc-meta">
                      <span className={`sw-status sw-status-${doc.status}`} data-testid="doc-status">
                        {STATUS_TEXT[doc.status]}
                      </span>
                      <span className="sw-doc-spans">
                        <span data-testid="doc-span-count">{doc.spanCount}</span> {doc.spanCount === 1 ? 'span' : 'spans'}
                      </span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </nav>
  );
}
