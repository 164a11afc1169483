import { useEffect, useId, useRef, useState } from 'react';
import type { SpanwiseApi } from '../../shared/api';
import type { SearchHit, SearchQuery } from '../../shared/search';
import type { LabelDef } from '../../shared/types';
import { errorMessage } from '../app/errorMessage';
import { labelClass } from '../editor/labelStyles';
import { Dialog } from './Dialog';
import '../styles/suggest.css';

/** What the search panel asks for; kept by the app so it opens again on the last search. */
export interface CorpusSearchForm {
  text: string;
  /** Empty for a text search of the documents. */
  label: string;
  allLayers: boolean;
  caseSensitive: boolean;
}

export const EMPTY_SEARCH: CorpusSearchForm = { text: '', label: '', allLayers: false, caseSensitive: false };

interface CorpusSearchProps {
  api: Pick<SpanwiseApi, 'searchCorpus'>;
  labels: readonly LabelDef[];
  form: CorpusSearchForm;
  onFormChange: (form: CorpusSearchForm) => void;
  /** Go to a hit (the panel closes). */
  onJump: (hit: SearchHit) => void;
  onClose: () => void;
}

const PAGE = 100;
const TYPING_PAUSE_MS = 200;

interface Results {
  query: SearchQuery;
  hits: SearchHit[];
  next?: number;
}

/**
 * Search every document: by text, or for spans of a label (holding a text) in your layer or in
 * all layers. Results come as you type; ↑ and ↓ move through them, Enter (or a click) goes to
 * one: its document opens with the span or the text selected.
 */
export function CorpusSearch({ api, labels, form, onFormChange, onJump, onClose }: CorpusSearchProps) {
  const [results, setResults] = useState<Results | null>(null);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);
  const list = useRef<HTMLUListElement>(null);
  const listId = useId();

  const query: SearchQuery | null =
    form.text.trim() === '' && form.label === ''
      ? null
      : {
          ...(form.text.trim() !== '' ? { text: form.text } : {}),
          ...(form.label !== '' ? { label: form.label, allLayers: form.allLayers } : {}),
          caseSensitive: form.caseSensitive,
          limit: PAGE,
        };
  const queryKey = JSON.stringify(query);

  const run = async (wanted: SearchQuery, more: Results | null): Promise<Results | null> => {
    const mine = ++ticket.current;
    setBusy(true);
    try {
      const answer = await api.searchCorpus(more ? { ...wanted, from: more.next } : wanted);
      if (mine !== ticket.current) return null;
      const next: Results = { query: wanted, hits: [...(more?.hits ?? []), ...answer.hits], ...(answer.next !== undefined ? { next: answer.next } : {}) };
      setResults(next);
      setError(null);
      if (!more) setActive(0);
      return next;
    } catch (failure) {
      if (mine === ticket.current) setError(errorMessage(failure));
      return null;
    } finally {
      if (mine === ticket.current) setBusy(false);
    }
  };

  useEffect(() => {
    if (!query) {
      ticket.current++;
      setResults(null);
      setBusy(false);
      return;
    }
    const timer = setTimeout(() => void run(query, null), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
    // Keyed by the query's value: a new object with the same fields must not search again.
  }, [queryKey]);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const current = results && JSON.stringify(results.query) === queryKey ? results : null;
  const hits = current?.hits ?? [];
  const documents = new Set(hits.map((hit) => hit.docId)).size;

  const jumpToActive = async () => {
    if (current) {
      const hit = current.hits[active];
      if (hit) onJump(hit);
      return;
    }
    // Enter before the pause ran out: search now and go to the first hit.
    if (!query) return;
    const answer = await run(query, null);
    const first = answer?.hits[0];
    if (first) onJump(first);
  };

  const set = (changes: Partial<CorpusSearchForm>) => onFormChange({ ...form, ...changes });

  return (
    <Dialog title="Search the corpus" testId="corpus-search" onClose={onClose} wide>
      <div className="sw-search-form">
        <input
          type="text"
          value={form.text}
          placeholder={form.label ? `${form.label} spans reading… (empty: every one)` : 'Text to find in every document'}
          aria-label="Text to find"
          aria-controls={listId}
          data-testid="search-text"
          onChange={(event) => set({ text: event.target.value })}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const step = event.key === 'ArrowDown' ? 1 : -1;
              setActive((index) => Math.min(Math.max(index + step, 0), Math.max(hits.length - 1, 0)));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              void jumpToActive();
            }
          }}
        />
        <label>
          Label{' '}
          <select value={form.label} data-testid="search-label" onChange={(event) => set({ label: event.target.value })}>
            <option value="">any (search the text)</option>
            {labels.map((label) => (
              <option key={label.name} value={label.name}>
                {label.name} spans
              </option>
            ))}
          </select>
        </label>
        <label title={form.label ? '' : 'Choose a label to search spans'}>
          In{' '}
          <select
            value={form.allLayers ? 'all' : 'mine'}
            disabled={form.label === ''}
            data-testid="search-layers"
            onChange={(event) => set({ allLayers: event.target.value === 'all' })}
          >
            <option value="mine">my spans</option>
            <option value="all">every layer</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={form.caseSensitive} onChange={(event) => set({ caseSensitive: event.target.checked })} /> Match case
        </label>
      </div>

      <p className="sw-help sw-search-summary" data-testid="search-summary" aria-live="polite">
        {error
          ? `The search failed: ${error}`
          : !query
            ? 'Type a text, choose a label, or both: “LOCATION spans reading Idlib”. ↑ ↓ choose a result, Enter goes to it.'
            : !current
              ? 'Searching…'
              : hits.length === 0
                ? 'Nothing found.'
                : `${hits.length} ${hits.length === 1 ? 'result' : 'results'} in ${documents} ${documents === 1 ? 'document' : 'documents'}${current.next !== undefined ? ' so far' : ''}`}
      </p>

      <ul ref={list} id={listId} className="sw-search-results" role="listbox" aria-label="Results" data-testid="search-results">
        {hits.map((hit, index) => (
          <li
            key={`${hit.docId}:${hit.span?.layer ?? ''}:${hit.span?.id ?? ''}:${hit.start}`}
            role="option"
            aria-selected={index === active}
            data-index={index}
            data-testid="search-hit"
            className={index === active ? 'sw-search-hit sw-active' : 'sw-search-hit'}
            onMouseDown={(event) => event.preventDefault()}
            onMouseEnter={() => setActive(index)}
            onClick={() => onJump(hit)}
          >
            <div className="sw-search-hit-head">
              <span className="sw-search-title">{hit.title}</span>
              {hit.span && (
                <>
                  <span className={`sw-label-pill ${labelClass(labels, hit.span.label)}`}>{hit.span.label}</span>
                  {form.allLayers && <span className="sw-muted">{hit.span.layerName}</span>}
                </>
              )}
            </div>
            <div className="sw-search-snippet" dir="auto">
              {hit.snippet.before}
              <mark>{hit.snippet.match}</mark>
              {hit.snippet.after}
            </div>
          </li>
        ))}
      </ul>
      {current?.next !== undefined && (
        <button type="button" className="sw-search-more" disabled={busy} onClick={() => query && void run(query, current)}>
          More results
        </button>
      )}
    </Dialog>
  );
}
