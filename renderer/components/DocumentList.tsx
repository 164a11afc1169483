import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatScore } from '../../shared/review/figures';
import { formatCount } from '../../shared/statistics';
import type { DocumentStatus, DocumentSummary } from '../../shared/types';
import { REVIEW_TEXT } from '../review/status';

/** Status words, not colours alone: each status also has its own mark in CSS. */
export const STATUS_TEXT: Record<DocumentStatus, string> = {
  new: 'new',
  'in-progress': 'in progress',
  done: 'done',
};

const ROW_HEIGHT = 58;
/** Rows of documents several annotators worked on have a line more: their review. */
const REVIEW_ROW_HEIGHT = 76;

interface DocumentListProps {
  documents: readonly DocumentSummary[];
  currentId: string | null;
  loadingId: string | null;
  onOpen: (docId: string) => void;
  /** Show only the documents that need review, when `on`; offered once some document has two annotators. */
  reviewFilter?: { on: boolean; toggle: () => void; key: string };
}

/** Every document of the project, virtualised: only the rows in view are in the DOM. */
export function DocumentList({ documents: all, currentId, loadingId, onOpen, reviewFilter }: DocumentListProps) {
  const filtering = reviewFilter?.on ?? false;
  const documents = useMemo(() => (filtering ? all.filter((doc) => doc.review === 'needs-review') : all), [all, filtering]);
  // Scrolling renders the list on every frame: nothing here may walk all the documents then.
  // The virtualiser lays out every row again whenever it is given another `getItemKey`.
  const reviewing = useMemo(() => all.some(hasReview), [all]);
  const done = useMemo(() => documents.filter((doc) => doc.status === 'done').length, [documents]);
  const getItemKey = useCallback((index: number) => documents[index]!.id, [documents]);
  const estimateSize = useCallback((index: number) => (hasReview(documents[index]!) ? REVIEW_ROW_HEIGHT : ROW_HEIGHT), [documents]);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: documents.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    overscan: 10,
    getItemKey,
  });

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
          {formatCount(done)} of {formatCount(documents.length)} done
        </span>
      </div>
      {reviewFilter && reviewing && (
        <button
          type="button"
          className="sw-review-filter"
          data-testid="review-filter"
          aria-pressed={reviewFilter.on}
          onClick={reviewFilter.toggle}
          title={`Show only the documents that need review (${reviewFilter.key})`}
        >
          Only documents needing review <kbd>{reviewFilter.key}</kbd>
        </button>
      )}
      {documents.length === 0 ? (
        <p className="sw-empty-note">{all.length === 0 ? 'This project has no documents yet.' : 'No document needs review.'}</p>
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
                    {hasReview(doc) && (
                      <span className="sw-doc-meta">
                        <span className={`sw-review sw-review-${doc.review}`} data-testid="doc-review">
                          {REVIEW_TEXT[doc.review!]}
                        </span>
                        <span>{doc.annotatorCount} annotators</span>
                        <span title="Mean F1 (exact) between the annotators">F1 {formatScore(doc.agreement ?? null)}</span>
                      </span>
                    )}
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

/** Whether a document has a review to show: several annotators worked on it. */
function hasReview(doc: DocumentSummary): boolean {
  return doc.review !== undefined && doc.review !== 'not-needed';
}
