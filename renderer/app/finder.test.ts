import { describe, expect, it } from 'vitest';
import type { SearchHit, TextRange } from '../../shared/search';
import type { DocumentRecord, Span } from '../../shared/types';
import { Finder, MATCH_LIMIT, type FinderWorkbench, type MatchDisplay } from './finder';

const TEXT = 'Idlib 🚀 was hit. IDLIB again, and idlib once more.';

function doc(id: string, text = TEXT): DocumentRecord {
  return { id, title: id, text, textHash: 'h', meta: {}, importedAt: '' };
}

class FakeWorkbench implements FinderWorkbench {
  state: ReturnType<FinderWorkbench['getSnapshot']> = { document: null, spans: [] };
  readonly opened: string[] = [];
  private readonly listeners = new Set<() => void>();
  constructor(private readonly docs: Record<string, DocumentRecord>) {}
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  getSnapshot() {
    return this.state;
  }
  set(changes: Partial<ReturnType<FinderWorkbench['getSnapshot']>>) {
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }
  async open(docId: string) {
    this.opened.push(docId);
    this.set({ document: this.docs[docId] ?? null });
  }
}

class FakeDisplay implements MatchDisplay {
  matches: readonly TextRange[] = [];
  current = -1;
  revealed: TextRange | string | null = null;
  selection: TextRange | null = null;
  caret = 0;
  showMatches(matches: readonly TextRange[], current: number) {
    this.matches = matches;
    this.current = current;
  }
  showCurrentMatch(index: number) {
    this.current = index;
  }
  revealRange(range: TextRange) {
    this.revealed = range;
  }
  revealSpan(id: string) {
    this.revealed = id;
  }
  selectedRange() {
    return this.selection;
  }
  caretOffset() {
    return this.caret;
  }
}

function setup(docs: Record<string, DocumentRecord> = { d1: doc('d1') }) {
  const workbench = new FakeWorkbench(docs);
  const finder = new Finder(workbench);
  const display = new FakeDisplay();
  finder.follow();
  finder.attach(display);
  finder.documentShown(TEXT);
  workbench.set({ document: docs.d1 ?? null });
  return { workbench, finder, display };
}

describe('Finder', () => {
  it('finds every match in code points, the first after the caret current, and steps round', () => {
    const { finder, display } = setup();
    display.caret = 10;
    finder.open();
    finder.setQuery('idlib');
    expect(display.matches).toEqual([
      { start: 0, end: 5 },
      { start: 17, end: 22 },
      { start: 34, end: 39 },
    ]);
    expect(finder.getSnapshot()).toMatchObject({ open: true, count: 3, current: 1 });
    finder.step(1);
    finder.step(1);
    expect(display.current).toBe(0);
    finder.step(-1);
    expect(finder.getSnapshot().current).toBe(2);
    finder.setCaseSensitive(true);
    expect(finder.getSnapshot()).toMatchObject({ count: 1 });
  });

  it('starts from the selected text and, closed, leaves the current match selected', () => {
    const { finder, display } = setup();
    display.selection = { start: 17, end: 22 };
    finder.open();
    expect(finder.getSnapshot().query).toBe('IDLIB');
    finder.close();
    expect(display.matches).toEqual([]);
    expect(display.revealed).toEqual({ start: 17, end: 22 });
    expect(finder.getSnapshot().open).toBe(false);
  });

  it('caps what it draws for a query that matches everywhere', () => {
    const text = 'a '.repeat(MATCH_LIMIT + 10);
    const { finder } = setup({ d1: doc('d1', text) });
    finder.documentShown(text);
    finder.open();
    finder.setQuery('a');
    expect(finder.getSnapshot()).toMatchObject({ count: MATCH_LIMIT, capped: true });
  });

  it('goes to a corpus hit: opens its document, then selects the span of the own layer or the text', async () => {
    const other = doc('d2', 'Shelling near Idlib.');
    const { finder, workbench, display } = setup({ d1: doc('d1'), d2: other });
    const hit: SearchHit = { docId: 'd2', title: 'd2', start: 14, end: 19, snippet: { before: '', match: 'Idlib', after: '' }, span: { id: 's1', label: 'LOCATION', layer: 'me', layerName: 'Me' } };
    const mine: Span = { id: 's1', start: 14, end: 19, label: 'LOCATION', text: 'Idlib', annotator: 'me', createdAt: '' };
    workbench.open = async (docId) => {
      workbench.opened.push(docId);
      workbench.set({ document: other, spans: [mine] });
    };
    await finder.reveal(hit, 'me');
    expect(workbench.opened).toEqual(['d2']);
    expect(display.revealed).toBe('s1');
    await finder.reveal(hit, 'someone-else');
    expect(workbench.opened).toEqual(['d2']);
    expect(display.revealed).toEqual({ start: 14, end: 19 });
  });
});
