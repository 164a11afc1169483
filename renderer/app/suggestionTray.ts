/**
 * The suggestions of the open document, on their way to being accepted or rejected. They are
 * fetched when a document opens and again shortly after its spans change (an accepted span can
 * make new ones, "tag every mention"); in between, what the spans now cover or the annotator
 * turned down is taken out once the frame showing the edit is painted: a long article has
 * thousands of suggestions, and filtering and publishing them in the keypress's own task would
 * hold up the highlight the keypress made. What reads the list settles that first. Accepting is an ordinary add through the workbench, so it
 * shows at once and is undone like any edit; a rejection is sent to be remembered.
 */
import type { SpanwiseApi } from '../../shared/api';
import type { Suggestion } from '../../shared/suggest/suggestion';
import { acceptedSpan, openSuggestions, suggestionKey, type OccurrenceSearch } from '../../shared/suggestions';
import type { NewSpan, Span } from '../../shared/types';
import type { ShownSuggestion } from '../editor/suggestionMarks';
import { errorMessage } from './errorMessage';
import type { Notice, WorkbenchSnapshot } from './workbench';

/** What the tray needs from the article display. */
export interface SuggestionDisplay {
  showSuggestions(suggestions: readonly ShownSuggestion[]): void;
  /** Outline this suggestion (null: none), drop the span selection and scroll it into view. */
  focusSuggestion(key: string | null): void;
  setSuggestionsVisible(visible: boolean): void;
  /** Where the caret is, in code points. */
  caretOffset(): number;
}

export type TrayApi = Pick<SpanwiseApi, 'getSuggestions' | 'rejectSuggestion' | 'suggestOccurrences' | 'editSpans'>;
/** What the tray needs from the workbench (which holds the open document and its spans). */
export interface TrayWorkbench {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Pick<WorkbenchSnapshot, 'document' | 'spans' | 'selectedSpanId'>;
  addSpans(spans: NewSpan[]): boolean;
  say(text: string, tone: Notice['tone']): void;
  idle(): Promise<void>;
}

/** "Tag all occurrences" across the corpus, found and waiting for the annotator to say yes. */
export interface PendingOccurrences {
  text: string;
  label: string;
  found: OccurrenceSearch;
  /** How many occurrences, in how many documents. */
  count: number;
}

export interface TraySnapshot {
  docId: string | null;
  /** The open suggestions, in document order. */
  suggestions: readonly Suggestion[];
  focusedKey: string | null;
  visible: boolean;
  loading: boolean;
  pendingCorpus: PendingOccurrences | null;
}

/** After the last span change, wait this long before asking for suggestions again. */
export const REFETCH_DELAY_MS = 250;
const VISIBLE_SETTING = 'spanwise.suggestions.visible';

export class SuggestionTray {
  private snapshot: TraySnapshot = { docId: null, suggestions: [], focusedKey: null, visible: true, loading: false, pendingCorpus: null };
  private readonly listeners = new Set<() => void>();
  private display: SuggestionDisplay | null = null;
  /** What the service offered for the open document, before local filtering. */
  private offered: readonly Suggestion[] = [];
  /** The text the display shows, so a reload of the same document gets its suggestions back. */
  private shownText: string | null = null;
  private docText: string | null = null;
  private spans: readonly Span[] = [];
  /** Rejections sent and not yet reflected in an answer of the service. */
  private readonly rejected = new Map<string, Suggestion>();
  private fetchTicket = 0;
  private refetchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Cancels the refresh waiting for the next frame; null when none is waiting. */
  private cancelRefresh: (() => void) | null = null;

  constructor(
    private readonly api: TrayApi,
    private readonly workbench: TrayWorkbench,
    private readonly settings: Pick<Storage, 'getItem' | 'setItem'> | null = typeof localStorage === 'undefined' ? null : localStorage,
  ) {
    this.snapshot = { ...this.snapshot, visible: settings?.getItem(VISIBLE_SETTING) !== 'false' };
  }

