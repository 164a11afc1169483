import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import { RESERVED_HOTKEYS, type LabelChangeSummary } from '../../shared/labelSchema';
import type { AttributeDef, LabelDef } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { actionForKey, chordText } from '../app/keys';
import {
  draftProblems,
  draftsOf,
  isDirty,
  labelsOf,
  newDraftAttribute,
  newDraftLabel,
  renamesOf,
  type DraftAttribute,
  type DraftLabel,
} from '../app/labelDraft';
import { labelClass } from '../editor/labelStyles';

interface LabelSchemaScreenProps {
  api: SpanwiseApi;
  /** The project's saved labels. */
  labels: readonly LabelDef[];
  readOnly: boolean;
  onClose: () => void;
  /** The schema changed on disk: the app fetches the session and the open document again. */
  onSaved: (summary: LabelChangeSummary) => void;
  /** Filled with what the app's keys ask of the screen while it is on show. */
  hooks: RefObject<ScreenHooks | null>;
}

/** What a screen offers the app's key handler. */
export interface ScreenHooks {
  /** Ask before leaving changes unsaved; true when the screen may go. */
  canLeave(): boolean;
  /** Ctrl+Enter: apply what was edited. */
  apply(): void;
}

const ATTRIBUTE_TYPES: AttributeDef['type'][] = ['enum', 'integer', 'date', 'text'];
const APPLY_KEY = chordText('Ctrl+Enter');

/**
 * The label schema: add, rename, recolour, reorder and remove labels, change their hotkeys,
 * definitions and attributes. Nothing is saved until "Apply"; a change that renames or removes
 * spans says how many first and asks.
 */
