import { formatScore, type ReviewAnnotator, type ReviewItem, type ReviewItemKind, type ReviewView } from '../../shared/review';
import type { LabelDef, Span } from '../../shared/types';
import { chordText, type ReviewCommand } from '../app/keys';
import { labelClass } from '../editor/labelStyles';
import type { ReviewSnapshot } from '../review/reviewer';
import { shortQuote } from '../review/quote';

interface ReviewPanelProps {
  snapshot: ReviewSnapshot;
  labels: readonly LabelDef[];
  run: (command: ReviewCommand) => void;
  onFocusItem: (itemId: string) => void;
}

/** The kinds in the order the list shows them, each with its heading. */
const KINDS: ReadonlyArray<[ReviewItemKind, string]> = [
  ['label', 'Different labels'],
  ['boundary', 'Different boundaries'],
  ['missing', 'Only some annotators'],
  ['agreed', 'Agreed, not yet in gold'],
];

/**
 * The side of the review: where the document stands, its open items by kind (each with every
 * annotator's version, numbered for the keys), and a button for every key.
 */
export function ReviewPanel({ snapshot, labels, run, onFocusItem }: ReviewPanelProps) {
  const { view, itemId, busy, notice, canUndo } = snapshot;
  const button = (command: ReviewCommand, text: string, chord: string, disabled = false, testId?: string) => (
    <button type="button" onClick={() => run(command)} disabled={busy || disabled} title={`${text} (${chordText(chord)})`} data-testid={testId}>
      {text} <kbd>{chordText(chord)}</kbd>
    </button>
  );
  return (
    <aside className="rv-panel" aria-label="Disagreements">
      <div className="rv-panel-head">
        <h2>Review</h2>
        {view && (
          <span className="sw-count" data-testid="review-progress">
            {view.items.length} open · {view.decided} decided · F1 {formatScore(view.meanF1)}
          </span>
        )}
      </div>
      <div className="rv-actions">
        {button({ kind: 'next-item', step: -1 }, 'Previous', 'p')}
        {button({ kind: 'next-item', step: 1 }, 'Next', 'n', false, 'review-next')}
        {button({ kind: 'undo-decision' }, 'Take back', 'Ctrl+Z', !canUndo)}
        {button({ kind: 'merge-work' }, 'Bring in work…', 'm', false, 'review-merge')}
      </div>
      <div className="rv-actions">
        {button({ kind: 'accept-agreed', scope: 'document' }, 'Accept agreed here', 'a', !view)}
        {button({ kind: 'accept-agreed', scope: 'corpus' }, 'Accept agreed everywhere', 'Shift+A')}
      </div>

      <div className="rv-items" data-testid="review-items">
        {view && view.items.length === 0 && <p className="sw-empty-note">Nothing left to decide in this document.</p>}
        {view &&
          KINDS.map(([kind, heading]) => {
            const items = view.items.filter((item) => item.kind === kind);
            if (items.length === 0) return null;
            return (
              <section key={kind} className="rv-kind">
                <h3>
                  {heading} <span className="sw-count">{items.length}</span>
                </h3>
                <ul>
                  {items.map((item) => (
                    <li key={item.id}>
                      <ItemEntry
                        item={item}
                        view={view}
                        labels={labels}
                        current={item.id === itemId}
                        onFocus={() => onFocusItem(item.id)}
                      />
                      {item.id === itemId && <Decisions item={item} view={view} busy={busy} run={run} />}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
      </div>
      <p role="status" className={`rv-notice sw-message-${notice?.tone ?? 'info'}`} data-testid="review-message">
        {notice?.text ?? ''}
      </p>
    </aside>
  );
}

interface ItemEntryProps {
  item: ReviewItem;
  view: ReviewView;
  labels: readonly LabelDef[];
  current: boolean;
  onFocus: () => void;
}

/** One item: what each annotator who worked on the document has there, numbered for the keys. */
function ItemEntry({ item, view, labels, current, onFocus }: ItemEntryProps) {
  return (
    <button
      type="button"
      className={`rv-item${current ? ' rv-item-current' : ''}`}
      aria-current={current ? 'true' : undefined}
      data-testid="review-item"
      data-item-id={item.id}
      onClick={onFocus}
    >
      {view.annotators.map((annotator, index) =>
        Object.hasOwn(item.spans, annotator.id) ? (
          <span key={annotator.id} className="rv-version">
            <kbd>{index + 1}</kbd>
            <span className="rv-initials" title={annotator.name}>
              {annotator.initials}
            </span>
            <Version spans={item.spans[annotator.id]} labels={labels} />
          </span>
        ) : null,
      )}
    </button>
  );
}

function Version({ spans, labels }: { spans: readonly Span[]; labels: readonly LabelDef[] }) {
  if (spans.length === 0) return <span className="sw-muted">nothing here</span>;
  return (
    <span className="rv-spans">
      {spans.map((span) => (
        <span key={span.id}>
          <span className={`sw-label-pill ${labelClass(labels, span.label)}`}>{span.label}</span> “<bdi>{shortQuote(span.text)}</bdi>”
        </span>
      ))}
    </span>
  );
}

interface DecisionsProps {
  item: ReviewItem;
  view: ReviewView;
  busy: boolean;
  run: (command: ReviewCommand) => void;
}

/** The buttons deciding the item in focus, each showing its key. */
function Decisions({ item, view, busy, run }: DecisionsProps) {
  const working: Array<[ReviewAnnotator, number]> = view.annotators.flatMap((a, index): Array<[ReviewAnnotator, number]> =>
    Object.hasOwn(item.spans, a.id) ? [[a, index + 1]] : [],
  );
  const withSpans = working.filter(([a]) => item.spans[a.id].length > 0).length;
  return (
    <div className="rv-decisions">
      {working.map(([annotator, number]) => (
        <button
          key={annotator.id}
          type="button"
          disabled={busy}
          onClick={() => run({ kind: 'accept', annotator: number })}
          title={`Accept ${annotator.name}’s version (${number})`}
          data-testid={`accept-${number}`}
        >
          {item.spans[annotator.id].length > 0 ? `Accept ${annotator.initials}` : `As ${annotator.initials}: none`} <kbd>{number}</kbd>
        </button>
      ))}
      {withSpans > 1 && (
        <button type="button" disabled={busy} onClick={() => run({ kind: 'accept-all' })} title="Accept both versions (B)">
          Both <kbd>B</kbd>
        </button>
      )}
      <button type="button" disabled={busy} onClick={() => run({ kind: 'reject' })} title="Reject: none goes into gold (X)">
        Reject <kbd>X</kbd>
      </button>
      <button type="button" disabled={busy} onClick={() => run({ kind: 'edit-by-hand' })} title="Edit by hand in the gold layer (E)">
        Edit <kbd>E</kbd>
      </button>
    </div>
  );
}
