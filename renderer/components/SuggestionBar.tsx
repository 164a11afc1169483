import { type MouseEvent } from 'react';
import type { LabelDef, Span } from '../../shared/types';
import type { SuggestionTray, TraySnapshot } from '../app/suggestionTray';
import { labelClass } from '../editor/labelStyles';
import '../styles/suggest.css';

interface SuggestionBarProps {
  tray: SuggestionTray;
  snapshot: TraySnapshot;
  labels: readonly LabelDef[];
  selectedSpan: Span | null;
  readOnly: boolean;
}

/** Keeps the keyboard focus (and the selection) in the article when a button is pressed. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

const QUOTE_MAX = 48;

/**
 * The line under the document bar: how many suggestions there are, the focused one with where
 * it came from, and the buttons (each naming its key) to go through, accept, reject, hide them,
 * and to tag every occurrence of the selected span's text.
 */
export function SuggestionBar({ tray, snapshot, labels, selectedSpan, readOnly }: SuggestionBarProps) {
  const focused = tray.focused();
  const count = snapshot.suggestions.length;
  return (
    <div className="sw-suggest-bar" data-testid="suggestion-bar" aria-busy={snapshot.loading}>
      <button
        type="button"
        className="sw-suggest-toggle"
        data-testid="toggle-suggestions"
        aria-pressed={snapshot.visible}
        onMouseDown={keepFocus}
        onClick={() => tray.toggleVisible()}
        title={`${snapshot.visible ? 'Hide' : 'Show'} the suggestions (Shift+S)`}
      >
        <span className="sw-suggest-swatch" aria-hidden="true" /> Suggestions{' '}
        <span data-testid="suggestion-count">{snapshot.loading && count === 0 ? '…' : count}</span>
      </button>
      {snapshot.visible && (
        <>
          <button type="button" onMouseDown={keepFocus} onClick={() => tray.step(-1)} disabled={count === 0} title="Previous suggestion (Shift+N)" aria-label="Previous suggestion">
            ‹
          </button>
          <button type="button" onMouseDown={keepFocus} onClick={() => tray.step(1)} disabled={count === 0} title="Next suggestion (N)" aria-label="Next suggestion">
            ›
          </button>
          {focused ? (
            <>
              <span className="sw-suggest-focus" data-testid="focused-suggestion">
                <span className={`sw-label-pill ${labelClass(labels, focused.label)}`}>{focused.label}?</span> “<bdi>{shorten(focused.text)}</bdi>”{' '}
                <span className="sw-muted" data-testid="focused-source">
                  {(focused.sources ?? [focused.source]).join(', ')} · {Math.round(focused.score * 100)}%
                </span>
              </span>
              <button type="button" className="sw-primary" onMouseDown={keepFocus} onClick={() => tray.accept()} disabled={readOnly} title="Accept into your layer (Enter)">
                Accept <kbd>Enter</kbd>
              </button>
              <button type="button" onMouseDown={keepFocus} onClick={() => tray.reject()} disabled={readOnly} title="Reject; it is not offered again (X)">
                Reject <kbd>X</kbd>
              </button>
            </>
          ) : (
            <span className="sw-muted sw-suggest-hint">{count > 0 ? 'N: next · Enter: accept · X: reject' : ''}</span>
          )}
        </>
      )}
      <span className="sw-spacer" />
      <button
        type="button"
        data-testid="tag-occurrences"
        onMouseDown={keepFocus}
        onClick={() => void tray.tagOccurrences('document')}
        disabled={readOnly || !selectedSpan}
        title="Tag the other occurrences of the selected span’s text in this document (O); in every document: Shift+O"
      >
        Tag all <kbd>O</kbd>
      </button>
    </div>
  );
}

function shorten(text: string): string {
  const characters = [...text.replace(/\s+/g, ' ')];
  return characters.length > QUOTE_MAX ? `${characters.slice(0, QUOTE_MAX - 1).join('')}…` : characters.join('');
}