export function LabelSchemaScreen({ api, labels, readOnly, onClose, onSaved, hooks }: LabelSchemaScreenProps) {
  const [drafts, setDrafts] = useState<DraftLabel[]>(() => draftsOf(labels));
  const [pending, setPending] = useState<LabelChangeSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);
  const root = useRef<HTMLElement>(null);
  const savedKey = JSON.stringify(labels);

  // New saved labels (after applying, or from another window) start the drafts afresh.
  useEffect(() => {
    setDrafts(draftsOf(labels));
    setPending(null);
    // Keyed on the content: `labels` is a new array on every session fetch.
  }, [savedKey]);

  useEffect(() => {
    root.current?.focus();
  }, []);

  const problems = draftProblems(drafts, labels);
  const dirty = isDirty(drafts, labels);

  useEffect(() => {
    hooks.current = {
      canLeave: () => !dirty || window.confirm('Leave the label schema without applying your changes?'),
      apply: () => void apply(pending !== null),
    };
    return () => {
      hooks.current = null;
    };
  });

  const update = (key: string, change: Partial<DraftLabel>) => {
    setPending(null);
    setDrafts((all) => all.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  };
  const move = (index: number, step: -1 | 1) => {
    setDrafts((all) => {
      const next = [...all];
      const [moved] = next.splice(index, 1);
      next.splice(index + step, 0, moved!);
      return next;
    });
  };

  const apply = async (confirmed: boolean) => {
    if (readOnly || busy || problems.length > 0 || !dirty) return;
    setBusy(true);
    setMessage(null);
    try {
      const next = labelsOf(drafts);
      const renames = renamesOf(drafts);
      if (!confirmed) {
        const preview = await api.previewLabelChange(next, renames);
        if (preview.removed.some((entry) => entry.spans > 0) || preview.renamed.some((entry) => entry.spans > 0)) {
          setPending(preview);
          return;
        }
      }
      const summary = await api.updateLabels(next, renames);
      setPending(null);
      setMessage({ text: describeDone(summary), tone: 'info' });
      // The rows are rebuilt from the saved labels, so the field that had the focus goes; the
      // screen takes it at once, and the next Esc goes back to annotating.
      root.current?.focus();
      onSaved(summary);
    } catch (error) {
      setMessage({ text: errorMessage(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const action = actionForKey(event.nativeEvent, [], 'other-screen');
    if (action?.kind === 'apply-labels') {
      event.preventDefault();
      void apply(pending !== null);
    } else if (event.key === 'Escape' && event.target !== root.current) {
      // Esc leaves the field first; the next one leaves the screen.
      event.preventDefault();
      event.stopPropagation();
      root.current?.focus();
    }
  };

  return (
    <main ref={root} className="sw-screen" tabIndex={-1} aria-labelledby="sw-labels-title" data-testid="label-schema-screen" onKeyDown={onKeyDown}>
      <div className="sw-screen-head">
        <h1 id="sw-labels-title">Label schema</h1>
        <span className="sw-spacer" />
        <button type="button" onClick={() => setDrafts(draftsOf(labels))} disabled={!dirty || busy}>
          Discard changes
        </button>
        <button
          type="button"
          className="sw-primary"
          data-testid="apply-labels"
          onClick={() => void apply(false)}
          disabled={readOnly || busy || !dirty || problems.length > 0}
          title={`Apply the changes (${APPLY_KEY})`}
        >
          Apply changes <kbd>{APPLY_KEY}</kbd>
        </button>
        <button type="button" onClick={onClose} title="Back to annotating (Esc)">
          Back <kbd>Esc</kbd>
        </button>
      </div>
      <div className="sw-screen-body sw-schema-body">
        {readOnly && <p className="sw-banner sw-banner-warning">Read-only: another Spanwise has this project open, so the labels cannot be changed here.</p>}
        <p className="sw-help">
          Renaming a label renames its spans in every annotator’s layer, the gold layer and suggestions. Removing one removes its spans
          there; you will be told how many first. Hotkeys are single characters; the app keeps {RESERVED_HOTKEYS.join(' ')} for itself.
        </p>
        {problems.length > 0 && (
          <ul className="sw-error sw-problems" role="alert" data-testid="schema-problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {pending && <Confirmation summary={pending} busy={busy} onConfirm={() => void apply(true)} onCancel={() => setPending(null)} />}
        {message && (
          <p className={message.tone === 'error' ? 'sw-error' : 'sw-note'} role="status" data-testid="schema-message">
            {message.text}
          </p>
        )}
        <ol className="sw-schema-list">
          {drafts.map((draft, index) => (
            <LabelRow
              key={draft.key}
              draft={draft}
              index={index}
              count={drafts.length}
              colorClass={draft.original ? labelClass(labels, draft.original) : ''}
              disabled={readOnly || busy}
              onChange={(change) => update(draft.key, change)}
              onMove={(step) => move(index, step)}
              onRemove={() => setDrafts((all) => all.filter((each) => each.key !== draft.key))}
            />
          ))}
        </ol>
        <button type="button" data-testid="add-label" onClick={() => setDrafts((all) => [...all, newDraftLabel(all)])} disabled={readOnly || busy}>
          + Add a label
        </button>
      </div>
    </main>
  );
}

/** What applying will do to spans, and the question whether to go on. */
function Confirmation({ summary, busy, onConfirm, onCancel }: { summary: LabelChangeSummary; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const removing = summary.removed.filter((entry) => entry.spans > 0);
  return (
    <div className="sw-banner sw-banner-warning sw-confirm" role="alertdialog" aria-label="Confirm the change" data-testid="schema-confirm">
      <ul>
        {summary.renamed
          .filter((entry) => entry.spans > 0)
          .map((entry) => (
            <li key={entry.from}>
              {spans(entry.spans)} of {entry.from} will be renamed {entry.to}.
            </li>
          ))}
        {removing.map((entry) => (
          <li key={entry.label}>
            <strong>
              {spans(entry.spans)} of {entry.label} will be removed
            </strong>{' '}
            from every layer (their undo history too).
          </li>
        ))}
        <li>
          {summary.files} layer {summary.files === 1 ? 'file changes' : 'files change'}.
          {summary.skipped.length > 0 && ` ${summary.skipped.length} could not be read and stay as they are.`}
        </li>
      </ul>
      <div className="sw-actions">
        <button type="button" className="sw-primary" data-testid="confirm-labels" onClick={onConfirm} disabled={busy} autoFocus>
          {removing.length > 0 ? 'Remove them and apply' : 'Apply'}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}

interface LabelRowProps {
  draft: DraftLabel;
  index: number;
  count: number;
  colorClass: string;
  disabled: boolean;
  onChange: (change: Partial<DraftLabel>) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

function LabelRow({ draft, index, count, colorClass, disabled, onChange, onMove, onRemove }: LabelRowProps) {
  const id = `sw-label-row-${draft.key}`;
  const who = draft.name || `label ${index + 1}`;
  const setAttribute = (key: string, change: Partial<DraftAttribute>) =>
    onChange({ attributes: draft.attributes.map((attribute) => (attribute.key === key ? { ...attribute, ...change } : attribute)) });
  return (
    <li className={`sw-schema-label ${colorClass}`} data-testid="schema-label">
      <div className="sw-schema-row">
        <div className="sw-order" role="group" aria-label={`Move ${who}`}>
          <button type="button" className="sw-quiet" onClick={() => onMove(-1)} disabled={disabled || index === 0} aria-label={`Move ${who} up`} title="Move up">
            ↑
          </button>
          <button type="button" className="sw-quiet" onClick={() => onMove(1)} disabled={disabled || index === count - 1} aria-label={`Move ${who} down`} title="Move down">
            ↓
          </button>
        </div>
        <input type="color" className="sw-color" value={draft.color} onChange={(event) => onChange({ color: event.target.value })} disabled={disabled} aria-label={`Colour of ${who}`} />
        <label className="sw-field sw-field-name">
          Name
          <input value={draft.name} onChange={(event) => onChange({ name: event.target.value })} disabled={disabled} data-testid="label-name" spellCheck={false} />
        </label>
        <label className="sw-field sw-field-keys">
          Hotkeys
          <input value={draft.hotkeys} onChange={(event) => onChange({ hotkeys: event.target.value })} disabled={disabled} data-testid="label-hotkeys" placeholder="e.g. 5 w" spellCheck={false} />
        </label>
        <button type="button" className="sw-quiet sw-remove" onClick={onRemove} disabled={disabled} data-testid="remove-label" aria-label={`Remove ${who}`}>
          Remove
        </button>
      </div>
      {draft.original !== null && draft.original !== draft.name.trim() && (
        <p className="sw-help">
          Renamed from <strong>{draft.original}</strong>: its spans follow.
        </p>
      )}
      <label className="sw-field">
        Definition
        <textarea id={`${id}-definition`} rows={3} value={draft.definition} onChange={(event) => onChange({ definition: event.target.value })} disabled={disabled} />
      </label>
      <div className="sw-schema-attributes">
        <span className="sw-field-caption">Attributes</span>
        {draft.attributes.map((attribute) => (
          <div key={attribute.key} className="sw-schema-attribute" data-testid="schema-attribute">
            <input value={attribute.name} onChange={(event) => setAttribute(attribute.key, { name: event.target.value })} disabled={disabled} aria-label={`Attribute name of ${who}`} placeholder="name" spellCheck={false} />
            <select value={attribute.type} onChange={(event) => setAttribute(attribute.key, { type: event.target.value as AttributeDef['type'] })} disabled={disabled} aria-label={`Type of ${attribute.name || 'the attribute'}`}>
              {ATTRIBUTE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
            {attribute.type === 'enum' ? (
              <input value={attribute.values} onChange={(event) => setAttribute(attribute.key, { values: event.target.value })} disabled={disabled} aria-label={`Values of ${attribute.name || 'the attribute'}`} placeholder="values, separated by commas" />
            ) : (
              <span className="sw-muted sw-attribute-hint">{attribute.type === 'date' ? 'ISO date: 2024, 2024-03, 2024-03-12' : attribute.type === 'integer' ? 'a whole number' : 'free text'}</span>
            )}
            <button type="button" className="sw-quiet" onClick={() => onChange({ attributes: draft.attributes.filter((each) => each.key !== attribute.key) })} disabled={disabled} aria-label={`Remove the attribute ${attribute.name}`}>
              ×
            </button>
          </div>
        ))}
        <button type="button" className="sw-quiet sw-add-attribute" onClick={() => onChange({ attributes: [...draft.attributes, newDraftAttribute()] })} disabled={disabled} data-testid="add-attribute">
          + Add an attribute
        </button>
      </div>
    </li>
  );
}

function spans(count: number): string {
  return `${count} ${count === 1 ? 'span' : 'spans'}`;
}

function describeDone(summary: LabelChangeSummary): string {
  const parts = [
    ...summary.renamed.map((entry) => `${spans(entry.spans)} renamed ${entry.from} → ${entry.to}`),
    ...summary.removed.map((entry) => `${spans(entry.spans)} of ${entry.label} removed`),
  ];
  const skipped = summary.skipped.length > 0 ? ` ${summary.skipped.length} unreadable layer files were left as they were: ${summary.skipped.map((problem) => problem.file).join(', ')}.` : '';
  return `The label schema is saved${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.${skipped}`;
}
