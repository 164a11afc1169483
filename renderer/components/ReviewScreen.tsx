import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type MutableRefObject, type ReactNode } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import type { LabelDef } from '../../shared/types';
import { Finder } from '../app/finder';
import { actionForKey, isTypingTarget, type ReviewCommand } from '../app/keys';
import { SuggestionTray } from '../app/suggestionTray';
import { labelClass } from '../editor/labelStyles';
import { goldLayerApi, GoldWorkbench } from '../review/goldWorkbench';
import { Reviewer, type GoldEdit } from '../review/reviewer';
import '../review/review.css';
import { EditorPane } from './EditorPane';
import { ReviewMergeDialog } from './ReviewMergeDialog';
import { ReviewPanel } from './ReviewPanel';
import { ReviewText } from './ReviewText';

/** Settings for the gold editor's suggestion tray: always hidden, and nothing remembered. */
const SUGGESTIONS_HIDDEN = { getItem: () => 'false', setItem: () => undefined };

/** Where the review starts: a document, and maybe one of its items; null for the first open item of the corpus. */
export interface ReviewStart {
  docId: string;
  itemId?: string;
}

interface ReviewScreenProps {
  api: SpanwiseApi;
  labels: readonly LabelDef[];
  annotatorId: string;
  readOnlyReason: string | null;
  start: ReviewStart | null;
  /** The document list, given the document under review and told what to open. */
  documentList: (currentId: string | null, loadingId: string | null, onOpen: (docId: string) => void) => ReactNode;
  /** Filled with what the review keys do, for the app's key handler to call. */
  commands: MutableRefObject<((command: ReviewCommand) => void) | null>;
  /** The document under review changed (so the app can come back to it). */
  onDocument: (docId: string) => void;
}

/**
 * The review screen: the document list, the text with every annotator's spans aligned to it,
 * and the open items with the decisions. "Edit by hand" swaps the text for the normal editor
 * on the gold layer; Esc (with no span selected) comes back.
 */