  /** Follow the workbench's open document; returns the function that stops following. */
  follow(): () => void {
    const stop = this.workbench.subscribe(this.onWorkbench);
    this.onWorkbench();
    return () => {
      stop();
      clearTimeout(this.refetchTimer);
      this.cancelRefresh?.();
      this.cancelRefresh = null;
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TraySnapshot => this.snapshot;

  /** Draw on this display (null when it goes away). */
  attach(display: SuggestionDisplay | null): void {
    this.display = display;
    this.redraw();
  }

  /** The display loaded a document afresh (which drops what it drew): draw again if it is ours. */
  documentShown(text: string): void {
    this.shownText = text;
    this.redraw();
  }

  /** The focused suggestion, if any. */
  focused(): Suggestion | null {
    const key = this.snapshot.focusedKey;
    return key === null ? null : (this.snapshot.suggestions.find((s) => suggestionKey(s) === key) ?? null);
  }

  /** Focus the next (1) or previous (-1) suggestion after the focused one, or after the caret. */
  step(step: 1 | -1): void {
    if (!this.usable()) return;
    this.settle();
    const list = this.snapshot.suggestions;
    if (list.length === 0) {
      this.workbench.say('No suggestions in this document.', 'info');
      return;
    }
    const at = list.findIndex((s) => suggestionKey(s) === this.snapshot.focusedKey);
    let next: number;
    if (at >= 0) next = (at + step + list.length) % list.length;
    else {
      const caret = this.display?.caretOffset() ?? 0;
      const after = list.findIndex((s) => s.start >= caret);
      next = step === 1 ? (after === -1 ? 0 : after) : (after <= 0 ? list.length : after) - 1;
    }
    this.focus(suggestionKey(list[next]!));
  }

  /** Accept a suggestion (the focused one by default) into the annotator's layer, and focus the next. */
  accept(key: string | null = this.snapshot.focusedKey): void {
    this.settle();
    const suggestion = key === null ? undefined : this.snapshot.suggestions.find((s) => suggestionKey(s) === key);
    if (!suggestion) {
      this.workbench.say('No suggestion is focused: N goes to the next one.', 'info');
      return;
    }
    const following = this.following(suggestion);
    if (this.workbench.addSpans([newSpanOf(suggestion)]) && following) this.focus(following);
  }

  /** Reject a suggestion (the focused one by default): it goes, and is never offered again here. */
  reject(key: string | null = this.snapshot.focusedKey): void {
    this.settle();
    const suggestion = key === null ? undefined : this.snapshot.suggestions.find((s) => suggestionKey(s) === key);
    const docId = this.snapshot.docId;
    if (!suggestion || docId === null) {
      this.workbench.say('No suggestion is focused: N goes to the next one.', 'info');
      return;
    }
    const following = this.following(suggestion);
    const rejectedKey = suggestionKey(suggestion);
    this.rejected.set(rejectedKey, suggestion);
    this.refreshSoon();
    if (following) this.focus(following);
    const { start, end, label } = suggestion;
    this.api.rejectSuggestion(docId, { start, end, label }).catch((error: unknown) => {
      this.rejected.delete(rejectedKey);
      if (this.snapshot.docId === docId) this.refresh();
      this.workbench.say(`The rejection was not saved: ${errorMessage(error)}`, 'error');
    });
  }

  /** Drop the focus from the suggestion, as Escape does. */
  unfocus(): void {
    if (this.snapshot.focusedKey !== null) this.focus(null);
  }

  /** Show or hide the suggestions; remembered on this computer. */
  toggleVisible(): void {
    const visible = !this.snapshot.visible;
    this.settings?.setItem(VISIBLE_SETTING, String(visible));
    this.publish({ visible, focusedKey: visible ? this.snapshot.focusedKey : null });
    this.display?.setSuggestionsVisible(visible);
    this.workbench.say(visible ? 'Suggestions shown.' : 'Suggestions hidden: Shift+S shows them again.', 'info');
  }

  /**
   * "Tag all occurrences" of the selected span's text with its label. In the document they are
   * tagged at once, in one undoable step; across the corpus they wait for `confirmCorpus`.
   */
  async tagOccurrences(scope: 'document' | 'corpus'): Promise<void> {
    const { document, selectedSpanId, spans } = this.workbench.getSnapshot();
    const span = spans.find((each) => each.id === selectedSpanId);
    if (!document || !span) {
      this.workbench.say('Select a span first (Tab or a click): O then tags the other places its text occurs.', 'info');
      return;
    }
    // The service looks the span up in the saved layer, so a span just made must be saved first.
    await this.workbench.idle();
    let found: OccurrenceSearch;
    try {
      found = await this.api.suggestOccurrences(document.id, span.id, scope);
    } catch (error) {
      this.workbench.say(`Could not look for other occurrences: ${errorMessage(error)}`, 'error');
      return;
    }
    const count = found.documents.reduce((sum, batch) => sum + batch.suggestions.length, 0);
    const where = scope === 'document' ? 'in this document' : 'in any document';
    if (count === 0) {
      this.workbench.say(`No other untagged “${span.text}” ${where}.`, 'info');
      return;
    }
    if (scope === 'corpus') {
      this.publish({ pendingCorpus: { text: span.text, label: span.label, found, count } });
      return;
    }
    const batch = found.documents.find((each) => each.docId === document.id)?.suggestions ?? [];
    if (this.workbench.addSpans(batch.map(newSpanOf))) {
      this.workbench.say(`Tagged ${plural(batch.length, 'more occurrence')} of “${span.text}” as ${span.label}. Ctrl+Z undoes it.`, 'info');
    }
  }

  /** Tag the occurrences found across the corpus: one undoable batch per document. */
  async confirmCorpus(): Promise<void> {
    const pending = this.snapshot.pendingCorpus;
    if (!pending) return;
    this.publish({ pendingCorpus: null });
    const openId = this.workbench.getSnapshot().document?.id;
    let tagged = 0;
    let documents = 0;
    for (const batch of pending.found.documents) {
      const spans = batch.suggestions.map(newSpanOf);
      try {
        if (batch.docId === openId) {
          if (!this.workbench.addSpans(spans)) continue;
        } else {
          await this.api.editSpans(batch.docId, spans.map((span) => ({ op: 'add', span })));
        }
      } catch (error) {
        this.workbench.say(`Stopped after ${plural(documents, 'document')}: “${batch.title}” could not be tagged: ${errorMessage(error)}`, 'error');
        return;
      }
      tagged += spans.length;
      documents++;
    }
    this.workbench.say(`Tagged ${plural(tagged, 'occurrence')} of “${pending.text}” as ${pending.label} in ${plural(documents, 'document')}. Ctrl+Z undoes it in each.`, 'info');
  }

  cancelCorpus(): void {
    this.publish({ pendingCorpus: null });
  }

  private onWorkbench = (): void => {
    const { document, spans, selectedSpanId } = this.workbench.getSnapshot();
    const docId = document?.id ?? null;
    if (docId !== this.snapshot.docId) {
      clearTimeout(this.refetchTimer);
      this.cancelRefresh?.();
      this.cancelRefresh = null;
      this.offered = [];
      this.rejected.clear();
      this.spans = spans;
      this.docText = document?.text ?? null;
      this.publish({ docId, suggestions: [], focusedKey: null, pendingCorpus: null });
      this.redraw();
      if (docId !== null) void this.fetch(docId);
      return;
    }
    if (spans !== this.spans) {
      this.spans = spans;
      this.refreshSoon();
      if (docId !== null) this.scheduleRefetch(docId);
    }
    // A selected span and a focused suggestion would both claim Enter and Delete.
    if (selectedSpanId !== null && this.snapshot.focusedKey !== null) this.focus(null);
  };

  private scheduleRefetch(docId: string): void {
    clearTimeout(this.refetchTimer);
    this.refetchTimer = setTimeout(() => void this.fetch(docId), REFETCH_DELAY_MS);
  }

  private async fetch(docId: string): Promise<void> {
    const ticket = ++this.fetchTicket;
    this.publish({ loading: true });
    try {
      await this.workbench.idle();
      // Not before the document is painted: working out a long article's suggestions takes the
      // service a while, on the same cores as the renderer laying the article out.
      await new Promise<void>((resolve) => afterNextFrame(resolve));
      if (ticket !== this.fetchTicket) return;
      const offered = await this.api.getSuggestions(docId);
      if (ticket !== this.fetchTicket || docId !== this.snapshot.docId) return;
      this.offered = offered;
      // What the service now knows of is in its answer; only later rejections are still ours to apply.
      const known = new Set(offered.map(suggestionKey));
      for (const key of [...this.rejected.keys()]) if (!known.has(key)) this.rejected.delete(key);
      this.refresh();
    } catch (error) {
      if (ticket === this.fetchTicket) this.workbench.say(`Could not get suggestions: ${errorMessage(error)}`, 'error');
    } finally {
      if (ticket === this.fetchTicket) this.publish({ loading: false });
    }
  }

  /** Refresh once the next frame is painted (at most once per frame, however many edits come). */
  private refreshSoon(): void {
    if (this.cancelRefresh === null) this.cancelRefresh = afterNextFrame(() => this.refresh());
  }

  /** Refresh now if a refresh is waiting, so what reads the list sees every edit so far. */
  private settle(): void {
    if (this.cancelRefresh !== null) this.refresh();
  }

  /** Work out the open suggestions again and draw them. */
  private refresh(): void {
    this.cancelRefresh?.();
    this.cancelRefresh = null;
    const suggestions = openSuggestions(this.offered, this.spans, [...this.rejected.values()]);
    const focusedKey = suggestions.some((s) => suggestionKey(s) === this.snapshot.focusedKey) ? this.snapshot.focusedKey : null;
    this.publish({ suggestions, focusedKey });
    this.redraw();
  }

  private focus(key: string | null): void {
    this.publish({ focusedKey: key });
    this.display?.focusSuggestion(key);
  }

  /** The suggestion to go on to once this one is dealt with. */
  private following(suggestion: Suggestion): string | null {
    const list = this.snapshot.suggestions;
    const at = list.indexOf(suggestion);
    const next = list[at + 1] ?? (at > 0 ? list[0] : undefined);
    return next && next !== suggestion ? suggestionKey(next) : null;
  }

  private usable(): boolean {
    if (this.snapshot.docId === null) {
      this.workbench.say('Open a document first.', 'info');
      return false;
    }
    if (!this.snapshot.visible) {
      this.workbench.say('Suggestions are hidden: Shift+S shows them.', 'info');
      return false;
    }
    return true;
  }

  /** Put what the tray holds on the display, when the display shows the tray's document. */
  private redraw(): void {
    const display = this.display;
    if (!display || this.shownText === null) return;
    const ours = this.docText !== null && this.shownText === this.docText;
    display.showSuggestions(ours ? this.snapshot.suggestions : []);
    display.setSuggestionsVisible(this.snapshot.visible);
    if (ours) display.focusSuggestion(this.snapshot.focusedKey);
  }

  private publish(changes: Partial<TraySnapshot>): void {
    this.snapshot = { ...this.snapshot, ...changes };
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * Run `task` in a task of its own after the next animation frame, so after the browser has
 * painted what the current task changed; where there are no frames, as in Node, after a 0 ms
 * timer. Returns the function that cancels it.
 */
function afterNextFrame(task: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    const timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

function newSpanOf(suggestion: Suggestion): NewSpan {
  return acceptedSpan(suggestion, `s-${crypto.randomUUID()}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
