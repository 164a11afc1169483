import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Suggestion } from '../../shared/suggest/suggestion';
import { suggestionKey, type OccurrenceSearch } from '../../shared/suggestions';
import type { DocumentRecord, EditResult, NewSpan, Span, SpanEdit } from '../../shared/types';
import type { ShownSuggestion } from '../editor/suggestionMarks';
import { REFETCH_DELAY_MS, SuggestionTray, type SuggestionDisplay, type TrayApi, type TrayWorkbench } from './suggestionTray';

const TEXT = 'Shelling hit Idlib on Tuesday. At least two civilians were killed in Idlib.';

function doc(id: string, text = TEXT): DocumentRecord {
  return { id, title: id, text, textHash: 'h', meta: {}, importedAt: '' };
}

function suggestion(start: number, end: number, label: string, extra: Partial<Suggestion> = {}): Suggestion {
  return { start, end, label, source: 'rule', score: 0.8, text: TEXT.slice(start, end), ...extra };
}

function span(id: string, start: number, end: number, label: string): Span {
  return { id, start, end, label, text: TEXT.slice(start, end), annotator: 'a', createdAt: '' };
}

const IDLIB = suggestion(13, 18, 'LOCATION');
const TUESDAY = suggestion(22, 29, 'DATE', { attributes: { value: '2024-03-12' } });
const FIGURE = suggestion(31, 53, 'CASUALTY');
const IDLIB_2 = suggestion(69, 74, 'LOCATION');

class FakeWorkbench implements TrayWorkbench {
  state: ReturnType<TrayWorkbench['getSnapshot']> = { document: null, spans: [], selectedSpanId: null };
  readonly added: NewSpan[][] = [];
  readonly said: string[] = [];
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  getSnapshot() {
    return this.state;
  }
  set(changes: Partial<ReturnType<TrayWorkbench['getSnapshot']>>) {
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }
  addSpans(spans: NewSpan[]) {
    this.added.push(spans);
    const made = spans.map((s) => span(s.id, s.start, s.end, s.label));
    this.set({ spans: [...this.state.spans, ...made] });
    return true;
  }
  say(text: string) {
    this.said.push(text);
  }
  idle() {
    return Promise.resolve();
  }
}

class FakeDisplay implements SuggestionDisplay {
  shown: readonly ShownSuggestion[] = [];
  focused: string | null = null;
  visible = true;
  caret = 0;
  showSuggestions(suggestions: readonly ShownSuggestion[]) {
    this.shown = suggestions;
  }
  focusSuggestion(key: string | null) {
    this.focused = key;
  }
  setSuggestionsVisible(visible: boolean) {
    this.visible = visible;
  }
  caretOffset() {
    return this.caret;
  }
}

const RESULT: EditResult = { spans: [], status: 'in-progress', canUndo: true, canRedo: false };

function fakeApi(offered: Record<string, Suggestion[]>) {
  const calls = { getSuggestions: 0, rejected: [] as unknown[], edits: [] as Array<[string, SpanEdit[]]> };
  let occurrences: OccurrenceSearch = { documents: [], truncated: false };
  let rejectFails = false;
  const api: TrayApi = {
    getSuggestions: async (docId) => {
      calls.getSuggestions++;
      return offered[docId] ?? [];
    },
    rejectSuggestion: async (_docId, range) => {
      calls.rejected.push(range);
      if (rejectFails) throw new Error('disk full');
      return RESULT;
    },
    suggestOccurrences: async () => occurrences,
    editSpans: async (docId, edits) => {
      calls.edits.push([docId, edits]);
      return RESULT;
    },
  };
  return {
    api,
    calls,
    setOccurrences: (found: OccurrenceSearch) => (occurrences = found),
    failRejections: () => (rejectFails = true),
  };
}

/** A tray following a workbench with document `d1` open, its suggestions fetched and drawn. */
async function openTray(offered: Suggestion[] = [IDLIB, TUESDAY, FIGURE, IDLIB_2]) {
  const workbench = new FakeWorkbench();
  const server = fakeApi({ d1: offered });
  const settings = new Map<string, string>();
  const tray = new SuggestionTray(server.api, workbench, { getItem: (k) => settings.get(k) ?? null, setItem: (k, v) => settings.set(k, v) });
  const display = new FakeDisplay();
  tray.follow();
  tray.attach(display);
  tray.documentShown(TEXT);
  workbench.set({ document: doc('d1') });
  await vi.waitFor(() => expect(tray.getSnapshot().suggestions).toHaveLength(offered.length));
  return { tray, workbench, display, server, settings };
}

