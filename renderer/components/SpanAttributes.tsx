import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { parseAttributeInput, proposedAttributes, setValues, type AttributeValue } from '../../shared/attributes/values';
import type { AttributeDef, AttributeValues, DocumentRecord, LabelDef, Span, SpanChanges } from '../../shared/types';

interface SpanAttributesProps {
  span: Span;
  /** The span's label in the schema; undefined for a label the project no longer has. */
  label: LabelDef | undefined;
  document: DocumentRecord;
  readOnly: boolean;
  /** Save changed fields of the span; the workbench sends them at once, undoable. */
  onSave: (set: SpanChanges) => void;
  /** Hand the keyboard back to the article. */
  onDone: () => void;
  /** Filled with what moves the keyboard into the panel (Enter in the article asks for it). */
  focusRef: RefObject<(() => void) | null>;
}

/**
 * The selected span's attributes (as its label defines them) and its note. Each field is saved
 * as soon as it is left or Enter is pressed; there is no Save button. When the span has no
 * attribute values yet, the values read from its text are shown as a proposal, which Enter
 * (or the button) accepts; changing any field keeps the rest of the proposal with it.
 */
export function SpanAttributes({ span, label, document, readOnly, onSave, onDone, focusRef }: SpanAttributesProps) {
  const root = useRef<HTMLDivElement>(null);
  const defs = label?.attributes ?? [];
  const stored = setValues(span.attributes);
  const hasStored = Object.keys(stored).length > 0;
  const { text: documentText, meta } = document;
  const proposal = useMemo(
    () => (hasStored ? {} : proposedAttributes(label, span, documentText, meta.publishedAt)),
    // The span object changes with every save; what the proposal reads from it does not.
    [hasStored, label, span.start, span.end, span.label, span.text, documentText, meta.publishedAt],
  );
  const proposing = Object.keys(proposal).length > 0;
  const shown: AttributeValues = hasStored ? stored : proposal;

  useEffect(() => {
    focusRef.current = () => root.current?.querySelector<HTMLElement>('[data-first-focus], input, select, textarea')?.focus();
    return () => {
      focusRef.current = null;
    };
  });

  const accept = () => {
    onSave({ attributes: proposal });
    onDone();
  };
  const saveAttribute = (name: string, value: AttributeValue) => onSave({ attributes: setValues({ ...shown, [name]: value }) });
  /** Enter in a field with nothing changed: accept what is proposed, then back to the article. */
  const finish = () => (proposing ? accept() : onDone());

  return (
    <div ref={root} className="sw-attributes" data-testid="span-attributes" aria-label="Span attributes">
      {proposing && (
        <div className="sw-proposal" data-testid="proposal">
          <span className="sw-help">Proposed from the text</span>
          <button type="button" className="sw-primary" data-first-focus data-testid="accept-proposal" onClick={accept} disabled={readOnly} title="Accept proposal (Enter)">
            Accept proposal <kbd>Enter</kbd>
          </button>
        </div>
      )}
      {defs.map((def) => (
        <AttributeField
          key={`${span.id}:${def.name}`}
          def={def}
          value={Object.hasOwn(shown, def.name) ? shown[def.name]! : null}
          proposed={proposing && Object.hasOwn(proposal, def.name)}
          disabled={readOnly}
          onCommit={(value) => saveAttribute(def.name, value)}
          onFinish={finish}
          onCancel={onDone}
        />
      ))}
      <NoteField key={`${span.id}:note`} note={span.note ?? ''} disabled={readOnly} onCommit={(note) => onSave({ note })} onDone={onDone} />
    </div>
  );
}

interface FieldProps {
  def: AttributeDef;
  value: AttributeValue;
  proposed: boolean;
  disabled: boolean;
  onCommit: (value: AttributeValue) => void;
  /** Enter with nothing to save. */
  onFinish: () => void;
  /** Escape: the draft is dropped. */
  onCancel: () => void;
}

const INPUT_TYPES: Record<Exclude<AttributeDef['type'], 'enum'>, { inputMode?: 'numeric'; placeholder: string }> = {
  integer: { inputMode: 'numeric', placeholder: 'a whole number' },
  date: { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD' },
  text: { placeholder: '' },
};

/** One attribute: a list to choose from for an enum, a text field (checked on save) otherwise. */
function AttributeField({ def, value, proposed, disabled, onCommit, onFinish, onCancel }: FieldProps) {
  const id = useId();
  const text = value === null ? '' : String(value);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  // Enter and Escape hand the focus back, and the blur that follows must not save again.
  const settled = useRef(false);
  useEffect(() => {
    setDraft(text);
    setError(null);
  }, [text]);

  /** Save the draft if it changed; false when it cannot be read (the reason is shown). */
  const commit = (): boolean => {
    if (draft === text) return true;
    const parsed = parseAttributeInput(def, draft);
    if (!parsed.ok) {
      setError(parsed.message);
      return false;
    }
    setError(null);
    onCommit(parsed.value);
    return true;
  };
  const onBlur = () => {
    if (settled.current) settled.current = false;
    else commit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      if (draft === text) {
        settled.current = true;
        onFinish();
      } else if (commit()) {
        settled.current = true;
        onCancel();
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDraft(text);
      setError(null);
      settled.current = true;
      onCancel();
    }
  };

  const className = `sw-attribute-input${proposed ? ' sw-proposed' : ''}`;
  return (
    <div className="sw-attribute">
      <label htmlFor={id}>
        {def.name}
        {proposed && <span className="sw-proposed-tag">proposed</span>}
      </label>
      {def.type === 'enum' ? (
        <select
          id={id}
          className={className}
          value={text}
          disabled={disabled}
          data-testid={`attribute-${def.name}`}
          onChange={(event) => onCommit(event.target.value === '' ? null : event.target.value)}
          onKeyDown={onKeyDown}
        >
          <option value="">—</option>
          {(def.values ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className={className}
          value={draft}
          disabled={disabled}
          data-testid={`attribute-${def.name}`}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          inputMode={INPUT_TYPES[def.type].inputMode}
          placeholder={INPUT_TYPES[def.type].placeholder}
          onChange={(event) => setDraft(event.target.value)}
          onFocus={() => (settled.current = false)}
          onBlur={onBlur}
          onKeyDown={onKeyDown}
        />
      )}
      {def.description && <p className="sw-help">{def.description}</p>}
      {error && (
        <p id={`${id}-error`} className="sw-field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The free-text note any span may carry. Enter saves it (Shift+Enter starts a new line). */
function NoteField({ note, disabled, onCommit, onDone }: { note: string; disabled: boolean; onCommit: (note: string) => void; onDone: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState(note);
  const settled = useRef(false);
  useEffect(() => setDraft(note), [note]);
  const commit = () => {
    if (draft.trim() !== note) onCommit(draft.trim());
  };
  return (
    <div className="sw-attribute">
      <label htmlFor={id}>note</label>
      <textarea
        id={id}
        className="sw-attribute-input"
        rows={2}
        value={draft}
        disabled={disabled}
        data-testid="span-note"
        placeholder="Anything worth knowing about this span"
        onChange={(event) => setDraft(event.target.value)}
        onFocus={() => (settled.current = false)}
        onBlur={() => {
          if (settled.current) settled.current = false;
          else commit();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            commit();
            settled.current = true;
            onDone();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            setDraft(note);
            settled.current = true;
            onDone();
          }
        }}
      />
    </div>
  );
}
