import { GENERAL_RULES } from '../../shared/labels';
import type { LabelDef, Span } from '../../shared/types';
import type { Workbench } from '../app/workbench';
import { labelClass } from '../editor/labelStyles';

interface LabelPanelProps {
  labels: readonly LabelDef[];
  selectedSpan: Span | null;
  workbench: Workbench;
  readOnly: boolean;
}

const QUOTE_MAX = 80;

/** The labels with their keys and guideline definitions; a button per label applies it. */
export function LabelPanel({ labels, selectedSpan, workbench, readOnly }: LabelPanelProps) {
  return (
    <aside className="sw-label-panel" aria-label="Labels">
      <div className="sw-selection-box" data-testid="selection-info">
        {selectedSpan ? (
          <>
            <div>
              <span className={`sw-label-pill ${labelClass(labels, selectedSpan.label)}`}>{selectedSpan.label}</span>{' '}
              “<bdi>{shorten(selectedSpan.text)}</bdi>”
            </div>
            <div className="sw-help">A label key relabels it · Delete removes it · Esc deselects · click again for the span around it</div>
          </>
        ) : (
          <div className="sw-help">Select text, then press a label key. Click a span to select it.</div>
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
      <details className="sw-rules">
        <summary>Keyboard</summary>
        <dl className="sw-keys">
          <dt>Shift+←/→, Ctrl+Shift+←/→</dt>
          <dd>grow the selection by a character or a word</dd>
          <dt>Alt+↓ / Alt+↑, ] / [</dt>
          <dd>next / previous document</dd>
          <dt>Ctrl+Enter</dt>
          <dd>mark the document done (again to reopen)</dd>
          <dt>Ctrl+Z, Ctrl+Shift+Z</dt>
          <dd>undo, redo</dd>
        </dl>
      </details>
    </aside>
  );
}

function shorten(text: string): string {
  const characters = [...text.replace(/\s+/g, ' ')];
  return characters.length > QUOTE_MAX ? `${characters.slice(0, QUOTE_MAX - 1).join('')}…` : characters.join('');
}
