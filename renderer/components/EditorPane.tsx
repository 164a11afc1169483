import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import type { Finder } from '../app/finder';
import type { SuggestionTray } from '../app/suggestionTray';
import type { Workbench, WorkbenchSnapshot } from '../app/workbench';
import { hasTitleLine } from '../editor/article';
import { ArticleView } from '../editor/articleView';
import { STATUS_TEXT } from './DocumentList';

interface EditorPaneProps {
  workbench: Workbench;
  snapshot: WorkbenchSnapshot;
  readOnly: boolean;
  /** The suggestions and the find bar's matches, drawn on the same article. */
  tray: SuggestionTray;
  finder: Finder;
  /** Bars shown between the document bar and the article (suggestions, find). */
  bars?: ReactNode;
  /** Offer the versions of this annotator's work on the open document that Spanwise kept; absent when read-only. */
  onRestore?: () => void;
}

/** Keeps keyboard focus (and the text selection) in the article when a toolbar button is pressed. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

/**
 * The article in the middle. The ProseMirror view is made once and handed to the workbench,
 * which drives it directly; React renders only the frame around it.
 */
export function EditorPane({ workbench, snapshot, readOnly, tray, finder, bars, onRestore }: EditorPaneProps) {
  const mount = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const view = useRef<ArticleView | null>(null);

  useEffect(() => {
    const article = new ArticleView(mount.current!, {
      onSelectedSpanChange: (id) => workbench.spanSelected(id),
      onSuggestionClick: (key) => tray.accept(key),
      onDocumentShown: (text) => {
        tray.documentShown(text);
        finder.documentShown(text);
      },
    });
    view.current = article;
    // Before the workbench, which loads the open document into the article at once.
    tray.attach(article);
    finder.attach(article);
    workbench.attach(article);
    return () => {
      workbench.attach(null);
      tray.attach(null);
      finder.attach(null);
      article.destroy();
      view.current = null;
    };
  }, [workbench, tray, finder]);

  const { document } = snapshot;
  const docId = document?.id ?? null;
  // Another document starts at its top; the first one shown is there already, and scrolling
  // would only make the page lay itself out once more before it is drawn.
  const shownId = useRef<string | null>(null);
  useEffect(() => {
    if (shownId.current !== null && docId !== null) scroller.current?.scrollTo({ top: 0 });
    shownId.current = docId;
    // The workbench focuses each document it opens; this is for a pane shown with one open.
    if (docId !== null) view.current?.focus();
  }, [docId]);

  const titleOutside = document !== null && !hasTitleLine(document.text, document.title);
  return (
    <section className="sw-editor-pane" aria-label="Article">
      <div className="sw-doc-bar">
        {document ? (
          <>
            <span className={`sw-status sw-status-${snapshot.status}`} data-testid="current-status">
              {STATUS_TEXT[snapshot.status]}
            </span>
            <span className="sw-doc-bar-count">
              {snapshot.spans.length} {snapshot.spans.length === 1 ? 'span' : 'spans'}
            </span>
            <span className="sw-spacer" />
            {onRestore && (
              <button type="button" data-testid="restore-document" onClick={onRestore} title="Put back an earlier version of your tags on this document">
                Earlier versions…
              </button>
            )}
            <button type="button" onMouseDown={keepFocus} onClick={() => workbench.undo()} disabled={readOnly || !snapshot.canUndo} title="Undo (Ctrl+Z)">
              Undo
            </button>
            <button type="button" onMouseDown={keepFocus} onClick={() => workbench.redo()} disabled={readOnly || !snapshot.canRedo} title="Redo (Ctrl+Shift+Z)">
              Redo
            </button>
            <button
              type="button"
              data-testid="toggle-done"
              aria-pressed={snapshot.status === 'done'}
              onMouseDown={keepFocus}
              onClick={() => workbench.toggleDone()}
              disabled={readOnly}
            >
              {snapshot.status === 'done' ? 'Reopen' : 'Mark done'} <kbd>Ctrl+Enter</kbd>
            </button>
          </>
        ) : (
          <span className="sw-muted">{snapshot.loadingId ? 'Opening…' : 'No document open'}</span>
        )}
      </div>
      {bars}
      <div ref={scroller} className="sw-editor-scroll">
        <div className="sw-page" data-testid="editor" aria-busy={snapshot.loadingId !== null}>
          {titleOutside && (
            <h1 className="sw-title sw-title-outside" dir="auto">
              {document.title}
            </h1>
          )}
          {!document && !snapshot.loadingId && !snapshot.openError && (
            <p className="sw-empty-note">Choose a document from the list to start tagging.</p>
          )}
          {snapshot.openError && (
            <p className="sw-error" role="alert" data-testid="open-error">
              This document could not be opened: {snapshot.openError}
            </p>
          )}
          <div ref={mount} />
        </div>
      </div>
    </section>
  );
}