const keys = (list: readonly { start: number; end: number; label: string }[]) => list.map(suggestionKey);

/** Let the frame after an edit pass, when the tray takes out what the edit settled. */
const nextFrame = () => vi.advanceTimersByTimeAsync(20);

describe('SuggestionTray', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fetches the suggestions of the opened document and draws them', async () => {
    const { display, server } = await openTray();
    expect(keys(display.shown)).toEqual(keys([IDLIB, TUESDAY, FIGURE, IDLIB_2]));
    expect(server.calls.getSuggestions).toBe(1);
  });

  it('takes out what a new span covers after the frame showing it, then asks again once the edits pause', async () => {
    const { tray, workbench, display, server } = await openTray();
    workbench.set({ spans: [span('s1', 13, 18, 'LOCATION')] });
    // Not in the edit's own task: the highlight it makes comes first.
    expect(keys(display.shown)).toContain(suggestionKey(IDLIB));
    await nextFrame();
    expect(keys(tray.getSnapshot().suggestions)).toEqual(keys([TUESDAY, FIGURE, IDLIB_2]));
    expect(keys(display.shown)).toEqual(keys([TUESDAY, FIGURE, IDLIB_2]));
    // A span of another label over the same words leaves a suggestion of its own label alone.
    workbench.set({ spans: [...workbench.state.spans, span('s2', 31, 53, 'ACTOR')] });
    await nextFrame();
    expect(keys(tray.getSnapshot().suggestions)).toContain(suggestionKey(FIGURE));
    expect(server.calls.getSuggestions).toBe(1);
    await vi.advanceTimersByTimeAsync(REFETCH_DELAY_MS + 10);
    expect(server.calls.getSuggestions).toBe(2);
  });

  it('filters once for several edits within a frame, and at once when the list is read before it', async () => {
    const { tray, workbench, display } = await openTray();
    let drawn = 0;
    const show = display.showSuggestions.bind(display);
    display.showSuggestions = (list) => {
      drawn++;
      show(list);
    };
    workbench.set({ spans: [span('s1', 13, 18, 'LOCATION')] });
    workbench.set({ spans: [...workbench.state.spans, span('s2', 22, 29, 'DATE')] });
    await nextFrame();
    expect(drawn).toBe(1);
    expect(keys(display.shown)).toEqual(keys([FIGURE, IDLIB_2]));
    // A key pressed before the frame (N right after a tag) sees the edit already.
    workbench.set({ spans: [...workbench.state.spans, span('s3', 31, 53, 'CASUALTY')] });
    display.caret = 0;
    tray.step(1);
    expect(tray.getSnapshot().focusedKey).toBe(suggestionKey(IDLIB_2));
    expect(drawn).toBe(2);
    await nextFrame();
    expect(drawn).toBe(2);
  });

  it('goes from the caret to the next suggestion and round the end, and back', async () => {
    const { tray, display } = await openTray();
    display.caret = 20;
    tray.step(1);
    expect(display.focused).toBe(suggestionKey(TUESDAY));
    tray.step(1);
    tray.step(1);
    expect(display.focused).toBe(suggestionKey(IDLIB_2));
    tray.step(1);
    expect(display.focused).toBe(suggestionKey(IDLIB));
    tray.step(-1);
    expect(display.focused).toBe(suggestionKey(IDLIB_2));
    tray.unfocus();
    display.caret = 20;
    tray.step(-1);
    expect(display.focused).toBe(suggestionKey(IDLIB));
  });

  it('accepts the focused suggestion as a span with its attributes, then focuses the next', async () => {
    const { tray, workbench, display } = await openTray();
    display.caret = 20;
    tray.step(1);
    tray.accept();
    expect(workbench.added).toEqual([[{ id: expect.stringMatching(/^s-/), start: 22, end: 29, label: 'DATE', attributes: { value: '2024-03-12' } }]]);
    await nextFrame();
    expect(keys(tray.getSnapshot().suggestions)).not.toContain(suggestionKey(TUESDAY));
    expect(tray.getSnapshot().focusedKey).toBe(suggestionKey(FIGURE));
    expect(display.focused).toBe(suggestionKey(FIGURE));
  });

  it('rejects at once and sends the rejection; puts it back and says so when it cannot be saved', async () => {
    const { tray, server, workbench } = await openTray();
    tray.reject(suggestionKey(FIGURE));
    await nextFrame();
    expect(keys(tray.getSnapshot().suggestions)).not.toContain(suggestionKey(FIGURE));
    expect(server.calls.rejected).toEqual([{ start: 31, end: 53, label: 'CASUALTY' }]);

    server.failRejections();
    tray.reject(suggestionKey(IDLIB));
    await vi.waitFor(() => expect(keys(tray.getSnapshot().suggestions)).toContain(suggestionKey(IDLIB)));
    expect(workbench.said.at(-1)).toMatch(/rejection was not saved: disk full/);
  });

  it('keeps a rejection applied when an answer fetched before it still offers the suggestion', async () => {
    const { tray, workbench } = await openTray();
    tray.reject(suggestionKey(TUESDAY));
    workbench.set({ spans: [span('s1', 0, 8, 'ACTOR')] });
    await vi.advanceTimersByTimeAsync(REFETCH_DELAY_MS + 10);
    expect(keys(tray.getSnapshot().suggestions)).not.toContain(suggestionKey(TUESDAY));
  });

  it('drops an answer for a document that is no longer open, and draws nothing on another text', async () => {
    const { tray, workbench, display } = await openTray();
    tray.documentShown('another text');
    workbench.set({ document: doc('d2', 'another text'), spans: [] });
    expect(display.shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(10);
    expect(tray.getSnapshot()).toMatchObject({ docId: 'd2', suggestions: [] });
  });

  it('hides and shows the suggestions, remembering the choice', async () => {
    const { tray, display, settings } = await openTray();
    tray.step(1);
    tray.toggleVisible();
    expect(display.visible).toBe(false);
    expect(tray.getSnapshot().focusedKey).toBeNull();
    expect(settings.get('spanwise.suggestions.visible')).toBe('false');
    tray.step(1);
    expect(tray.getSnapshot().focusedKey).toBeNull();
    tray.toggleVisible();
    expect(display.visible).toBe(true);
  });

  it('gives the focus up when a span is selected, since both would answer Enter', async () => {
    const { tray, workbench } = await openTray();
    tray.step(1);
    expect(tray.focused()).not.toBeNull();
    workbench.set({ spans: [span('s9', 0, 8, 'ACTOR')], selectedSpanId: 's9' });
    expect(tray.focused()).toBeNull();
  });

  it('tags every other occurrence in the document in one batch', async () => {
    const { tray, workbench, server } = await openTray([]);
    workbench.set({ spans: [span('s1', 13, 18, 'LOCATION')], selectedSpanId: 's1' });
    server.setOccurrences({ documents: [{ docId: 'd1', title: 'd1', suggestions: [IDLIB_2] }], truncated: false });
    await tray.tagOccurrences('document');
    expect(workbench.added).toEqual([[expect.objectContaining({ start: 69, end: 74, label: 'LOCATION' })]]);
    expect(workbench.said.at(-1)).toContain('Tagged 1 more occurrence of “Idlib” as LOCATION');
  });

  it('asks before tagging across the corpus, then tags each document in one batch', async () => {
    const { tray, workbench, server } = await openTray([]);
    workbench.set({ spans: [span('s1', 13, 18, 'LOCATION')], selectedSpanId: 's1' });
    const other = { ...IDLIB, start: 3, end: 8 };
    server.setOccurrences({
      documents: [
        { docId: 'd1', title: 'd1', suggestions: [IDLIB_2] },
        { docId: 'd2', title: 'd2', suggestions: [other, { ...other, start: 20, end: 25 }] },
      ],
      truncated: false,
    });
    await tray.tagOccurrences('corpus');
    expect(tray.getSnapshot().pendingCorpus).toMatchObject({ text: 'Idlib', label: 'LOCATION', count: 3 });
    expect(workbench.added).toEqual([]);
    await tray.confirmCorpus();
    expect(workbench.added).toHaveLength(1);
    expect(server.calls.edits).toEqual([['d2', [expect.objectContaining({ op: 'add' }), expect.objectContaining({ op: 'add' })]]]);
    expect(workbench.said.at(-1)).toContain('Tagged 3 occurrences of “Idlib” as LOCATION in 2 documents');
    expect(tray.getSnapshot().pendingCorpus).toBeNull();
  });

  it('says what to do when nothing is selected or focused', async () => {
    const { tray, workbench } = await openTray();
    await tray.tagOccurrences('document');
    expect(workbench.said.at(-1)).toMatch(/Select a span first/);
    tray.accept();
    expect(workbench.said.at(-1)).toMatch(/No suggestion is focused/);
  });
});
