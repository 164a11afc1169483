import { useEffect, useRef } from 'react';
import type { Finder, FinderSnapshot } from '../app/finder';
import '../styles/suggest.css';

/**
 * Find in the open document (Ctrl+F): the query, how many matches and which is current, next
 * and previous (Enter, Shift+Enter), match case, and Escape to close, which selects the match.
 */
export function FindBar({ finder, snapshot }: { finder: Finder; snapshot: FinderSnapshot }) {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [snapshot.focusRequest]);

  const { count, current, capped, query } = snapshot;
  const status = query.trim() === '' ? '' : count === 0 ? 'No matches' : `${current + 1} of ${count}${capped ? '+' : ''}`;
  return (
    <div className="sw-find-bar" role="search" data-testid="find-bar">
      <input
        ref={input}
        type="text"
        value={query}
        placeholder="Find in this document"
        aria-label="Find in this document"
        data-testid="find-input"
        onChange={(event) => finder.setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            finder.step(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            finder.close();
          } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && !event.shiftKey) {
            // Ctrl+F again selects the query to type a new one, instead of the browser's own find.
            event.preventDefault();
            event.currentTarget.select();
          }
        }}
      />
      <span className="sw-find-count" data-testid="find-count" aria-live="polite">
        {status}
      </span>
      <button type="button" onClick={() => finder.step(-1)} disabled={count === 0} title="Previous match (Shift+Enter)" aria-label="Previous match">
        ↑
      </button>
      <button type="button" onClick={() => finder.step(1)} disabled={count === 0} title="Next match (Enter)" aria-label="Next match">
        ↓
      </button>
      <label className="sw-find-case" title="Match upper and lower case exactly">
        <input type="checkbox" checked={snapshot.caseSensitive} onChange={(event) => finder.setCaseSensitive(event.target.checked)} /> Match case
      </label>
      <button type="button" className="sw-quiet" onClick={() => finder.close()} title="Close, selecting the match (Esc)" aria-label="Close the find bar">
        ×
      </button>
    </div>
  );
}
