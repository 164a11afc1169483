/**
 * Finding in the open document (the find bar, Ctrl+F) and going to what the corpus search
 * found. Matches are worked out here from the document text and drawn by the display; closing
 * the bar selects the current match, so a label key tags it next.
 */
import { findTextMatches, type SearchHit, type TextRange } from '../../shared/search';
import type { WorkbenchSnapshot } from './workbench';

/** What the finder needs from the article display. */
export interface MatchDisplay {
  /** Highlight these matches, `current` (an index, or -1) the most. */
  showMatches(matches: readonly TextRange[], current: number): void;
  /** Make another match the current one and scroll it into view. */
  showCurrentMatch(index: number): void;
  /** Select a stretch of the text, give the article the focus and scroll the stretch into view. */
  revealRange(range: TextRange): void;
  /** Select a span of the layer on show, put the caret at its start and scroll it into view. */
  revealSpan(id: string): void;
  /** The text selection in code points, or null when nothing is selected. */
  selectedRange(): TextRange | null;
  caretOffset(): number;
}

/** What the finder needs from the workbench (which holds the open document). */
export interface FinderWorkbench {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Pick<WorkbenchSnapshot, 'document' | 'spans'>;
  /** Show a document; resolves once it is on show (or could not be opened). */
  open(docId: string): Promise<void>;
}

export interface FinderSnapshot {
  open: boolean;
  query: string;
  caseSensitive: boolean;
  /** Matches found (at most `MATCH_LIMIT`). */
  count: number;
  /** Index of the current match, or -1. */
  current: number;
  /** True when there were more matches than are shown. */
  capped: boolean;
  /** Goes up each time the bar is asked for, so it takes the focus again when already open. */
  focusRequest: number;
}

/** More matches than this are not drawn: a search for "a" must not freeze the article. */
export const MATCH_LIMIT = 5_000;
/** A selection longer than this, or over a line break, is not a query the bar starts with. */
const LONGEST_PREFILL = 200;

export class Finder {
  private snapshot: FinderSnapshot = { open: false, query: '', caseSensitive: false, count: 0, current: -1, capped: false, focusRequest: 0 };
  private readonly listeners = new Set<() => void>();
  private display: MatchDisplay | null = null;
  private matches: TextRange[] = [];
  private docText: string | null = null;
  private shownText: string | null = null;

  constructor(private readonly workbench: FinderWorkbench) {}

  /** Follow the workbench's open document; returns the function that stops following. */
  follow(): () => void {
    const stop = this.workbench.subscribe(this.onWorkbench);
    this.onWorkbench();
    return stop;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FinderSnapshot => this.snapshot;

  attach(display: MatchDisplay | null): void {
    this.display = display;
  }

  /** The display loaded a document afresh, dropping its highlights: draw them again if it is ours. */
  documentShown(text: string): void {
    this.shownText = text;
    if (this.snapshot.open && text === this.docText) this.display?.showMatches(this.matches, this.snapshot.current);
  }

  /** Open the find bar (or focus it again), starting from the selected text when there is a short one. */
  open(): void {
    const selected = this.selectedText();
    this.publish({ open: true, focusRequest: this.snapshot.focusRequest + 1, ...(selected ? { query: selected } : {}) });
    this.search();
  }

  setQuery(query: string): void {
    this.publish({ query });
    this.search();
  }

  setCaseSensitive(caseSensitive: boolean): void {
    this.publish({ caseSensitive });
    this.search();
  }

  /** Go to the next (1) or previous (-1) match, round the end. */
  step(step: 1 | -1): void {
    const count = this.matches.length;
    if (count === 0) return;
    const current = this.snapshot.current < 0 ? 0 : (this.snapshot.current + step + count) % count;
    this.publish({ current });
    this.display?.showCurrentMatch(current);
  }

  /** Close the bar; the current match becomes the selection, ready to be tagged. */
  close(): void {
    if (!this.snapshot.open) return;
    const current = this.matches[this.snapshot.current];
    this.matches = [];
    this.publish({ open: false, count: 0, current: -1, capped: false });
    if (this.isShown()) {
      this.display?.showMatches([], -1);
      if (current) this.display?.revealRange(current);
    }
  }

  /**
   * Go to what the corpus search found: open its document, then select the span (when it is in
   * the layer on show, `ownLayer`) or the text, and scroll it into view.
   */
  async reveal(hit: SearchHit, ownLayer: string | null): Promise<void> {
    if (this.workbench.getSnapshot().document?.id !== hit.docId) await this.workbench.open(hit.docId);
    if (this.workbench.getSnapshot().document?.id !== hit.docId || !this.display) return;
    if (hit.span && hit.span.layer === ownLayer && this.workbench.getSnapshot().spans.some((span) => span.id === hit.span!.id)) {
      this.display.revealSpan(hit.span.id);
    } else {
      this.display.revealRange({ start: hit.start, end: hit.end });
    }
  }

  private onWorkbench = (): void => {
    const text = this.workbench.getSnapshot().document?.text ?? null;
    if (text === this.docText) return;
    this.docText = text;
    if (this.snapshot.open) this.search();
  };

  /** Find the query in the open document and show the matches, the first after the selection or caret current. */
  private search(): void {
    const { query, caseSensitive } = this.snapshot;
    const found = this.docText === null ? [] : findTextMatches(this.docText, query, { caseSensitive, limit: MATCH_LIMIT + 1 });
    const capped = found.length > MATCH_LIMIT;
    this.matches = capped ? found.slice(0, MATCH_LIMIT) : found;
    let current = -1;
    if (this.matches.length > 0) {
      // From the selection when there is one (the bar may have started from it), else the caret.
      const from = this.display?.selectedRange()?.start ?? this.display?.caretOffset() ?? 0;
      const after = this.matches.findIndex((match) => match.end > from);
      current = after === -1 ? 0 : after;
    }
    this.publish({ count: this.matches.length, current, capped });
    if (!this.isShown()) return;
    this.display?.showMatches(this.matches, current);
    if (current >= 0) this.display?.showCurrentMatch(current);
  }

  private isShown(): boolean {
    return this.docText !== null && this.shownText === this.docText;
  }

  private selectedText(): string | null {
    const range = this.display?.selectedRange();
    if (!range || this.docText === null || !this.isShown()) return null;
    const text = [...this.docText].slice(range.start, range.end).join('');
    return text.trim() !== '' && !text.includes('\n') && text.length <= LONGEST_PREFILL ? text : null;
  }

  private publish(changes: Partial<FinderSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of [...this.listeners]) listener();
  }
}