export function ReviewScreen({ api, labels, annotatorId, readOnlyReason, start, documentList, commands, onDocument }: ReviewScreenProps) {
  const reviewer = useMemo(() => new Reviewer(api), [api]);
  const snapshot = useSyncExternalStore(reviewer.subscribe, reviewer.getSnapshot);
  const gold = useMemo(() => new GoldWorkbench(api), [api]);
  const goldSnapshot = useSyncExternalStore(gold.subscribe, gold.getSnapshot);
  // The editor on gold draws no suggestions (they are the annotator's), and finds nothing by itself.
  const tray = useMemo(() => new SuggestionTray(goldLayerApi(api), gold, SUGGESTIONS_HIDDEN), [api, gold]);
  const finder = useMemo(() => new Finder(gold), [gold]);
  useEffect(() => tray.follow(), [tray]);
  useEffect(() => finder.follow(), [finder]);
  const [editing, setEditing] = useState<GoldEdit | null>(null);
  const [merging, setMerging] = useState(false);

  useEffect(() => {
    gold.setContext({ labels, annotatorId, readOnlyReason });
  }, [gold, labels, annotatorId, readOnlyReason]);

  // The start is read once: later the reviewer walks on by itself.
  const startRef = useRef(start);
  useEffect(() => {
    const first = startRef.current;
    if (first) void reviewer.open(first.docId, first.itemId);
    else void reviewer.run({ kind: 'next-item', step: 1 });
  }, [reviewer]);

  const docId = snapshot.view?.document.id ?? null;
  useEffect(() => {
    if (docId !== null) onDocument(docId);
  }, [docId, onDocument]);

  const startEditing = async () => {
    if (readOnlyReason !== null) {
      reviewer.say(`Read-only: ${readOnlyReason}`, 'error');
      return;
    }
    const target = await reviewer.run({ kind: 'edit-by-hand' });
    if (!target) return;
    setEditing(target);
    await gold.openAt(target.docId, target.spanId);
  };
  const stopEditing = () => {
    setEditing(null);
    void reviewer.refresh(editing?.item ?? null);
  };

  const run = (command: ReviewCommand) => {
    if (command.kind === 'merge-work') setMerging(true);
    else if (command.kind === 'edit-by-hand') void startEditing();
    else if (readOnlyReason !== null && command.kind !== 'next-item') reviewer.say(`Read-only: ${readOnlyReason}`, 'error');
    else void reviewer.run(command);
  };
  const latest = useRef({ run, editing, stopEditing, merging });
  useEffect(() => {
    latest.current = { run, editing, stopEditing, merging };
  });
  useEffect(() => {
    commands.current = (command) => {
      // While gold is edited by hand the keys belong to the editor, and the dialog's to it.
      if (!latest.current.editing && !latest.current.merging) latest.current.run(command);
    };
    return () => {
      commands.current = null;
    };
  }, [commands]);

  // Editing by hand: the editor's keys go to the gold layer; Esc with nothing selected comes back.
  useEffect(() => {
    if (!editing) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
      const inArticle = !(event.target instanceof HTMLElement) || event.target === document.body || !!event.target.closest('.sw-article');
      const action = actionForKey(event, labels, inArticle ? 'article' : 'annotating');
      if (!action) return;
      switch (action.kind) {
        case 'label':
          gold.applyLabel(action.label);
          break;
        case 'remove-span':
          gold.removeSelected();
          break;
        case 'deselect':
          if (gold.getSnapshot().selectedSpanId === null) latest.current.stopEditing();
          else gold.deselect();
          break;
        case 'undo':
          gold.undo();
          break;
        case 'redo':
          gold.redo();
          break;
        case 'move-caret':
          gold.moveCaret(action.unit, action.direction, action.extend);
          break;
        case 'jump-to-span':
          gold.jumpToSpan(action.step);
          break;
        default:
          // Screens and the shortcuts sheet stay the app's.
          return;
      }
      event.preventDefault();
    };
    // Capturing, so the app's own handler sees the key as taken.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [editing, gold, labels]);

  const { view } = snapshot;
  return (
    <main className="sw-main rv-main" data-testid="review-screen">
      {documentList(editing ? editing.docId : docId, snapshot.loadingId, (id) => {
        if (editing) stopEditing();
        void reviewer.open(id);
      })}
      {editing ? (
        <section className="rv-editing" aria-label="Gold layer, edited by hand">
          <div className="sw-banner sw-banner-warning rv-editing-banner" data-testid="gold-editing">
            <strong>Editing the gold layer by hand.</strong> Select text and press a label key; Delete removes the selected span.
            <button type="button" onClick={stopEditing} title="Back to the review (Esc with no span selected)">
              Back to review <kbd>Esc</kbd>
            </button>
          </div>
          <EditorPane workbench={gold} snapshot={goldSnapshot} readOnly={readOnlyReason !== null} tray={tray} finder={finder} />
        </section>
      ) : (
        <section className="rv-document" aria-label="Document under review">
          <div className="sw-doc-bar">
            {view ? (
              <>
                <span className="rv-doc-title" dir="auto">
                  {view.document.title || view.document.id}
                </span>
                <span className="sw-spacer" />
                <span className="rv-legend" aria-label="Lanes">
                  {view.annotators
                    .filter((a) => Object.hasOwn(view.layers, a.id))
                    .map((a) => (
                      <span key={a.id} className="rv-legend-entry">
                        <span className="rv-initials">{a.initials}</span> {a.name}
                      </span>
                    ))}
                  <span className="rv-legend-entry">
                    <span className="rv-initials rv-lane-gold">Gold</span> adjudicated
                  </span>
                </span>
              </>
            ) : (
              <span className="sw-muted">{snapshot.loadingId ? 'Opening…' : 'No document to review'}</span>
            )}
          </div>
          <div className="sw-editor-scroll">
            {view ? (
              <ReviewText view={view} labels={labels} itemId={snapshot.itemId} onFocusItem={(id) => reviewer.focus(id)} />
            ) : (
              !snapshot.loadingId && (
                <p className="sw-empty-note rv-empty">
                  Merge other annotators’ work (<code>spanwise merge</code>) to review where they disagree, then pick a document.
                </p>
              )
            )}
          </div>
        </section>
      )}
      {editing ? (
        <aside className="rv-panel" aria-label="Labels">
          <div className="rv-panel-head">
            <h2>Gold labels</h2>
          </div>
          <ul className="rv-gold-labels">
            {labels.map((label) => (
              <li key={label.name}>
                <button
                  type="button"
                  className={`sw-label-button ${labelClass(labels, label.name)}`}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => gold.applyLabel(label.name)}
                  title={`Tag as ${label.name} (${label.hotkeys.join(' or ')})`}
                >
                  <span className="sw-swatch" aria-hidden="true" />
                  <span className="sw-label-name">{label.name}</span>
                  <span className="sw-hotkeys">
                    {label.hotkeys.map((key) => (
                      <kbd key={key}>{key.toUpperCase()}</kbd>
                    ))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <p role="status" className={`rv-notice sw-message-${goldSnapshot.notice?.tone ?? 'info'}`}>
            {goldSnapshot.notice?.text ?? ''}
          </p>
        </aside>
      ) : (
        <ReviewPanel snapshot={snapshot} labels={labels} run={run} onFocusItem={(id) => reviewer.focus(id)} />
      )}
      {merging && (
        <ReviewMergeDialog
          api={api}
          onClose={() => setMerging(false)}
          onMerged={() => {
            if (snapshot.view) void reviewer.refresh(null);
            else void reviewer.run({ kind: 'next-item', step: 1 });
          }}
        />
      )}
    </main>
  );
}
