import type { RefObject } from 'react';
import { GENERAL_RULES } from '../../shared/labels';
import type { DocumentRecord, LabelDef, Span } from '../../shared/types';
import type { Workbench } from '../app/workbench';
import { labelClass } from '../editor/labelStyles';
import { SpanAttributes } from './SpanAttributes';

interface LabelPanelProps {
  labels: readonly LabelDef[];
  selectedSpan: Span | null;
  /** The open document, which the selected span is in. */
  document: DocumentRecord | null;
  workbench: Workbench;
  readOnly: boolean;
  /** Filled with what moves the keyboard into the selected span's attributes. */
  attributeFocus: RefObject<(() => void) | null>;
  onShowShortcuts: () => void;
}

const QUOTE_MAX = 80;

/**
 * The selected span with its attributes and note, then the labels with their keys and
 * guideline definitions; a button per label applies it.
 */
export function LabelPanel({ labels, selectedSpan, document, workbench, readOnly, attributeFocus, onShowShortcuts }: LabelPanelProps) {
  return (
    <aside className="sw-label-panel" aria-label="Labels">
      <div className="sw-selection-box" data-testid="selection-info">
        {selectedSpan ? (
          <>
            <div>
              <span className={`sw-label-pill ${labelClass(labels, selectedSpan.label)}`}>{selectedSpan.label}</span>{' '}
              “<bdi>{shorten(selectedSpan.text)}</bdi>”
            </div>
            <div className="sw-help">
              A label key relabels it · Enter edits its attributes · Delete removes it · Esc deselects · Tab goes to the next span
            </div>
            {document && (
              <SpanAttributes
                key={selectedSpan.id}
                span={selectedSpan}
                label={labels.find((label) => label.name === selectedSpan.label)}
                document={document}
                readOnly={readOnly}
                onSave={(set) => workbench.updateSpan(selectedSpan.id, set)}
                onDone={() => workbench.focusArticle()}
                focusRef={attributeFocus}
              />
            )}
          </>
        ) : (
          <div className="sw-help">Select text (Shift+arrows or the mouse), then press a label key. Tab or a click selects a span.</div>
        )}
      </div>

      <h2>Labels</h2>
      <ul className="sw-labels">
        {labels.map((label) => {
          const definitionId = `sw-definition-${label.name}`;
          return (
            <li key={label.name} className={`sw-label-entry ${labelClass(labels, label.name)}`}>
              <button
                type="button"
                className="sw-label-button"
                data-testid={`label-${label.name}`}
                aria-describedby={definitionId}
                aria-pressed={selectedSpan ? selectedSpan.label === label.name : undefined}
                disabled={readOnly}
                // The text selection lives in the article; the button must not take it away.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => workbench.applyLabel(label.name)}
              >
                <span className="sw-swatch" aria-hidden="true" />
                <span className="sw-label-name">{label.name}</span>
                <span className="sw-hotkeys" aria-label={`keys ${label.hotkeys.join(' or ')}`}>
                  {label.hotkeys.map((key) => (
                    <kbd key={key}>{key.toUpperCase()}</kbd>
                  ))}
                </span>
              </button>
              <p id={definitionId} className="sw-definition">
                {label.definition}
              </p>
            </li>
          );
        })}
      </ul>

      <details className="sw-rules">
        <summary>General rules</summary>
        <ul>
          {GENERAL_RULES.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </details>
      <button type="button" className="sw-quiet sw-shortcuts-button" data-testid="show-shortcuts" onClick={onShowShortcuts} title="Keyboard shortcuts (?)">
        Every keyboard shortcut <kbd>?</kbd>
      </button>
    </aside>
  );
}

function shorten(text: string): string {
  const characters = [...text.replace(/\s+/g, ' ')];
  return characters.length > QUOTE_MAX ? `${characters.slice(0, QUOTE_MAX - 1).join('')}…` : characters.join('');
}
